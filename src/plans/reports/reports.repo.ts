/** Loading what the report use cases work on: a plan with its periods, a task with its units, a report. */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Actor } from '../../kernel/actor.ts';
import { notFound, unprocessable } from '../../kernel/errors.ts';
import type { ReportStatus } from '../../contracts/plan-reports.contract.ts';
import type { Database } from '../../store/tables.ts';
import { packSchedule } from '../plan-pack.schema.ts';
import { reportingPeriods, type ReportingPeriod } from './periods.ts';
import { readableReports } from './reports.policy.ts';

/** The words refusals use for what was not found. */
export const words = {
  plan: { zh: '方案', en: 'Plan' },
  task: { zh: '任务', en: 'Task' },
  report: { zh: '报告', en: 'Report' },
  file: { zh: '附件', en: 'Attachment' },
};

/** A plan's reporting periods from its stored schedule; none when the schedule is not one we know. */
export function periodsOfPlan(plan: { schedule: unknown; start_date: string; end_date: string }): ReportingPeriod[] {
  const schedule = packSchedule.safeParse(plan.schedule);
  return schedule.success ? reportingPeriods(schedule.data, plan.start_date, plan.end_date) : [];
}

/** The plan's period named `period`, or a refusal naming the field. */
export function requirePeriod(periods: readonly ReportingPeriod[], period: string, field = 'period'): ReportingPeriod {
  const found = periods.find((candidate) => candidate.period === period);
  if (found) return found;
  const known = periods.map((candidate) => candidate.period).join('、');
  throw unprocessable(field, {
    zh: known ? `${period} 不是本方案的报告期；报告期为：${known}。` : '本方案没有规定报告期。',
    en: known ? `${period} is not a reporting period of this plan; its periods are ${known}.` : 'This plan has no reporting periods.',
  });
}

/** A plan with its periods, or null. */
export async function loadPlan(db: Kysely<Database>, planId: string) {
  const plan = await db.selectFrom('plan').select(['id', 'title', 'region_code', 'schedule', 'start_date', 'end_date']).where('id', '=', planId).executeTakeFirst();
  return plan ? { ...plan, periods: periodsOfPlan(plan) } : null;
}

/** A task with its plan and the units responsible for it, or a 404. */
export async function loadTask(db: Kysely<Database>, taskId: string) {
  const task = await db
    .selectFrom('plan_task')
    .innerJoin('plan', 'plan.id', 'plan_task.plan_id')
    .select(['plan_task.id', 'plan_task.number', 'plan_task.plan_id', 'plan.title as plan_title', 'plan.region_code as plan_region_code', 'plan.schedule', 'plan.start_date', 'plan.end_date'])
    .where('plan_task.id', '=', taskId)
    .executeTakeFirst();
  if (!task) throw notFound(words.task);
  const units = await db
    .selectFrom('task_unit')
    .innerJoin('unit', 'unit.id', 'task_unit.unit_id')
    .select(['task_unit.unit_id', 'task_unit.acknowledged_at', 'unit.name', 'unit.region_code'])
    .where('task_unit.task_id', '=', taskId)
    .execute();
  const targets = await db.selectFrom('task_target').innerJoin('plan_target', 'plan_target.id', 'task_target.target_id').select(['plan_target.id', 'plan_target.region_code']).where('task_target.task_id', '=', taskId).execute();
  return { ...task, units, targets, periods: periodsOfPlan(task) };
}

/** A report with what its policy and presentation need, or null. */
export async function loadReport(db: Kysely<Database>, reportId: string) {
  const row = await db
    .selectFrom('task_report')
    .innerJoin('plan_task', 'plan_task.id', 'task_report.task_id')
    .innerJoin('plan', 'plan.id', 'plan_task.plan_id')
    .innerJoin('unit', 'unit.id', 'task_report.unit_id')
    .selectAll('task_report')
    .select([
      'plan.id as plan_id',
      'plan.title as plan_title',
      'plan.region_code as plan_region_code',
      'plan.schedule',
      'plan.start_date',
      'plan.end_date',
      'plan_task.number as task_number',
      'plan_task.title as task_title',
      'unit.name as unit_name',
      'unit.region_code as unit_region_code',
    ])
    .where('task_report.id', '=', reportId)
    .executeTakeFirst();
  if (!row) return null;
  const status = row.status as ReportStatus;
  return { ...row, status, scope: { unitId: row.unit_id, unitRegionCode: row.unit_region_code, planRegionCode: row.plan_region_code } };
}

/** A loaded report. */
export type LoadedReport = NonNullable<Awaited<ReturnType<typeof loadReport>>>;

/**
 * The SQL condition for the reports the actor may read, over a query joining `unit` (the reporting unit)
 * and `plan`: the same rule as `canReadReport`.
 */
export function readableReportCondition(actor: Actor) {
  const scope = readableReports(actor);
  return (eb: ExpressionBuilder<Database, 'unit' | 'plan'>) =>
    eb.or([
      ...(scope.unitIds.length > 0 ? [eb('unit.id', 'in', scope.unitIds)] : []),
      ...scope.unitPrefixes.map((prefix) => eb('unit.region_code', 'like', `${prefix}%`)),
      ...scope.planPrefixes.map((prefix) => eb('plan.region_code', 'like', `${prefix}%`)),
    ]);
}
