/** The days a plan's progress is sampled on for its charts, and the day it is judged on by default. */
import { chinaDate, periodEnd, periodOf } from '../../../../src/kernel/periods.ts';

/** Today in China, or the plan's end when that has passed: a finished plan is judged as it ended. */
export function defaultAsOf(planEnd: string, today: string = chinaDate()): string {
  return today < planEnd ? today : planEnd;
}

/** Every month end from the plan's start up to `asOf`, then `asOf` itself (at most `limit` days, the latest kept). */
export function sampleDates(start: string, asOf: string, limit = 24): string[] {
  const dates: string[] = [];
  for (let month = periodOf('month', start); periodEnd(month) < asOf; month = periodOf('month', nextDay(periodEnd(month)))) {
    dates.push(periodEnd(month));
  }
  if (asOf >= start) dates.push(asOf);
  return dates.slice(-limit);
}

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
