/**
 * Re-evaluation after a save: every enabled rule on the affected indicators re-reads the series of the
 * regions (and subjects) it watches that the save touched, evaluates them, and keeps one open alert per
 * rule × region or subject — raising one, changing its level (each change an event), or marking it
 * recovered — respecting silences and muting, and telling the units of the response plan.
 */
import { sql, type Selectable } from 'kysely';
import type { AlertLevel, WarningDirection, WarningKind } from '../../contracts/monitor-warnings-constants.ts';
import { levelLabels } from '../../contracts/monitor-warnings-constants.ts';
import type { RuleParams, Thresholds } from '../../contracts/monitor-warnings.contract.ts';
import { regionWithin } from '../../kernel/actor.ts';
import { comparePeriods, formatPeriod, parsePeriod, previousPeriod } from '../../kernel/periods.ts';
import { regionAncestry, regionLevel, regionPrefix } from '../../kernel/region-code.ts';
import type { WriteContext } from '../../store/audit.ts';
import type { MonitorWarningRuleTable } from '../../store/tables.ts';
import { indicatorBasics, readSeries, type IndicatorBasics } from '../values.read.ts';
import type { AffectedSeries } from '../values.types.ts';
import { addAlertEvent, auditAlert, responseOf, responseUnits, tellUnits, type AlertRow, type StoredExplanation } from './alerts.repo.ts';
import { evaluateRule, lookbackPeriods, type Evaluation } from './evaluate.ts';
import { scheduleFacts } from './schedule-facts.ts';
import { activeSilence } from './silences.service.ts';

type RuleRow = Selectable<MonitorWarningRuleTable>;

/** One thing a rule watches: a region, or a subject inside its region. */
interface Watched {
  regionCode: string;
  subjectId: string | null;
}

/** What a re-evaluation did, for callers and tests. */
export interface ReevaluationSummary {
  evaluated: number;
  raised: number;
  changed: number;
  recovered: number;
  silenced: number;
}

const active = ['open', 'acknowledged', 'handling'] as const;
/** The longest series the read API serves. */
const maxLookback = 399;

/**
 * A boundary on a total (a count of layoffs) is set for one level: the prefecture's total would cross a
 * county's boundary by adding counties up. Rates, means, changes and scores mean the same at every level,
 * so only those are also evaluated for the regions above the watched one, up to the rule's scope.
 */
function watchesAncestors(rule: RuleRow, indicator: IndicatorBasics): boolean {
  const onLevel = rule.kind === 'threshold' || rule.kind === 'days_of_supply';
  return !(onLevel && (indicator.regionAggregation === 'sum' || indicator.regionAggregation === 'none'));
}

/** What the rule watches that a changed series touches: the watched region or subject, then the regions above it inside the scope. */
export function watchedBy(rule: Pick<RuleRow, 'scope_region_code' | 'watch_level'>, item: AffectedSeries, withAncestors: boolean): Watched[] {
  if (!regionWithin(item.regionCode, rule.scope_region_code)) return [];
  const chain = regionAncestry(item.regionCode).filter((code) => regionWithin(code, rule.scope_region_code));
  let base: Watched;
  let above: string[];
  if (rule.watch_level === 'subject') {
    if (item.subjectId === null) return [];
    base = { regionCode: item.regionCode, subjectId: item.subjectId };
    above = chain;
  } else {
    const index = chain.findIndex((code) => regionLevel(code) === rule.watch_level);
    if (index < 0) return [];
    base = { regionCode: chain[index] as string, subjectId: null };
    above = chain.slice(0, index);
  }
  return withAncestors ? [base, ...above.map((regionCode) => ({ regionCode, subjectId: null }))] : [base];
}

/** True when period `a` comes after `b` (periods of one indicator share a kind). */
function isLater(a: string, b: string): boolean {
  const [first, second] = [parsePeriod(a), parsePeriod(b)];
  return first !== null && second !== null && comparePeriods(first, second) > 0;
}

/** The period `count` periods before `period`. */
function periodsBefore(period: string, count: number): string {
  let current = parsePeriod(period);
  if (!current) return period;
  for (let step = 0; step < count; step += 1) current = previousPeriod(current);
  return formatPeriod(current);
}

function stored(evaluation: Evaluation, recovered: boolean): StoredExplanation {
  const explanation = recovered
    ? { zh: `已恢复：${evaluation.explanation.zh}`, en: `Recovered: ${evaluation.explanation.en}` }
    : evaluation.explanation;
  return { ...explanation, measure: evaluation.measure, boundary: evaluation.boundary, recovered, fallback: evaluation.fallback };
}

function hoursAfter(now: Date, hours: number): Date {
  return new Date(now.getTime() + hours * 3_600_000);
}

/** The rule's words for notices. */
function alertTitle(rule: RuleRow, level: AlertLevel, regionName: string, prefix: { zh: string; en: string }) {
  const label = levelLabels[level];
  return { zh: `${prefix.zh}${label.zh}：${rule.name_zh}（${regionName}）`, en: `${prefix.en} ${label.en}: ${rule.name_en} (${regionName})` };
}

async function regionName(context: WriteContext, code: string): Promise<string> {
  const row = await context.db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst();
  return row?.name ?? code;
}

/**
 * The open alert of the same rule above the watched region (or at the subject's region) that mutes it: one
 * at least as severe, since a milder region-wide signal must not hide a worse one below.
 */
async function mutingAlert(context: WriteContext, rule: RuleRow, watched: Watched, level: AlertLevel): Promise<string | null> {
  const above = regionAncestry(watched.regionCode).filter((code) => watched.subjectId !== null || code !== watched.regionCode);
  if (above.length === 0) return null;
  const row = await context.db
    .selectFrom('monitor_alert')
    .select('id')
    .where('rule_id', '=', rule.id)
    .where('subject_id', 'is', null)
    .where('region_code', 'in', above)
    .where('status', 'in', active)
    .where('muted_by', 'is', null)
    .where('level', '<=', level)
    .orderBy('region_code')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A region-wide alert mutes the same rule's open alerts below it that are no more severe than itself. */
async function muteBelow(context: WriteContext, rule: RuleRow, alert: Pick<AlertRow, 'id' | 'region_code' | 'level'>): Promise<void> {
  const below = await context.db
    .selectFrom('monitor_alert')
    .select('id')
    .where('rule_id', '=', rule.id)
    .where('id', '<>', alert.id)
    .where('status', 'in', active)
    .where('muted_by', 'is', null)
    .where('level', '>=', alert.level)
    .where('region_code', 'like', `${regionPrefix(alert.region_code)}%`)
    .where((eb) => eb.or([eb('region_code', '<>', alert.region_code), eb('subject_id', 'is not', null)]))
    .execute();
  if (below.length === 0) return;
  await context.db.updateTable('monitor_alert').set({ muted_by: alert.id, updated_at: context.now }).where('id', 'in', below.map((row) => row.id)).execute();
  for (const row of below) await addAlertEvent(context, row.id, { kind: 'muted', data: { by: alert.id, regionCode: alert.region_code } });
}

async function raise(context: WriteContext, rule: RuleRow, watched: Watched, period: string, value: number | null, evaluation: Evaluation & { level: AlertLevel }, now: Date) {
  const plan = responseOf(rule.response, evaluation.level);
  const mutedBy = rule.mute_below ? await mutingAlert(context, rule, watched, evaluation.level) : null;
  const alert = await context.db
    .insertInto('monitor_alert')
    .values({
      rule_id: rule.id,
      region_code: watched.regionCode,
      subject_id: watched.subjectId,
      level: evaluation.level,
      status: 'open',
      period,
      observed_value: value,
      explanation: JSON.stringify(stored(evaluation, false)),
      acknowledge_due_at: plan ? hoursAfter(now, plan.acknowledgeHours) : null,
      respond_due_at: plan ? hoursAfter(now, plan.respondHours) : null,
      muted_by: mutedBy,
      opened_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addAlertEvent(context, alert.id, { kind: 'raised', toLevel: evaluation.level, note: evaluation.explanation.zh, data: { measure: evaluation.measure, period } });
  if (mutedBy) {
    await addAlertEvent(context, alert.id, { kind: 'muted', data: { by: mutedBy } });
  } else {
    if (rule.mute_below && watched.subjectId === null) await muteBelow(context, rule, alert);
    if (plan) {
      const title = alertTitle(rule, evaluation.level, await regionName(context, watched.regionCode), { zh: '预警', en: 'Alert' });
      await tellUnits(context, { unitIds: await responseUnits(context.db, plan, watched.regionCode), kind: 'alert.raised', title, explanation: evaluation.explanation, alert });
    }
  }
  await auditAlert(context, 'raise', null, alert.id);
}

/** Applies a new evaluation to the open alert: a level change (an event; notices when it worsens) or recovery. */
async function revise(context: WriteContext, rule: RuleRow, before: AlertRow, period: string, value: number | null, evaluation: Evaluation): Promise<'changed' | 'recovered' | 'same'> {
  const level = evaluation.level ?? (before.level as AlertLevel);
  const recovered = evaluation.level === null;
  await context.db
    .updateTable('monitor_alert')
    .set({ level, period, observed_value: value, explanation: JSON.stringify(stored(evaluation, recovered)), updated_at: context.now })
    .where('id', '=', before.id)
    .execute();
  if (recovered) return 'recovered';
  if (level === before.level) return 'same';
  await addAlertEvent(context, before.id, { kind: 'level_changed', fromLevel: before.level, toLevel: level, note: evaluation.explanation.zh, data: { measure: evaluation.measure, period } });
  if (rule.mute_below && before.subject_id === null && before.muted_by === null && level < before.level) await muteBelow(context, rule, { ...before, level });
  const plan = responseOf(rule.response, level);
  if (level < before.level && before.muted_by === null && plan) {
    const after = { ...before, level, period };
    const title = alertTitle(rule, level, await regionName(context, before.region_code), { zh: '预警升级为', en: 'Alert raised to' });
    await tellUnits(context, { unitIds: await responseUnits(context.db, plan, before.region_code), kind: 'alert.level-raised', title, explanation: evaluation.explanation, alert: after });
  }
  await auditAlert(context, 'level_change', before, before.id);
  return 'changed';
}

/** Evaluates one watched region or subject for one period and acts on the result. */
async function evaluateWatched(context: WriteContext, rule: RuleRow, indicator: IndicatorBasics, watched: Watched, period: string, now: Date, summary: ReevaluationSummary) {
  const parsed = parsePeriod(period);
  if (!parsed) return;
  const params = rule.params as RuleParams;
  const lookback = Math.min(maxLookback, lookbackPeriods(rule.kind as WarningKind, params, parsed.kind));
  const series = await readSeries(context.db, {
    indicatorId: rule.indicator_id,
    regionCode: watched.regionCode,
    ...(watched.subjectId !== null && { subjectId: watched.subjectId }),
    breakdown: rule.breakdown,
    from: periodsBefore(period, lookback),
    to: period,
  });
  const value = series.at(-1)?.value ?? null;
  const schedule = rule.kind === 'behind_schedule' ? await scheduleFacts(context.db, { indicatorId: indicator.id, regionCode: watched.regionCode, period, value, targetId: (params as RuleParams<'behind_schedule'>).targetId }) : null;
  const evaluation = evaluateRule({ kind: rule.kind as WarningKind, direction: rule.direction as WarningDirection, thresholds: rule.thresholds as Thresholds, params, series, schedule });
  summary.evaluated += 1;
  if (evaluation.measure === null) return;
  // Two saves evaluating the same rule and region at once would both find no open alert and both try to
  // open one; the second would then fail on the one-open-alert index and lose its whole save. A lock per
  // (rule, region, subject), held to commit, makes the second wait and then see the first one's alert.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`alert:${rule.id}:${watched.regionCode}:${watched.subjectId ?? ''}`}, 0))`.execute(context.db);
  const open = await context.db
    .selectFrom('monitor_alert')
    .selectAll()
    .where('rule_id', '=', rule.id)
    .where('region_code', '=', watched.regionCode)
    .where((eb) => (watched.subjectId === null ? eb('subject_id', 'is', null) : eb('subject_id', '=', watched.subjectId)))
    .where('status', 'in', active)
    .forUpdate()
    .executeTakeFirst();
  if (open) {
    // A correction of an older period does not overwrite what a newer period said.
    if (isLater(open.period, period)) return;
    const outcome = await revise(context, rule, open, period, value, evaluation);
    if (outcome === 'changed') summary.changed += 1;
    if (outcome === 'recovered') summary.recovered += 1;
    return;
  }
  if (evaluation.level === null) return;
  if (await activeSilence(context.db, rule.id, watched.regionCode, now)) {
    summary.silenced += 1;
    return;
  }
  await raise(context, rule, watched, period, value, { ...evaluation, level: evaluation.level }, now);
  summary.raised += 1;
}

/**
 * Re-evaluates every enabled rule on the affected series' indicators for the regions and subjects they
 * watch, in the caller's transaction (so alerts exist exactly when the figures that raised them do).
 * Regions higher up are evaluated first, so a region-wide alert is there to mute the ones below it.
 */
export async function reevaluate(context: WriteContext, affected: readonly AffectedSeries[], now: Date): Promise<ReevaluationSummary> {
  const summary: ReevaluationSummary = { evaluated: 0, raised: 0, changed: 0, recovered: 0, silenced: 0 };
  const indicatorIds = [...new Set(affected.map((item) => item.indicatorId))];
  if (indicatorIds.length === 0) return summary;
  const rules = await context.db.selectFrom('monitor_warning_rule').selectAll().where('enabled', '=', true).where('indicator_id', 'in', indicatorIds).orderBy('code').execute();
  const indicators = new Map<string, IndicatorBasics>();
  for (const rule of rules) {
    const indicator = indicators.get(rule.indicator_id) ?? (await indicatorBasics(context.db, rule.indicator_id));
    indicators.set(rule.indicator_id, indicator);
    const work = new Map<string, { watched: Watched; period: string }>();
    for (const item of affected) {
      if (item.indicatorId !== rule.indicator_id) continue;
      for (const watched of watchedBy(rule, item, watchesAncestors(rule, indicator))) {
        const key = `${watched.regionCode}|${watched.subjectId ?? ''}`;
        const seen = work.get(key);
        if (!seen || isLater(item.period, seen.period)) work.set(key, { watched, period: item.period });
      }
    }
    const depth = (watched: Watched) => regionAncestry(watched.regionCode).length * 2 + (watched.subjectId === null ? 0 : 1);
    const ordered = [...work.values()].sort((a, b) => depth(a.watched) - depth(b.watched));
    for (const { watched, period } of ordered) await evaluateWatched(context, rule, indicator, watched, period, now, summary);
  }
  return summary;
}
