/**
 * The fixed list of functions rules may call, and the date and rounding arithmetic behind them. The
 * evaluator and the batch compiler share these, so one rule gives the same answer either way. Dates are
 * day numbers counted from 1970-01-01.
 */
import type { Rounding } from '../kernel/money.ts';

/** The functions a rule may call. */
export const functionNames = ['min', 'max', 'round', 'abs', 'months_between', 'days_between', 'add_months', 'spell_months'] as const;

/** One of the functions a rule may call. */
export type FunctionName = (typeof functionNames)[number];

/** The rounding modes a rule may declare (四舍五入, truncate, round up). */
export const roundingModes: readonly Rounding[] = ['half_up', 'down', 'up'];

const millisecondsPerDay = 86_400_000;

/** The day number of a `YYYY-MM-DD` date (checked elsewhere). */
export function dayOfDate(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / millisecondsPerDay;
}

/** The `YYYY-MM-DD` date of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * millisecondsPerDay).toISOString().slice(0, 10);
}

/** The year, month (1–12) and day of a day number, by arithmetic alone (no Date objects in batch loops). */
export function civil(day: number): [number, number, number] {
  // Howard Hinnant's days_from_civil, inverted: eras of 400 years starting on 0000-03-01.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth];
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function lastDayOf(year: number, month: number): number {
  if (month !== 2) return monthLengths[month - 1] as number;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Whole calendar months from `from` to `to`: 2020-01-15 → 2020-07-14 is 5, → 2020-07-15 is 6. A month
 * counts when the day of the month is reached again (a start on the 31st completes on the last day of a
 * shorter month). Negative when `to` is earlier; NaN when either is unknown.
 */
export function monthsBetween(from: number, to: number): number {
  if (from !== from || to !== to) return Number.NaN;
  if (to < from) return -monthsBetween(to, from);
  const start = from - tableStart;
  const end = to - tableStart;
  if (start >= 0 && end < tableLength) {
    // Batch runs ask this millions of times for a few thousand distinct days: look the calendar up.
    const tables = calendarTables ?? fillCalendarTables();
    let months = (tables.monthIndex[end] as number) - (tables.monthIndex[start] as number);
    if ((tables.dayOfMonth[end] as number) < Math.min(tables.dayOfMonth[start] as number, tables.lastDay[end] as number)) months--;
    return months;
  }
  const [startYear, startMonth, startDay] = civil(from);
  const [endYear, endMonth, endDay] = civil(to);
  let months = (endYear - startYear) * 12 + endMonth - startMonth;
  if (endDay < Math.min(startDay, lastDayOf(endYear, endMonth))) months--;
  return months;
}

const tableStart = -25_567; // 1900-01-01
const tableLength = 100_000; // to 2173
let calendarTables: { monthIndex: Int32Array; dayOfMonth: Uint8Array; lastDay: Uint8Array } | undefined;

function fillCalendarTables(): NonNullable<typeof calendarTables> {
  const monthIndex = new Int32Array(tableLength);
  const dayOfMonth = new Uint8Array(tableLength);
  const lastDay = new Uint8Array(tableLength);
  // Day by day from 1900-01-01 (the table's start), counting the calendar forward rather than converting each day.
  let [year, month, day] = civil(tableStart);
  let last = lastDayOf(year, month);
  for (let offset = 0; offset < tableLength; offset++) {
    monthIndex[offset] = year * 12 + month - 1;
    dayOfMonth[offset] = day;
    lastDay[offset] = last;
    if (++day > last) {
      day = 1;
      if (++month > 12) {
        month = 1;
        year++;
      }
      last = lastDayOf(year, month);
    }
  }
  calendarTables = { monthIndex, dayOfMonth, lastDay };
  return calendarTables;
}

/** The day `months` whole months after `day`, clamped to the end of a shorter month. */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * millisecondsPerDay);
  const target = date.getUTCMonth() + Math.trunc(months);
  const year = date.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), last)) / millisecondsPerDay;
}

/**
 * Months of one continuous spell of employment with one employer, counted to its end or, while it
 * lasts (no end yet, or an end after the evaluation date), to the evaluation date.
 */
export function spellMonths(start: number, end: number, asOf: number): number {
  if (asOf !== asOf) return Number.NaN;
  const until = end !== end || end > asOf ? asOf : end;
  return monthsBetween(start, until);
}

/**
 * Rounds to a whole number (of fen, for money) in the declared mode. Sums and rates of fen computed in
 * binary floating point can land a hair off a half (0.15 × 100 = 15.000000000000002), so the value is
 * first snapped to a millionth, far below a fen.
 */
export function roundWhole(value: number, mode: Rounding): number {
  const snapped = Math.round(value * 1e6) / 1e6;
  const magnitude = Math.abs(snapped);
  const rounded = mode === 'down' ? Math.floor(magnitude) : mode === 'up' ? Math.ceil(magnitude) : Math.floor(magnitude + 0.5);
  return (snapped < 0 ? -rounded : rounded) + 0;
}
