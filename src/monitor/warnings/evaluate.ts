/**
 * Warning evaluation as pure functions: every rule kind turns the series it is given into a measure, and
 * the rule's boundaries turn the measure into a level (4 = IV blue … 1 = I red) with a bilingual
 * explanation naming the measure, the boundary crossed and the figures used. No IO.
 */
import type { AlertLevel, LevelName, WarningDirection, WarningKind } from '../../contracts/monitor-warnings-constants.ts';
import { levelLabels, levelNames, levelNumber } from '../../contracts/monitor-warnings-constants.ts';
import type { RuleParams, Thresholds } from '../../contracts/monitor-warnings.contract.ts';
import type { LocalizedText } from '../../kernel/errors.ts';
import type { SeriesPoint } from '../values.types.ts';
import { formatPeriod, parsePeriod, periodOf, periodStart, previousPeriod, samePeriodLastYear, type Period } from '../../kernel/periods.ts';


/** The time schedule facts a `behind_schedule` rule compares: both as shares (0.5 = 50%). */
export interface ScheduleFacts {
  /** The share of the target the time schedule expects by the period's end (plans' `expectedShare`). */
  expectedShare: number;
  /** The share achieved: the value ÷ the target. */
  progress: number;
}

/** What one evaluation needs. */
export interface EvaluationInput {
  kind: WarningKind;
  direction: WarningDirection;
  thresholds: Thresholds;
  params: RuleParams;
  /** The series, oldest first; its last point is the period evaluated. */
  series: readonly SeriesPoint[];
  /** For `behind_schedule` only. */
  schedule?: ScheduleFacts | null;
}

/** The fallback a price anomaly used when its history was too short. */
export type PriceFallback = 'change_year_ago' | 'change_previous';

/** What an evaluation found. */
export interface Evaluation {
  /** The measure, or null when the series does not give one (missing value, no history, MAD = 0). */
  measure: number | null;
  /** The level whose boundary the measure reached, or null. */
  level: AlertLevel | null;
  /** The boundary of that level, or null. */
  boundary: number | null;
  /** For `price_anomaly`: the measure used instead of the index, when history was short. */
  fallback: PriceFallback | null;
  explanation: LocalizedText;
}

/** Boundaries are inclusive; this tolerance forgives binary rounding (1.1 − 1 is not exactly 0.1). */
function reaches(measure: number, boundary: number, direction: WarningDirection): boolean {
  const slack = 1e-9 * Math.max(1, Math.abs(boundary));
  return direction === 'above' ? measure >= boundary - slack : measure <= boundary + slack;
}

/** The most severe level whose boundary the measure reaches, with that boundary; null when none. */
export function levelFor(measure: number, thresholds: Thresholds, direction: WarningDirection): { level: AlertLevel; boundary: number } | null {
  for (const name of [...levelNames].reverse()) {
    const boundary = thresholds[name];
    if (boundary !== undefined && reaches(measure, boundary, direction)) return { level: levelNumber[name], boundary };
  }
  return null;
}

/** A figure as people read it: at most four decimals, no trailing zeros. */
export function formatFigure(value: number): string {
  const rounded = Number(value.toFixed(4));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** The mildest boundary present, for saying what was not reached. */
function mildest(thresholds: Thresholds): { name: LevelName; boundary: number } | null {
  for (const name of levelNames) {
    const boundary = thresholds[name];
    if (boundary !== undefined) return { name, boundary };
  }
  return null;
}

/** How a measure is named and written in explanations. */
interface MeasureWording {
  zh: string;
  en: string;
  suffix: string;
}

const wording: Record<WarningKind | 'price_index', MeasureWording> = {
  threshold: { zh: '数值', en: 'the value', suffix: '' },
  days_of_supply: { zh: '可供应天数', en: 'days of supply', suffix: '' },
  change_previous: { zh: '环比变化', en: 'the change on the previous period', suffix: '%' },
  change_year_ago: { zh: '同比变化', en: 'the change on a year earlier', suffix: '%' },
  behind_schedule: { zh: '落后时序进度', en: 'the lag behind the time schedule', suffix: ' 个百分点' },
  robust_z: { zh: '稳健 z 值', en: 'the robust z-score', suffix: '' },
  price_anomaly: { zh: '价格异常指数（IPA）', en: 'the price anomaly index (IPA)', suffix: '' },
  price_index: { zh: '价格异常指数（IPA）', en: 'the price anomaly index (IPA)', suffix: '' },
};

/** Writes a measure with its suffix; "points" reads differently in English. */
function written(words: MeasureWording, value: number, language: 'zh' | 'en'): string {
  if (words.suffix === ' 个百分点') return language === 'zh' ? `${formatFigure(value)} 个百分点` : `${formatFigure(value)} points`;
  return `${formatFigure(value)}${words.suffix}`;
}

/** The verdict on a measure: its level and the sentence saying why. */
function judge(words: MeasureWording, measure: number, thresholds: Thresholds, direction: WarningDirection, basis: LocalizedText): Omit<Evaluation, 'fallback'> {
  const found = levelFor(measure, thresholds, direction);
  const zhSign = direction === 'above' ? '≥' : '≤';
  if (found) {
    const label = levelLabels[found.level];
    return {
      measure,
      level: found.level,
      boundary: found.boundary,
      explanation: {
        zh: `${words.zh} ${written(words, measure, 'zh')} ${zhSign} ${label.zh}界值 ${written(words, found.boundary, 'zh')}（${basis.zh}）。`,
        en: `${capitalise(words.en)} ${written(words, measure, 'en')} is ${direction === 'above' ? 'at or above' : 'at or below'} the ${label.en} boundary ${written(words, found.boundary, 'en')} (${basis.en}).`,
      },
    };
  }
  const first = mildest(thresholds);
  const boundaryText = first ? { zh: `未达到${levelLabels[levelNumber[first.name]].zh}界值 ${written(words, first.boundary, 'zh')}`, en: `short of the ${levelLabels[levelNumber[first.name]].en} boundary ${written(words, first.boundary, 'en')}` } : { zh: '无界值', en: 'no boundary' };
  return {
    measure,
    level: null,
    boundary: null,
    explanation: {
      zh: `${words.zh} ${written(words, measure, 'zh')}，${boundaryText.zh}（${basis.zh}）。`,
      en: `${capitalise(words.en)} ${written(words, measure, 'en')} is ${boundaryText.en} (${basis.en}).`,
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function noMeasure(why: LocalizedText, fallback: PriceFallback | null = null): Evaluation {
  return { measure: null, level: null, boundary: null, fallback, explanation: why };
}

/** The value of the series at a period, or null. */
function valueAt(series: readonly SeriesPoint[], period: string | null): number | null {
  if (period === null) return null;
  return series.find((point) => point.period === period)?.value ?? null;
}

function current(series: readonly SeriesPoint[]): { period: string; value: number | null; parsed: Period | null } | null {
  const last = series.at(-1);
  if (!last) return null;
  return { period: last.period, value: last.value, parsed: parsePeriod(last.period) };
}

const missingCurrent: LocalizedText = { zh: '本期没有数值，无法评估。', en: 'There is no value for the period, so nothing was evaluated.' };

/** Percentage change from `before` to `now`, against the size of `before`; null when `before` is zero. */
function percentChange(now: number, before: number): number | null {
  if (before === 0) return null;
  return ((now - before) * 100) / Math.abs(before);
}

function changeOn(input: EvaluationInput, against: 'previous' | 'year_ago', thresholds: Thresholds, suffix: LocalizedText | null = null): Evaluation {
  const point = current(input.series);
  if (!point || point.value === null || !point.parsed) return noMeasure(missingCurrent);
  const earlier = formatPeriod(against === 'previous' ? previousPeriod(point.parsed) : samePeriodLastYear(point.parsed));
  const before = valueAt(input.series, earlier);
  const label = against === 'previous' ? { zh: '上期', en: 'previous period' } : { zh: '上年同期', en: 'a year earlier' };
  if (before === null) return noMeasure({ zh: `缺少${label.zh}（${earlier}）数值，无法计算变化。`, en: `There is no value for the ${label.en} (${earlier}), so no change can be computed.` });
  const change = percentChange(point.value, before);
  if (change === null) return noMeasure({ zh: `${label.zh}（${earlier}）数值为 0，无法计算变化率。`, en: `The value of the ${label.en} (${earlier}) is 0, so no rate of change can be computed.` });
  const words = wording[against === 'previous' ? 'change_previous' : 'change_year_ago'];
  const basis = {
    zh: `本期 ${point.period} 为 ${formatFigure(point.value)}，${label.zh} ${earlier} 为 ${formatFigure(before)}${suffix ? `；${suffix.zh}` : ''}`,
    en: `${point.period}: ${formatFigure(point.value)}, ${earlier}: ${formatFigure(before)}${suffix ? `; ${suffix.en}` : ''}`,
  };
  return { ...judge(words, change, thresholds, input.direction, basis), fallback: null };
}

function plainValue(input: EvaluationInput, kind: 'threshold' | 'days_of_supply'): Evaluation {
  const point = current(input.series);
  if (!point || point.value === null) return noMeasure(missingCurrent);
  return { ...judge(wording[kind], point.value, input.thresholds, input.direction, { zh: `本期 ${point.period}`, en: `period ${point.period}` }), fallback: null };
}

function behindSchedule(input: EvaluationInput): Evaluation {
  const point = current(input.series);
  if (!input.schedule) return noMeasure({ zh: '没有找到该指标的计划目标，无法计算时序进度。', en: 'No plan target carries this indicator, so there is no time schedule to compare.' });
  if (!point || point.value === null) return noMeasure(missingCurrent);
  const { expectedShare, progress } = input.schedule;
  const lag = (expectedShare - progress) * 100;
  const basis = {
    zh: `本期 ${point.period} 时序进度 ${formatFigure(expectedShare * 100)}%，完成 ${formatFigure(progress * 100)}%`,
    en: `${point.period}: the schedule expects ${formatFigure(expectedShare * 100)}%, ${formatFigure(progress * 100)}% done`,
  };
  return { ...judge(wording.behind_schedule, lag, input.thresholds, input.direction, basis), fallback: null };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The consistency constant that makes the MAD estimate a normal distribution's standard deviation. */
const madScale = 1.4826;

/** |x − median| ÷ (1.4826 · MAD) against `history`; null when the MAD is 0. */
export function robustZ(value: number, history: readonly number[]): number | null {
  const centre = median(history);
  const mad = median(history.map((entry) => Math.abs(entry - centre)));
  if (mad === 0) return null;
  return Math.abs(value - centre) / (madScale * mad);
}

function robustScore(input: EvaluationInput): Evaluation {
  const params = input.params as RuleParams<'robust_z'>;
  const point = current(input.series);
  if (!point || point.value === null) return noMeasure(missingCurrent);
  const history = input.series
    .slice(0, -1)
    .slice(-params.window)
    .flatMap((entry) => (entry.value === null ? [] : [entry.value]));
  if (history.length < params.minHistory) {
    return noMeasure({
      zh: `历史数值只有 ${history.length} 个，少于所需的 ${params.minHistory} 个，无法计算稳健 z 值。`,
      en: `Only ${history.length} past values, fewer than the ${params.minHistory} needed, so no robust z-score.`,
    });
  }
  const z = robustZ(point.value, history);
  const centre = median(history);
  if (z === null) {
    return noMeasure({
      zh: `近 ${history.length} 期数值的绝对中位差（MAD）为 0（中位数 ${formatFigure(centre)}），无法计算稳健 z 值。`,
      en: `The median absolute deviation of the last ${history.length} values is 0 (median ${formatFigure(centre)}), so no robust z-score.`,
    });
  }
  const basis = {
    zh: `本期 ${point.period} 为 ${formatFigure(point.value)}，近 ${history.length} 期中位数 ${formatFigure(centre)}`,
    en: `${point.period}: ${formatFigure(point.value)}, median of the last ${history.length}: ${formatFigure(centre)}`,
  };
  return { ...judge(wording.robust_z, z, input.thresholds, input.direction, basis), fallback: null };
}

/** The period three months before `p` (a quarter earlier), or null for a yearly period. */
function quarterEarlier(p: Period): Period | null {
  if (p.kind === 'year' || p.kind === 'half') return null;
  if (p.kind === 'quarter') return previousPeriod(p);
  if (p.kind === 'month') return previousPeriod(previousPeriod(previousPeriod(p)));
  const [year, month, day] = periodStart(p).split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 4, 1));
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  return periodOf('day', `${shifted.toISOString().slice(0, 8)}${String(Math.min(day, lastDay)).padStart(2, '0')}`);
}

/** Compound growth per month over `months`, from `before` to `now`; null when either is not positive. */
function compoundGrowth(now: number, before: number, months: number): number | null {
  if (now <= 0 || before <= 0) return null;
  return (now / before) ** (1 / months) - 1;
}

/** The compound quarterly and annual growth rates at each point of the series that has them. */
function growthRates(series: readonly SeriesPoint[]): Map<string, { quarter: number | null; annual: number | null }> {
  const byPeriod = new Map(series.map((point) => [point.period, point.value]));
  const rates = new Map<string, { quarter: number | null; annual: number | null }>();
  for (const point of series) {
    const parsed = parsePeriod(point.period);
    if (point.value === null || !parsed) continue;
    const quarterBack = quarterEarlier(parsed);
    const quarterValue = quarterBack ? (byPeriod.get(formatPeriod(quarterBack)) ?? null) : null;
    const yearValue = byPeriod.get(formatPeriod(samePeriodLastYear(parsed))) ?? null;
    rates.set(point.period, {
      quarter: quarterValue === null ? null : compoundGrowth(point.value, quarterValue, 3),
      annual: yearValue === null ? null : compoundGrowth(point.value, yearValue, 12),
    });
  }
  return rates;
}

function meanAndDeviation(values: readonly number[]): { mean: number; deviation: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length - 1);
  return { mean, deviation: Math.sqrt(variance) };
}

/**
 * IPA-style price anomaly: the weighted sum of the z-scores of the compound quarterly growth rate (CQGR)
 * and the compound annual growth rate (CAGR) against their own history (FAO GIEWS). With fewer than
 * `minHistory` rates of either kind, or no spread in them, falls back to the change on a year earlier, or
 * on the previous period when that is missing too, judged against `fallbackThresholds`, and says so.
 */
function priceAnomaly(input: EvaluationInput): Evaluation {
  const params = input.params as RuleParams<'price_anomaly'>;
  const point = current(input.series);
  if (!point || point.value === null) return noMeasure(missingCurrent);
  const rates = growthRates(input.series);
  const now = rates.get(point.period);
  const history = input.series.slice(0, -1).slice(-params.window).map((entry) => rates.get(entry.period));
  const quarters = history.flatMap((rate) => (rate?.quarter == null ? [] : [rate.quarter]));
  const annuals = history.flatMap((rate) => (rate?.annual == null ? [] : [rate.annual]));
  const quarterStats = meanAndDeviation(quarters);
  const annualStats = meanAndDeviation(annuals);
  const usable =
    now?.quarter != null && now.annual != null && quarters.length >= params.minHistory && annuals.length >= params.minHistory && quarterStats.deviation > 0 && annualStats.deviation > 0;
  if (!usable || now?.quarter == null || now.annual == null) {
    const short = {
      zh: `历史增长率不足（季度 ${quarters.length} 个、年度 ${annuals.length} 个，需各 ${params.minHistory} 个且有波动），改用`,
      en: `too little growth history (${quarters.length} quarterly and ${annuals.length} annual rates; ${params.minHistory} of each with some spread needed), so`,
    };
    const yearAgo = changeOn(input, 'year_ago', params.fallbackThresholds, { zh: `${short.zh}同比变化`, en: `${short.en} the change on a year earlier was used` });
    if (yearAgo.measure !== null) return { ...yearAgo, fallback: 'change_year_ago' };
    const previous = changeOn(input, 'previous', params.fallbackThresholds, { zh: `${short.zh}环比变化（缺少上年同期数值）`, en: `${short.en} the change on the previous period was used (no value a year earlier)` });
    if (previous.measure !== null) return { ...previous, fallback: 'change_previous' };
    return noMeasure(
      { zh: `${short.zh}同比或环比变化，但两者都无法计算。`, en: `${short.en} a change on a year earlier or the previous period was tried, but neither could be computed.` },
      'change_previous',
    );
  }
  const quarterZ = (now.quarter - quarterStats.mean) / quarterStats.deviation;
  const annualZ = (now.annual - annualStats.mean) / annualStats.deviation;
  const index = params.quarterWeight * quarterZ + params.annualWeight * annualZ;
  const basis = {
    zh: `本期 ${point.period} 价格 ${formatFigure(point.value)}；季度复合增长率 z 值 ${formatFigure(quarterZ)}（权重 ${params.quarterWeight}），年度复合增长率 z 值 ${formatFigure(annualZ)}（权重 ${params.annualWeight}），基于 ${quarters.length}/${annuals.length} 期历史`,
    en: `${point.period}: price ${formatFigure(point.value)}; quarterly growth z ${formatFigure(quarterZ)} (weight ${params.quarterWeight}), annual growth z ${formatFigure(annualZ)} (weight ${params.annualWeight}), over ${quarters.length}/${annuals.length} past rates`,
  };
  return { ...judge(wording.price_index, index, input.thresholds, input.direction, basis), fallback: null };
}

/** Evaluates one rule over the series it is given. */
export function evaluateRule(input: EvaluationInput): Evaluation {
  switch (input.kind) {
    case 'threshold':
    case 'days_of_supply':
      return plainValue(input, input.kind);
    case 'change_previous':
      return changeOn(input, 'previous', input.thresholds);
    case 'change_year_ago':
      return changeOn(input, 'year_ago', input.thresholds);
    case 'behind_schedule':
      return behindSchedule(input);
    case 'robust_z':
      return robustScore(input);
    case 'price_anomaly':
      return priceAnomaly(input);
  }
}

/** How many periods before the evaluated one a kind reads (the caller asks for this much series). */
export function lookbackPeriods(kind: WarningKind, params: RuleParams, periodKind: Period['kind']): number {
  const perYear = { year: 1, half: 2, quarter: 4, month: 12, day: 366 }[periodKind];
  switch (kind) {
    case 'threshold':
    case 'days_of_supply':
    case 'behind_schedule':
      return 0;
    case 'change_previous':
      return 1;
    case 'change_year_ago':
      return perYear;
    case 'robust_z':
      return (params as RuleParams<'robust_z'>).window;
    case 'price_anomaly':
      return (params as RuleParams<'price_anomaly'>).window + perYear;
  }
}
