/** Where the plan comes from (its source documents) and when its units report (the schedule). */
import { Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanDetail } from '../../types.ts';

interface Source {
  document: string;
  title?: string;
  part?: string;
  note?: string;
}

interface Schedule {
  kind: 'monthly' | 'quarterly' | 'fixed' | 'none';
  day?: number;
  dates?: { period: string; due: string; text?: string }[];
  note?: string;
}

/** The schedule in words, with the fixed periods in a table. */
function ScheduleView({ schedule }: { schedule: Schedule | null }) {
  const { t } = useTranslation();
  if (!schedule) return <Typography.Text type="secondary">{t('scheduleKinds.none')}</Typography.Text>;
  return (
    <>
      <Typography.Paragraph data-testid="plan-schedule">{t(`scheduleKinds.${schedule.kind}`, { day: schedule.day })}</Typography.Paragraph>
      {schedule.kind === 'fixed' && schedule.dates && (
        <Table
          size="small"
          rowKey="period"
          pagination={false}
          dataSource={schedule.dates}
          style={{ marginBottom: 12 }}
          columns={[
            { title: t('plans.reportPeriod'), dataIndex: 'period' },
            { title: t('plans.reportDue'), dataIndex: 'due' },
            { title: t('plans.scheduleText'), dataIndex: 'text' },
          ]}
        />
      )}
      {schedule.note && <Typography.Paragraph type="secondary">{schedule.note}</Typography.Paragraph>}
    </>
  );
}

/** The sources and schedule tab of a plan. */
export function PlanSources({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const sources = Array.isArray(plan.sources) ? (plan.sources as Source[]) : [];
  const schedule = plan.schedule && typeof plan.schedule === 'object' ? (plan.schedule as Schedule) : null;
  return (
    <>
      <Typography.Title level={5}>{t('plans.schedule')}</Typography.Title>
      <ScheduleView schedule={schedule} />
      <Typography.Title level={5}>{t('plans.sources')}</Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="plan-sources">
        {sources.map((source) => (
          <div key={`${source.document}:${source.part ?? ''}`}>
            <Typography.Text strong>{source.title ?? source.part ?? source.document}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {[source.document, source.part && t('plans.sourcePart', { part: source.part }), source.note].filter(Boolean).join(' · ')}
            </Typography.Paragraph>
          </div>
        ))}
      </Space>
    </>
  );
}
