/** One task's report for one unit and period: the form while it can be edited, the report itself after. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Divider, Drawer, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { regionWithin } from '../../../../src/kernel/actor.ts';
import { api, errorMessage } from '../../api.ts';
import { useFetch } from '../../useFetch.ts';
import { ReportAttachments } from './ReportAttachments.tsx';
import { ReportForm } from './ReportForm.tsx';
import { ReportHistory } from './ReportHistory.tsx';
import { ReportView } from './ReportView.tsx';
import { allTasks } from '../plans/planTree.ts';
import { useRegionNames } from '../plans/useRegionNames.ts';
import type { MyTaskView, PlanDetail, ReportDetail } from '../../types.ts';

interface Props {
  /** The task row the drawer is open for; null when closed. */
  task: MyTaskView | null;
  onClose: () => void;
  /** Called after a save, submit or upload so the list can reload. */
  onChanged: () => void;
}

/** The drawer. */
export function ReportDrawer({ task, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const [report, setReport] = useState<ReportDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const plan = useFetch<PlanDetail>(task ? `/api/plans/${task.planId}` : null);
  const reportId = task?.report?.id ?? null;

  useEffect(() => {
    setReport(null);
    setError(null);
    if (!reportId) return;
    let live = true;
    setLoading(true);
    api
      .get<ReportDetail>(`/api/reports/${reportId}`)
      .then((detail) => live && setReport(detail))
      .catch((failure: unknown) => live && setError(errorMessage(failure)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [reportId]);

  const linked = useMemo(() => {
    if (!task || !plan.data) return [];
    const unitRegion = allTasks(plan.data.sections).find((item) => item.id === task.taskId)?.units.find((unit) => unit.unitId === task.unitId)?.regionCode;
    // A county reports its own share of a prefecture target; a unit at the target's level reports the whole.
    return plan.data.targets
      .filter((target) => task.targetIds.includes(target.id))
      .map((target) => ({ target, regionCode: unitRegion && regionWithin(unitRegion, target.regionCode) ? unitRegion : target.regionCode }));
  }, [task, plan.data]);
  const regionNames = useRegionNames(linked.map((entry) => entry.regionCode));
  const targets = linked.map((entry) => ({ ...entry, regionName: regionNames[entry.regionCode] ?? entry.regionCode }));

  function changed(detail: ReportDetail) {
    setReport(detail);
    onChanged();
  }

  const editable = report === null || report.abilities.edit;
  const ready = task && plan.data && !loading && (reportId === null || report !== null);

  return (
    <Drawer
      open={task !== null}
      onClose={onClose}
      size={Math.min(720, window.innerWidth)}
      destroyOnHidden
      title={task ? t('reports.drawerTitle', { number: task.taskNumber, unit: task.unitName, period: task.period ?? '' }) : ''}
      data-testid="report-drawer"
    >
      {(error ?? plan.error) && <Alert type="error" showIcon title={error ?? plan.error} />}
      {!ready && !error && !plan.error && <Spin style={{ display: 'block', margin: 24 }} />}
      {ready && task.period && (
        <>
          <Typography.Paragraph type="secondary">{task.taskText}</Typography.Paragraph>
          {editable ? (
            <>
              {report?.status === 'returned' && (
                <Alert type="warning" showIcon title={t('reports.returnedWith')} description={report.reviewComment} data-testid="report-review-comment" style={{ marginBottom: 12 }} />
              )}
              <ReportForm key={report?.version ?? 0} reportKey={{ taskId: task.taskId, unitId: task.unitId, period: task.period }} report={report} targets={targets} onSaved={changed} />
              <Divider titlePlacement="start">{t('reports.attachments')}</Divider>
              <ReportAttachments report={report} onChanged={changed} />
              {report && (
                <>
                  <Divider titlePlacement="start">{t('reports.history')}</Divider>
                  <ReportHistory events={report.events} />
                </>
              )}
            </>
          ) : (
            report && <ReportView report={report} />
          )}
        </>
      )}
    </Drawer>
  );
}
