/**
 * Gathering what a bulletin is written from. Progress, punctuality and the problem rules belong to their own
 * sub-folders; this calls their services and pure rules, and reads only what they do not present: the ids of
 * the reports behind each figure, the tasks' lead units and the problems of the plan one by one.
 *
 * The facts are read as a plan-wide reader would (the system actor), after the caller has checked that the
 * actor manages the plan: a bulletin speaks of every unit of the plan, and two coordinators drawing up the
 * same bulletin must get the same content.
 */
import type { Kysely } from 'kysely';
import type { ProblemCategory, ProblemStatus } from '../../contracts/plan-problems-constants.ts';
import type { PlanProgress } from '../../contracts/plan-progress.contract.ts';
import { regionWithin, systemActor } from '../../kernel/actor.ts';
import { chinaDate } from '../../kernel/periods.ts';
import type { Database } from '../../store/tables.ts';
import { isOverdue } from '../problems/problems.rules.ts';
import { ownFigures, type FigureFact } from '../progress/evaluate.ts';
import { getPlanProgress } from '../progress/progress.service.ts';
import { latestFigure } from '../progress/schedule.ts';
import { reportTimeliness, shiftDate, type ReportingPeriod } from '../reports/periods.ts';
import { punctuality } from '../reports/reports.read.ts';
import type { BulletinFacts, ProblemFact, TargetFact, TaskFact, UnitFact } from './bulletin-content.ts';

/** The plan a bulletin is for. */
export interface BulletinPlan {
  id: string;
  title: string;
  docNumber: string | null;
  regionCode: string;
}

/** What the caller decides: the period, the weights, the 文号, the issuer and the time. */
export interface FactsRequest {
  period: ReportingPeriod;
  weights: BulletinFacts['weights'];
  docNumber: string | null;
  issuer: string;
  now: Date;
}

const taskTitleLength = 40;

function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

/** The start of a task's text, for tasks the document gives no title. */
function shortTitle(title: string | null, text: string): string {
  if (title) return title;
  return text.length > taskTitleLength ? `${text.slice(0, taskTitleLength)}…` : text;
}

/** The reports of the plan for the period that have been submitted, with how each stands against the due date. */
async function submittedReports(db: Kysely<Database>, planId: string, period: ReportingPeriod, now: Date) {
  const rows = await db
    .selectFrom('task_report')
    .innerJoin('plan_task', 'plan_task.id', 'task_report.task_id')
    .select(['task_report.id', 'task_report.task_id', 'task_report.unit_id', 'task_report.first_submitted_at'])
    .where('plan_task.plan_id', '=', planId)
    .where('task_report.period', '=', period.period)
    .where('task_report.first_submitted_at', 'is not', null)
    .execute();
  return rows.map((row) => ({ id: row.id, taskId: row.task_id, unitId: row.unit_id, timeliness: reportTimeliness(period.due, row.first_submitted_at, now) }));
}

/** The report behind each target's figure: the one that gave the latest accepted figure counted for it. */
async function figureReports(db: Kysely<Database>, planId: string, progress: PlanProgress, asOf: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('target_figure')
    .innerJoin('plan_target', 'plan_target.id', 'target_figure.target_id')
    .select(['target_figure.target_id', 'target_figure.region_code', 'target_figure.as_of', 'target_figure.value', 'target_figure.recorded_at', 'target_figure.report_id'])
    .where('plan_target.plan_id', '=', planId)
    .where('target_figure.accepted', '=', true)
    .where('target_figure.as_of', '<=', asOf)
    .execute();
  // The progress rules pick the figure; the report is found again by the figure's identity.
  const reportOf = new Map<FigureFact, string | null>();
  for (const row of rows) {
    const figure = { targetId: row.target_id, regionCode: row.region_code, asOf: row.as_of, value: Number(row.value), accepted: true, recordedAt: row.recorded_at };
    reportOf.set(figure, row.report_id);
  }
  const figures = [...reportOf.keys()];
  const found = new Map<string, string[]>();
  for (const target of progress.targets) {
    const latest = latestFigure(ownFigures({ ...target, milestones: [] }, figures), asOf);
    const reportId = latest ? reportOf.get(latest as FigureFact) : null;
    found.set(target.id, reportId ? [reportId] : []);
  }
  return found;
}

/** Each task's lead as the bulletin names it: the lead unit, else the lead the document names, else every unit. */
async function taskLeads(db: Kysely<Database>, planId: string) {
  const [tasks, units] = await Promise.all([
    db.selectFrom('plan_task').select(['id', 'title', 'text', 'lead_named_as']).where('plan_id', '=', planId).execute(),
    db
      .selectFrom('task_unit')
      .innerJoin('plan_task', 'plan_task.id', 'task_unit.task_id')
      .innerJoin('unit', 'unit.id', 'task_unit.unit_id')
      .select(['task_unit.task_id', 'task_unit.is_lead', 'task_unit.named_as', 'unit.name'])
      .where('plan_task.plan_id', '=', planId)
      .orderBy('task_unit.position')
      .execute(),
  ]);
  return new Map(
    tasks.map((task) => {
      const own = units.filter((unit) => unit.task_id === task.id);
      const lead = own.find((unit) => unit.is_lead)?.name ?? task.lead_named_as ?? [...new Set(own.map((unit) => unit.named_as))].join('、');
      return [task.id, { title: shortTitle(task.title, task.text), lead }];
    }),
  );
}

/** The problems logged against the plan, as they stand on `today`. */
async function planProblems(db: Kysely<Database>, planId: string, today: string): Promise<ProblemFact[]> {
  const rows = await db
    .selectFrom('problem')
    .innerJoin('region', 'region.code', 'problem.region_code')
    .innerJoin('unit', 'unit.id', 'problem.owner_unit_id')
    .select(['problem.id', 'problem.number', 'problem.title', 'problem.category', 'problem.status', 'problem.region_code', 'region.name as region_name', 'unit.name as owner_unit', 'problem.deadline', 'problem.flagged'])
    .where('problem.plan_id', '=', planId)
    .orderBy('problem.sequence_no')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    title: row.title,
    category: row.category as ProblemCategory,
    status: row.status as ProblemStatus,
    regionCode: row.region_code,
    regionName: row.region_name,
    ownerUnit: row.owner_unit,
    deadline: row.deadline,
    flagged: row.flagged,
    overdue: isOverdue(row.deadline, row.status as ProblemStatus, today),
  }));
}

/**
 * Everything a bulletin of `plan` for the requested period is written from. Targets are judged as of the
 * period's end (figures are cumulative as of that day), task colours as of the day after the due date, when a
 * missing report counts against its task; neither later than today.
 */
export async function gatherFacts(db: Kysely<Database>, plan: BulletinPlan, request: FactsRequest): Promise<BulletinFacts> {
  const { period, now } = request;
  const today = chinaDate(now);
  const targetsAsOf = earlier(today, period.end);
  const tasksAsOf = earlier(today, shiftDate(period.due, 1));
  const [progress, taskProgress, timeliness, reports, leads, problems, children] = await Promise.all([
    // Reasons in both languages: the document prints the Chinese, the content keeps the English for English readers.
    getPlanProgress(db, systemActor, plan.id, targetsAsOf, 'both'),
    tasksAsOf === targetsAsOf ? null : getPlanProgress(db, systemActor, plan.id, tasksAsOf, 'both'),
    punctuality(db, systemActor, plan.id, period.period, now),
    submittedReports(db, plan.id, period, now),
    taskLeads(db, plan.id),
    planProblems(db, plan.id, today),
    db.selectFrom('region').select(['code', 'name']).where('parent_code', '=', plan.regionCode).orderBy('code').execute(),
  ]);
  const figureReportIds = await figureReports(db, plan.id, progress, targetsAsOf);
  const targets: TargetFact[] = progress.targets.map((target) => ({ ...target, reportIds: figureReportIds.get(target.id) ?? [] }));
  const idsOf = (unitId: string, wanted: string) => reports.filter((report) => report.unitId === unitId && report.timeliness === wanted).map((report) => report.id);
  const units: UnitFact[] = timeliness.items.map((unit) => ({ ...unit, onTimeReportIds: idsOf(unit.unitId, 'on_time'), lateReportIds: idsOf(unit.unitId, 'late') }));
  const tasks: TaskFact[] = (taskProgress ?? progress).tasks.map((task) => ({
    id: task.id,
    number: task.number,
    title: leads.get(task.id)?.title ?? task.title ?? task.number,
    colour: task.colour,
    reason: task.reason,
    leadUnits: leads.get(task.id)?.lead ?? '',
    reportIds: reports.filter((report) => report.taskId === task.id).map((report) => report.id),
  }));
  // Only regions with something to score are ranked: a township no task names is not last, it is absent.
  const regions = children.filter(
    (region) =>
      targets.some((target) => regionWithin(target.regionCode, region.code)) ||
      units.some((unit) => regionWithin(unit.regionCode, region.code) && unit.onTime + unit.late + unit.missing > 0) ||
      problems.some((problem) => regionWithin(problem.regionCode, region.code)),
  );
  return {
    plan: { id: plan.id, title: plan.title, docNumber: plan.docNumber },
    period: { period: period.period, start: period.start, end: period.end, due: period.due },
    docNumber: request.docNumber,
    issuer: request.issuer,
    issuedOn: today,
    problemsAsOf: today,
    weights: request.weights,
    regions,
    targets,
    units,
    tasks,
    problems,
  };
}
