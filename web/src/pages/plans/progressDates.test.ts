import { describe, expect, it } from 'vitest';
import { defaultAsOf, sampleDates } from './progressDates.ts';

describe('defaultAsOf', () => {
  it('judges a running plan today', () => {
    expect(defaultAsOf('2020-12-31', '2020-07-15')).toBe('2020-07-15');
  });

  it('judges a finished plan on its last day', () => {
    expect(defaultAsOf('2020-12-31', '2026-11-22')).toBe('2020-12-31');
  });
});

describe('sampleDates', () => {
  it('takes every month end from the start, then the day asked about', () => {
    expect(sampleDates('2020-06-01', '2020-09-15')).toEqual(['2020-06-30', '2020-07-31', '2020-08-31', '2020-09-15']);
  });

  it('does not repeat a month end that is the day asked about', () => {
    expect(sampleDates('2020-01-01', '2020-03-31')).toEqual(['2020-01-31', '2020-02-29', '2020-03-31']);
  });

  it('gives nothing before the plan starts', () => {
    expect(sampleDates('2020-06-05', '2020-05-01')).toEqual([]);
  });

  it('keeps the latest days when there are too many', () => {
    const dates = sampleDates('2019-06-13', '2020-12-31', 6);
    expect(dates).toEqual(['2020-07-31', '2020-08-31', '2020-09-30', '2020-10-31', '2020-11-30', '2020-12-31']);
  });
});
