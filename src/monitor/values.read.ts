/**
 * Reading figures at any level and period: a region's figure comes from its live roll-up row, a subject's
 * from its own values, a coarser period from the stored periods inside it, and a formula indicator from its
 * components' figures at the same level and period (the prefecture's unemployment rate is Σ unemployed ÷
 * Σ labour force of the prefecture, never a mean of county rates).
 */
import type { Kysely } from 'kysely';
import { notFound, unprocessable } from '../kernel/errors.ts';
import { formatPeriod, nextPeriod, parsePeriod, periodEnd, periodOf, periodStart, type PeriodKind } from '../kernel/periods.ts';
import type { Database } from '../store/tables.ts';
import { combineRegion, combineTime, storedPeriods, type RegionAggregation, type TimeAggregation } from './aggregation.ts';
import { evaluateFormula, formulaCodes, parseFormula } from './formula.ts';
import type { AggregateValue, ChildValue, SeriesPoint } from './values.types.ts';

/** What the readers need of an indicator. */
export interface IndicatorBasics {
  id: string;
  code: string;
  frequency: PeriodKind;
  regionAggregation: RegionAggregation;
  timeAggregation: TimeAggregation;
  formula: string | null;
  breakdownCategories: string[];
}

/** A region, or a subject inside its region. */
interface Target {
  regionCode: string;
  subjectId: string | null;
}

const indicatorWord = { zh: '指标', en: 'Indicator' };
/** Formulas of formulas are allowed, but never deeper than this (cycles are refused when saving). */
const maxFormulaDepth = 8;
/** The longest series one request may ask for (a year of daily figures fits). */
const maxSeriesLength = 400;

function basics(row: { id: string; code: string; frequency: string; region_aggregation: string; time_aggregation: string; formula: string | null; breakdown_categories: string[] }): IndicatorBasics {
  return {
    id: row.id,
    code: row.code,
    frequency: row.frequency as PeriodKind,
    regionAggregation: row.region_aggregation as RegionAggregation,
    timeAggregation: row.time_aggregation as TimeAggregation,
    formula: row.formula,
    breakdownCategories: row.breakdown_categories,
  };
}

const basicColumns = ['id', 'code', 'frequency', 'region_aggregation', 'time_aggregation', 'formula', 'breakdown_categories'] as const;

/** Loads an indicator's reading basics by id; 404 when it does not exist. */
export async function indicatorBasics(db: Kysely<Database>, indicatorId: string): Promise<IndicatorBasics> {
  const row = await db.selectFrom('monitor_indicator').select(basicColumns).where('id', '=', indicatorId).executeTakeFirst();
  if (!row) throw notFound(indicatorWord);
  return basics(row);
}

/** A subject's figure is its own wherever it is asked from; a region's is the region's. */
function key(target: Target, period: string): string {
  return target.subjectId !== null ? `subject:${target.subjectId}|${period}` : `region:${target.regionCode}|${period}`;
}

/**
 * Every asked (target, period)'s figure for one indicator, in as few queries as the indicator's kind needs:
 * one for a stored indicator, one per component for a formula.
 */
async function resolve(
  db: Kysely<Database>,
  indicator: IndicatorBasics,
  targets: Target[],
  periods: string[],
  breakdown: string,
  depth = 0,
): Promise<Map<string, AggregateValue>> {
  const result = new Map<string, AggregateValue>();
  if (indicator.regionAggregation === 'formula') {
    if (depth >= maxFormulaDepth || !indicator.formula) throw unprocessable('formula', { zh: `指标 ${indicator.code} 的公式嵌套过深。`, en: `The formula of ${indicator.code} nests too deeply.` });
    const node = parseFormula(indicator.formula);
    const codes = formulaCodes(node);
    const rows = codes.length > 0 ? await db.selectFrom('monitor_indicator').select(basicColumns).where('code', 'in', codes).execute() : [];
    const components = new Map<string, Map<string, AggregateValue>>();
    for (const row of rows) {
      const component = basics(row);
      const componentBreakdown = component.breakdownCategories.includes(breakdown) ? breakdown : '';
      components.set(component.code, await resolve(db, component, targets, periods, componentBreakdown, depth + 1));
    }
    for (const target of targets) {
      for (const period of periods) {
        const values = new Map<string, number | null>();
        const nested: string[] = [];
        for (const code of codes) {
          const found = components.get(code)?.get(key(target, period));
          values.set(code, found?.value ?? null);
          // a missing formula component names its own missing components, so the user sees what to enter
          if (found && found.value === null && found.missing.length > 0) nested.push(...found.missing);
        }
        const evaluated = evaluateFormula(node, values);
        const missing = evaluated.missing.length > 0 ? [...new Set(nested.length > 0 ? nested : evaluated.missing)] : [];
        result.set(key(target, period), { value: evaluated.value, missing });
      }
    }
    return result;
  }

  const partsOf = new Map(periods.map((period) => [period, storedPeriods(period, indicator.frequency) ?? []]));
  const wanted = [...new Set([...partsOf.values()].flat())];
  const stored = await storedFigures(db, indicator, targets, wanted, breakdown);
  for (const target of targets) {
    for (const period of periods) {
      const parts = partsOf.get(period)!.map((part) => stored.get(key(target, part)) ?? null);
      const value = combineTime(indicator.timeAggregation, parts);
      result.set(key(target, period), { value, missing: value === null ? [indicator.code] : [] });
    }
  }
  return result;
}

/** Each (target, stored period)'s figure: a subject's value, a region's own value, or its roll-up. */
async function storedFigures(db: Kysely<Database>, indicator: IndicatorBasics, targets: Target[], periods: string[], breakdown: string): Promise<Map<string, number | null>> {
  const figures = new Map<string, number | null>();
  if (periods.length === 0 || targets.length === 0) return figures;
  const subjects = targets.filter((target) => target.subjectId !== null).map((target) => target.subjectId!);
  const regions = targets.filter((target) => target.subjectId === null).map((target) => target.regionCode);
  if (subjects.length > 0 || (regions.length > 0 && indicator.regionAggregation === 'none')) {
    let query = db
      .selectFrom('monitor_value')
      .select(['region_code', 'subject_id', 'period', 'value'])
      .where('indicator_id', '=', indicator.id)
      .where('period', 'in', periods)
      .where('breakdown', '=', breakdown);
    query = query.where((eb) =>
      eb.or([
        ...(subjects.length > 0 ? [eb('subject_id', 'in', subjects)] : []),
        ...(regions.length > 0 && indicator.regionAggregation === 'none' ? [eb.and([eb('subject_id', 'is', null), eb('region_code', 'in', regions)])] : []),
      ]),
    );
    for (const row of await query.execute()) {
      figures.set(key({ regionCode: row.region_code, subjectId: row.subject_id }, row.period), Number(row.value));
    }
  }
  if (regions.length > 0 && indicator.regionAggregation !== 'none') {
    const rows = await db
      .selectFrom('monitor_rollup')
      .select(['region_code', 'period', 'value_sum', 'value_count', 'weighted_sum', 'weight_sum'])
      .where('indicator_id', '=', indicator.id)
      .where('region_code', 'in', regions)
      .where('period', 'in', periods)
      .where('breakdown', '=', breakdown)
      .execute();
    const kind = indicator.regionAggregation as 'sum' | 'mean' | 'weighted_mean';
    for (const row of rows) {
      const value = combineRegion(kind, { sum: Number(row.value_sum), count: row.value_count, weightedSum: Number(row.weighted_sum), weightSum: Number(row.weight_sum) });
      figures.set(key({ regionCode: row.region_code, subjectId: null }, row.period), value);
    }
  }
  return figures;
}

/** Input of `readAggregate`. */
export interface AggregateQuery {
  indicatorId: string;
  regionCode: string;
  /** A subject's own figure instead of the region's. */
  subjectId?: string | null;
  /** Any period at least as long as the indicator's frequency. */
  period: string;
  breakdown?: string;
}

/** One indicator's figure for a region (or subject) and period, with the indicator codes that were missing. */
export async function readAggregate(db: Kysely<Database>, query: AggregateQuery): Promise<AggregateValue> {
  const indicator = await indicatorBasics(db, query.indicatorId);
  const target = { regionCode: query.regionCode, subjectId: query.subjectId ?? null };
  const found = await resolve(db, indicator, [target], [query.period], query.breakdown ?? '');
  return found.get(key(target, query.period)) ?? { value: null, missing: [indicator.code] };
}

/** Input of `readSeries`. */
export interface SeriesQuery {
  indicatorId: string;
  regionCode: string;
  subjectId?: string | null;
  breakdown?: string;
  /** The first period (any kind: the series starts at the first period of the indicator's frequency inside it). */
  from: string;
  /** The last period, inclusive. */
  to: string;
}

/** The periods of `kind` from the one containing the start of `from` to the one containing the end of `to`. */
export function seriesPeriods(kind: PeriodKind, from: string, to: string): string[] {
  const start = parsePeriod(from);
  const end = parsePeriod(to);
  if (!start) throw unprocessable('from', { zh: `“${from}”不是期别。`, en: `"${from}" is not a period.` });
  if (!end) throw unprocessable('to', { zh: `“${to}”不是期别。`, en: `"${to}" is not a period.` });
  const last = formatPeriod(periodOf(kind, periodEnd(end)));
  const periods: string[] = [];
  for (let current = periodOf(kind, periodStart(start)); ; current = nextPeriod(current)) {
    const text = formatPeriod(current);
    if (periodStart(current) > periodEnd(end)) break;
    periods.push(text);
    if (text === last) break;
    if (periods.length > maxSeriesLength) {
      throw unprocessable('to', { zh: `一次最多查询 ${maxSeriesLength} 期。`, en: `A series can hold at most ${maxSeriesLength} periods.` });
    }
  }
  return periods;
}

/** One indicator's figures over a range of periods of its frequency, oldest first. */
export async function readSeries(db: Kysely<Database>, query: SeriesQuery): Promise<SeriesPoint[]> {
  const indicator = await indicatorBasics(db, query.indicatorId);
  const periods = seriesPeriods(indicator.frequency, query.from, query.to);
  const target = { regionCode: query.regionCode, subjectId: query.subjectId ?? null };
  const found = await resolve(db, indicator, [target], periods, query.breakdown ?? '');
  return periods.map((period) => ({ period, value: found.get(key(target, period))?.value ?? null }));
}

/** Input of `readChildren`. */
export interface ChildrenQuery {
  indicatorId: string;
  regionCode: string;
  period: string;
  breakdown?: string;
}

/** Every child region of a region with its figure for one period: county comparison and drill-down. */
export async function readChildren(db: Kysely<Database>, query: ChildrenQuery): Promise<ChildValue[]> {
  const indicator = await indicatorBasics(db, query.indicatorId);
  const children = await db.selectFrom('region').select(['code', 'name']).where('parent_code', '=', query.regionCode).orderBy('code').execute();
  const targets = children.map((child) => ({ regionCode: child.code, subjectId: null }));
  const found = await resolve(db, indicator, targets, [query.period], query.breakdown ?? '');
  return children.map((child) => {
    const figure = found.get(key({ regionCode: child.code, subjectId: null }, query.period)) ?? { value: null, missing: [indicator.code] };
    return { regionCode: child.code, regionName: child.name, value: figure.value, missing: figure.missing };
  });
}

/** Many indicators' figures for many regions and periods at once (dashboards), keyed `indicatorId|region|period`. */
export async function readAggregates(
  db: Kysely<Database>,
  indicators: IndicatorBasics[],
  regionCodes: string[],
  periods: string[],
  breakdown = '',
): Promise<Map<string, AggregateValue>> {
  const all = new Map<string, AggregateValue>();
  const targets = regionCodes.map((regionCode) => ({ regionCode, subjectId: null }));
  for (const indicator of indicators) {
    const found = await resolve(db, indicator, targets, periods, breakdown);
    for (const target of targets) {
      for (const period of periods) {
        all.set(`${indicator.id}|${target.regionCode}|${period}`, found.get(key(target, period)) ?? { value: null, missing: [indicator.code] });
      }
    }
  }
  return all;
}
