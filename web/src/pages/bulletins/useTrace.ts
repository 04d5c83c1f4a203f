/**
 * The reports behind one figure. A saved bulletin answers that itself (`GET /api/bulletins/:id/trace/:key`);
 * a preview has no record to ask, so its trace's report ids are looked up one by one (`GET /api/reports/:id`),
 * the first `previewLimit` of them.
 */
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { useFetch } from '../../useFetch.ts';
import type { FigureTrace, ReportDetail } from '../../types.ts';

/** One report behind a figure, as the trace lists it. */
export type TracedReport = FigureTrace['reports'][number];

/** How many reports a preview's trace looks up. */
export const previewLimit = 50;

/** What the drawer shows. */
export interface TraceResult {
  reports: TracedReport[] | null;
  error: string | null;
  /** How many reports the figure has in all (more than listed when a preview's trace is long). */
  total: number;
}

function traced(report: ReportDetail): TracedReport {
  const { id, taskId, taskNumber, unitId, unitName, period, status, firstSubmittedAt } = report;
  return { id, taskId, taskNumber, unitId, unitName, period, status, firstSubmittedAt };
}

/** The reports behind `figureKey` (null: nothing open) of the saved bulletin `bulletinId`, or of a preview's `reportIds`. */
export function useTrace(figureKey: string | null, bulletinId: string | null, reportIds: readonly string[]): TraceResult {
  const saved = useFetch<FigureTrace>(figureKey && bulletinId ? `/api/bulletins/${bulletinId}/trace/${encodeURIComponent(figureKey)}` : null);
  const [preview, setPreview] = useState<{ reports: TracedReport[] | null; error: string | null }>({ reports: null, error: null });
  const wanted = figureKey && !bulletinId ? reportIds.slice(0, previewLimit).join(',') : null;

  useEffect(() => {
    setPreview({ reports: null, error: null });
    if (wanted === null) return;
    let live = true;
    const ids = wanted ? wanted.split(',') : [];
    Promise.all(ids.map((id) => api.get<ReportDetail>(`/api/reports/${id}`)))
      .then((details) => live && setPreview({ reports: details.map(traced), error: null }))
      .catch((failure: unknown) => live && setPreview({ reports: null, error: errorMessage(failure) }));
    return () => {
      live = false;
    };
  }, [wanted]);

  if (bulletinId) return { reports: saved.data?.reports ?? null, error: saved.error, total: saved.data?.reports.length ?? 0 };
  return { ...preview, total: reportIds.length };
}
