/** The periods the monitor screens offer: the latest ones of a frequency up to today, labelled for people. */
import { chinaDate, formatPeriod, parsePeriod, periodLabel, periodOf, previousPeriod, type Period } from '../../../../src/kernel/periods.ts';
import type { Frequency } from './types.ts';

/** The `count` periods of `frequency` ending with the one containing `today` (newest first). */
export function recentPeriods(frequency: Frequency, count: number, today: string = chinaDate()): string[] {
  const periods: string[] = [];
  for (let current: Period = periodOf(frequency, today); periods.length < count; current = previousPeriod(current)) periods.push(formatPeriod(current));
  return periods;
}

/** The period reported on by default: the last one that has ended (last month for a monthly form). */
export function defaultPeriod(frequency: Frequency, today: string = chinaDate()): string {
  return formatPeriod(previousPeriod(periodOf(frequency, today)));
}

/** The `count` periods ending with `last`, oldest first: the range of a trend chart. */
export function periodsEndingWith(last: string, count: number): string[] {
  const parsed = parsePeriod(last);
  if (!parsed) return [];
  const periods: string[] = [];
  for (let current = parsed; periods.length < count; current = previousPeriod(current)) periods.unshift(formatPeriod(current));
  return periods;
}

/** `2020年6月` / `Jun 2020`; the text itself when it is not a period. */
export function periodText(period: string, locale: 'zh-CN' | 'en'): string {
  const parsed = parsePeriod(period);
  return parsed ? periodLabel(parsed, locale === 'en' ? 'en' : 'zh') : period;
}

/** The kind of a period written canonically, or null. */
export function periodKind(period: string): Frequency | null {
  const kind = parsePeriod(period)?.kind;
  return kind === 'half' || kind === undefined ? null : kind;
}
