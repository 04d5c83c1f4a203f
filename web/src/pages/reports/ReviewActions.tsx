/** Accept (optional remark) or return (comment required) a submitted report, as its abilities allow. */
import { useState } from 'react';
import { App, Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { showFieldError } from '../../forms.ts';
import type { ReportDetail } from '../../types.ts';

interface Props {
  report: ReportDetail;
  onDone: (report: ReportDetail) => void;
}

/** The comment box and the two buttons. */
export function ReviewActions({ report, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const [busy, setBusy] = useState<'accept' | 'return' | null>(null);

  async function decide(action: 'accept' | 'return') {
    const comment = (form.getFieldValue('comment') as string | undefined)?.trim() ?? '';
    if (action === 'return' && comment.length < 2) {
      form.setFields([{ name: 'comment', errors: [t('review.commentRequired')] }]);
      return;
    }
    setBusy(action);
    try {
      onDone(await api.post<ReportDetail>(`/api/reports/${report.id}/${action}`, comment ? { comment } : {}));
      message.success(action === 'accept' ? t('review.accepted') : t('review.returned'));
      form.resetFields();
    } catch (error) {
      if (!showFieldError(form, error, ['comment'])) message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  if (!report.abilities.accept && !report.abilities.return) return null;
  return (
    <Form form={form} layout="vertical" data-testid="review-actions">
      <Form.Item name="comment" label={t('review.comment')} extra={t('review.commentHint')}>
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="review-comment" />
      </Form.Item>
      <Space>
        <Button type="primary" disabled={!report.abilities.accept || busy !== null} loading={busy === 'accept'} onClick={() => void decide('accept')} data-testid="review-accept">
          {t('review.accept')}
        </Button>
        <Button danger disabled={!report.abilities.return || busy !== null} loading={busy === 'return'} onClick={() => void decide('return')} data-testid="review-return">
          {t('review.return')}
        </Button>
      </Space>
    </Form>
  );
}
