/**
 * The report use cases: acknowledge a task, save a draft, submit, accept, return, attach a file. Each
 * takes the caller's transaction, checks the workflow (refusing an illegal step with 409 and the
 * reason), writes the change, its event and its audit record together.
 */
import { sql } from 'kysely';
import type { SaveDraftInput } from '../../contracts/plan-reports.contract.ts';
import { storeUpload, type Upload } from '../../files/index.ts';
import { regionWithin, type Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, invalidInput, notFound, unprocessable, type LocalizedText } from '../../kernel/errors.ts';
import { period as readPeriod, periodEnd } from '../../kernel/periods.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import { isUniqueViolation } from '../../store/errors.ts';
import { canReadPlan } from '../plans.policy.ts';
import { refreshPlanColours } from '../progress/progress.service.ts';
import { tellUnitAboutReview } from './reports.notices.ts';
import { canReadReport, canReportFor, canReviewReports } from './reports.policy.ts';
import { loadReport, loadTask, requirePeriod, words, type LoadedReport } from './reports.repo.ts';
import { nextStatus, refusal, type ReportAction, type ReportStatus } from './workflow.ts';

/** The most files one report may carry. */
export const maxAttachments = 10;

const notReporter = forbidden({
  zh: '您不是该单位的填报员，不能代其填报或签收。',
  en: 'You are not a reporter of this unit and cannot report or acknowledge for it.',
});
const notResponsible = forbidden({
  zh: '该单位不是此任务的责任单位；每个单位只能填报本单位的任务。',
  en: 'This unit is not responsible for the task; a unit reports only on its own tasks.',
});
const notReviewer = forbidden({
  zh: '只有方案所在地区的专班（协调员）或管理员可以审核报告。',
  en: 'Only coordinators or administrators of the plan’s region may review reports.',
});

type LoadedTask = Awaited<ReturnType<typeof loadTask>>;

/** Refuses an actor who may not report for `unitId` on this task; hides tasks of plans out of reach. */
function assertMayReport(actor: Actor, task: LoadedTask, unitId: string): void {
  const involved = task.units.some((unit) => canReportFor(actor, unit.unit_id));
  if (!involved && !canReadPlan(actor, task.plan_region_code)) throw notFound(words.task);
  if (!canReportFor(actor, unitId)) throw notReporter;
  if (!task.units.some((unit) => unit.unit_id === unitId)) throw notResponsible;
}

/** The report, or a 404 when it does not exist or is out of the actor's reach. */
async function requireReport(context: WriteContext, actor: Actor, reportId: string): Promise<LoadedReport> {
  const report = await loadReport(context.db, reportId);
  if (!report || !canReadReport(actor, report.scope)) throw notFound(words.report);
  return report;
}

/** Refuses a step the workflow does not allow from the report's state (409 with the reason). */
function assertAllowed(status: ReportStatus, action: ReportAction): void {
  const reason = refusal(status, action);
  if (reason) throw conflict('status', reason);
}

/** Refuses a reporter whose unit has since been taken off the task. */
async function assertStillResponsible(context: WriteContext, actor: Actor, report: LoadedReport): Promise<void> {
  if (!canReportFor(actor, report.unit_id)) throw notReporter;
  const link = await context.db.selectFrom('task_unit').select('unit_id').where('task_id', '=', report.task_id).where('unit_id', '=', report.unit_id).executeTakeFirst();
  if (!link) throw notResponsible;
}

const changedMeanwhile: LocalizedText = { zh: '报告已被他人更改，请刷新后重试。', en: 'The report was changed meanwhile; reload it and try again.' };

/** Checks the figures: only the task's targets, regions inside the target's region, each pair once. */
async function assertFigures(context: WriteContext, task: LoadedTask, figures: SaveDraftInput['figures']): Promise<void> {
  const targetRegions = new Map(task.targets.map((target) => [target.id, target.region_code]));
  const codes = [...new Set(figures.map((figure) => figure.regionCode))];
  const known = new Set(codes.length > 0 ? (await context.db.selectFrom('region').select('code').where('code', 'in', codes).execute()).map((row) => row.code) : []);
  const seen = new Set<string>();
  for (const [index, figure] of figures.entries()) {
    const targetRegion = targetRegions.get(figure.targetId);
    if (!targetRegion) {
      throw unprocessable(`figures.${index}.targetId`, {
        zh: '该指标不是此任务关联的目标，只能填报任务关联目标的数据。',
        en: 'This target is not linked to the task; report figures only for the task’s targets.',
      });
    }
    if (!known.has(figure.regionCode) || !regionWithin(figure.regionCode, targetRegion)) {
      throw unprocessable(`figures.${index}.regionCode`, {
        zh: `地区 ${figure.regionCode} 不在该目标的地区 ${targetRegion} 范围内。`,
        en: `Region ${figure.regionCode} is not inside the target’s region ${targetRegion}.`,
      });
    }
    const key = `${figure.targetId}/${figure.regionCode}`;
    if (seen.has(key)) throw unprocessable(`figures.${index}`, { zh: '同一目标和地区的数据重复填写。', en: 'This target and region are given twice.' });
    seen.add(key);
  }
}

async function recordEvent(context: WriteContext, reportId: string, from: ReportStatus | null, to: ReportStatus, comment: string | null): Promise<void> {
  await context.db
    .insertInto('report_event')
    .values({ report_id: reportId, at: context.now, actor_id: context.actor.id, actor_name: context.actor.name, from_status: from, to_status: to, comment })
    .execute();
}

async function figuresOf(context: WriteContext, reportId: string) {
  const rows = await context.db.selectFrom('report_figure').select(['target_id', 'region_code', 'value']).where('report_id', '=', reportId).orderBy('target_id').orderBy('region_code').execute();
  return rows.map((row) => ({ targetId: row.target_id, regionCode: row.region_code, value: Number(row.value) }));
}

/** The unit acknowledges its responsibility for a task (every responsible unit does, not only the lead). */
export async function acknowledgeTask(context: WriteContext, actor: Actor, taskId: string, unitId: string) {
  const task = await loadTask(context.db, taskId);
  assertMayReport(actor, task, unitId);
  const unit = task.units.find((candidate) => candidate.unit_id === unitId);
  if (unit?.acknowledged_at) return { taskId, unitId, acknowledgedAt: unit.acknowledged_at };
  await context.db
    .updateTable('task_unit')
    .set({ acknowledged_at: context.now, acknowledged_by: context.actor.id })
    .where('task_id', '=', taskId)
    .where('unit_id', '=', unitId)
    .execute();
  await recordAudit(context, {
    action: 'plans.task.acknowledge',
    entityType: 'task_unit',
    entityId: `${taskId}/${unitId}`,
    regionCode: unit?.region_code ?? task.plan_region_code,
    after: { taskId, taskNumber: task.number, unitId, acknowledgedAt: context.now.toISOString() },
  });
  return { taskId, unitId, acknowledgedAt: context.now };
}

/** Creates or updates the draft (or returned report) of a task, unit and period; returns its id. */
export async function saveReportDraft(context: WriteContext, actor: Actor, input: SaveDraftInput): Promise<string> {
  const task = await loadTask(context.db, input.taskId);
  assertMayReport(actor, task, input.unitId);
  requirePeriod(task.periods, input.period);
  await assertFigures(context, task, input.figures);
  const existing = await context.db
    .selectFrom('task_report')
    .select(['id', 'status', 'progress_status', 'narrative', 'version'])
    .where('task_id', '=', input.taskId)
    .where('unit_id', '=', input.unitId)
    .where('period', '=', input.period)
    .forUpdate()
    .executeTakeFirst();
  let reportId: string;
  let before: unknown;
  if (existing) {
    assertAllowed(existing.status as ReportStatus, 'edit');
    reportId = existing.id;
    before = { status: existing.status, progressStatus: existing.progress_status, narrative: existing.narrative, figures: await figuresOf(context, reportId), version: existing.version };
    await context.db
      .updateTable('task_report')
      .set((eb) => ({ progress_status: input.progressStatus, narrative: input.narrative, updated_at: context.now, version: eb('version', '+', 1) }))
      .where('id', '=', reportId)
      .execute();
    await context.db.deleteFrom('report_figure').where('report_id', '=', reportId).execute();
  } else {
    try {
      ({ id: reportId } = await context.db
        .insertInto('task_report')
        .values({ task_id: input.taskId, unit_id: input.unitId, period: input.period, progress_status: input.progressStatus, narrative: input.narrative, created_at: context.now, updated_at: context.now })
        .returning('id')
        .executeTakeFirstOrThrow());
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('period', changedMeanwhile);
      throw error;
    }
    await recordEvent(context, reportId, null, 'draft', null);
  }
  if (input.figures.length > 0) {
    await context.db
      .insertInto('report_figure')
      .values(input.figures.map((figure) => ({ report_id: reportId, target_id: figure.targetId, region_code: figure.regionCode, value: figure.value })))
      .execute();
  }
  const unit = task.units.find((candidate) => candidate.unit_id === input.unitId);
  await recordAudit(context, {
    action: existing ? 'plans.report.update' : 'plans.report.create',
    entityType: 'task_report',
    entityId: reportId,
    regionCode: unit?.region_code ?? null,
    before,
    after: { taskId: input.taskId, unitId: input.unitId, period: input.period, status: existing?.status ?? 'draft', progressStatus: input.progressStatus, narrative: input.narrative, figures: input.figures },
  });
  return reportId;
}

/** Moves a report to its next state, guarding against a concurrent change, with its event and audit. */
async function transition(
  context: WriteContext,
  report: LoadedReport,
  action: 'submit' | 'accept' | 'return',
  changes: { submitted?: boolean; comment?: string | null },
): Promise<void> {
  const to = nextStatus(action);
  const updated = await context.db
    .updateTable('task_report')
    .set((eb) => ({
      status: to,
      updated_at: context.now,
      version: eb('version', '+', 1),
      ...(changes.submitted
        ? { submitted_at: context.now, submitted_by: context.actor.id, first_submitted_at: report.first_submitted_at ?? context.now }
        : { reviewed_at: context.now, reviewed_by: context.actor.id, review_comment: changes.comment ?? null }),
    }))
    .where('id', '=', report.id)
    .where('version', '=', report.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw conflict('version', changedMeanwhile);
  await recordEvent(context, report.id, report.status, to, changes.comment ?? null);
  await recordAudit(context, {
    action: `plans.report.${action}`,
    entityType: 'task_report',
    entityId: report.id,
    regionCode: report.unit_region_code,
    before: { status: report.status, version: report.version },
    after: { status: to, version: report.version + 1, ...(changes.comment ? { comment: changes.comment } : {}) },
  });
}

/** Submits a draft or returned report; its figures replace the ones it gave before, unaccepted. */
export async function submitReport(context: WriteContext, actor: Actor, reportId: string): Promise<void> {
  const report = await requireReport(context, actor, reportId);
  await assertStillResponsible(context, actor, report);
  assertAllowed(report.status, 'submit');
  if (report.narrative.trim() === '') {
    throw unprocessable('narrative', { zh: '请先填写工作进展情况再报送。', en: 'Describe the progress before submitting.' });
  }
  await transition(context, report, 'submit', { submitted: true });
  await context.db.deleteFrom('target_figure').where('report_id', '=', report.id).execute();
  await context.db
    .insertInto('target_figure')
    .columns(['target_id', 'region_code', 'period', 'as_of', 'value', 'report_id', 'unit_id', 'recorded_at', 'accepted'])
    .expression((eb) =>
      eb
        .selectFrom('report_figure')
        .select([
          'target_id',
          'region_code',
          sql<string>`${report.period}::text`.as('period'),
          sql<string>`${periodEnd(readPeriod(report.period))}::date`.as('as_of'),
          'value',
          'report_id',
          sql<string>`${report.unit_id}::uuid`.as('unit_id'),
          sql<Date>`${context.now.toISOString()}::timestamptz`.as('recorded_at'),
          sql<boolean>`false`.as('accepted'),
        ])
        .where('report_id', '=', report.id),
    )
    .execute();
}

/** Accepts a submitted report: final, and its figures now count toward target progress. */
export async function acceptReport(context: WriteContext, actor: Actor, reportId: string, comment?: string): Promise<void> {
  const report = await requireReport(context, actor, reportId);
  if (!canReviewReports(actor, report.plan_region_code)) throw notReviewer;
  assertAllowed(report.status, 'accept');
  await transition(context, report, 'accept', { comment: comment?.trim() || null });
  await context.db.updateTable('target_figure').set({ accepted: true }).where('report_id', '=', report.id).execute();
  await tellUnitAboutReview(context, report, 'accepted', comment?.trim() || null);
  // Accepted figures move target progress, so the plan's colours are judged again in the same transaction.
  await refreshPlanColours(context, report.plan_id);
}

/** Returns a submitted report to its unit with what must change; its figures stay unaccepted. */
export async function returnReport(context: WriteContext, actor: Actor, reportId: string, comment: string): Promise<void> {
  const text = comment.trim();
  if (text.length < 2) throw invalidInput('comment', { zh: '退回时请说明需要修改的内容（至少 2 个字）。', en: 'Say what must change when returning a report (at least 2 characters).' });
  const report = await requireReport(context, actor, reportId);
  if (!canReviewReports(actor, report.plan_region_code)) throw notReviewer;
  assertAllowed(report.status, 'return');
  await transition(context, report, 'return', { comment: text });
  await tellUnitAboutReview(context, report, 'returned', text);
}

/** Attaches an uploaded file to a draft or returned report (at most ten); returns the file's id. */
export async function attachToReport(context: WriteContext, actor: Actor, reportId: string, upload: Upload): Promise<string> {
  const report = await requireReport(context, actor, reportId);
  await assertStillResponsible(context, actor, report);
  assertAllowed(report.status, 'attach');
  const { count } = await context.db.selectFrom('report_attachment').select((eb) => eb.fn.countAll<number>().as('count')).where('report_id', '=', report.id).executeTakeFirstOrThrow();
  if (Number(count) >= maxAttachments) {
    throw unprocessable('file', { zh: `每份报告最多 ${maxAttachments} 个附件。`, en: `A report may carry at most ${maxAttachments} attachments.` });
  }
  const fileId = await storeUpload(context, upload, { regionCode: report.unit_region_code, field: 'file' });
  await context.db.insertInto('report_attachment').values({ report_id: report.id, file_id: fileId }).execute();
  await context.db.updateTable('task_report').set((eb) => ({ updated_at: context.now, version: eb('version', '+', 1) })).where('id', '=', report.id).execute();
  await recordAudit(context, {
    action: 'plans.report.attach',
    entityType: 'task_report',
    entityId: report.id,
    regionCode: report.unit_region_code,
    after: { fileId, fileName: upload.fileName, sizeBytes: upload.bytes.length },
  });
  return fileId;
}
