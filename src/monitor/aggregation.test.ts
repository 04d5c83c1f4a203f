import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { combineRegion, combineTime, mergeRollups, storedPeriods, type RollupRow } from './aggregation.ts';

const row = (sum: number, count: number, weightedSum = 0, weightSum = 0): RollupRow => ({ sum, count, weightedSum, weightSum });

describe('aggregation over regions', () => {
  it('sums the values below a region', () => {
    expect(combineRegion('sum', row(30, 3))).toBe(30);
  });

  it('means the values entered below, not the sub-regions', () => {
    // two villages in one township (10, 20) and one in another (60): the county mean is 30, not mean(15, 60)
    expect(combineRegion('mean', mergeRollups([row(30, 2), row(60, 1)]))).toBe(30);
  });

  it('weights by the weight values that are known', () => {
    // prices 10 (sales 1) and 20 (sales 3): (10 + 60) / 4
    expect(combineRegion('weighted_mean', row(30, 2, 70, 4))).toBe(17.5);
  });

  it('is missing with no value below, and a weighted mean is missing with no weight', () => {
    expect(combineRegion('sum', undefined)).toBeNull();
    expect(combineRegion('sum', row(0, 0))).toBeNull();
    expect(combineRegion('mean', row(0, 0))).toBeNull();
    expect(combineRegion('weighted_mean', row(30, 2, 0, 0))).toBeNull();
  });

  it('keeps a real zero as zero', () => {
    expect(combineRegion('sum', row(0, 2))).toBe(0);
  });

  it('merges roll-ups into the same figures as one roll-up of all the values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (groups) => {
        const merged = mergeRollups(groups.map((group) => row(group.reduce((a, b) => a + b, 0), group.length)));
        const all = groups.flat();
        expect(combineRegion('sum', merged)).toBe(all.reduce((a, b) => a + b, 0));
        expect(combineRegion('mean', merged)).toBeCloseTo(all.reduce((a, b) => a + b, 0) / all.length, 9);
      }),
    );
  });
});

describe('aggregation over time', () => {
  it('sums the periods present (a year-to-date total)', () => {
    expect(combineTime('sum', [1, 2, 3])).toBe(6);
    expect(combineTime('sum', [1, null, 3])).toBe(4);
  });

  it('takes the last value present (stocks and balances)', () => {
    expect(combineTime('last', [5, 7, null])).toBe(7);
    expect(combineTime('last', [5, 7, 9])).toBe(9);
  });

  it('means the values present', () => {
    expect(combineTime('mean', [2, null, 4])).toBe(3);
  });

  it('is missing when no period has a value, whatever the kind', () => {
    for (const kind of ['sum', 'last', 'mean'] as const) expect(combineTime(kind, [null, null])).toBeNull();
    expect(combineTime('sum', [])).toBeNull();
  });

  it('lists the stored periods inside an asked period', () => {
    expect(storedPeriods('2020Q2', 'month')).toEqual(['2020-04', '2020-05', '2020-06']);
    expect(storedPeriods('2020', 'quarter')).toEqual(['2020Q1', '2020Q2', '2020Q3', '2020Q4']);
    expect(storedPeriods('2020-06', 'month')).toEqual(['2020-06']);
    expect(storedPeriods('2020-02', 'day')).toHaveLength(29);
    expect(storedPeriods('2020-06', 'quarter')).toBeNull();
    expect(storedPeriods('June', 'month')).toBeNull();
  });
});
