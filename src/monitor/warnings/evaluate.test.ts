import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRuleShape, ruleParamsSchemas, type Thresholds } from '../../contracts/monitor-warnings.contract.ts';
import { evaluateRule, levelFor, median, robustZ, type EvaluationInput } from './evaluate.ts';

const unemployment: Thresholds = { IV: 4.0, III: 4.3, II: 4.5, I: 5.0 };
const reserves: Thresholds = { IV: 15, III: 10, II: 7, I: 3 };

function input(partial: Partial<EvaluationInput> & Pick<EvaluationInput, 'kind' | 'series'>): EvaluationInput {
  return {
    direction: 'above',
    thresholds: unemployment,
    params: ruleParamsSchemas[partial.kind].parse(partial.kind === 'price_anomaly' ? { fallbackThresholds: { IV: 10, I: 30 } } : {}),
    ...partial,
  };
}

const monthly = (values: (number | null)[], first = '2020-01') => {
  const [year, month] = first.split('-').map(Number) as [number, number];
  return values.map((value, index) => {
    const at = new Date(Date.UTC(year, month - 1 + index, 1));
    return { period: at.toISOString().slice(0, 7), value };
  });
};

describe('levelFor', () => {
  it.each([
    [3.99, null],
    [4.0, 4],
    [4.01, 4],
    [4.29, 4],
    [4.3, 3],
    [4.49, 3],
    [4.5, 2],
    [4.99, 2],
    [5.0, 1],
    [9, 1],
  ])('above: %s → %s (boundaries inclusive)', (measure, level) => {
    expect(levelFor(measure, unemployment, 'above')?.level ?? null).toBe(level);
  });

  it.each([
    [15.01, null],
    [15, 4],
    [10.01, 4],
    [10, 3],
    [9.99, 3],
    [7, 2],
    [3.01, 2],
    [3, 1],
    [0, 1],
  ])('below: %s → %s', (measure, level) => {
    expect(levelFor(measure, reserves, 'below')?.level ?? null).toBe(level);
  });

  it('uses only the levels present', () => {
    expect(levelFor(6, { II: 5 }, 'above')).toEqual({ level: 2, boundary: 5 });
    expect(levelFor(4.9, { II: 5 }, 'above')).toBeNull();
  });

  it('is monotone in the measure: a worse measure never gives a milder level', () => {
    const ordered = fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 4 }).map((values) => [...new Set(values)].sort((a, b) => a - b));
    fc.assert(
      fc.property(ordered, fc.double({ min: -2000, max: 2000, noNaN: true }), fc.double({ min: -2000, max: 2000, noNaN: true }), (boundaries, a, b) => {
        const names = ['IV', 'III', 'II', 'I'] as const;
        const above: Thresholds = Object.fromEntries(boundaries.map((value, index) => [names[index], value]));
        const levelA = levelFor(Math.min(a, b), above, 'above')?.level ?? 5;
        const levelB = levelFor(Math.max(a, b), above, 'above')?.level ?? 5;
        expect(levelB).toBeLessThanOrEqual(levelA);
        const below: Thresholds = Object.fromEntries([...boundaries].reverse().map((value, index) => [names[index], value]));
        const lowA = levelFor(Math.min(a, b), below, 'below')?.level ?? 5;
        const lowB = levelFor(Math.max(a, b), below, 'below')?.level ?? 5;
        expect(lowA).toBeLessThanOrEqual(lowB);
      }),
    );
  });
});

describe('threshold', () => {
  it.each([
    [4.49, 3],
    [4.5, 2],
    [4.51, 2],
  ])('%s%% unemployment → level %s, explained with the boundary and the value', (value, level) => {
    const result = evaluateRule(input({ kind: 'threshold', series: [{ period: '2020-06', value }] }));
    expect(result.level).toBe(level);
    expect(result.measure).toBe(value);
  });

  it('names the measure, the boundary and the period in both languages', () => {
    const result = evaluateRule(input({ kind: 'threshold', series: [{ period: '2020-06', value: 4.6 }] }));
    expect(result.explanation.zh).toBe('数值 4.6 ≥ II级（橙色）界值 4.5（本期 2020-06）。');
    expect(result.explanation.en).toBe('The value 4.6 is at or above the level II (orange) boundary 4.5 (period 2020-06).');
  });

  it('says what was not reached below every boundary, and gives no measure without a value', () => {
    const calm = evaluateRule(input({ kind: 'threshold', series: [{ period: '2020-06', value: 3.9 }] }));
    expect(calm).toMatchObject({ level: null, measure: 3.9 });
    expect(calm.explanation.zh).toContain('未达到IV级（蓝色）界值 4');
    expect(evaluateRule(input({ kind: 'threshold', series: [{ period: '2020-06', value: null }] })).measure).toBeNull();
  });
});

describe('days_of_supply', () => {
  it.each([
    [10.01, 4],
    [10, 3],
    [9.99, 3],
    [15.01, null],
    [3, 1],
  ])('%s days → level %s (warning below)', (value, level) => {
    expect(evaluateRule(input({ kind: 'days_of_supply', direction: 'below', thresholds: reserves, series: [{ period: '2020-06-01', value }] })).level).toBe(level);
  });
});

describe('change_previous', () => {
  const thresholds: Thresholds = { IV: 10, II: 20 };
  it.each([
    [109.99, null],
    [110, 4],
    [110.01, 4],
    [119.99, 4],
    [120, 2],
    [120.01, 2],
  ])('100 → %s gives level %s', (value, level) => {
    const result = evaluateRule(input({ kind: 'change_previous', thresholds, series: monthly([100, value], '2020-05') }));
    expect(result.level).toBe(level);
  });

  it('forgives binary rounding at the boundary: 1 → 1.1 is exactly 10%', () => {
    expect(evaluateRule(input({ kind: 'change_previous', thresholds, series: monthly([1, 1.1]) })).level).toBe(4);
  });

  it('warns of falls with direction below, against the size of the earlier value', () => {
    const falls = { IV: -10, I: -50 };
    expect(evaluateRule(input({ kind: 'change_previous', direction: 'below', thresholds: falls, series: monthly([200, 180.02]) })).level).toBeNull();
    expect(evaluateRule(input({ kind: 'change_previous', direction: 'below', thresholds: falls, series: monthly([200, 180]) })).level).toBe(4);
    expect(evaluateRule(input({ kind: 'change_previous', direction: 'below', thresholds: falls, series: monthly([200, 100]) })).level).toBe(1);
    expect(evaluateRule(input({ kind: 'change_previous', thresholds, series: monthly([-100, -80]) })).measure).toBe(20);
  });

  it('gives no measure without a previous value, or when it is zero, and says why', () => {
    const missing = evaluateRule(input({ kind: 'change_previous', thresholds, series: monthly([null, 120]) }));
    expect(missing.measure).toBeNull();
    expect(missing.explanation.en).toContain('2020-01');
    expect(evaluateRule(input({ kind: 'change_previous', thresholds, series: monthly([0, 120]) })).measure).toBeNull();
  });

  it('finds the previous period across a year end', () => {
    expect(evaluateRule(input({ kind: 'change_previous', thresholds, series: monthly([100, 125], '2019-12') })).measure).toBe(25);
  });
});

describe('change_year_ago', () => {
  const thresholds: Thresholds = { III: 5 };
  const yearOf = (start: number, end: number) => monthly([start, ...Array<number>(11).fill(1), end]);
  it.each([
    [104.99, null],
    [105, 3],
    [105.01, 3],
  ])('100 a year earlier → %s gives level %s', (value, level) => {
    const result = evaluateRule(input({ kind: 'change_year_ago', thresholds, series: yearOf(100, value) }));
    expect(result.level).toBe(level);
    expect(result.explanation.zh).toContain('上年同期 2020-01');
  });

  it('works on quarters', () => {
    expect(evaluateRule(input({ kind: 'change_year_ago', thresholds, series: [{ period: '2019Q2', value: 100 }, { period: '2020Q2', value: 106 }] })).level).toBe(3);
  });
});

describe('behind_schedule', () => {
  const thresholds: Thresholds = { IV: 5, II: 15 };
  it.each([
    [0.4501, null],
    [0.45, 4],
    [0.4499, 4],
    [0.35, 2],
    [0.3499, 2],
  ])('expected 50%%, progress %s → level %s', (progress, level) => {
    const result = evaluateRule(input({ kind: 'behind_schedule', thresholds, series: [{ period: '2020-06', value: 1 }], schedule: { expectedShare: 0.5, progress } }));
    expect(result.level).toBe(level);
  });

  it('gives no measure without a plan target', () => {
    expect(evaluateRule(input({ kind: 'behind_schedule', thresholds, series: [{ period: '2020-06', value: 1 }], schedule: null })).measure).toBeNull();
  });
});

describe('robust_z', () => {
  // median 10, MAD 1 → z = |x − 10| ÷ 1.4826
  const history = [9, 10, 11, 9, 10, 11, 10];
  const scale = 1.4826;
  it.each([
    [10 + 3.5 * scale - 0.001, null],
    [10 + 3.5 * scale, 3],
    [10 + 3.5 * scale + 0.001, 3],
    [10 - 5 * scale, 1],
  ])('%s against a median of 10 → level %s', (value, level) => {
    const result = evaluateRule(input({ kind: 'robust_z', thresholds: { III: 3.5, I: 5 }, series: monthly([...history, value]) }));
    expect(result.level).toBe(level);
  });

  it('gives no measure when the MAD is zero, or when history is short', () => {
    const flat = evaluateRule(input({ kind: 'robust_z', thresholds: { III: 3.5 }, series: monthly([5, 5, 5, 5, 5, 5, 5, 50]) }));
    expect(flat.measure).toBeNull();
    expect(flat.explanation.en).toContain('median absolute deviation');
    expect(evaluateRule(input({ kind: 'robust_z', thresholds: { III: 3.5 }, series: monthly([9, 10, 11, 50]) })).measure).toBeNull();
  });

  it('median and MAD are those of the definition', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(robustZ(12, [9, 10, 11])).toBeCloseTo(2 / 1.4826, 10);
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (values, x) => {
      const z = robustZ(x, values);
      if (z !== null) expect(z).toBeGreaterThanOrEqual(0);
    }));
  });
});

describe('price_anomaly', () => {
  /** Three years of a gently seasonal price, then the period evaluated. */
  function priceSeries(last: number) {
    const values: number[] = [];
    for (let month = 0; month < 36; month += 1) values.push(10 * (1 + 0.002 * month) * (1 + 0.01 * Math.sin((month * Math.PI) / 6)));
    values.push(last);
    return monthly(values, '2017-01');
  }

  it('computes the weighted z-scores of quarterly and annual compound growth and rises with the price', () => {
    const calm = evaluateRule(input({ kind: 'price_anomaly', thresholds: { IV: 0.5, III: 1, I: 2 }, series: priceSeries(10.7) }));
    const spike = evaluateRule(input({ kind: 'price_anomaly', thresholds: { IV: 0.5, III: 1, I: 2 }, series: priceSeries(13) }));
    expect(calm.fallback).toBeNull();
    expect(spike.fallback).toBeNull();
    expect(spike.measure as number).toBeGreaterThan(calm.measure as number);
    expect(spike.level).toBe(1);
    expect(spike.explanation.zh).toContain('季度复合增长率 z 值');
  });

  it('has inclusive boundaries on the index', () => {
    const measure = evaluateRule(input({ kind: 'price_anomaly', thresholds: { I: 100 }, series: priceSeries(12) })).measure as number;
    const at = (boundary: number) => evaluateRule(input({ kind: 'price_anomaly', thresholds: { I: boundary }, series: priceSeries(12) })).level;
    expect(at(measure)).toBe(1);
    expect(at(measure - 0.001)).toBe(1);
    expect(at(measure + 0.001)).toBeNull();
  });

  it('falls back to the change on a year earlier with short history, and says so', () => {
    const series = monthly([10, ...Array<number>(11).fill(10.5), 11]);
    const result = evaluateRule(input({ kind: 'price_anomaly', thresholds: { I: 2 }, series }));
    expect(result).toMatchObject({ fallback: 'change_year_ago', measure: 10, level: 4 });
    expect(result.explanation.zh).toContain('改用同比变化');
    expect(result.explanation.en).toContain('the change on a year earlier was used');
  });

  it('falls back to the change on the previous period when a year earlier is missing too', () => {
    const result = evaluateRule(input({ kind: 'price_anomaly', thresholds: { I: 2 }, series: monthly([10, 13]) }));
    expect(result).toMatchObject({ fallback: 'change_previous', measure: 30, level: 1 });
    expect(result.explanation.zh).toContain('环比变化');
    expect(evaluateRule(input({ kind: 'price_anomaly', thresholds: { I: 2 }, series: monthly([10.99]) })).measure).toBeNull();
  });
});

describe('checkRuleShape', () => {
  const response = { acknowledgeHours: 24, respondHours: 72, unitIds: [], unitKinds: [], actions: [] };
  it('refuses boundaries out of order for the direction, naming the level', () => {
    const { issues } = checkRuleShape({ kind: 'threshold', direction: 'above', thresholds: { IV: 5, III: 4 }, params: {}, response: { IV: response, III: response } });
    expect(issues.map((issue) => issue.path.join('.'))).toEqual(['thresholds.III']);
    expect(checkRuleShape({ kind: 'threshold', direction: 'below', thresholds: { IV: 5, III: 4 }, params: {}, response: { IV: response, III: response } }).issues).toEqual([]);
  });

  it('refuses a direction the kind cannot have, unknown params, missing response plans and weights not adding to 1', () => {
    const paths = (shape: Parameters<typeof checkRuleShape>[0]) => checkRuleShape(shape).issues.map((issue) => issue.path.join('.'));
    expect(paths({ kind: 'days_of_supply', direction: 'above', thresholds: { I: 3 }, params: {}, response: { I: response } })).toEqual(['direction']);
    expect(paths({ kind: 'robust_z', direction: 'above', thresholds: { I: 3 }, params: { window: 2 }, response: { I: response } })).toEqual(['params.window']);
    expect(paths({ kind: 'threshold', direction: 'above', thresholds: { I: 3, II: 2 }, params: {}, response: { I: response } })).toEqual(['response.II']);
    expect(paths({ kind: 'price_anomaly', direction: 'above', thresholds: { I: 3 }, params: { quarterWeight: 0.7, fallbackThresholds: { II: 20, I: 10 } }, response: { I: response } })).toEqual([
      'params.fallbackThresholds.I',
      'params.annualWeight',
    ]);
  });
});
