/**
 * Loading what progress and colours depend on: the plan, its targets with milestones, accepted figures
 * (target_figure, written by reports), tasks with their units and reports, and the colours recorded before.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { notFound } from '../../kernel/errors.ts';
import type { Database } from '../../store/tables.ts';
import { packSchedule } from '../plan-pack.schema.ts';
import { reportingPeriods } from '../reports/periods.ts';
import { colourRulesOf, type Colour } from './colour.ts';
import type { FigureFact, PlanFacts, TargetFacts } from './evaluate.ts';
import type { Comparator } from './schedule.ts';
import type { DuePeriod } from './signals.ts';
import { milestoneOf } from '../milestones.ts';

/** The word for a plan in "not found" refusals. */
export const planWord = { zh: '方案', en: 'Plan' };

/** The plan row progress works from, or a 404. */
export async function loadPlan(db: Kysely<Database>, planId: string) {
  const plan = await db
    .selectFrom('plan')
    .select(['id', 'key', 'region_code', 'start_date', 'end_date', 'schedule', 'colour_rules'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw notFound(planWord);
  return plan;
}

/** The plan as progress sees it. */
export type PlanRow = Awaited<ReturnType<typeof loadPlan>>;

/** A SQL condition: `column` is a region the actor sees (in a subtree it holds, or above one). */
export function regionVisible(column: string, regions: { prefixes: string[]; ancestors: string[] }): RawBuilder<boolean> {
  const parts = regions.prefixes.map((prefix) => sql`${sql.ref(column)} like ${`${prefix}%`}`);
  if (regions.ancestors.length > 0) parts.push(sql`${sql.ref(column)} in (${sql.join(regions.ancestors)})`);
  return parts.length > 0 ? sql<boolean>`(${sql.join(parts, sql` or `)})` : sql<boolean>`false`;
}

/** The reporting periods of a plan, from the schedule its pack gave. */
function planPeriods(plan: PlanRow): DuePeriod[] {
  const schedule = packSchedule.safeParse(plan.schedule);
  return schedule.success ? reportingPeriods(schedule.data, plan.start_date, plan.end_date) : [];
}

async function loadTargets(db: Kysely<Database>, planId: string): Promise<TargetFacts[]> {
  const [targets, milestones] = await Promise.all([
    db
      .selectFrom('plan_target')
      .select(['id', 'indicator', 'region_code', 'parent_target_id', 'comparator', 'value', 'deadline'])
      .where('plan_id', '=', planId)
      .orderBy('key')
      .execute(),
    db
      .selectFrom('target_milestone')
      .innerJoin('plan_target', 'plan_target.id', 'target_milestone.target_id')
      .select(['target_milestone.target_id', 'target_milestone.due_by', 'target_milestone.share', 'target_milestone.value'])
      .where('plan_target.plan_id', '=', planId)
      .orderBy('target_milestone.position')
      .execute(),
  ]);
  return targets.map((target) => ({
    id: target.id,
    indicator: target.indicator,
    regionCode: target.region_code,
    parentTargetId: target.parent_target_id,
    comparator: target.comparator as Comparator,
    value: Number(target.value),
    deadline: target.deadline,
    milestones: milestones
      .filter((milestone) => milestone.target_id === target.id)
      .map(milestoneOf),
  }));
}

/** The accepted figures for a plan's targets as of a day, optionally only for regions the actor sees. */
export async function loadFigures(
  db: Kysely<Database>,
  planId: string,
  asOf: string,
  regions?: { prefixes: string[]; ancestors: string[] },
): Promise<FigureFact[]> {
  let query = db
    .selectFrom('target_figure')
    .innerJoin('plan_target', 'plan_target.id', 'target_figure.target_id')
    .select(['target_figure.target_id', 'target_figure.region_code', 'target_figure.as_of', 'target_figure.value', 'target_figure.recorded_at'])
    .where('plan_target.plan_id', '=', planId)
    .where('target_figure.accepted', '=', true)
    .where('target_figure.as_of', '<=', asOf);
  if (regions) query = query.where(regionVisible('target_figure.region_code', regions));
  const rows = await query.execute();
  return rows.map((row) => ({
    targetId: row.target_id,
    regionCode: row.region_code,
    asOf: row.as_of,
    value: Number(row.value),
    accepted: true,
    recordedAt: row.recorded_at,
  }));
}

async function loadTasks(db: Kysely<Database>, planId: string) {
  const [tasks, links, units, reports] = await Promise.all([
    db.selectFrom('plan_task').select(['id', 'number', 'title']).where('plan_id', '=', planId).orderBy('position').execute(),
    db.selectFrom('task_target').innerJoin('plan_task', 'plan_task.id', 'task_target.task_id').select(['task_target.task_id', 'task_target.target_id']).where('plan_task.plan_id', '=', planId).execute(),
    db
      .selectFrom('task_unit')
      .innerJoin('plan_task', 'plan_task.id', 'task_unit.task_id')
      .innerJoin('unit', 'unit.id', 'task_unit.unit_id')
      .select(['task_unit.task_id', 'task_unit.unit_id', 'unit.name'])
      .where('plan_task.plan_id', '=', planId)
      .orderBy('task_unit.position')
      .execute(),
    db
      .selectFrom('task_report')
      .innerJoin('plan_task', 'plan_task.id', 'task_report.task_id')
      .select(['task_report.task_id', 'task_report.unit_id', 'task_report.period', 'task_report.status', 'task_report.progress_status', 'task_report.first_submitted_at'])
      .where('plan_task.plan_id', '=', planId)
      .execute(),
  ]);
  return tasks.map((task) => ({
    id: task.id,
    number: task.number,
    title: task.title,
    targetIds: links.filter((link) => link.task_id === task.id).map((link) => link.target_id),
    units: units.filter((unit) => unit.task_id === task.id).map((unit) => ({ unitId: unit.unit_id, name: unit.name })),
    reports: reports
      .filter((report) => report.task_id === task.id)
      .map((report) => ({
        unitId: report.unit_id,
        period: report.period,
        status: report.status,
        progressStatus: report.progress_status,
        firstSubmittedAt: report.first_submitted_at,
      })),
  }));
}

/** Everything the plan's colours depend on as of a day, with the tasks' numbers and titles for presenting them. */
export async function loadPlanFacts(db: Kysely<Database>, plan: PlanRow, asOf: string) {
  const [targets, figures, tasks] = await Promise.all([loadTargets(db, plan.id), loadFigures(db, plan.id, asOf), loadTasks(db, plan.id)]);
  const facts: PlanFacts = { start: plan.start_date, rules: colourRulesOf(plan.colour_rules), targets, figures, tasks, periods: planPeriods(plan) };
  return { facts, tasks };
}

/** The key of an entity in a colour map. */
export function colourKey(entityType: 'task' | 'target', entityId: string): string {
  return `${entityType}:${entityId}`;
}

/** The colours recorded now for a plan's targets and tasks. */
export async function currentColours(db: Kysely<Database>, planId: string): Promise<Map<string, { colour: Colour; reason: string }>> {
  const rows = await db.selectFrom('colour_state').select(['entity_type', 'entity_id', 'colour', 'reason']).where('plan_id', '=', planId).execute();
  return new Map(rows.map((row) => [colourKey(row.entity_type, row.entity_id), { colour: row.colour as Colour, reason: row.reason }]));
}

/** The colour each entity of a plan had been given before `instant`, from the history. */
export async function coloursBefore(db: Kysely<Database>, planId: string, instant: Date): Promise<Map<string, Colour>> {
  const rows = await db
    .selectFrom('colour_change')
    .select(['entity_type', 'entity_id', 'to_colour'])
    .distinctOn(['entity_type', 'entity_id'])
    .where('plan_id', '=', planId)
    .where('at', '<', instant)
    .orderBy('entity_type')
    .orderBy('entity_id')
    .orderBy('at', 'desc')
    .execute();
  return new Map(rows.map((row) => [colourKey(row.entity_type, row.entity_id), row.to_colour as Colour]));
}
