import { describe, expect, it } from 'vitest';
import { colourRulesOf, defaultColourRules, slipPoints, targetColour, taskColour, worstColour } from './colour.ts';

const far = 120;

describe('targetColour', () => {
  it('is green while progress keeps within 5 points of the schedule, exactly 5 included', () => {
    expect(targetColour(null, 0.5, 0.5, far)).toMatchObject({ colour: 'green', reason: { zh: '按时序推进：完成进度50.0%，不低于时序进度50.0%', en: 'on schedule: progress 50.0% ≥ schedule 50.0%' } });
    expect(targetColour(null, 0.45, 0.5, far)).toMatchObject({ colour: 'green', slip: 5, reason: { zh: '滞后时序进度5.0个百分点（未超过5个百分点）' } });
    expect(targetColour(null, 0.6, 0.5, far)).toMatchObject({ colour: 'green', slip: -10 });
  });

  it('turns yellow just over 5 points and stays yellow up to exactly 15', () => {
    expect(targetColour(null, 0.449, 0.5, far)).toMatchObject({ colour: 'yellow', slip: 5.1 });
    expect(targetColour(null, 0.35, 0.5, far)).toMatchObject({ colour: 'yellow', slip: 15 });
    expect(targetColour(null, 0.7 / 1.8, 0.5, far)).toMatchObject({
      colour: 'yellow',
      reason: { zh: '滞后时序进度11.1个百分点（超过5个百分点）', en: 'slip 11.1 points > 5' },
    });
  });

  it('turns red over 15 points and says by how much', () => {
    expect(targetColour(null, 0.349, 0.5, far)).toMatchObject({ colour: 'red', slip: 15.1 });
    expect(targetColour(null, 0.327, 0.5, far).reason).toEqual({ zh: '滞后时序进度17.3个百分点（超过15个百分点）', en: 'slip 17.3 points > 15' });
  });

  it('turns red the day after an unmet deadline, not on the deadline day', () => {
    expect(targetColour(null, 0.97, 1, 0)).toMatchObject({ colour: 'blue', reason: { zh: '今日为完成时限，完成进度97.0%', en: 'deadline today, progress 97.0%' } });
    expect(targetColour(null, 0.97, 1, -1)).toMatchObject({ colour: 'red', reason: { zh: '已过完成时限1天仍未完成，完成进度97.0%', en: 'deadline passed 1 day ago unmet: progress 97.0%' } });
    expect(targetColour(null, 0.472, 1, -3).reason).toEqual({ zh: '已过完成时限3天仍未完成，完成进度47.2%', en: 'deadline passed 3 days ago unmet: progress 47.2%' });
    expect(targetColour(null, 1, 1, -1).colour).toBe('green');
    expect(targetColour('red', 1.05, 1, -40).colour).toBe('green');
  });

  it('turns blue when unfinished with the deadline 30 days away or less, not 31', () => {
    expect(targetColour(null, 0.9, 0.92, 30)).toMatchObject({ colour: 'blue', reason: { zh: '距完成时限30天（不超过30天），完成进度90.0%', en: 'deadline in 30 days ≤ 30, progress 90.0%' } });
    expect(targetColour(null, 0.9, 0.92, 1).reason.en).toBe('deadline in 1 day ≤ 30, progress 90.0%');
    expect(targetColour(null, 0.9, 0.92, 31)).toMatchObject({ colour: 'green', reason: { zh: '滞后时序进度2.0个百分点（未超过5个百分点）', en: 'slip 2.0 points ≤ 5' } });
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
    expect(targetColour('red', 0.472, 0.5, far)).toMatchObject({
      colour: 'red',
      reason: { zh: '红色保持至差距补足：完成进度47.2%，低于时序进度50.0%', en: 'red until made up: progress 47.2% < schedule 50.0%' },
    });
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
    expect(decision).toEqual({ colour: 'yellow', reason: { zh: '“城镇新增就业”目标为黄色', en: 'target 城镇新增就业 yellow' } });
  });

  const june = { zh: '临夏县人民政府2020年6月', en: '2020-06 临夏县人民政府' };

  it('turns red for a report missing past its due date', () => {
    expect(taskColour([{ label: 'a', colour: 'yellow' }], [{ kind: 'missing', label: june }])).toEqual({
      colour: 'red',
      reason: { zh: '临夏县人民政府2020年6月报告逾期未报送', en: 'report missing past due: 2020-06 临夏县人民政府' },
    });
  });

  it('turns yellow for a late report or one that says delayed, above blue targets', () => {
    expect(taskColour([{ label: 'a', colour: 'blue' }], [{ kind: 'late', label: june }])).toEqual({
      colour: 'yellow',
      reason: { zh: '临夏县人民政府2020年6月报告逾期报送', en: 'report late: 2020-06 临夏县人民政府' },
    });
    expect(taskColour([], [{ kind: 'delayed', label: june }])).toEqual({
      colour: 'yellow',
      reason: { zh: '临夏县人民政府2020年6月报告进展滞后', en: 'report says delayed: 2020-06 临夏县人民政府' },
    });
    expect(taskColour([{ label: 'a', colour: 'red' }], [{ kind: 'late', label: june }]).colour).toBe('red');
  });

  it('is green with nothing against it, and says so', () => {
    expect(taskColour([], [])).toEqual({ colour: 'green', reason: { zh: '未关联量化目标，报送无异常', en: 'no targets and no report signals' } });
    expect(taskColour([{ label: 'a', colour: 'green' }], [])).toEqual({ colour: 'green', reason: { zh: '关联目标均为绿色，报送无异常', en: 'every target green, no report signals' } });
  });

  it('names at most three causes, then how many there are', () => {
    const labels = ['6', '7', '8', '9', '10'].map((month) => ({ zh: `州人社局2020年${month}月`, en: `2020-${month.padStart(2, '0')} 州人社局` }));
    const signals = labels.map((label) => ({ kind: 'missing' as const, label }));
    expect(taskColour([], signals).reason).toEqual({
      zh: '州人社局2020年6月报告逾期未报送；州人社局2020年7月报告逾期未报送；州人社局2020年8月报告逾期未报送等5项',
      en: 'report missing past due: 2020-06 州人社局; report missing past due: 2020-07 州人社局; report missing past due: 2020-08 州人社局; and 2 more',
    });
    expect(taskColour([], signals.slice(0, 3)).reason.zh).not.toContain('等');
  });
});
