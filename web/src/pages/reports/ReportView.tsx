/** A report read-only: its facts, the unit's account, figures, attachments and history. */
import { Alert, Descriptions, Divider, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { AttachmentLinks } from './AttachmentLinks.tsx';
import { ReportHistory } from './ReportHistory.tsx';
import { ProgressStatusTag, ReportStatusTag, TimelinessTag } from './ReportTags.tsx';
import { useRegionNames } from '../plans/useRegionNames.ts';
import type { ReportDetail } from '../../types.ts';

/** The whole report. */
export function ReportView({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const regionNames = useRegionNames(report.figures.map((figure) => figure.regionCode));
  return (
    <>
      {report.status === 'returned' && report.reviewComment && (
        <Alert type="warning" showIcon title={t('reports.returnedWith')} description={report.reviewComment} data-testid="report-review-comment" style={{ marginBottom: 12 }} />
      )}
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'task', label: t('reports.task'), children: `${report.taskNumber} ${report.taskTitle ?? ''}` },
          { key: 'unit', label: t('reports.unit'), children: report.unitName },
          { key: 'period', label: t('reports.period'), children: report.due ? t('reports.periodDue', { period: report.period, due: report.due }) : report.period },
          {
            key: 'status',
            label: t('reports.status'),
            children: (
              <Space size={4}>
                <ReportStatusTag status={report.status} />
                {report.timeliness && <TimelinessTag timeliness={report.timeliness} />}
                {report.submittedAt && <Typography.Text type="secondary">{t('reports.submittedAt', { at: formatDateTime(report.submittedAt) })}</Typography.Text>}
              </Space>
            ),
          },
          { key: 'progress', label: t('reports.progressStatus'), children: <ProgressStatusTag status={report.progressStatus} /> },
        ]}
      />
      <Divider titlePlacement="start">{t('reports.narrative')}</Divider>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="report-narrative">
        {report.narrative || t('reports.noNarrative')}
      </Typography.Paragraph>
      {report.figures.length > 0 && (
        <>
          <Divider titlePlacement="start">{t('reports.figures')}</Divider>
          <Table
            size="small"
            rowKey={(figure) => `${figure.targetId}:${figure.regionCode}`}
            pagination={false}
            dataSource={report.figures}
            columns={[
              { title: t('plans.indicator'), dataIndex: 'indicator' },
              { title: t('plans.region'), dataIndex: 'regionCode', render: (code: string) => regionNames[code] },
              { title: t('reports.figure'), key: 'value', render: (_, figure) => `${figure.value} ${figure.unit}` },
            ]}
          />
        </>
      )}
      <Divider titlePlacement="start">{t('reports.attachments')}</Divider>
      <AttachmentLinks report={report} />
      <Divider titlePlacement="start">{t('reports.history')}</Divider>
      <ReportHistory events={report.events} />
    </>
  );
}
