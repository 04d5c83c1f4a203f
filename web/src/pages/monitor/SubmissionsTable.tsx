/**
 * Filed forms in the user's reach (`GET /api/monitor/submissions`), with approve (locks the figures) and
 * return (with what must change) where the submission's abilities allow.
 */
import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { submissionStatuses } from '../../../../src/contracts/monitor-constants.ts';
import { api, apiUrl, errorMessage } from '../../api.ts';
import { pagedTableProps } from '../../components/pagedTableProps.ts';
import { formatDateTime } from '../../format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { periodText } from './periods.ts';
import type { Page } from '../../types.ts';
import type { SubmissionStatus, SubmissionView } from './types.ts';

interface Props {
  formId: string | undefined;
  period: string | undefined;
  /** Changes when a filing elsewhere on the page should show up here. */
  reloadKey: number;
}

const pageSize = 10;
const statusColours: Record<SubmissionStatus, string> = { submitted: 'blue', approved: 'green', returned: 'red' };
type Decision = { submission: SubmissionView; action: 'approve' | 'return' };

/** The table with its status filter and the decision dialog. */
export function SubmissionsTable({ formId, period, reloadKey }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<SubmissionView['status'] | undefined>();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const [commentForm] = Form.useForm<{ comment?: string }>();
  const { data, loading, reload } = useFetch<Page<SubmissionView>>(
    apiUrl('/api/monitor/submissions', { form: formId, period, status, limit: pageSize, offset: (page - 1) * pageSize }),
    reloadKey,
  );

  useEffect(() => setPage(1), [formId, period, status]);

  async function decide() {
    if (!decision) return;
    const { comment } = await commentForm.validateFields();
    setBusy(true);
    try {
      await api.post(`/api/monitor/submissions/${decision.submission.id}/${decision.action}`, comment?.trim() ? { comment: comment.trim() } : {});
      message.success(t(`monitorEntry.${decision.action}Done`));
      setDecision(null);
      reload();
    } catch (failure) {
      message.error(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Select<SubmissionView['status']>
          allowClear
          style={{ width: 140 }}
          placeholder={t('monitorEntry.anyStatus')}
          value={status}
          onChange={setStatus}
          options={submissionStatuses.map((value) => ({ value, label: t(`submissionStatuses.${value}`) }))}
          data-testid="submissions-status"
        />
      </Space>
      <Table<SubmissionView>
        size="small"
        data-testid="submissions-table"
        {...pagedTableProps({ data, loading, page, pageSize, setPage })}
        columns={[
          { title: t('monitorEntry.form'), dataIndex: 'formName' },
          { title: t('monitorEntry.filedFor'), key: 'target', render: (_, row) => [row.regionName, row.subjectName].filter(Boolean).join(' · ') },
          { title: t('monitor.period'), dataIndex: 'period', render: (value: string) => periodText(value, currentLocale()) },
          {
            title: t('monitorEntry.status'),
            key: 'status',
            render: (_, row) => (
              <Space size={4}>
                <Tag color={statusColours[row.status]} data-testid="submission-status">{t(`submissionStatuses.${row.status}`)}</Tag>
                {row.late && <Tag color="orange">{t('monitorEntry.late')}</Tag>}
              </Space>
            ),
          },
          { title: t('monitorEntry.submittedAt'), dataIndex: 'submittedAt', render: (value: string) => formatDateTime(value) },
          { title: t('monitorEntry.comment'), dataIndex: 'comment', render: (value: string | null) => value ?? <Typography.Text type="secondary">—</Typography.Text> },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, row) => (
              <Space size={4}>
                {row.abilities.approve && row.status !== 'approved' && (
                  <Button size="small" type="link" onClick={() => setDecision({ submission: row, action: 'approve' })} data-testid="submission-approve">
                    {t('monitorEntry.approve')}
                  </Button>
                )}
                {row.abilities.return && row.status !== 'returned' && (
                  <Button size="small" type="link" danger onClick={() => setDecision({ submission: row, action: 'return' })} data-testid="submission-return">
                    {t('monitorEntry.return')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={decision !== null}
        title={decision && t(`monitorEntry.${decision.action}`)}
        okText={t('common.save')}
        confirmLoading={busy}
        onOk={() => void decide()}
        onCancel={() => setDecision(null)}
        destroyOnHidden
        data-testid="submission-decision"
      >
        <Form form={commentForm} layout="vertical" preserve={false}>
          <Form.Item
            name="comment"
            label={t('monitorEntry.comment')}
            rules={decision?.action === 'return' ? [{ required: true, whitespace: true, min: 2, message: t('monitorEntry.returnCommentRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="submission-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
