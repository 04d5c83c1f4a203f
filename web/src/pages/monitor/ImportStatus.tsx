/**
 * One spreadsheet import as it is checked and committed: a progress bar polled from
 * `GET /api/monitor/imports/:id` while the check runs, the errors by row and column with the full errors.xlsx,
 * and commit / discard as the import's abilities allow.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Progress, Result, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { busyImportStatuses } from '../../../../src/contracts/monitor-import-constants.ts';
import type { MonitorImportCommitResult, MonitorImportError, MonitorImportStatus, MonitorImportView } from './types.ts';

interface Props {
  initial: MonitorImportView;
  onStartOver: () => void;
}

/** How often the import is asked for its progress while it is being checked or committed. */
const pollMs = 1000;
const busyStatuses = new Set<MonitorImportStatus>(busyImportStatuses);

/** The import's panel. */
export function ImportStatus({ initial, onStartOver }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [job, setJob] = useState(initial);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const running = busyStatuses.has(job.status);

  useEffect(() => {
    if (!running) return;
    const timer = window.setTimeout(() => {
      api
        .get<MonitorImportView>(`/api/monitor/imports/${job.id}`)
        .then(setJob)
        .catch((error: unknown) => message.error(errorMessage(error)));
    }, pollMs);
    return () => window.clearTimeout(timer);
  }, [job, running, message]);

  async function act(action: 'commit' | 'discard') {
    setBusy(true);
    try {
      if (action === 'commit') {
        const result = await api.post<MonitorImportCommitResult>(`/api/monitor/imports/${job.id}/commit`);
        setJob(result.import);
        setSaved(result.saved);
      } else {
        setJob(await api.post<MonitorImportView>(`/api/monitor/imports/${job.id}/discard`));
      }
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const percent = job.totalRows > 0 ? Math.floor((job.processedRows / job.totalRows) * 100) : running ? 0 : 100;
  if (job.status === 'committed') {
    return <Result status="success" title={t('monitorImport.committed')} subTitle={t('monitorImport.savedCount', { count: saved ?? job.stagedValues })} extra={<Button onClick={onStartOver}>{t('monitorImport.another')}</Button>} data-testid="monitor-import-done" />;
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="monitor-import-status" data-status={job.status}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'form', label: t('monitorEntry.form'), children: job.formName },
          { key: 'period', label: t('monitor.period'), children: job.period },
          { key: 'file', label: t('monitorImport.file'), children: job.fileName ?? '—' },
          { key: 'status', label: t('monitorEntry.status'), children: <Tag>{t(`monitorImportStatuses.${job.status}`)}</Tag> },
          { key: 'rows', label: t('monitorImport.rows'), children: t('monitorImport.rowsChecked', { processed: job.processedRows, total: job.totalRows }) },
          { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(job.createdAt) },
        ]}
      />
      <Progress percent={percent} status={job.status === 'failed' || job.errorCount > 0 ? 'exception' : running ? 'active' : 'success'} data-testid="monitor-import-progress" />
      {job.status === 'checked' && job.errorCount === 0 && <Alert type="success" showIcon title={t('monitorImport.ready', { count: job.stagedValues })} data-testid="monitor-import-ready" />}
      {job.status === 'discarded' && <Alert type="info" showIcon title={t('monitorImport.discarded')} />}
      {job.errorCount > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('monitorImport.errors', { count: job.errorCount })}
          description={
            <Table<MonitorImportError>
              size="small"
              rowKey={(error) => `${error.row}:${error.column}:${error.code}:${error.message}`}
              pagination={job.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              dataSource={job.errors}
              data-testid="monitor-import-errors"
              columns={[
                { title: t('monitorImport.row'), dataIndex: 'row', width: 70 },
                { title: t('monitorImport.column'), key: 'column', render: (_, error) => [error.column, error.header].filter(Boolean).join(' · ') || '—' },
                { title: t('planImport.why'), dataIndex: 'message' },
              ]}
            />
          }
        />
      )}
      <Space>
        <Button onClick={onStartOver}>{t('planImport.startOver')}</Button>
        {job.abilities.downloadErrors && job.errorCount > 0 && (
          <Button href={`/api/monitor/imports/${job.id}/errors.xlsx`} data-testid="monitor-import-errors-xlsx">
            {t('monitorImport.errorsXlsx')}
          </Button>
        )}
        {job.abilities.discard && (
          <Button danger loading={busy} onClick={() => void act('discard')} data-testid="monitor-import-discard">
            {t('monitorImport.discard')}
          </Button>
        )}
        <Button type="primary" loading={busy} disabled={!job.abilities.commit} onClick={() => void act('commit')} data-testid="monitor-import-commit">
          {t('monitorImport.commit')}
        </Button>
      </Space>
    </Space>
  );
}
