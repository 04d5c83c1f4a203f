/** 数据来源: the reports a bulletin's figure came from — task, unit, period, state, first submission — each openable. */
import { useState } from 'react';
import { Alert, Button, Drawer, Spin, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { ReportStatusTag } from '../reports/ReportTags.tsx';
import { reportStatuses } from '../reports/statuses.ts';
import { ReportPeekDrawer } from './ReportPeekDrawer.tsx';
import { previewLimit, useTrace } from './useTrace.ts';
import type { TracedReport } from './useTrace.ts';
import type { ReportStatus } from '../../types.ts';

/** The figure whose sources are shown. */
export interface OpenFigure {
  key: string;
  caption: string;
}

interface Props {
  figure: OpenFigure | null;
  /** The saved bulletin, or null for a preview. */
  bulletinId: string | null;
  /** The bulletin's trace: report ids by figure key. */
  trace: Record<string, string[]>;
  onClose: () => void;
}

function isReportStatus(status: string): status is ReportStatus {
  return (reportStatuses as readonly string[]).includes(status);
}

/** The drawer; open while `figure` is set. */
export function TraceDrawer({ figure, bulletinId, trace, onClose }: Props) {
  const { t } = useTranslation();
  const [reportId, setReportId] = useState<string | null>(null);
  const { reports, error, total } = useTrace(figure?.key ?? null, bulletinId, figure ? (trace[figure.key] ?? []) : []);
  return (
    <Drawer
      open={figure !== null}
      onClose={onClose}
      size={Math.min(760, window.innerWidth)}
      destroyOnHidden
      title={figure && t('bulletinDoc.traceTitle', { caption: figure.caption })}
      data-testid="trace-drawer"
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!reports && !error && <Spin style={{ display: 'block', margin: 24 }} />}
      {reports && total > reports.length && <Alert type="info" showIcon title={t('bulletinDoc.tracePartial', { shown: previewLimit, total })} style={{ marginBottom: 8 }} />}
      {reports && (
        <Table<TracedReport>
          data-testid="trace-table"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={reports}
          locale={{ emptyText: t('bulletinDoc.traceEmpty') }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('bulletinDoc.task'), dataIndex: 'taskNumber', render: (number: string) => <Tag color="geekblue">{number}</Tag> },
            { title: t('bulletinDoc.unit'), dataIndex: 'unitName' },
            { title: t('bulletins.period'), dataIndex: 'period' },
            { title: t('bulletins.status'), dataIndex: 'status', render: (status: string) => (isReportStatus(status) ? <ReportStatusTag status={status} /> : status) },
            { title: t('bulletinDoc.submittedAt'), dataIndex: 'firstSubmittedAt', render: (at: string | null) => formatDateTime(at) },
            {
              title: t('common.actions'),
              key: 'open',
              render: (_, report) => (
                <Button type="link" size="small" onClick={() => setReportId(report.id)} data-testid="trace-open-report">
                  {t('bulletinDoc.openReport')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <ReportPeekDrawer reportId={reportId} onClose={() => setReportId(null)} />
    </Drawer>
  );
}
