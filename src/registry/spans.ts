/**
 * Facts that span time, computed from dated intervals: whole months between dates, continuous stretches of
 * employment with one employer, age on a date, and where a job lies relative to the worker's hukou.
 * Dates are 'YYYY-MM-DD'; an interval's end is inclusive and null while it is open.
 */
import type { LocationClass } from '../contracts/registry-constants.ts';
import { daysInMonth } from '../kernel/periods.ts';

/** A dated interval, end inclusive, null while open. */
export interface Span {
  start: string;
  end: string | null;
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date `months` months after `date`, the day clamped to the month's end (01-31 + 1 month = 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** The day after `date`. */
export function nextDay(date: string): string {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/**
 * Whole months from `start` through `through` inclusive: 2020-01-01 to 2020-06-30 is 6, to 2020-06-29 is 5.
 * A month is complete when the same day of a later month (clamped) has been reached by the day after.
 */
export function wholeMonths(start: string, through: string): number {
  if (through < start) return 0;
  const limit = nextDay(through);
  const [startYear, startMonth] = parts(start);
  const [limitYear, limitMonth] = parts(limit);
  let months = (limitYear - startYear) * 12 + (limitMonth - startMonth);
  while (months > 0 && addMonths(start, months) > limit) months -= 1;
  return Math.max(months, 0);
}

/** Full years of age on `date` for someone born on `birthDate` (a 29 February birthday counts from 1 March). */
export function ageOn(birthDate: string, date: string): number {
  const [birthYear, birthMonth, birthDay] = parts(birthDate);
  const [year, month, day] = parts(date);
  const hadBirthday = month > birthMonth || (month === birthMonth && day >= birthDay);
  return year - birthYear - (hadBirthday ? 0 : 1);
}

/** True when the interval covers `date`. */
export function covers(span: Span, date: string): boolean {
  return span.start <= date && (span.end === null || span.end >= date);
}

/**
 * The start of the continuous stretch that covers `onDate`, joining intervals that overlap or follow
 * each other day to day. Null when no interval covers the date.
 */
export function continuousStart(spans: readonly Span[], onDate: string): string | null {
  const sorted = [...spans].filter((span) => span.start <= onDate).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let stretchStart: string | null = null;
  let stretchEnd: string | null = null;
  let open = false;
  for (const span of sorted) {
    const joins = stretchStart !== null && (open || (stretchEnd !== null && span.start <= nextDay(stretchEnd)));
    if (!joins) {
      stretchStart = span.start;
      stretchEnd = span.end;
      open = span.end === null;
    } else if (span.end === null) {
      open = true;
    } else if (!open && stretchEnd !== null && span.end > stretchEnd) {
      stretchEnd = span.end;
    }
  }
  if (stretchStart === null) return null;
  return open || (stretchEnd !== null && stretchEnd >= onDate) ? stretchStart : null;
}

/**
 * Where a job lies for a worker: in the hukou county, elsewhere in the hukou province, or outside it.
 * Region codes are GB/T 2260 (6, 9 or 12 digits); unknown when either is missing.
 */
export function locationClass(employerRegionCode: string | null, hukouRegionCode: string | null): LocationClass {
  if (!employerRegionCode || !hukouRegionCode) return 'unknown';
  if (employerRegionCode.slice(0, 2) !== hukouRegionCode.slice(0, 2)) return 'out_of_province';
  const county = hukouRegionCode.slice(0, 6);
  if (county.endsWith('00')) return employerRegionCode.slice(0, 4) === county.slice(0, 4) ? 'in_county' : 'in_province';
  return employerRegionCode.slice(0, 6) === county ? 'in_county' : 'in_province';
}
