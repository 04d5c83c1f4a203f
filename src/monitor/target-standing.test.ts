import { describe, expect, it } from 'vitest';
import { targetStanding } from './target-standing.ts';

const cumulative = { comparator: '>=' as const, goal: 18_000, expectedShare: 0.5, cumulative: true, value: 300 };

describe('targetStanding', () => {
  it('holds the year-to-date total of a cumulative target against the schedule, not the month', () => {
    expect(targetStanding({ ...cumulative, yearToDate: 9_000 })).toEqual({ compared: 9_000, due: 9_000, standing: 'met' });
    expect(targetStanding({ ...cumulative, yearToDate: 8_999 })).toEqual({ compared: 8_999, due: 9_000, standing: 'behind' });
    expect(targetStanding({ ...cumulative, value: 20_000, yearToDate: 100 }).standing).toBe('behind');
  });

  it('holds any other target against the period figure itself', () => {
    const rate = { comparator: '<=' as const, goal: 4.5, expectedShare: 0.5, cumulative: false, yearToDate: null };
    expect(targetStanding({ ...rate, value: 4.5 }).standing).toBe('met');
    expect(targetStanding({ ...rate, value: 4.6 })).toEqual({ compared: 4.6, due: 4.5, standing: 'behind' });
    expect(targetStanding({ ...rate, comparator: '=', value: 4.5 }).standing).toBe('met');
    expect(targetStanding({ ...rate, comparator: '>=', value: 4.4 }).standing).toBe('behind');
  });

  it('gives no verdict without a figure or a comparable target', () => {
    expect(targetStanding({ ...cumulative, yearToDate: null }).standing).toBe('unknown');
    expect(targetStanding({ ...cumulative, goal: null, yearToDate: 9_000 })).toEqual({ compared: 9_000, due: null, standing: 'unknown' });
  });

  it('forgives binary rounding at the boundary', () => {
    expect(targetStanding({ ...cumulative, goal: 0.3, expectedShare: 1, yearToDate: 0.1 + 0.2 }).standing).toBe('met');
  });
});
