/**
 * Reporting periods: the year, half-year, quarter, month or day a figure is reported for, written
 * `2020`, `2020H1`, `2020Q2`, `2020-06` and `2020-06-15`. Every kind lines up with the calendar year, so
 * a period is its kind, its year and its 1-based position in that year, and all arithmetic goes
 * through day numbers counted from 1970-01-01. Dates are `YYYY-MM-DD` strings, which sort correctly as
 * text because years are limited to four digits (1000–9999).
 */

/** The kinds of period, from the longest to the shortest. */
export const periodKinds = ['year', 'half', 'quarter', 'month', 'day'] as const;

/** One of the period kinds. */
export type PeriodKind = (typeof periodKinds)[number];

/**
 * A reporting period. `index` is the 1-based position within `year`: always 1 for a year, 1–2 for a
 * half, 1–4 for a quarter, 1–12 for a month, and the day of the year (1–366) for a day.
 */
export interface Period {
  readonly kind: PeriodKind;
  readonly year: number;
  readonly index: number;
}

const millisecondsPerDay = 86_400_000;
const monthsPerPeriod = { year: 12, half: 6, quarter: 3, month: 1 } as const;
const periodPattern = /^(\d{4})(?:H([12])|Q([1-4])|-(\d{2})(?:-(\d{2}))?)?$/;

/** True for a leap year of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  // Arithmetic, not a Date: imports check a million dates and each Date is an allocation.
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when `text` is a real calendar date written `YYYY-MM-DD` with a year from 1000 to 9999. */
export function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The number written by `count` ASCII digits of `text` from `start`, or -1 when one is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The calendar date in China (UTC+8 all year, no daylight saving) at `instant`, as `YYYY-MM-DD`. */
export function chinaDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function assertDate(date: string): void {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
}

function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / millisecondsPerDay;
}

function dateOfDayNumber(days: number): string {
  return new Date(days * millisecondsPerDay).toISOString().slice(0, 10);
}

function dateParts(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number);
  return [year ?? 0, month ?? 0, day ?? 0];
}

function dayOfYear(year: number, month: number, day: number): number {
  return dayNumber(year, month, day) - dayNumber(year, 1, 1) + 1;
}

function periodsInYear(kind: PeriodKind, year: number): number {
  if (kind === 'day') return isLeapYear(year) ? 366 : 365;
  return 12 / monthsPerPeriod[kind];
}

function startDayNumber(p: Period): number {
  if (p.kind === 'day') return dayNumber(p.year, 1, p.index);
  return dayNumber(p.year, (p.index - 1) * monthsPerPeriod[p.kind] + 1, 1);
}

function endDayNumber(p: Period): number {
  if (p.kind === 'day') return startDayNumber(p);
  return dayNumber(p.year, p.index * monthsPerPeriod[p.kind] + 1, 1) - 1;
}

function monthAndDay(p: Period): [number, number] {
  const [, month, day] = dateParts(periodStart(p));
  return [month, day];
}

/** True when `p` is a period that exists: a known kind, a four-digit year and an index within range. */
export function isPeriod(p: Period): boolean {
  return (
    periodKinds.includes(p.kind) &&
    Number.isInteger(p.year) &&
    p.year >= 1000 &&
    p.year <= 9999 &&
    Number.isInteger(p.index) &&
    p.index >= 1 &&
    p.index <= periodsInYear(p.kind, p.year)
  );
}

/** Reads a period written in one of the five forms, or returns null when the text is not one. */
export function parsePeriod(text: string): Period | null {
  const match = periodPattern.exec(text.trim().toUpperCase());
  if (!match) return null;
  const [, yearText, half, quarter, month, day] = match;
  const year = Number(yearText);
  if (year < 1000) return null;
  if (half) return { kind: 'half', year, index: Number(half) };
  if (quarter) return { kind: 'quarter', year, index: Number(quarter) };
  const date = `${yearText}-${month ?? '01'}-${day ?? '01'}`;
  if (!isIsoDate(date)) return null;
  return periodOf(day ? 'day' : month ? 'month' : 'year', date);
}

/** Reads a period like `parsePeriod`, throwing a RangeError when the text is not one. */
export function period(text: string): Period {
  const parsed = parsePeriod(text);
  if (!parsed) throw new RangeError(`not a period (expected 2020, 2020H1, 2020Q2, 2020-06 or 2020-06-15): ${text}`);
  return parsed;
}

/** Writes a period in its canonical form, the one `parsePeriod` reads back. */
export function formatPeriod(p: Period): string {
  switch (p.kind) {
    case 'year':
      return pad(p.year, 4);
    case 'half':
      return `${pad(p.year, 4)}H${p.index}`;
    case 'quarter':
      return `${pad(p.year, 4)}Q${p.index}`;
    case 'month':
      return `${pad(p.year, 4)}-${pad(p.index, 2)}`;
    case 'day':
      return periodStart(p);
  }
}

/** The first day of the period, as `YYYY-MM-DD`. */
export function periodStart(p: Period): string {
  return dateOfDayNumber(startDayNumber(p));
}

/** The last day of the period (inclusive), as `YYYY-MM-DD`. */
export function periodEnd(p: Period): string {
  return dateOfDayNumber(endDayNumber(p));
}

/** True when every day of `inner` lies in `outer` (a period contains itself). */
export function periodContains(outer: Period, inner: Period): boolean {
  return startDayNumber(outer) <= startDayNumber(inner) && endDayNumber(inner) <= endDayNumber(outer);
}

/** Orders periods by their first day, and a longer period before a shorter one starting the same day. */
export function comparePeriods(a: Period, b: Period): number {
  return startDayNumber(a) - startDayNumber(b) || endDayNumber(b) - endDayNumber(a);
}

/** The period of the same kind that follows `p`. */
export function nextPeriod(p: Period): Period {
  if (p.index < periodsInYear(p.kind, p.year)) return { kind: p.kind, year: p.year, index: p.index + 1 };
  return { kind: p.kind, year: p.year + 1, index: 1 };
}

/** The period of the same kind that precedes `p`. */
export function previousPeriod(p: Period): Period {
  if (p.index > 1) return { kind: p.kind, year: p.year, index: p.index - 1 };
  return { kind: p.kind, year: p.year - 1, index: periodsInYear(p.kind, p.year - 1) };
}

/**
 * The same period a year earlier, for year-on-year comparison (同比). Days keep their month and day
 * rather than their day of the year, and 29 February falls back to 28 February.
 */
export function samePeriodLastYear(p: Period): Period {
  if (p.kind !== 'day') return { kind: p.kind, year: p.year - 1, index: p.index };
  const [month, day] = monthAndDay(p);
  const year = p.year - 1;
  return { kind: 'day', year, index: dayOfYear(year, month, Math.min(day, daysInMonth(year, month))) };
}

/** The period of `kind` that contains `date` (`YYYY-MM-DD`); throws a RangeError for a bad date. */
export function periodOf(kind: PeriodKind, date: string): Period {
  assertDate(date);
  const [year, month, day] = dateParts(date);
  if (kind === 'day') return { kind, year, index: dayOfYear(year, month, day) };
  return { kind, year, index: Math.ceil(month / monthsPerPeriod[kind]) };
}

/** The periods of `kind` inside `outer`, in order (the months of 2020Q2 are 2020-04, 2020-05, 2020-06). */
export function periodsWithin(outer: Period, kind: PeriodKind): Period[] {
  // Every kind is aligned to the calendar year, so a finer kind starts exactly where `outer` starts and
  // a coarser one is never contained, which leaves the list empty.
  const found: Period[] = [];
  for (let current = periodOf(kind, periodStart(outer)); periodContains(outer, current); current = nextPeriod(current)) {
    found.push(current);
  }
  return found;
}

const chineseOrdinals = ['一', '二', '三', '四'];
const englishMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The period as people read it: `2020年第二季度` / `2020 Q2`, `2020年6月` / `Jun 2020`, `2020年上半年` / `2020 H1`. */
export function periodLabel(p: Period, locale: 'zh' | 'en'): string {
  return locale === 'zh' ? chineseLabel(p) : englishLabel(p);
}

function chineseLabel(p: Period): string {
  switch (p.kind) {
    case 'year':
      return `${p.year}年`;
    case 'half':
      return `${p.year}年${p.index === 1 ? '上' : '下'}半年`;
    case 'quarter':
      return `${p.year}年第${chineseOrdinals[p.index - 1]}季度`;
    case 'month':
      return `${p.year}年${p.index}月`;
    case 'day': {
      const [month, day] = monthAndDay(p);
      return `${p.year}年${month}月${day}日`;
    }
  }
}

function englishLabel(p: Period): string {
  switch (p.kind) {
    case 'year':
      return String(p.year);
    case 'half':
      return `${p.year} H${p.index}`;
    case 'quarter':
      return `${p.year} Q${p.index}`;
    case 'month':
      return `${englishMonths[p.index - 1]} ${p.year}`;
    case 'day': {
      const [month, day] = monthAndDay(p);
      return `${day} ${englishMonths[month - 1]} ${p.year}`;
    }
  }
}
