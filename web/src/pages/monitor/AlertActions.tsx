/**
 * What can be done with an alert, each button shown as the alert's abilities allow: acknowledge (you become
 * its owner), record an action taken, close with the outcome and whether the signal was real, dismiss with
 * the reason. Each opens one dialog asking for what its endpoint needs.
 */
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { showFieldError } from '../../forms.ts';
import type { AlertDetail } from './types.ts';

/** One action: the ability it needs, the path after `/api/monitor/alerts/:id/`, and its text field. */
interface Action {
  key: 'acknowledge' | 'recordAction' | 'close' | 'dismiss';
  path: string;
  field: 'note' | 'outcome' | 'reason';
  required: boolean;
  danger?: boolean;
}

const actions: Action[] = [
  { key: 'acknowledge', path: 'acknowledge', field: 'note', required: false },
  { key: 'recordAction', path: 'actions', field: 'note', required: true },
  { key: 'close', path: 'close', field: 'outcome', required: true },
  { key: 'dismiss', path: 'dismiss', field: 'reason', required: true, danger: true },
];

interface Props {
  alert: AlertDetail;
  onDone: (alert: AlertDetail) => void;
}

/** The buttons and the dialog. */
export function AlertActions({ alert, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string; outcome?: string; reason?: string; wasReal?: boolean }>();
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const available = actions.filter((candidate) => alert.abilities[candidate.key]);

  async function send() {
    if (!action) return;
    const values = await form.validateFields();
    const body: Record<string, unknown> = {};
    const text = values[action.field]?.trim();
    if (text) body[action.field] = text;
    if (action.key === 'close') body.wasReal = values.wasReal;
    setBusy(true);
    try {
      onDone(await api.post<AlertDetail>(`/api/monitor/alerts/${alert.id}/${action.path}`, body));
      message.success(t(`alertActions.${action.key}Done`));
      setAction(null);
    } catch (error) {
      if (!showFieldError(form, error, [action.field, 'wasReal'])) message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  if (available.length === 0) return null;
  return (
    <>
      <Space wrap>
        {available.map((candidate) => (
          <Button key={candidate.key} danger={candidate.danger} type={candidate.key === 'acknowledge' ? 'primary' : 'default'} onClick={() => setAction(candidate)} data-testid={`alert-action-${candidate.key}`}>
            {t(`alertActions.${candidate.key}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={action !== null}
        title={action && t(`alertActions.${action.key}`)}
        okText={t('common.save')}
        confirmLoading={busy}
        onOk={() => void send()}
        onCancel={() => setAction(null)}
        destroyOnHidden
        data-testid="alert-action-modal"
      >
        {action && (
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item
              name={action.field}
              label={t(`alertActions.${action.key}Field`)}
              rules={action.required ? [{ required: true, whitespace: true, message: t('alertActions.required') }] : []}
            >
              <Input.TextArea rows={4} maxLength={action.field === 'reason' ? 1000 : 2000} showCount data-testid="alert-action-text" />
            </Form.Item>
            {action.key === 'close' && (
              <Form.Item name="wasReal" label={t('alertActions.wasReal')} rules={[{ required: true, message: t('alertActions.wasRealRequired') }]} extra={t('alertActions.wasRealHint')}>
                <Radio.Group data-testid="alert-action-was-real">
                  <Radio value={true} data-testid="alert-was-real-yes">{t('alertActions.real')}</Radio>
                  <Radio value={false} data-testid="alert-was-real-no">{t('alertActions.falseAlarm')}</Radio>
                </Radio.Group>
              </Form.Item>
            )}
          </Form>
        )}
      </Modal>
    </>
  );
}
