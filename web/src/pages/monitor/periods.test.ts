import { describe, expect, it } from 'vitest';
import { defaultPeriod, periodKind, periodsEndingWith, periodText, recentPeriods } from './periods.ts';

describe('monitor periods', () => {
  it('lists the latest months newest first, across a year end', () => {
    expect(recentPeriods('month', 3, '2021-02-10')).toEqual(['2021-02', '2021-01', '2020-12']);
    expect(recentPeriods('quarter', 2, '2021-02-10')).toEqual(['2021Q1', '2020Q4']);
  });

  it('reports on the last period that has ended', () => {
    expect(defaultPeriod('month', '2021-01-05')).toBe('2020-12');
    expect(defaultPeriod('year', '2021-01-05')).toBe('2020');
  });

  it('gives a trend range oldest first ending with the asked period', () => {
    expect(periodsEndingWith('2020-02', 3)).toEqual(['2019-12', '2020-01', '2020-02']);
    expect(periodsEndingWith('nonsense', 3)).toEqual([]);
  });

  it('labels periods in both languages and knows their kind', () => {
    expect(periodText('2020-06', 'zh-CN')).toBe('2020年6月');
    expect(periodText('2020Q2', 'en')).toBe('2020 Q2');
    expect(periodKind('2020-06-15')).toBe('day');
    expect(periodKind('2020H1')).toBeNull();
  });
});
