/**
 * Fills one form for a region or subject and period (`POST /api/monitor/forms/:id/file`): a row per
 * indicator with its total and its categories as sub-columns, prefilled with what is stored. A refusal is
 * shown on the cells it names; when its code says the figures are flagged outliers the user is asked to
 * confirm, and the form is filed again with `confirmOutliers`.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Form, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api, apiUrl, errorMessage } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { cellValues, entryCells, filledValues, readRefusal, type EntryCell } from './entryFields.ts';
import type { FormView, SubmissionView, ValueView } from './types.ts';

interface Props {
  form: FormView;
  period: string;
  /** The region filed for, or the subject's region when filing for a subject (to read what is stored). */
  regionCode: string;
  subjectId: string | null;
  onFiled: (submission: SubmissionView) => void;
}

type Row = FormView['indicators'][number];

/** The entry table and its submit button. */
export function EntryForm({ form, period, regionCode, subjectId, onFiled }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [fields] = Form.useForm<Record<string, string | null>>();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cells = useMemo(() => entryCells(form), [form]);
  const english = currentLocale() === 'en';
  const stored = useFetch<{ items: ValueView[] }>(apiUrl('/api/monitor/values', { region: regionCode, period, indicators: form.indicators.map((indicator) => indicator.code).join(',') }));
  const own = useMemo(() => (stored.data?.items ?? []).filter((value) => value.regionCode === regionCode && value.subjectId === subjectId), [stored.data, regionCode, subjectId]);
  const status = own.find((value) => value.submissionStatus)?.submissionStatus ?? null;

  useEffect(() => {
    fields.resetFields();
    fields.setFieldsValue(cellValues(own));
  }, [own, fields]);

  async function file(confirmOutliers: boolean) {
    const { cells: sent, values } = filledValues(cells, fields.getFieldsValue(true) as Record<string, unknown>);
    if (values.length === 0) {
      setError(t('monitorEntry.nothingFilled'));
      return;
    }
    setBusy(true);
    setError(null);
    fields.setFields(cells.map((cell) => ({ name: cell.name, errors: [] })));
    try {
      const body = { period, values, confirmOutliers, ...(subjectId ? { subjectId } : { regionCode }) };
      const result = await api.post<{ submission: SubmissionView; saved: number; confirmedOutliers: string[] }>(`/api/monitor/forms/${form.id}/file`, body);
      message.success(t('monitorEntry.filed', { count: result.saved }));
      setConfirm(false);
      stored.reload();
      onFiled(result.submission);
    } catch (failure) {
      refused(failure, sent, confirmOutliers);
    } finally {
      setBusy(false);
    }
  }

  function refused(failure: unknown, sent: EntryCell[], confirmed: boolean) {
    const refusal = failure instanceof ApiError ? readRefusal(failure, sent) : { cells: [], confirmOutliers: false };
    if (refusal.cells.length === 0 && !refusal.confirmOutliers) {
      setError(errorMessage(failure));
      return;
    }
    fields.setFields(refusal.cells.map((cell) => ({ name: cell.name, errors: [errorMessage(failure)] })));
    if (!confirmed && refusal.confirmOutliers) {
      Modal.confirm({
        title: t('monitorEntry.outlierTitle'),
        content: errorMessage(failure),
        okText: t('monitorEntry.outlierConfirm'),
        cancelText: t('monitorEntry.outlierCheck'),
        onOk: () => {
          setConfirm(true);
          return file(true);
        },
      });
    }
  }

  return (
    <Form form={fields} component={false}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {status && (
          <span>
            {t('monitorEntry.status')} <Tag color={status === 'approved' ? 'green' : status === 'returned' ? 'red' : 'blue'} data-testid="entry-status">{t(`submissionStatuses.${status}`)}</Tag>
          </span>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="entry-error" />}
        <Table<Row>
          size="small"
          rowKey="code"
          pagination={false}
          loading={stored.loading}
          dataSource={form.indicators}
          data-testid="entry-table"
          columns={[
            {
              title: t('monitorEntry.indicator'),
              key: 'name',
              render: (_, row) => (
                <span>
                  {english ? row.nameEn : row.nameZh}
                  {row.required && <Typography.Text type="danger"> *</Typography.Text>}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {row.code}
                  </Typography.Text>
                </span>
              ),
            },
            { title: t('monitorEntry.unit'), dataIndex: 'unit' },
            {
              title: t('monitorEntry.total'),
              key: 'total',
              render: (_, row) => (
                <Form.Item name={row.code} style={{ margin: 0 }}>
                  <InputNumber<string> stringMode style={{ width: 160 }} data-testid={`entry-${row.code}`} />
                </Form.Item>
              ),
            },
            ...(cells.some((cell) => cell.breakdown !== '') ? [{
              title: t('monitorEntry.categories'),
              key: 'categories',
              render: (_: unknown, row: Row) => (
                <Space wrap>
                  {row.breakdownCategories.map((category) => (
                    <Form.Item key={category} name={`${row.code}::${category}`} label={category} style={{ margin: 0 }}>
                      <InputNumber<string> stringMode style={{ width: 110 }} data-testid={`entry-${row.code}-${category}`} />
                    </Form.Item>
                  ))}
                </Space>
              ),
            }] : []),
          ]}
        />
        <Space>
          <Checkbox checked={confirm} onChange={(event) => setConfirm(event.target.checked)} data-testid="entry-confirm-outliers">
            {t('monitorEntry.confirmOutliers')}
          </Checkbox>
          <Button type="primary" loading={busy} disabled={!form.abilities.file || status === 'approved'} onClick={() => void file(confirm)} data-testid="entry-submit">
            {t('monitorEntry.submit')}
          </Button>
          {status === 'approved' && <Typography.Text type="secondary">{t('monitorEntry.locked')}</Typography.Text>}
        </Space>
      </Space>
    </Form>
  );
}
