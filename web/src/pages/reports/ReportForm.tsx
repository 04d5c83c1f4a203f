/** 填报: progress status, narrative and figures for the task's linked targets; save as draft or submit. */
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { showFieldError } from '../../forms.ts';
import { progressStatuses } from './statuses.ts';
import type { ProgressStatus, ReportDetail, TargetView } from '../../types.ts';

/** Which report the form writes: one task, one unit, one period. */
export interface ReportKey {
  taskId: string;
  unitId: string;
  period: string;
}

interface Props {
  reportKey: ReportKey;
  /** The report so far; null before the first save. */
  report: ReportDetail | null;
  /** The task's linked targets, each with the region the unit reports its figure for and that region's name. */
  targets: { target: TargetView; regionCode: string; regionName: string }[];
  /** Called with the report as the server now holds it. */
  onSaved: (report: ReportDetail) => void;
}

interface Values {
  progressStatus: ProgressStatus;
  narrative: string;
  figures: Record<string, number | null | undefined>;
}

/** The form; both buttons follow the report's abilities once it exists. */
export function ReportForm({ reportKey, report, targets, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const figureOf = (targetId: string) => report?.figures.find((figure) => figure.targetId === targetId)?.value;

  async function save(submit: boolean) {
    const values = await form.validateFields();
    setBusy(submit ? 'submit' : 'save');
    try {
      const figures = targets
        .filter(({ target }) => typeof values.figures?.[target.id] === 'number')
        .map(({ target, regionCode }) => ({ targetId: target.id, regionCode, value: values.figures[target.id] as number }));
      const saved = await api.put<ReportDetail>('/api/reports/draft', { ...reportKey, progressStatus: values.progressStatus, narrative: values.narrative ?? '', figures });
      onSaved(submit ? await api.post<ReportDetail>(`/api/reports/${saved.id}/submit`) : saved);
      message.success(submit ? t('reports.submitted') : t('reports.saved'));
    } catch (error) {
      if (!showFieldError(form, error, ['progressStatus', 'narrative'])) message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="report-form"
      initialValues={{
        progressStatus: report?.progressStatus,
        narrative: report?.narrative ?? '',
        figures: Object.fromEntries(targets.map(({ target }) => [target.id, figureOf(target.id)])),
      }}
    >
      <Form.Item name="progressStatus" label={t('reports.progressStatus')} rules={[{ required: true, message: t('reports.progressStatusRequired') }]}>
        <Select data-testid="report-progress-status" options={progressStatuses.map((status) => ({ value: status, label: t(`progressStatuses.${status}`) }))} />
      </Form.Item>
      <Form.Item name="narrative" label={t('reports.narrative')} extra={t('reports.narrativeHint')}>
        <Input.TextArea rows={6} maxLength={5000} showCount data-testid="report-narrative-input" />
      </Form.Item>
      {targets.length > 0 && <Typography.Title level={5}>{t('reports.figures')}</Typography.Title>}
      {targets.map(({ target, regionName }) => (
        <Form.Item
          key={target.id}
          name={['figures', target.id]}
          label={`${target.indicator}（${regionName}）`}
          extra={t('reports.figureHint', { value: target.value, unit: target.unit, deadline: target.deadline })}
        >
          <InputNumber style={{ width: 220 }} suffix={target.unit} data-testid={`report-figure-${target.key}`} />
        </Form.Item>
      ))}
      <Space>
        <Button onClick={() => void save(false)} loading={busy === 'save'} disabled={busy !== null || (report !== null && !report.abilities.edit)} data-testid="report-save">
          {t('reports.saveDraft')}
        </Button>
        <Button
          type="primary"
          onClick={() => void save(true)}
          loading={busy === 'submit'}
          disabled={busy !== null || (report !== null && !report.abilities.submit)}
          data-testid="report-submit"
        >
          {report?.status === 'returned' ? t('reports.resubmit') : t('reports.submit')}
        </Button>
      </Space>
    </Form>
  );
}
