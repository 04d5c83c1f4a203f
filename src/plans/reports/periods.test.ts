import { describe, expect, it } from 'vitest';
import { currentPeriod, reminderKind, reportingPeriods, reportTimeliness, shiftDate, summarisePunctuality, worstTimeliness } from './periods.ts';

describe('reportingPeriods', () => {
  it('gives every month of a monthly plan, due on day N of the next month', () => {
    const periods = reportingPeriods({ kind: 'monthly', day: 5 }, '2020-06-01', '2020-12-31');
    expect(periods.map((entry) => entry.period)).toEqual(['2020-06', '2020-07', '2020-08', '2020-09', '2020-10', '2020-11', '2020-12']);
    expect(periods[0]).toEqual({ period: '2020-06', start: '2020-06-01', end: '2020-06-30', due: '2020-07-05' });
    expect(periods.at(-1)).toEqual({ period: '2020-12', start: '2020-12-01', end: '2020-12-31', due: '2021-01-05' });
  });

  it('counts a month the plan starts in the middle of', () => {
    const periods = reportingPeriods({ kind: 'monthly', day: 10 }, '2020-02-15', '2020-03-10');
    expect(periods).toEqual([
      { period: '2020-02', start: '2020-02-01', end: '2020-02-29', due: '2020-03-10' },
      { period: '2020-03', start: '2020-03-01', end: '2020-03-31', due: '2020-04-10' },
    ]);
  });

  it('gives quarters due on day N of the month after the quarter', () => {
    const periods = reportingPeriods({ kind: 'quarterly', day: 15 }, '2020-01-01', '2020-12-31');
    expect(periods.map((entry) => [entry.period, entry.end, entry.due])).toEqual([
      ['2020Q1', '2020-03-31', '2020-04-15'],
      ['2020Q2', '2020-06-30', '2020-07-15'],
      ['2020Q3', '2020-09-30', '2020-10-15'],
      ['2020Q4', '2020-12-31', '2021-01-15'],
    ]);
  });

  it('lists the periods of a fixed schedule with their own due dates (Dazu)', () => {
    const schedule = {
      kind: 'fixed' as const,
      dates: [
        { period: '2020H1', due: '2020-07-10' },
        { period: '2020', due: '2021-01-10' },
      ],
    };
    expect(reportingPeriods(schedule, '2020-01-01', '2020-12-31')).toEqual([
      { period: '2020H1', start: '2020-01-01', end: '2020-06-30', due: '2020-07-10' },
      { period: '2020', start: '2020-01-01', end: '2020-12-31', due: '2021-01-10' },
    ]);
  });

  it('gives no periods without a schedule', () => {
    expect(reportingPeriods({ kind: 'none' }, '2020-01-01', '2020-12-31')).toEqual([]);
  });
});

describe('currentPeriod', () => {
  const periods = reportingPeriods({ kind: 'monthly', day: 5 }, '2020-06-01', '2020-08-31');

  it('is the period still being reported on until its due date', () => {
    expect(currentPeriod(periods, '2020-07-05')?.period).toBe('2020-06');
    expect(currentPeriod(periods, '2020-07-06')?.period).toBe('2020-07');
  });

  it('is the first before the plan and the last after it', () => {
    expect(currentPeriod(periods, '2019-01-01')?.period).toBe('2020-06');
    expect(currentPeriod(periods, '2021-01-01')?.period).toBe('2020-08');
    expect(currentPeriod([], '2020-01-01')).toBeUndefined();
  });
});

describe('reportTimeliness', () => {
  const due = '2020-07-10';

  it('counts a report sent at 23:30 Beijing time on the due day as on time', () => {
    expect(reportTimeliness(due, new Date('2020-07-10T15:30:00Z'), new Date('2020-08-01T00:00:00Z'))).toBe('on_time');
    expect(reportTimeliness(due, new Date('2020-07-10T23:30:00+08:00'), new Date('2020-08-01T00:00:00Z'))).toBe('on_time');
  });

  it('counts one sent at midnight Beijing time after the due day as late, though it is still the due day in UTC', () => {
    expect(reportTimeliness(due, new Date('2020-07-10T16:00:00Z'), new Date('2020-08-01T00:00:00Z'))).toBe('late');
  });

  it('is not due until the due day ends in Beijing, and missing from then on', () => {
    expect(reportTimeliness(due, null, new Date('2020-07-10T15:59:59Z'))).toBe('not_due');
    expect(reportTimeliness(due, null, new Date('2020-07-10T16:00:00Z'))).toBe('missing');
  });

  it('takes the worst of several', () => {
    expect(worstTimeliness([])).toBe('on_time');
    expect(worstTimeliness(['on_time', 'not_due'])).toBe('not_due');
    expect(worstTimeliness(['on_time', 'late', 'not_due'])).toBe('late');
    expect(worstTimeliness(['late', 'missing', 'on_time'])).toBe('missing');
  });
});

describe('reminderKind', () => {
  it('reminds from three days before the due date, and as overdue for a month after it', () => {
    expect(reminderKind('2020-07-10', '2020-07-06')).toBeNull();
    expect(reminderKind('2020-07-10', '2020-07-07')).toBe('report.due_soon');
    expect(reminderKind('2020-07-10', '2020-07-10')).toBe('report.due_soon');
    expect(reminderKind('2020-07-10', '2020-07-11')).toBe('report.overdue');
    expect(reminderKind('2020-07-10', '2020-08-09')).toBe('report.overdue');
    expect(reminderKind('2020-07-10', '2020-08-10')).toBeNull();
  });

  it('shifts dates across months and years', () => {
    expect(shiftDate('2021-01-02', -3)).toBe('2020-12-30');
    expect(shiftDate('2020-02-28', 1)).toBe('2020-02-29');
  });
});

describe('summarisePunctuality', () => {
  it('counts on time, late and missing tasks and the share reported, judged in Beijing time', () => {
    const summary = summarisePunctuality(
      [new Date('2020-07-10T15:30:00Z'), new Date('2020-07-10T16:00:00Z'), null, null],
      '2020-07-10',
      new Date('2020-07-11T00:00:00Z'),
    );
    expect(summary).toEqual({ assigned: 4, reported: 2, onTime: 1, late: 1, missing: 2, notDue: 0, completeness: 0.5, timeliness: 'missing' });
  });

  it('is not due while unreported tasks still have time', () => {
    const summary = summarisePunctuality([new Date('2020-07-01T00:00:00Z'), null], '2020-07-10', new Date('2020-07-10T15:59:59Z'));
    expect(summary).toMatchObject({ onTime: 1, notDue: 1, completeness: 0.5, timeliness: 'not_due' });
  });
});
