/** A plan's progress and colours (`GET /api/plans/:id/progress?asOf=`), once and as a series over time for charts. */
import { useEffect, useState } from 'react';
import { api, apiUrl } from '../../api.ts';
import { useFetch } from '../../useFetch.ts';
import type { PlanProgress } from '../../types.ts';

/** One sampled day of a target: the share expected by the time schedule and the share achieved, 0–1. */
export interface ProgressPoint {
  date: string;
  expected: number;
  actual: number;
}

/** The plan's progress on `asOf` (null while loading or when the server has none for it) and a way to reload it. */
export function usePlanProgress(planId: string, asOf: string | null): { progress: PlanProgress | null; reload: () => void } {
  const { data, error, reload } = useFetch<PlanProgress>(asOf ? apiUrl(`/api/plans/${encodeURIComponent(planId)}/progress`, { asOf }) : null);
  return { progress: error ? null : data, reload };
}

/** Each target's points on the sampled days, loaded when `dates` is not empty. */
export function useProgressSeries(planId: string, dates: readonly string[]): Map<string, ProgressPoint[]> | null {
  const [series, setSeries] = useState<Map<string, ProgressPoint[]> | null>(null);
  const key = dates.join(',');

  useEffect(() => {
    setSeries(null);
    if (!key) return;
    let live = true;
    const days = key.split(',');
    Promise.all(days.map((asOf) => api.get<PlanProgress>(`/api/plans/${encodeURIComponent(planId)}/progress`, { asOf })))
      .then((snapshots) => {
        if (!live) return;
        const points = new Map<string, ProgressPoint[]>();
        snapshots.forEach((snapshot, index) => {
          for (const target of snapshot.targets) {
            const list = points.get(target.id) ?? [];
            list.push({ date: days[index] ?? snapshot.asOf, expected: target.expectedShare, actual: target.progress });
            points.set(target.id, list);
          }
        });
        setSeries(points);
      })
      .catch(() => live && setSeries(new Map()));
    return () => {
      live = false;
    };
  }, [planId, key]);

  return series;
}
