/**
 * The workflow buttons of a problem, each shown as its ability allows and asking for the text it needs:
 * record progress, escalate, 挂牌督办 and lifting it, resolve, verify and close (销号), reopen.
 */
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { showFieldError } from '../../forms.ts';
import type { ProblemAbilities, ProblemDetail } from '../../types.ts';

/** One action: the ability it needs, the endpoint after `/api/problems/:id/`, and the text field it sends. */
interface Action {
  key: 'progress' | 'escalate' | 'flag' | 'unflag' | 'resolve' | 'close' | 'reopen';
  ability: keyof ProblemAbilities;
  field: 'comment' | 'reason' | 'resolution';
  required: boolean;
  /** Close also takes the 回头看 date. */
  followUpDate?: boolean;
  danger?: boolean;
}

const actions: Action[] = [
  { key: 'progress', ability: 'progress', field: 'comment', required: true },
  { key: 'escalate', ability: 'escalate', field: 'reason', required: true },
  { key: 'flag', ability: 'flag', field: 'reason', required: true, danger: true },
  { key: 'unflag', ability: 'unflag', field: 'reason', required: true },
  { key: 'resolve', ability: 'resolve', field: 'resolution', required: true },
  { key: 'close', ability: 'close', field: 'comment', required: false, followUpDate: true },
  { key: 'reopen', ability: 'reopen', field: 'reason', required: true, danger: true },
];

interface Props {
  problem: ProblemDetail;
  onDone: (problem: ProblemDetail) => void;
}

/** The buttons and the one dialog they open. */
export function ProblemActions({ problem, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string>>();
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const available = actions.filter((candidate) => problem.abilities[candidate.ability]);

  async function send() {
    if (!action) return;
    const values = await form.validateFields();
    const body: Record<string, string> = {};
    const text = values[action.field]?.trim();
    if (text) body[action.field] = text;
    if (action.followUpDate && values.followUpOn) body.followUpOn = values.followUpOn;
    setBusy(true);
    try {
      onDone(await api.post<ProblemDetail>(`/api/problems/${problem.id}/${action.key}`, body));
      message.success(t(`problemActions.${action.key}Done`));
      setAction(null);
      form.resetFields();
    } catch (error) {
      if (!showFieldError(form, error, [action.field, 'followUpOn'])) message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  if (available.length === 0) return null;
  return (
    <>
      <Space wrap>
        {available.map((candidate) => (
          <Button key={candidate.key} danger={candidate.danger} onClick={() => setAction(candidate)} data-testid={`problem-action-${candidate.key}`}>
            {t(`problemActions.${candidate.key}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={action !== null}
        title={action && t(`problemActions.${action.key}`)}
        okText={t('common.save')}
        confirmLoading={busy}
        onOk={() => void send()}
        onCancel={() => setAction(null)}
        destroyOnHidden
        data-testid="problem-action-modal"
      >
        {action && (
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item name={action.field} label={t(`problemActions.${action.key}Field`)} rules={action.required ? [{ required: true, whitespace: true, message: t('problemActions.required') }] : []}>
              <Input.TextArea rows={4} maxLength={action.field === 'resolution' ? 4000 : 1000} showCount data-testid="problem-action-text" />
            </Form.Item>
            {action.followUpDate && (
              <Form.Item name="followUpOn" label={t('problemActions.followUpOn')} extra={t('problemActions.followUpHint')}>
                <Input type="date" style={{ width: 200 }} />
              </Form.Item>
            )}
          </Form>
        )}
      </Modal>
    </>
  );
}
