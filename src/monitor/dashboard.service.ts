/**
 * The monitoring dashboard: for each key indicator of a region and period, its figure, the previous period's
 * (环比), the same period a year earlier (同比), and — where a plan target measures it in this region — the
 * target and the share of it the time schedule (时序进度) expects by the end of the period. For an indicator
 * summed over time the year to date (累计) is given too, and is what a cumulative target is held against.
 */
import type { Kysely } from 'kysely';
import type { DashboardItem, DashboardResult } from '../contracts/monitor.contract.ts';
import { forbidden, unprocessable } from '../kernel/errors.ts';
import type { Actor } from '../kernel/actor.ts';
import { formatPeriod, parsePeriod, periodEnd, periodKinds, periodOf, previousPeriod, samePeriodLastYear, type Period, type PeriodKind } from '../kernel/periods.ts';
import { expectedShare, findTargetsByIndicator, type IndicatorTarget } from '../plans/index.ts';
import type { Database } from '../store/tables.ts';
import { canReadMonitorRegion } from './monitor.policy.ts';
import { addDecimal, formatDecimal, toDecimal, zero } from './decimal.ts';
import { targetStanding } from './target-standing.ts';
import { convertTarget, unitConversion } from './target-units.ts';
import { readAggregates, seriesPeriods, type IndicatorBasics } from './values.read.ts';
import type { RegionAggregation, TimeAggregation } from './aggregation.ts';

/**
 * The period an indicator is shown for on a dashboard of `asked`: the asked period itself when the indicator
 * is entered at least that often, else the indicator's own period containing the asked one's end (a yearly
 * figure on a monthly dashboard is that year's).
 */
export function shownPeriod(asked: Period, frequency: PeriodKind): Period {
  return periodKinds.indexOf(frequency) >= periodKinds.indexOf(asked.kind) ? asked : periodOf(frequency, periodEnd(asked));
}

/**
 * The periods of the indicator's frequency from the start of `current`'s year to its end: those whose sum is
 * the year to date (later periods of the year are not counted).
 */
export function yearToDatePeriods(current: Period, frequency: PeriodKind): string[] {
  return seriesPeriods(frequency, String(current.year), formatPeriod(current)).filter((period) => periodEnd(parsePeriod(period)!) <= periodEnd(current));
}

/** The exact decimal sum of the figures present; null when none is. */
function sumPresent(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return null;
  return Number(formatDecimal(present.reduce((sum, value) => addDecimal(sum, toDecimal(value)), zero)));
}

/** A plan target as the dashboard shows it: in the indicator's unit, with what is due by the period's end and the verdict. */
function dashboardTarget(
  target: IndicatorTarget,
  figure: { unit: string; summed: boolean; value: number | null; yearToDate: number | null; periodEnd: string },
): NonNullable<DashboardItem['target']> {
  const share = Math.round(expectedShare(target.schedule, figure.periodEnd) * 10_000) / 10_000;
  const conversion = unitConversion(target.unit, figure.unit);
  const goal = conversion.factor === null ? null : convertTarget(target.value, conversion.factor);
  const cumulative = target.comparator === '>=' && figure.summed;
  const verdict = targetStanding({ comparator: target.comparator, goal, expectedShare: share, cumulative, value: figure.value, yearToDate: figure.yearToDate });
  return {
    planId: target.planId,
    targetId: target.targetId,
    comparator: target.comparator,
    value: target.value,
    unit: target.unit,
    deadline: target.deadline,
    expectedShare: share,
    valueInIndicatorUnit: goal,
    notComparedBecause: conversion.reason,
    cumulative,
    ...verdict,
  };
}

/** Builds the dashboard of a region in the actor's jurisdiction for a period. */
export async function buildDashboard(db: Kysely<Database>, actor: Actor, query: { regionCode: string; period: string }): Promise<DashboardResult> {
  if (!canReadMonitorRegion(actor, query.regionCode)) throw forbidden();
  const region = await db.selectFrom('region').select(['code', 'name']).where('code', '=', query.regionCode).executeTakeFirst();
  if (!region) throw unprocessable('region', { zh: `行政区划 ${query.regionCode} 不存在。`, en: `The region ${query.regionCode} does not exist.` });
  const asked = parsePeriod(query.period);
  if (!asked) throw unprocessable('period', { zh: `“${query.period}”不是期别。`, en: `"${query.period}" is not a period.` });
  const rows = await db.selectFrom('monitor_indicator').selectAll().where('dashboard_position', 'is not', null).orderBy('dashboard_position').orderBy('code').execute();
  const targets = await findTargetsByIndicator(db, [...new Set(rows.map((row) => row.name_zh))], query.regionCode);
  const items: DashboardItem[] = [];
  for (const row of rows) {
    const indicator: IndicatorBasics = {
      id: row.id,
      code: row.code,
      frequency: row.frequency as PeriodKind,
      regionAggregation: row.region_aggregation as RegionAggregation,
      timeAggregation: row.time_aggregation as TimeAggregation,
      formula: row.formula,
      breakdownCategories: row.breakdown_categories,
    };
    const current = shownPeriod(asked, indicator.frequency);
    const periods = [current, previousPeriod(current), samePeriodLastYear(current)].map(formatPeriod);
    const summed = indicator.timeAggregation === 'sum' && indicator.regionAggregation !== 'formula';
    const toDate = summed ? yearToDatePeriods(current, indicator.frequency) : [];
    const figures = await readAggregates(db, [indicator], [query.regionCode], [...new Set([...periods, ...toDate])]);
    const figure = (period: string) => figures.get(`${indicator.id}|${query.regionCode}|${period}`) ?? { value: null, missing: [indicator.code] };
    const yearToDate = summed ? sumPresent(toDate.map((period) => figure(period).value)) : null;
    const value = figure(periods[0]!).value;
    const target = targets.find((candidate) => candidate.indicator === row.name_zh);
    items.push({
      indicator: row.code,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      unit: row.unit,
      decimals: row.decimals,
      frequency: indicator.frequency as DashboardItem['frequency'],
      period: periods[0]!,
      value,
      missing: figure(periods[0]!).missing,
      yearToDate,
      previousPeriod: periods[1]!,
      previous: figure(periods[1]!).value,
      yearAgoPeriod: periods[2]!,
      yearAgo: figure(periods[2]!).value,
      target: target ? dashboardTarget(target, { unit: row.unit, summed, value, yearToDate, periodEnd: periodEnd(current) }) : null,
    });
  }
  return { regionCode: region.code, regionName: region.name, period: formatPeriod(asked), items };
}
