import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysBetween, expectedShare, latestFigure, targetProgress, type Figure, type ScheduleTarget } from './schedule.ts';

/** 城镇新增就业 1.8万人 of the Linxia plan: half by 30 June, all by 30 November, deadline the year's end. */
const urbanJobs: ScheduleTarget = {
  start: '2020-06-01',
  deadline: '2020-12-31',
  value: 1.8,
  milestones: [
    { by: '2020-06-30', share: 0.5 },
    { by: '2020-11-30', share: 1 },
  ],
};

const plain: ScheduleTarget = { start: '2020-01-01', deadline: '2020-01-11', value: 100, milestones: [] };

function figure(asOf: string, value: number, accepted = true, recordedAt?: string): Figure {
  return { asOf, value, accepted, recordedAt: recordedAt ? new Date(recordedAt) : undefined };
}

describe('expectedShare', () => {
  it('expects nothing up to the plan start', () => {
    expect(expectedShare(urbanJobs, '2020-05-31')).toBe(0);
    expect(expectedShare(urbanJobs, '2020-06-01')).toBe(0);
  });

  it('reaches each milestone share on its date', () => {
    expect(expectedShare(urbanJobs, '2020-06-30')).toBe(0.5);
    expect(expectedShare(urbanJobs, '2020-11-30')).toBe(1);
  });

  it('interpolates linearly between the points', () => {
    expect(expectedShare(urbanJobs, '2020-06-15')).toBeCloseTo((0.5 * 14) / 29, 12);
    expect(expectedShare(urbanJobs, '2020-07-31')).toBeCloseTo(0.5 + (0.5 * 31) / 153, 12);
    expect(expectedShare(plain, '2020-01-06')).toBeCloseTo(0.5, 12);
  });

  it('stays at 1 between a final milestone and the deadline, and after the deadline', () => {
    expect(expectedShare(urbanJobs, '2020-12-15')).toBe(1);
    expect(expectedShare(urbanJobs, '2020-12-31')).toBe(1);
    expect(expectedShare(urbanJobs, '2021-03-01')).toBe(1);
    expect(expectedShare(plain, '2020-01-10')).toBeCloseTo(0.9, 12);
    expect(expectedShare(plain, '2020-01-11')).toBe(1);
  });

  it('converts a milestone given as a value into a share of the target', () => {
    const byValue = { ...urbanJobs, milestones: [{ by: '2020-06-30', value: 0.9 }, { by: '2020-11-30', value: 1.8 }] };
    for (const date of ['2020-06-10', '2020-06-30', '2020-09-01', '2020-12-01']) {
      expect(expectedShare(byValue, date)).toBeCloseTo(expectedShare(urbanJobs, date), 12);
    }
  });

  it('ignores milestones that give no figure, or lie outside the plan span', () => {
    const described = { ...plain, milestones: [{ by: '2020-01-03', share: null, value: null }, { by: '2019-12-01', share: 0.9 }] };
    expect(expectedShare(described, '2020-01-06')).toBeCloseTo(0.5, 12);
    const zeroTarget = { ...plain, value: 0, milestones: [{ by: '2020-01-03', value: 5 }] };
    expect(expectedShare(zeroTarget, '2020-01-06')).toBeCloseTo(0.5, 12);
  });

  it('takes a milestone due on the start day as the share from then on', () => {
    const upfront = { ...plain, milestones: [{ by: '2020-01-01', share: 0.2 }] };
    expect(expectedShare(upfront, '2020-01-01')).toBe(0);
    expect(expectedShare(upfront, '2020-01-06')).toBeCloseTo(0.6, 12);
  });

  it('never falls as time passes and stays within 0 and 1', () => {
    const dates = fc.integer({ min: 0, max: 400 }).map((offset) => new Date(Date.UTC(2020, 4, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, dates, (a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const first = expectedShare(urbanJobs, early);
        const second = expectedShare(urbanJobs, late);
        return first >= 0 && second <= 1 && first <= second;
      }),
    );
  });

  it('refuses a date that is not a date', () => {
    expect(() => expectedShare(urbanJobs, '2020-02-30')).toThrow(RangeError);
    expect(daysBetween('2020-12-01', '2020-12-31')).toBe(30);
  });
});

describe('latestFigure', () => {
  it('takes the latest accepted figure as of the date, the later correction on a tie', () => {
    const figures = [
      figure('2020-05-31', 0.2),
      figure('2020-06-30', 0.7, true, '2020-07-03T02:00:00Z'),
      figure('2020-06-30', 0.75, true, '2020-07-05T02:00:00Z'),
      figure('2020-07-31', 0.9, false),
      figure('2020-08-31', 1.1),
    ];
    expect(latestFigure(figures, '2020-07-31')?.value).toBe(0.75);
    expect(latestFigure(figures, '2020-06-29')?.value).toBe(0.2);
    expect(latestFigure(figures, '2020-05-30')).toBeNull();
  });
});

describe('targetProgress', () => {
  const atLeast = { comparator: '>=' as const, value: 1.8, deadline: '2020-12-31' };
  const limit = { comparator: '<=' as const, value: 4.5, deadline: '2020-12-31' };

  it('divides the latest accepted figure by the value for an at-least target', () => {
    const progress = targetProgress(atLeast, [figure('2020-06-30', 0.7), figure('2020-06-30', 0.2, false)], '2020-06-30');
    expect(progress).toMatchObject({ figure: 0.7, figureAsOf: '2020-06-30', met: false });
    expect(progress.progress).toBeCloseTo(0.7 / 1.8, 12);
    expect(targetProgress(atLeast, [figure('2020-11-30', 1.8)], '2020-12-01')).toMatchObject({ progress: 1, met: true });
    expect(targetProgress(atLeast, [figure('2020-11-30', 2.16)], '2020-12-01').progress).toBeCloseTo(1.2, 12);
  });

  it('counts no progress without an accepted figure', () => {
    expect(targetProgress(atLeast, [figure('2020-06-30', 1, false)], '2020-07-01')).toEqual({ figure: null, figureAsOf: null, progress: 0, met: false });
  });

  it('keeps a limit on track while the latest figure stays within it, the limit itself included', () => {
    expect(targetProgress(limit, [figure('2020-06-30', 4.2)], '2020-07-01')).toMatchObject({ progress: 1, met: true });
    expect(targetProgress(limit, [figure('2020-06-30', 4.5)], '2020-07-01')).toMatchObject({ progress: 1, met: true });
    expect(targetProgress(limit, [figure('2020-06-30', 4.2), figure('2020-07-31', 4.6)], '2020-08-01')).toMatchObject({ progress: 0, met: false });
  });

  it('treats a limit without figures as held until the deadline and unmet after it', () => {
    expect(targetProgress(limit, [], '2020-12-31').progress).toBe(1);
    expect(targetProgress(limit, [], '2021-01-01').progress).toBe(0);
  });

  it('reaches an exact target only when the figure equals it', () => {
    const exact = { comparator: '=' as const, value: 0, deadline: '2020-12-31' };
    expect(targetProgress(exact, [figure('2020-06-30', 0)], '2020-07-01')).toMatchObject({ progress: 1, met: true });
    expect(targetProgress(exact, [figure('2020-06-30', 3)], '2020-07-01')).toMatchObject({ progress: 0, met: false });
    const count = { comparator: '=' as const, value: 6300, deadline: '2020-12-31' };
    expect(targetProgress(count, [figure('2020-06-30', 3150)], '2020-07-01')).toMatchObject({ progress: 0.5, met: false });
    expect(targetProgress(count, [figure('2020-06-30', 6300)], '2020-07-01')).toMatchObject({ progress: 1, met: true });
    expect(targetProgress(count, [figure('2020-06-30', 6400)], '2020-07-01')).toMatchObject({ progress: 0, met: false });
  });

  it('treats 0.1 + 0.2 reported against 0.3 as reached', () => {
    expect(targetProgress({ comparator: '>=', value: 0.3, deadline: '2020-12-31' }, [figure('2020-06-30', 0.1 + 0.2)], '2020-07-01').met).toBe(true);
  });
});
