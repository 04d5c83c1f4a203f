/** Where the plan comes from (its source documents) and when its units report (the schedule). */
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PlanSchedule } from './PlanSchedule.tsx';
import type { Schedule } from './PlanSchedule.tsx';
import type { PlanDetail } from '../../types.ts';

interface Source {
  document: string;
  title?: string;
  part?: string;
  note?: string;
}

/** The sources and schedule tab of a plan. */
export function PlanSources({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const sources = Array.isArray(plan.sources) ? (plan.sources as Source[]) : [];
  const schedule = plan.schedule && typeof plan.schedule === 'object' ? (plan.schedule as Schedule) : null;
  return (
    <>
      <Typography.Title level={5}>{t('plans.schedule')}</Typography.Title>
      <PlanSchedule schedule={schedule} />
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
