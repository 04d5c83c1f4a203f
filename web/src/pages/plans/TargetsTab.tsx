/** The targets tab: the targets table with, once progress is known, colours, progress and a chart per target. */
import { lazy, Suspense, useMemo } from 'react';
import { Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ColourHistory } from './ColourHistory.tsx';
import { ColourTag } from './ColourTag.tsx';
import { sampleDates } from './progressDates.ts';
import { TargetsTable } from './TargetsTable.tsx';
import { useProgressSeries } from './useProgress.ts';
import type { PlanDetail, PlanProgress, TargetProgressView } from '../../types.ts';

const TargetChart = lazy(() => import('./TargetChart.tsx'));

interface Props {
  plan: PlanDetail;
  progress: PlanProgress | null;
  asOf: string;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Progress against the time schedule, with the target's colour. */
function ProgressCell({ target }: { target: TargetProgressView }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <ColourTag colour={target.colour} reason={target.reason} />
      <Typography.Text>
        {target.comparator === '<='
          ? t(target.progress >= 1 ? 'progress.limitHeld' : 'progress.limitBroken')
          : t('progress.cell', { actual: percent(target.progress), expected: percent(target.expectedShare) })}
      </Typography.Text>
      {target.figure !== null && (
        <Typography.Text type="secondary">{t('progress.figure', { figure: target.figure, unit: target.unit, date: target.figureAsOf })}</Typography.Text>
      )}
    </Space>
  );
}

/** The tab's content. */
export function TargetsTab({ plan, progress, asOf }: Props) {
  const { t } = useTranslation();
  const byId = useMemo(() => new Map((progress?.targets ?? []).map((target) => [target.id, target])), [progress]);
  const dates = useMemo(() => (progress ? sampleDates(plan.start, asOf) : []), [progress, plan.start, asOf]);
  const series = useProgressSeries(plan.id, dates);

  return (
    <TargetsTable
      targets={plan.targets}
      progressOf={
        progress
          ? (targetId) => {
              const target = byId.get(targetId);
              return target ? <ProgressCell target={target} /> : null;
            }
          : undefined
      }
      renderDetail={
        progress
          ? (target) => (
              <>
                <Typography.Text strong>{t('progress.chartTitle')}</Typography.Text>
                {series ? (
                  <Suspense fallback={<Spin />}>
                    <TargetChart points={series.get(target.id) ?? []} />
                  </Suspense>
                ) : (
                  <Spin />
                )}
                <Typography.Text strong>{t('progress.colourHistory')}</Typography.Text>
                <ColourHistory planId={plan.id} entityId={target.id} />
              </>
            )
          : undefined
      }
    />
  );
}
