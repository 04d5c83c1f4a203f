/** A plan's reporting schedule in words, with the fixed periods and their due dates in a table. */
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The schedule as plan packs write it. */
export interface Schedule {
  kind: 'monthly' | 'quarterly' | 'fixed' | 'none';
  day?: number;
  dates?: { period: string; due: string; text?: string }[];
  note?: string;
}

/** The schedule, or the words for none. */
export function PlanSchedule({ schedule }: { schedule: Schedule | null }) {
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
