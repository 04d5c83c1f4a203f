import { describe, expect, it } from 'vitest';
import { colourRulesOf, defaultColourRules, slipPoints, targetColour, taskColour, worstColour } from './colour.ts';

const far = 120;

describe('targetColour', () => {
  it('is green while progress keeps within 5 points of the schedule, exactly 5 included', () => {
    expect(targetColour(null, 0.5, 0.5, far).colour).toBe('green');
    expect(targetColour(null, 0.45, 0.5, far)).toMatchObject({ colour: 'green', slip: 5 });
    expect(targetColour(null, 0.6, 0.5, far)).toMatchObject({ colour: 'green', slip: -10 });
  });

  it('turns yellow just over 5 points and stays yellow up to exactly 15', () => {
    expect(targetColour(null, 0.449, 0.5, far)).toMatchObject({ colour: 'yellow', slip: 5.1 });
    expect(targetColour(null, 0.35, 0.5, far)).toMatchObject({ colour: 'yellow', slip: 15 });
    expect(targetColour(null, 0.7 / 1.8, 0.5, far)).toMatchObject({ colour: 'yellow', reason: 'slip 11.1 points > 5' });
  });

  it('turns red over 15 points and says by how much', () => {
    expect(targetColour(null, 0.349, 0.5, far)).toMatchObject({ colour: 'red', slip: 15.1 });
    expect(targetColour(null, 0.327, 0.5, far).reason).toBe('slip 17.3 points > 15');
  });

  it('turns red the day after an unmet deadline, not on the deadline day', () => {
    expect(targetColour(null, 0.97, 1, 0).colour).toBe('blue');
    expect(targetColour(null, 0.97, 1, -1)).toMatchObject({ colour: 'red', reason: 'deadline passed 1 days ago unmet: progress 97.0%' });
    expect(targetColour(null, 1, 1, -1).colour).toBe('green');
    expect(targetColour('red', 1.05, 1, -40).colour).toBe('green');
  });

  it('turns blue when unfinished with the deadline 30 days away or less, not 31', () => {
    expect(targetColour(null, 0.9, 0.92, 30).colour).toBe('blue');
    expect(targetColour(null, 0.9, 0.92, 31).colour).toBe('green');
  });

  it('keeps a slipping target yellow near its deadline: the slip says more than the date', () => {
    expect(targetColour(null, 0.8, 0.9, 30).colour).toBe('yellow');
    expect(targetColour(null, 0.8, 0.9, 31).colour).toBe('yellow');
  });

  it('is not blue when complete, nor instead of red', () => {
    expect(targetColour(null, 1, 0.95, 10).colour).toBe('green');
    expect(targetColour(null, 0.7, 0.95, 10).colour).toBe('red');
  });

  it('keeps red until progress reaches the schedule again, however small the slip', () => {
    expect(targetColour('red', 0.472, 0.5, far)).toMatchObject({ colour: 'red', reason: 'red until made up: progress 47.2% < schedule 50.0%' });
    expect(targetColour('red', 0.499, 0.5, far).colour).toBe('red');
    expect(targetColour('red', 0.5, 0.5, far).colour).toBe('green');
    expect(targetColour('red', 0.53, 0.5, far).colour).toBe('green');
    expect(targetColour('red', 0.95, 0.95, 10).colour).toBe('blue');
    expect(targetColour('red', 0.9, 0.95, 10).colour).toBe('red');
  });

  it('lets yellow and blue clear as soon as the slip is back within bounds', () => {
    expect(targetColour('yellow', 0.47, 0.5, far).colour).toBe('green');
    expect(targetColour('blue', 1, 1, 5).colour).toBe('green');
  });

  it('follows the rules a plan sets', () => {
    const rules = { yellowSlip: 10, redSlip: 20, blueDays: 7 };
    expect(targetColour(null, 0.4, 0.5, far, rules).colour).toBe('green');
    expect(targetColour(null, 0.39, 0.5, far, rules).colour).toBe('yellow');
    expect(targetColour(null, 0.3, 0.5, far, rules).colour).toBe('yellow');
    expect(targetColour(null, 0.29, 0.5, far, rules).colour).toBe('red');
    expect(targetColour(null, 0.95, 0.95, 8, rules).colour).toBe('green');
    expect(targetColour(null, 0.95, 0.95, 7, rules).colour).toBe('blue');
  });
});

describe('slipPoints', () => {
  it('rounds away binary noise so that boundaries hold', () => {
    expect(slipPoints(0.45, 0.5)).toBe(5);
    expect(slipPoints(0.35, 0.5)).toBe(15);
    expect(slipPoints(0.1 + 0.2, 0.35)).toBe(5);
  });
});

describe('colourRulesOf', () => {
  it('completes stored rules with the defaults', () => {
    expect(colourRulesOf(null)).toEqual(defaultColourRules);
    expect(colourRulesOf({ redSlip: 20 })).toEqual({ yellowSlip: 5, redSlip: 20, blueDays: 30 });
    expect(colourRulesOf({ yellowSlip: 'x', blueDays: 10 })).toEqual({ yellowSlip: 5, redSlip: 15, blueDays: 10 });
  });
});

describe('taskColour', () => {
  it('takes the worst colour in the order red > yellow > blue > green', () => {
    expect(worstColour(['green', 'blue'])).toBe('blue');
    expect(worstColour(['blue', 'yellow', 'green'])).toBe('yellow');
    expect(worstColour(['yellow', 'red', 'blue'])).toBe('red');
    expect(worstColour([])).toBe('green');
  });

  it('is the worst of its targets', () => {
    const decision = taskColour([{ label: '城镇新增就业', colour: 'yellow' }, { label: '就业见习', colour: 'blue' }], []);
    expect(decision).toEqual({ colour: 'yellow', reason: 'target 城镇新增就业 yellow' });
  });

  it('turns red for a report missing past its due date', () => {
    expect(taskColour([{ label: 'a', colour: 'yellow' }], [{ kind: 'missing', label: '2020-06 临夏县人民政府' }])).toEqual({
      colour: 'red',
      reason: 'report missing past due: 2020-06 临夏县人民政府',
    });
  });

  it('turns yellow for a late report or one that says delayed, above blue targets', () => {
    expect(taskColour([{ label: 'a', colour: 'blue' }], [{ kind: 'late', label: '2020-06' }]).colour).toBe('yellow');
    expect(taskColour([], [{ kind: 'delayed', label: '2020-07' }]).colour).toBe('yellow');
    expect(taskColour([{ label: 'a', colour: 'red' }], [{ kind: 'late', label: '2020-06' }]).colour).toBe('red');
  });

  it('is green with nothing against it', () => {
    expect(taskColour([], []).colour).toBe('green');
    expect(taskColour([{ label: 'a', colour: 'green' }], []).colour).toBe('green');
  });

  it('names at most three causes', () => {
    const signals = ['2020-06', '2020-07', '2020-08', '2020-09', '2020-10'].map((label) => ({ kind: 'missing' as const, label }));
    expect(taskColour([], signals).reason).toMatch(/; and 2 more$/);
  });
});
