import { describe, expect, it } from 'vitest';
import { changePercent, formatChange, formatFigure, standingLabel } from './figures.ts';

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

  it('labels a cumulative verdict by the time schedule and any other by the target', () => {
    expect(standingLabel({ cumulative: true, standing: 'met' })).toBe('onSchedule');
    expect(standingLabel({ cumulative: true, standing: 'behind' })).toBe('behindSchedule');
    expect(standingLabel({ cumulative: true, standing: 'unknown' })).toBe('unknown');
    expect(standingLabel({ cumulative: false, standing: 'behind' })).toBe('behind');
  });
});
