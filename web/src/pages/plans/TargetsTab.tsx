/** The targets tab: the targets table with, once progress is known, colours, progress and a chart per target. */
import { lazy, Suspense, useMemo, useState } from 'react';
import { Button, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AllocationModal } from './AllocationModal.tsx';
import { ColourHistory } from './ColourHistory.tsx';
import { sampleDates } from './progressDates.ts';
import { TargetProgressCell } from './TargetProgressCell.tsx';
import { TargetRegions } from './TargetRegions.tsx';
import { TargetsTable } from './TargetsTable.tsx';
import { useProgressSeries } from './useProgress.ts';
import type { PlanDetail, PlanProgress, TargetProgressView } from '../../types.ts';

const TargetChart = lazy(() => import('./TargetChart.tsx'));

interface Props {
  plan: PlanDetail;
  progress: PlanProgress | null;
  asOf: string;
  /** Called after a target was split among regions, so progress loads again. */
  onAllocated: () => void;
}

/** The tab's content. */
export function TargetsTab({ plan, progress, asOf, onAllocated }: Props) {
  const { t } = useTranslation();
  const [allocating, setAllocating] = useState<TargetProgressView | null>(null);
  const byId = useMemo(() => new Map((progress?.targets ?? []).map((target) => [target.id, target])), [progress]);
  const dates = useMemo(() => (progress ? sampleDates(plan.start, asOf) : []), [progress, plan.start, asOf]);
  const series = useProgressSeries(plan.id, dates);

  /** The chart, the figures by region with the split button, and the colour history of one target. */
  function detail(targetId: string) {
    const target = byId.get(targetId);
    return (
      <>
        <Typography.Text strong>{t('progress.chartTitle')}</Typography.Text>
        {series ? (
          <Suspense fallback={<Spin />}>
            <TargetChart points={series.get(targetId) ?? []} />
          </Suspense>
        ) : (
          <Spin />
        )}
        <Space>
          <Typography.Text strong>{t('allocation.regions')}</Typography.Text>
          {progress?.abilities.allocate && target && !target.parentTargetId && (
            <Button size="small" onClick={() => setAllocating(target)} data-testid="target-allocate">
              {t('allocation.open')}
            </Button>
          )}
        </Space>
        {target && <TargetRegions target={target} />}
        <Typography.Text strong>{t('progress.colourHistory')}</Typography.Text>
        <ColourHistory planId={plan.id} entityId={targetId} />
      </>
    );
  }

  return (
    <>
      <TargetsTable
        targets={plan.targets}
        progressOf={
          progress
            ? (targetId) => {
                const target = byId.get(targetId);
                return target ? <TargetProgressCell target={target} /> : null;
              }
            : undefined
        }
        renderDetail={progress ? (target) => detail(target.id) : undefined}
      />
      <AllocationModal
        planId={plan.id}
        target={allocating}
        onClose={() => setAllocating(null)}
        onSaved={() => {
          setAllocating(null);
          onAllocated();
        }}
      />
    </>
  );
}
