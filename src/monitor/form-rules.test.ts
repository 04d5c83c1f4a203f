import { describe, expect, it } from 'vitest';
import type { FormRule } from '../contracts/monitor.contract.ts';
import { checkFormRules, median, robustZ } from './form-rules.ts';

const indicators = [
  { code: 'headcount_start', required: true },
  { code: 'hires', required: true },
  { code: 'separations', required: true },
  { code: 'headcount_end', required: true },
  { code: 'wage_arrears', required: false },
];
const equation: FormRule = { kind: 'equation', expression: 'headcount_end = headcount_start + hires - separations', tolerance: 0 };
const optional = indicators.map((indicator) => ({ ...indicator, required: false }));
/** Checks against a form whose indicators are all optional, so only the rules given speak. */
const check = (rules: FormRule[], values: Record<string, number>, history: Record<string, number[]> = {}, list = optional) =>
  checkFormRules({ rules, values: new Map(Object.entries(values)), indicators: list, history: new Map(Object.entries(history)) });

describe('form rules', () => {
  it('accepts a balanced headcount equation and refuses an unbalanced one, saying both sides', () => {
    expect(check([equation], { headcount_start: 100, hires: 5, separations: 3, headcount_end: 102 }).errors).toEqual([]);
    const [issue] = check([equation], { headcount_start: 100, hires: 5, separations: 3, headcount_end: 90 }).errors;
    expect(issue?.code).toBe('headcount_end');
    expect(issue?.en).toContain('the left side is 90, the right side 102');
  });

  it('allows a difference within the tolerance', () => {
    expect(check([{ ...equation, tolerance: 1 } as FormRule], { headcount_start: 100, hires: 5, separations: 3, headcount_end: 101 }).errors).toEqual([]);
  });

  it('leaves an incomplete equation to the required flags', () => {
    expect(check([equation], { headcount_start: 100 }).errors).toEqual([]);
    const required = check([equation], { headcount_start: 100 }, {}, indicators).errors.map((issue) => [issue.kind, issue.code]);
    expect(required).toEqual([['required', 'hires'], ['required', 'separations'], ['required', 'headcount_end']]);
  });

  it('enforces indicators marked required without a rule, and takes the required rule as an alias', () => {
    const partial = { headcount_start: 100, hires: 5, separations: 3 };
    expect(check([], partial, {}, indicators).errors.map((issue) => issue.code)).toEqual(['headcount_end']);
    expect(check([{ kind: 'required' }], partial, {}, indicators).errors.map((issue) => issue.code)).toEqual(['headcount_end']);
    // an optional indicator may be left out
    expect(check([], { ...partial, headcount_end: 102 }, {}, indicators).errors).toEqual([]);
  });

  it('checks ranges at their boundaries', () => {
    const range: FormRule = { kind: 'range', indicator: 'wage_arrears', min: 0, max: 100 };
    expect(check([range], { wage_arrears: 0 }).errors).toEqual([]);
    expect(check([range], { wage_arrears: 100 }).errors).toEqual([]);
    expect(check([range], { wage_arrears: -0.01 }).errors[0]?.code).toBe('wage_arrears');
    expect(check([range], { wage_arrears: 100.5 }).errors).toHaveLength(1);
  });

  it('flags a value far outside its own history for confirmation, not as an error', () => {
    const outlier: FormRule = { kind: 'outlier', indicator: 'hires', limit: 3.5, window: 12 };
    const history = { hires: [10, 12, 11, 9, 10, 11, 12, 10] };
    expect(check([outlier], { hires: 11 }, history)).toEqual({ errors: [], outliers: [] });
    const flagged = check([outlier], { hires: 80 }, history);
    expect(flagged.errors).toEqual([]);
    expect(flagged.outliers[0]?.code).toBe('hires');
  });

  it('does not flag with too little history or a flat history', () => {
    const outlier: FormRule = { kind: 'outlier', indicator: null, limit: 3.5, window: 12 };
    expect(check([outlier], { hires: 80 }, { hires: [10, 11, 12] }).outliers).toEqual([]);
    expect(check([outlier], { hires: 80 }, { hires: [10, 10, 10, 10, 10] }).outliers).toEqual([]);
  });

  it('computes the robust z-score from median and MAD', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(robustZ(10, [1, 2, 3, 4, 5])).toBeCloseTo(7 / 1.4826, 9);
    expect(robustZ(10, [])).toBeNull();
  });
});
