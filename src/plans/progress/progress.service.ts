/**
 * Target progress against the time schedule and the colours of targets and tasks: judging a plan now and
 * recording every colour change once (`refreshPlanColours`), reading progress as of any day, and reading
 * the colour history. Reasons are judged in both languages and stored as one `bilingual` string; they are
 * presented in the reader's language.
 */
import { sql, type Kysely } from 'kysely';
import type { ColourChangeView, PlanProgress, TargetProgressView } from '../../contracts/plan-progress.contract.ts';
import { jurisdictionOrAbove, type Actor } from '../../kernel/actor.ts';
import { bilingual, notFound, pickLanguage, type LocalizedText } from '../../kernel/errors.ts';
import { chinaDate } from '../../kernel/periods.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import type { Database } from '../../store/tables.ts';
import type { Colour } from './colour.ts';
import { evaluatePlan, type FigureFact, type TargetEvaluation, type TargetFacts } from './evaluate.ts';
import { canReadProgress, progressAbilities } from './progress.policy.ts';
import { colourKey, coloursBefore, currentColours, loadFigures, loadPlan, loadPlanFacts, planWord, regionVisible } from './progress.repo.ts';
import { latestFigure } from './schedule.ts';

/** One colour change made by a refresh. */
export interface ColourChange {
  entityType: 'task' | 'target';
  entityId: string;
  from: Colour | null;
  to: Colour;
  reason: LocalizedText;
}

/** What a refresh did. */
export interface ColourRefresh {
  planId: string;
  /** The day judged: the date in China at the context's time. */
  asOf: string;
  changes: ColourChange[];
}

const millisecondsPerDay = 86_400_000;

/** The first instant of the day after `date` in China, where days run on UTC+8. */
function endOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + millisecondsPerDay);
}

/**
 * The language a reason is presented in: one of the interface languages, or `both` joined with `bilingual`
 * for content that keeps both (a bulletin's snapshot).
 */
export type ReasonLanguage = 'zh' | 'en' | 'both';

function presentReason(reason: LocalizedText, language: ReasonLanguage): string {
  return language === 'both' ? bilingual(reason.zh, reason.en) : reason[language];
}

function rounded(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Judges every target and task of a plan as of `context.now` and records each colour that changed, with
 * its reason, in the colour history (once: a second refresh with nothing new records nothing). Called after
 * a report is accepted and periodically for every plan; runs in the caller's transaction.
 */
export async function refreshPlanColours(context: WriteContext, planId: string): Promise<ColourRefresh> {
  const plan = await loadPlan(context.db, planId);
  // Two refreshes of one plan at once (a report accepted while the periodic job runs) would both see the
  // old colours and record the change twice; holding the plan row makes the second wait and see the first.
  await context.db.selectFrom('plan').select('id').where('id', '=', planId).forUpdate().execute();
  const asOf = chinaDate(context.now);
  const { facts } = await loadPlanFacts(context.db, plan, asOf);
  const current = await currentColours(context.db, planId);
  const evaluation = evaluatePlan(facts, asOf, (type, id) => current.get(colourKey(type, id))?.colour ?? null);
  const decisions = [
    ...evaluation.targets.map((judged) => ({ entityType: 'target' as const, entityId: judged.target.id, colour: judged.decision.colour, reason: judged.decision.reason })),
    ...evaluation.tasks.map((judged) => ({ entityType: 'task' as const, entityId: judged.taskId, colour: judged.decision.colour, reason: judged.decision.reason })),
  ];
  const stored = (reason: LocalizedText) => presentReason(reason, 'both');
  const changes: ColourChange[] = [];
  // A reason stored before reasons were bilingual differs from today's, so such a row is rewritten once.
  const touched = decisions.filter((decision) => {
    const before = current.get(colourKey(decision.entityType, decision.entityId));
    if (before?.colour !== decision.colour) changes.push({ ...decision, from: before?.colour ?? null, to: decision.colour });
    return before?.colour !== decision.colour || before.reason !== stored(decision.reason);
  });
  if (touched.length > 0) {
    await context.db
      .insertInto('colour_state')
      .values(
        touched.map((decision) => ({ entity_type: decision.entityType, entity_id: decision.entityId, plan_id: planId, colour: decision.colour, since: context.now, reason: stored(decision.reason) })),
      )
      .onConflict((conflict) =>
        conflict.columns(['entity_type', 'entity_id']).doUpdateSet((eb) => ({
          colour: eb.ref('excluded.colour'),
          reason: eb.ref('excluded.reason'),
          // `since` moves only when the colour does; a new reason for the same colour keeps it.
          since: sql<Date>`case when colour_state.colour = excluded.colour then colour_state.since else excluded.since end`,
        })),
      )
      .execute();
  }
  if (changes.length > 0) {
    await context.db
      .insertInto('colour_change')
      .values(
        changes.map((change) => ({ entity_type: change.entityType, entity_id: change.entityId, plan_id: planId, at: context.now, from_colour: change.from, to_colour: change.to, reason: stored(change.reason) })),
      )
      .execute();
    await recordAudit(context, {
      action: 'plans.colours.refresh',
      entityType: 'plan',
      entityId: planId,
      regionCode: plan.region_code,
      after: { asOf, changes },
    });
  }
  await forgetRemovedEntities(context.db, planId, decisions);
  return { planId, asOf, changes };
}

/** Refreshes the colours of every plan that has started, in the caller's transaction; for the periodic job. */
export async function refreshAllPlanColours(context: WriteContext): Promise<ColourRefresh[]> {
  const plans = await context.db.selectFrom('plan').select('id').where('start_date', '<=', chinaDate(context.now)).orderBy('id').execute();
  const refreshes: ColourRefresh[] = [];
  for (const plan of plans) refreshes.push(await refreshPlanColours(context, plan.id));
  return refreshes;
}

/** Drops the current colour of targets and tasks no longer in the plan (their history stays). */
async function forgetRemovedEntities(db: Kysely<Database>, planId: string, kept: { entityType: 'task' | 'target'; entityId: string }[]) {
  for (const entityType of ['target', 'task'] as const) {
    const ids = kept.filter((entity) => entity.entityType === entityType).map((entity) => entity.entityId);
    let query = db.deleteFrom('colour_state').where('plan_id', '=', planId).where('entity_type', '=', entityType);
    if (ids.length > 0) query = query.where('entity_id', 'not in', ids);
    await query.execute();
  }
}

/** The breakdown of a target by the regions below it that the actor sees: each one's latest figure and allocated share. */
function regionBreakdown(target: TargetFacts, targets: TargetFacts[], figures: FigureFact[], visibleIds: Set<string>, names: Map<string, string>, asOf: string) {
  const children = new Map(targets.filter((child) => child.parentTargetId === target.id && visibleIds.has(child.id)).map((child) => [child.regionCode, child]));
  const ownOrChild = figures.filter((figure) => figure.regionCode !== target.regionCode && (figure.targetId === target.id || children.get(figure.regionCode)?.id === figure.targetId));
  const codes = [...new Set([...children.keys(), ...ownOrChild.map((figure) => figure.regionCode)])].sort();
  return codes.map((code) => {
    const latest = latestFigure(ownOrChild.filter((figure) => figure.regionCode === code), asOf);
    return { regionCode: code, regionName: names.get(code) ?? code, figure: latest?.value ?? null, asOf: latest?.asOf ?? null, allocated: children.get(code)?.value ?? null };
  });
}

function presentTarget(judged: TargetEvaluation, row: { key: string; unit: string; region_name: string }, regions: TargetProgressView['regions'], language: ReasonLanguage): TargetProgressView {
  const { target, progress, decision } = judged;
  return {
    id: target.id,
    key: row.key,
    indicator: target.indicator,
    regionCode: target.regionCode,
    regionName: row.region_name,
    parentTargetId: target.parentTargetId,
    comparator: target.comparator,
    value: target.value,
    unit: row.unit,
    deadline: target.deadline,
    expectedShare: rounded(judged.expected),
    figure: progress.figure,
    figureAsOf: progress.figureAsOf,
    progress: rounded(progress.progress),
    met: progress.met,
    slip: decision.slip,
    colour: decision.colour,
    reason: presentReason(decision.reason, language),
    regions,
  };
}

/**
 * A plan's progress as of a day: per target its schedule, latest figure, progress, slip and colour, and the
 * figures of the regions below it that the actor sees; per task its colour. Red stays red as the history
 * recorded it up to that day. Reasons are in `language`.
 */
export async function getPlanProgress(db: Kysely<Database>, actor: Actor, planId: string, asOf: string, language: ReasonLanguage): Promise<PlanProgress> {
  const plan = await loadPlan(db, planId);
  if (!canReadProgress(actor, plan.region_code)) throw notFound(planWord);
  const { facts, tasks } = await loadPlanFacts(db, plan, asOf);
  const before = await coloursBefore(db, planId, endOfChinaDay(asOf));
  const evaluation = evaluatePlan(facts, asOf, (type, id) => before.get(colourKey(type, id)) ?? null);
  const regions = jurisdictionOrAbove(actor);
  const [rows, figures] = await Promise.all([
    db
      .selectFrom('plan_target')
      .innerJoin('region', 'region.code', 'plan_target.region_code')
      .select(['plan_target.id', 'plan_target.key', 'plan_target.unit', 'region.name as region_name'])
      .where('plan_target.plan_id', '=', planId)
      .where(regionVisible('plan_target.region_code', regions))
      .orderBy('plan_target.key')
      .execute(),
    loadFigures(db, planId, asOf, regions),
  ]);
  const codes = [...new Set(figures.map((figure) => figure.regionCode).concat(facts.targets.map((target) => target.regionCode)))];
  const regionRows = codes.length > 0 ? await db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute() : [];
  const names = new Map(regionRows.map((region) => [region.code, region.name]));
  const visibleIds = new Set(rows.map((row) => row.id));
  const judged = new Map(evaluation.targets.map((entry) => [entry.target.id, entry]));
  const taskDecisions = new Map(evaluation.tasks.map((entry) => [entry.taskId, entry.decision]));
  return {
    planId,
    asOf,
    rules: facts.rules,
    defaultRules: plan.colour_rules === null,
    abilities: progressAbilities(actor, plan.region_code),
    targets: rows.flatMap((row) => {
      const entry = judged.get(row.id);
      return entry ? [presentTarget(entry, row, regionBreakdown(entry.target, facts.targets, figures, visibleIds, names, asOf), language)] : [];
    }),
    tasks: tasks.map((task) => {
      const decision = taskDecisions.get(task.id);
      return { id: task.id, number: task.number, title: task.title, colour: decision?.colour ?? 'green', reason: decision ? presentReason(decision.reason, language) : '' };
    }),
  };
}

/** Filters for reading the colour history. */
export interface ColourHistoryFilter {
  /** One target's or task's history. */
  entityId?: string | undefined;
  limit: number;
}

/**
 * A plan's colour changes, newest first, their reasons in `language` (a reason recorded in one language only
 * is shown as it was); target changes only for regions the actor sees.
 */
export async function listColourHistory(db: Kysely<Database>, actor: Actor, planId: string, filter: ColourHistoryFilter, language: 'zh' | 'en'): Promise<ColourChangeView[]> {
  const plan = await loadPlan(db, planId);
  if (!canReadProgress(actor, plan.region_code)) throw notFound(planWord);
  let query = db
    .selectFrom('colour_change')
    .leftJoin('plan_target', (join) => join.onRef('plan_target.id', '=', 'colour_change.entity_id').on('colour_change.entity_type', '=', 'target'))
    .leftJoin('region', 'region.code', 'plan_target.region_code')
    .leftJoin('plan_task', (join) => join.onRef('plan_task.id', '=', 'colour_change.entity_id').on('colour_change.entity_type', '=', 'task'))
    .select([
      'colour_change.id',
      'colour_change.entity_type',
      'colour_change.entity_id',
      'colour_change.at',
      'colour_change.from_colour',
      'colour_change.to_colour',
      'colour_change.reason',
      'plan_target.indicator',
      'region.name as region_name',
      'plan_task.number',
      'plan_task.title',
    ])
    .where('colour_change.plan_id', '=', planId)
    .where((eb) => eb.or([eb('colour_change.entity_type', '=', 'task'), regionVisible('plan_target.region_code', jurisdictionOrAbove(actor))]));
  if (filter.entityId) query = query.where('colour_change.entity_id', '=', filter.entityId);
  const rows = await query.orderBy('colour_change.at', 'desc').orderBy('colour_change.id').limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    label:
      row.entity_type === 'task'
        ? [row.number, row.title].filter(Boolean).join(' ') || row.entity_id
        : [row.indicator, row.region_name].filter(Boolean).join(' ') || row.entity_id,
    at: row.at.toISOString(),
    from: row.from_colour as Colour | null,
    to: row.to_colour as Colour,
    reason: pickLanguage(row.reason, language),
  }));
}
