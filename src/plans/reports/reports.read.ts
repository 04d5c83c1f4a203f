/**
 * Reading reports: a plan's periods, the report list (the coordinators' review queue and the reporters'
 * own reports, filtered by jurisdiction in SQL), one report with its history, my tasks, and punctuality.
 */
import type { Kysely } from 'kysely';
import type { MyTaskView, ProgressStatus, ReportDetail, ReportStatus, ReportSummary, UnitPunctuality } from '../../contracts/plan-reports.contract.ts';
import { readStoredFile } from '../../files/index.ts';
import type { Actor } from '../../kernel/actor.ts';
import { notFound } from '../../kernel/errors.ts';
import { chinaDate } from '../../kernel/periods.ts';
import type { Database } from '../../store/tables.ts';
import { canReadPlan } from '../plans.policy.ts';
import { currentPeriod, reportTimeliness, summarisePunctuality, type ReportingPeriod } from './periods.ts';
import { periodLabels } from './reports.notices.ts';
import { canReadReport, canReviewReports, reportAbilities, reportingUnitIds } from './reports.policy.ts';
import { loadPlan, loadReport, periodsOfPlan, readableReportCondition, requirePeriod, words, type LoadedReport } from './reports.repo.ts';

/** Filters for listing reports. */
export interface ReportFilter {
  planId?: string | undefined;
  period?: string | undefined;
  unitId?: string | undefined;
  status?: ReportStatus | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** A plan's reporting periods with their labels, and the one being reported on at `now`. */
export async function planPeriods(db: Kysely<Database>, actor: Actor, planId: string, now: Date) {
  const plan = await loadPlan(db, planId);
  if (!plan || !canReadPlan(actor, plan.region_code)) throw notFound(words.plan);
  return {
    items: plan.periods.map((entry) => ({ ...entry, label: periodLabels(entry.period) })),
    current: currentPeriod(plan.periods, chinaDate(now))?.period ?? null,
  };
}

/** The reports the actor may read, newest activity first: filter by status `submitted` for the review queue. */
export async function listReports(db: Kysely<Database>, actor: Actor, filter: ReportFilter): Promise<{ items: ReportSummary[]; total: number }> {
  let query = db
    .selectFrom('task_report')
    .innerJoin('plan_task', 'plan_task.id', 'task_report.task_id')
    .innerJoin('plan', 'plan.id', 'plan_task.plan_id')
    .innerJoin('unit', 'unit.id', 'task_report.unit_id')
    .where(readableReportCondition(actor));
  if (filter.planId) query = query.where('plan.id', '=', filter.planId);
  if (filter.period) query = query.where('task_report.period', '=', filter.period);
  if (filter.unitId) query = query.where('task_report.unit_id', '=', filter.unitId);
  if (filter.status) query = query.where('task_report.status', '=', filter.status);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('task_report')
    .select(['plan.id as plan_id', 'plan.title as plan_title', 'plan_task.number as task_number', 'plan_task.title as task_title', 'unit.name as unit_name', 'unit.region_code as unit_region_code'])
    .orderBy('task_report.updated_at', 'desc')
    .orderBy('task_report.id')
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0)
    .execute();
  return { items: rows.map(presentSummary), total: Number(total) };
}

/** The columns a report summary is built from. */
type SummaryRow = Pick<
  LoadedReport,
  'id' | 'plan_id' | 'plan_title' | 'task_id' | 'task_number' | 'task_title' | 'unit_id' | 'unit_name' | 'unit_region_code' | 'period' | 'progress_status' | 'submitted_at' | 'first_submitted_at' | 'reviewed_at' | 'updated_at' | 'version'
> & { status: string };

function presentSummary(row: SummaryRow): ReportSummary {
  return {
    id: row.id,
    planId: row.plan_id,
    planTitle: row.plan_title,
    taskId: row.task_id,
    taskNumber: row.task_number,
    taskTitle: row.task_title,
    unitId: row.unit_id,
    unitName: row.unit_name,
    unitRegionCode: row.unit_region_code,
    period: row.period,
    status: row.status as ReportStatus,
    progressStatus: row.progress_status as ProgressStatus,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    firstSubmittedAt: row.first_submitted_at?.toISOString() ?? null,
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** One report with its events, figures (and whether they were accepted), attachments and abilities. */
export async function getReport(db: Kysely<Database>, actor: Actor, reportId: string, now: Date): Promise<ReportDetail> {
  const report = await loadReport(db, reportId);
  if (!report || !canReadReport(actor, report.scope)) throw notFound(words.report);
  const [events, figures, recorded, attachments] = await Promise.all([
    db.selectFrom('report_event').selectAll().where('report_id', '=', reportId).orderBy('at').orderBy('id').execute(),
    db
      .selectFrom('report_figure')
      .innerJoin('plan_target', 'plan_target.id', 'report_figure.target_id')
      .select(['report_figure.target_id', 'report_figure.region_code', 'report_figure.value', 'plan_target.key', 'plan_target.indicator', 'plan_target.unit'])
      .where('report_figure.report_id', '=', reportId)
      .orderBy('plan_target.key')
      .orderBy('report_figure.region_code')
      .execute(),
    db.selectFrom('target_figure').select(['target_id', 'region_code', 'accepted']).where('report_id', '=', reportId).execute(),
    db
      .selectFrom('report_attachment')
      .innerJoin('stored_file', 'stored_file.id', 'report_attachment.file_id')
      .select(['stored_file.id', 'stored_file.file_name', 'stored_file.content_type', 'stored_file.size_bytes', 'stored_file.uploaded_at'])
      .where('report_attachment.report_id', '=', reportId)
      .orderBy('stored_file.uploaded_at')
      .orderBy('stored_file.id')
      .execute(),
  ]);
  const due = periodsOfPlan(report).find((entry) => entry.period === report.period)?.due ?? null;
  return {
    ...presentSummary(report),
    narrative: report.narrative,
    due,
    timeliness: due ? reportTimeliness(due, report.first_submitted_at, now) : null,
    reviewComment: report.review_comment,
    events: events.map((event) => ({
      at: event.at.toISOString(),
      actorName: event.actor_name,
      fromStatus: event.from_status as ReportStatus | null,
      toStatus: event.to_status as ReportStatus,
      comment: event.comment,
    })),
    figures: figures.map((figure) => ({
      targetId: figure.target_id,
      targetKey: figure.key,
      indicator: figure.indicator,
      unit: figure.unit,
      regionCode: figure.region_code,
      value: Number(figure.value),
      accepted: recorded.find((row) => row.target_id === figure.target_id && row.region_code === figure.region_code)?.accepted ?? null,
    })),
    attachments: attachments.map((file) => ({
      fileId: file.id,
      fileName: file.file_name,
      contentType: file.content_type,
      sizeBytes: file.size_bytes,
      uploadedAt: file.uploaded_at.toISOString(),
    })),
    abilities: reportAbilities(actor, { ...report.scope, status: report.status }),
  };
}

/** A file attached to a report the actor may read, with its content; 404 otherwise. */
export async function readReportAttachment(db: Kysely<Database>, actor: Actor, reportId: string, fileId: string) {
  const report = await loadReport(db, reportId);
  if (!report || !canReadReport(actor, report.scope)) throw notFound(words.file);
  const link = await db.selectFrom('report_attachment').select('file_id').where('report_id', '=', reportId).where('file_id', '=', fileId).executeTakeFirst();
  if (!link) throw notFound(words.file);
  return readStoredFile(db, fileId);
}

/** Document order of tasks: the positions of their sections from the top, then their own. */
async function documentOrder(db: Kysely<Database>, planIds: string[]): Promise<Map<string, string>> {
  const [sections, tasks] = await Promise.all([
    db.selectFrom('plan_section').select(['id', 'parent_section_id', 'position']).where('plan_id', 'in', planIds).execute(),
    db.selectFrom('plan_task').select(['id', 'section_id', 'position']).where('plan_id', 'in', planIds).execute(),
  ]);
  const byId = new Map(sections.map((section) => [section.id, section]));
  const pathOf = (sectionId: string | null): string => {
    const section = sectionId ? byId.get(sectionId) : undefined;
    return section ? `${pathOf(section.parent_section_id)}${String(section.position).padStart(4, '0')}.` : '';
  };
  return new Map(tasks.map((task) => [task.id, `${pathOf(task.section_id)}${String(task.position).padStart(4, '0')}`]));
}

/**
 * The tasks of the units the actor reports for, in document order, each with the unit's acknowledgement
 * and its report for the period asked for (or, per plan, the period being reported on at `now`).
 */
export async function myTasks(db: Kysely<Database>, actor: Actor, filter: { planId?: string | undefined; period?: string | undefined; now?: Date | undefined }): Promise<MyTaskView[]> {
  const unitIds = reportingUnitIds(actor);
  if (unitIds.length === 0) return [];
  const now = filter.now ?? new Date();
  let query = db
    .selectFrom('task_unit')
    .innerJoin('plan_task', 'plan_task.id', 'task_unit.task_id')
    .innerJoin('plan', 'plan.id', 'plan_task.plan_id')
    .innerJoin('unit', 'unit.id', 'task_unit.unit_id')
    .select([
      'plan.id as plan_id',
      'plan.title as plan_title',
      'plan.schedule',
      'plan.start_date',
      'plan.end_date',
      'plan_task.id as task_id',
      'plan_task.number',
      'plan_task.title',
      'plan_task.text',
      'task_unit.unit_id',
      'task_unit.is_lead',
      'task_unit.acknowledged_at',
      'unit.name as unit_name',
    ])
    .where('task_unit.unit_id', 'in', unitIds);
  if (filter.planId) query = query.where('plan.id', '=', filter.planId);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const taskIds = [...new Set(rows.map((row) => row.task_id))];
  const planIds = [...new Set(rows.map((row) => row.plan_id))];
  const [order, reports, links] = await Promise.all([
    documentOrder(db, planIds),
    db.selectFrom('task_report').select(['id', 'task_id', 'unit_id', 'period', 'status', 'progress_status', 'version', 'first_submitted_at']).where('unit_id', 'in', unitIds).where('task_id', 'in', taskIds).execute(),
    db.selectFrom('task_target').select(['task_id', 'target_id']).where('task_id', 'in', taskIds).execute(),
  ]);
  const today = chinaDate(now);
  const periodFor = new Map<string, ReportingPeriod | undefined>();
  for (const row of rows) {
    if (periodFor.has(row.plan_id)) continue;
    const periods = periodsOfPlan(row);
    periodFor.set(row.plan_id, filter.period ? periods.find((entry) => entry.period === filter.period) : currentPeriod(periods, today));
  }
  const items = rows.map((row) => {
    const period = periodFor.get(row.plan_id);
    const report = period ? reports.find((candidate) => candidate.task_id === row.task_id && candidate.unit_id === row.unit_id && candidate.period === period.period) : undefined;
    return {
      planId: row.plan_id,
      planTitle: row.plan_title,
      taskId: row.task_id,
      taskNumber: row.number,
      taskTitle: row.title,
      taskText: row.text,
      unitId: row.unit_id,
      unitName: row.unit_name,
      isLead: row.is_lead,
      acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
      targetIds: links.filter((link) => link.task_id === row.task_id).map((link) => link.target_id),
      period: period?.period ?? null,
      due: period?.due ?? null,
      report: report ? { id: report.id, status: report.status as ReportStatus, progressStatus: report.progress_status as ProgressStatus, version: report.version } : null,
      timeliness: period ? reportTimeliness(period.due, report?.first_submitted_at ?? null, now) : null,
    };
  });
  const sortKey = (item: MyTaskView) => `${item.planTitle}\u0000${order.get(item.taskId) ?? ''}\u0000${item.unitName}`;
  return items.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}

/**
 * Per responsible unit of a plan: how many of its tasks were reported for the period, on time, late or
 * missing (judged on Beijing dates against the due date). The plan's reviewers see every unit; others
 * see the units whose reports they may read, filtered in SQL.
 */
export async function punctuality(db: Kysely<Database>, actor: Actor, planId: string, period?: string, now: Date = new Date()) {
  const plan = await loadPlan(db, planId);
  if (!plan || !canReadPlan(actor, plan.region_code)) throw notFound(words.plan);
  // Without periods, requirePeriod refuses with "this plan has no reporting periods".
  const chosen = period ? requirePeriod(plan.periods, period) : (currentPeriod(plan.periods, chinaDate(now)) ?? requirePeriod(plan.periods, ''));
  let query = db
    .selectFrom('task_unit')
    .innerJoin('plan_task', 'plan_task.id', 'task_unit.task_id')
    .innerJoin('plan', 'plan.id', 'plan_task.plan_id')
    .innerJoin('unit', 'unit.id', 'task_unit.unit_id')
    .leftJoin('task_report', (join) =>
      join.onRef('task_report.task_id', '=', 'task_unit.task_id').onRef('task_report.unit_id', '=', 'task_unit.unit_id').on('task_report.period', '=', chosen.period),
    )
    .select(['task_unit.unit_id', 'unit.name', 'unit.region_code', 'task_report.first_submitted_at'])
    .where('plan.id', '=', planId);
  if (!canReviewReports(actor, plan.region_code)) query = query.where(readableReportCondition(actor));
  const rows = await query.orderBy('unit.region_code').orderBy('unit.name').execute();
  const units = new Map<string, { name: string; regionCode: string; submissions: (Date | null)[] }>();
  for (const row of rows) {
    const entry = units.get(row.unit_id) ?? { name: row.name, regionCode: row.region_code, submissions: [] };
    entry.submissions.push(row.first_submitted_at);
    units.set(row.unit_id, entry);
  }
  const items: UnitPunctuality[] = [...units].map(([unitId, entry]) => ({
    unitId,
    unitName: entry.name,
    regionCode: entry.regionCode,
    ...summarisePunctuality(entry.submissions, chosen.due, now),
  }));
  return { planId, period: chosen.period, due: chosen.due, items };
}
