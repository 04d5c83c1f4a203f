import { describe, expect, it } from 'vitest';
import {
  addDays,
  arrearsFlagThresholdFen,
  isOverdue,
  nextOwnerLevel,
  ownerLevelOf,
  problemNumber,
  regionAtLevel,
  ruleFlagApplies,
  ruleFlagChange,
  type RuleFacts,
} from './problems.rules.ts';

const arrears = (amountFen: number | null, status: RuleFacts['status'] = 'open'): RuleFacts => ({ category: 'arrears', amountFen, status });

describe('the 挂牌督办 rule', () => {
  it('flags arrears of more than 2000万元, not of exactly 2000万元 (大于)', () => {
    expect(arrearsFlagThresholdFen).toBe(200_000_000);
    expect(ruleFlagApplies(arrears(199_999_999))).toBe(false);
    expect(ruleFlagApplies(arrears(200_000_000))).toBe(false);
    expect(ruleFlagApplies(arrears(200_000_001))).toBe(true);
  });

  it('applies to wage arrears (用工) as well, and to no other category', () => {
    expect(ruleFlagApplies({ category: 'labour', amountFen: 300_000_000, status: 'open' })).toBe(true);
    expect(ruleFlagApplies({ category: 'finance', amountFen: 300_000_000, status: 'open' })).toBe(false);
    expect(ruleFlagApplies(arrears(null))).toBe(false);
  });

  it('does not hold for a closed problem', () => {
    expect(ruleFlagApplies(arrears(300_000_000, 'closed'))).toBe(false);
  });

  it('flags when the rule starts to hold and lifts only its own flag when it stops', () => {
    const unflagged = { flagged: false, flagSource: null };
    expect(ruleFlagChange(null, arrears(300_000_000), unflagged)).toBe('flag');
    expect(ruleFlagChange(arrears(100), arrears(300_000_000), unflagged)).toBe('flag');
    expect(ruleFlagChange(arrears(300_000_000), arrears(100), { flagged: true, flagSource: 'rule' })).toBe('unflag');
    expect(ruleFlagChange(arrears(300_000_000), arrears(100), { flagged: true, flagSource: 'manual' })).toBeNull();
  });

  it('keeps a coordinator’s lifting of a rule flag while the facts stay above the threshold', () => {
    expect(ruleFlagChange(arrears(300_000_000), arrears(400_000_000), { flagged: false, flagSource: null })).toBeNull();
  });

  it('flags again when a closed problem over the threshold is reopened', () => {
    expect(ruleFlagChange(arrears(300_000_000, 'closed'), arrears(300_000_000, 'reopened'), { flagged: false, flagSource: null })).toBe('flag');
  });
});

describe('owner levels', () => {
  it('starts at the county for a county, township or village, and at the level itself above', () => {
    expect(ownerLevelOf('622921')).toBe('county');
    expect(ownerLevelOf('622921100')).toBe('county');
    expect(ownerLevelOf('622900')).toBe('prefecture');
    expect(ownerLevelOf('620000')).toBe('province');
    expect(ownerLevelOf('000000')).toBeNull();
  });

  it('goes county → prefecture → province and no further', () => {
    expect(nextOwnerLevel('county')).toBe('prefecture');
    expect(nextOwnerLevel('prefecture')).toBe('province');
    expect(nextOwnerLevel('province')).toBeNull();
  });

  it('finds the region of a level above a place', () => {
    expect(regionAtLevel('622921100', 'county')).toBe('622921');
    expect(regionAtLevel('622921', 'prefecture')).toBe('622900');
    expect(regionAtLevel('622921', 'province')).toBe('620000');
  });
});

describe('dates and numbers', () => {
  it('is overdue only past the deadline and while not closed', () => {
    expect(isOverdue('2020-06-30', 'open', '2020-06-30')).toBe(false);
    expect(isOverdue('2020-06-30', 'resolved', '2020-07-01')).toBe(true);
    expect(isOverdue('2020-06-30', 'closed', '2020-07-01')).toBe(false);
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2020-02-15', 30)).toBe('2020-03-16');
    expect(addDays('2020-12-15', 30)).toBe('2021-01-14');
  });

  it('numbers problems WT-year-six digits', () => {
    expect(problemNumber('2020', 123)).toBe('WT-2020-000123');
    expect(problemNumber('2021', 1_234_567)).toBe('WT-2021-1234567');
  });
});
