/**
 * Reporting periods and timeliness, IO-free. A plan's schedule gives its periods and their due dates;
 * whether a report is on time is judged on the calendar date in China (Asia/Shanghai, UTC+8 all year):
 * a report sent at 23:30 Beijing time on the due day is on time, one sent at 00:30 the next day is late
 * although the server's UTC clock still shows the due day.
 */
import { chinaDate, formatPeriod, nextPeriod, period as readPeriod, periodEnd, periodOf, periodStart, type Period } from '../../kernel/periods.ts';
import type { Timeliness } from '../../contracts/plan-reports.contract.ts';
import type { PackPlan } from '../plan-pack.schema.ts';

export { timelinessValues, type Timeliness } from '../../contracts/plan-reports.contract.ts';

/** A plan's reporting schedule, as its pack states it. */
export type ReportingSchedule = PackPlan['schedule'];

/** One reporting period of a plan. */
export interface ReportingPeriod {
  /** Canonical period text: `2020-06`, `2020Q2`, `2020H1`, `2020`. */
  period: string;
  /** First day of the period. */
  start: string;
  /** Last day of the period (inclusive); figures are reported as of this date. */
  end: string;
  /** The last day on which a report counts as on time. */
  due: string;
}

/** The reminder kinds a unit can be sent about a period. */
export type ReminderKind = 'report.due_soon' | 'report.overdue';

/** How many days before the due date the first reminder goes out. */
export const dueSoonDays = 3;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The date `days` days after `date` (before it when negative). */
export function shiftDate(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

/** Day `day` of the month that follows the period `p` (the month after a quarter, the next month). */
function dayOfFollowingMonth(p: Period, day: number): string {
  return `${periodStart(nextPeriod(p)).slice(0, 8)}${pad(day)}`;
}

function periodsOfKind(kind: 'month' | 'quarter', start: string, end: string, day: number): ReportingPeriod[] {
  const found: ReportingPeriod[] = [];
  for (let current = periodOf(kind, start); periodStart(current) <= end; current = nextPeriod(current)) {
    found.push({ period: formatPeriod(current), start: periodStart(current), end: periodEnd(current), due: dayOfFollowingMonth(current, day) });
  }
  return found;
}

/**
 * The reporting periods of a plan running from `start` to `end`: every month (due on day N of the next
 * month) or quarter (due on day N of the month after it) that overlaps the plan, the listed periods of a
 * fixed schedule, and none for a plan without a schedule.
 */
export function reportingPeriods(schedule: ReportingSchedule, start: string, end: string): ReportingPeriod[] {
  switch (schedule.kind) {
    case 'monthly':
      return periodsOfKind('month', start, end, schedule.day);
    case 'quarterly':
      return periodsOfKind('quarter', start, end, schedule.day);
    case 'fixed':
      return schedule.dates.map((entry) => {
        const parsed = readPeriod(entry.period);
        return { period: formatPeriod(parsed), start: periodStart(parsed), end: periodEnd(parsed), due: entry.due };
      });
    case 'none':
      return [];
  }
}

/**
 * The period people are working on at `today`: the first whose due date has not passed, else the last
 * one. Undefined when the plan has no periods.
 */
export function currentPeriod(periods: readonly ReportingPeriod[], today: string): ReportingPeriod | undefined {
  return periods.find((candidate) => candidate.due >= today) ?? periods.at(-1);
}

/**
 * Whether a report due on `due` was on time: judged on the Beijing date of its (first) submission, or,
 * when it has not been submitted, missing once the Beijing date at `now` is past the due date.
 */
export function reportTimeliness(due: string, submittedAt: Date | null, now: Date): Timeliness {
  if (submittedAt) return chinaDate(submittedAt) <= due ? 'on_time' : 'late';
  return chinaDate(now) > due ? 'missing' : 'not_due';
}

const severity: Record<Timeliness, number> = { on_time: 0, not_due: 1, late: 2, missing: 3 };

/** The worst of several timeliness values (missing > late > not due > on time); on time for none. */
export function worstTimeliness(values: readonly Timeliness[]): Timeliness {
  return values.reduce<Timeliness>((worst, value) => (severity[value] > severity[worst] ? value : worst), 'on_time');
}

/**
 * How long after the due date a unit is still reminded; older gaps are for bulletins, and a plan loaded
 * years later must not flood its units with reminders about long-closed periods.
 */
export const overdueReminderDays = 30;

/**
 * The reminder a unit that has not reported should get on `today` for a period due on `due`: "due soon"
 * from three days before through the due day, "overdue" for a month after it, none otherwise.
 */
export function reminderKind(due: string, today: string): ReminderKind | null {
  if (today > shiftDate(due, overdueReminderDays)) return null;
  if (today > due) return 'report.overdue';
  if (today >= shiftDate(due, -dueSoonDays)) return 'report.due_soon';
  return null;
}

/** A unit's punctuality for one period, over the tasks it is responsible for. */
export interface PunctualityCounts {
  assigned: number;
  reported: number;
  onTime: number;
  late: number;
  missing: number;
  notDue: number;
  /** Reported tasks ÷ assigned tasks, 0–1 (1 for a unit with no tasks). */
  completeness: number;
  /** The worst timeliness of its tasks. */
  timeliness: Timeliness;
}

/**
 * Punctuality of a unit from the first-submission times of its tasks' reports (null where none was
 * ever submitted): a task counts as reported once submitted, even if returned since.
 */
export function summarisePunctuality(firstSubmissions: readonly (Date | null)[], due: string, now: Date): PunctualityCounts {
  const values = firstSubmissions.map((submittedAt) => reportTimeliness(due, submittedAt, now));
  const count = (wanted: Timeliness) => values.filter((value) => value === wanted).length;
  const reported = firstSubmissions.filter((submittedAt) => submittedAt !== null).length;
  return {
    assigned: values.length,
    reported,
    onTime: count('on_time'),
    late: count('late'),
    missing: count('missing'),
    notDue: count('not_due'),
    completeness: values.length === 0 ? 1 : reported / values.length,
    timeliness: worstTimeliness(values),
  };
}
