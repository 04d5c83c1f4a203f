import { describe, expect, it } from 'vitest';
import { changePercent, formatChange, formatFigure, targetInIndicatorUnit, targetStanding } from './figures.ts';

describe('monitor figures', () => {
  it('rounds to the indicator decimals and marks missing figures', () => {
    expect(formatFigure(1234.5, 2)).toBe('1,234.50');
    expect(formatFigure(6, 2)).toBe('6.00');
    expect(formatFigure(null)).toBe('—');
  });

  it('computes changes, none over a missing or zero base', () => {
    expect(changePercent(110, 100)).toBeCloseTo(10);
    expect(changePercent(90, -100)).toBeCloseTo(190);
    expect(changePercent(5, 0)).toBeNull();
    expect(changePercent(null, 3)).toBeNull();
    expect(formatChange(3.24)).toBe('+3.2%');
    expect(formatChange(-1)).toBe('−1.0%');
    expect(formatChange(null)).toBe('—');
  });

  it('judges a cumulative target against the time schedule and a ceiling against itself', () => {
    expect(targetStanding(9000, { comparator: '>=', value: 18000, expectedShare: 0.5 })).toBe('met');
    expect(targetStanding(8999, { comparator: '>=', value: 18000, expectedShare: 0.5 })).toBe('behind');
    expect(targetStanding(4.6, { comparator: '<=', value: 4.5, expectedShare: 1 })).toBe('behind');
    expect(targetStanding(null, { comparator: '<=', value: 4.5, expectedShare: 1 })).toBe('unknown');
  });

  it('brings a target in 万人 to the indicator’s 人, and refuses units that do not compare', () => {
    expect(targetInIndicatorUnit({ value: 1.8, unit: '万人' }, '人')).toBe(18000);
    expect(targetInIndicatorUnit({ value: 4.5, unit: '%' }, '%')).toBe(4.5);
    expect(targetInIndicatorUnit({ value: 3, unit: '吨' }, '人')).toBeNull();
  });
});
