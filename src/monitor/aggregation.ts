/**
 * How figures combine, as pure functions: over regions from a live roll-up row (the sum, count and weighted
 * sums of the values at or below a region) and over time from the values of the stored periods inside a
 * coarser period (a quarter of a monthly indicator). Missing stays missing: never a zero.
 */
import { formatPeriod, parsePeriod, periodKinds, periodsWithin, type PeriodKind } from '../kernel/periods.ts';

/** How an indicator combines over regions. */
export type RegionAggregation = 'sum' | 'mean' | 'weighted_mean' | 'formula' | 'none';
/** How an indicator combines over the periods inside a coarser period. */
export type TimeAggregation = 'sum' | 'last' | 'mean';

/** A roll-up row: the values at or below one region for one indicator, period and category. */
export interface RollupRow {
  sum: number;
  count: number;
  weightedSum: number;
  weightSum: number;
}

/** Adds roll-up rows together (the roll-up of several regions, or of a region and its subjects). */
export function mergeRollups(rows: readonly RollupRow[]): RollupRow {
  return rows.reduce(
    (total, row) => ({
      sum: total.sum + row.sum,
      count: total.count + row.count,
      weightedSum: total.weightedSum + row.weightedSum,
      weightSum: total.weightSum + row.weightSum,
    }),
    { sum: 0, count: 0, weightedSum: 0, weightSum: 0 },
  );
}

/**
 * A region's figure from its roll-up row: the sum, the mean of the values entered below, or the weighted
 * mean (Σ value × weight ÷ Σ weight, over the values whose weight is known). No value below → null; a
 * weighted mean with no weight → null.
 */
export function combineRegion(kind: Exclude<RegionAggregation, 'formula' | 'none'>, row: RollupRow | undefined): number | null {
  if (!row || row.count <= 0) return null;
  if (kind === 'sum') return row.sum;
  if (kind === 'mean') return row.sum / row.count;
  return row.weightSum > 0 ? row.weightedSum / row.weightSum : null;
}

/**
 * A coarser period's figure from its stored periods' figures, oldest first: the `sum` of the periods that
 * have a value (a year-to-date total, 累计), the `last` value present (stocks, balances), or the `mean` of
 * the values present. Null when no period has a value.
 */
export function combineTime(kind: TimeAggregation, values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return null;
  if (kind === 'last') return present[present.length - 1]!;
  const total = present.reduce((sum, value) => sum + value, 0);
  return kind === 'sum' ? total : total / present.length;
}

/**
 * The stored periods (of the indicator's frequency) that make up an asked period, oldest first; null when
 * the asked period is finer than the frequency (a month of a quarterly indicator has no figure).
 */
export function storedPeriods(asked: string, frequency: PeriodKind): string[] | null {
  const parsed = parsePeriod(asked);
  if (!parsed) return null;
  if (periodKinds.indexOf(parsed.kind) > periodKinds.indexOf(frequency)) return null;
  return periodsWithin(parsed, frequency).map(formatPeriod);
}
