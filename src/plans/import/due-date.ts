/**
 * Reading a task's deadline (完成时限) as task-division tables write it: `2020-06-30`, `2020年6月底前`,
 * `6月中旬`, `2020年底`, `上半年`, `第三季度`, or `长期坚持`. Pure: no I/O.
 */

/** What a deadline cell says: the date by which the task is due, null when it sets none (长期坚持). */
export interface DueDate {
  date: string | null;
  /** False when the text names a deadline this reader cannot understand. */
  understood: boolean;
}

const ongoing = /长期|持续|常态|每月|每季|每年|每半年|定期|按月|按季|按年|及时|随时|逐步/;
const chineseDigits: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

function iso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Every date the text names, in the order found. */
function datesIn(text: string, defaultYear: number): (string | null)[] {
  const found: (string | null)[] = [];
  const fullDate = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
  for (const match of text.matchAll(fullDate)) {
    found.push(match[1] ? iso(Number(match[1]), Number(match[2]), Number(match[3])) : iso(defaultYear, Number(match[4]), Number(match[5])));
  }
  const withoutDays = text.replace(fullDate, ' ');
  for (const match of withoutDays.matchAll(/(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(底|末|上旬|中旬|下旬|初|份|前|内)?/g)) {
    const year = match[1] ? Number(match[1]) : defaultYear;
    const month = Number(match[2]);
    if (month < 1 || month > 12) {
      found.push(null);
      continue;
    }
    const day = match[3] === '上旬' || match[3] === '初' ? 10 : match[3] === '中旬' ? 20 : lastDayOf(year, month);
    found.push(iso(year, month, day));
  }
  const withoutMonths = withoutDays.replace(/(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月/g, ' ');
  for (const match of withoutMonths.matchAll(/(?:(\d{4})\s*年)?\s*(上半年|下半年|年底|年末|年内|全年|底|(?:第?([一二三四1-4])季度))/g)) {
    const year = match[1] ? Number(match[1]) : defaultYear;
    if (!match[1] && match[2] === '底') continue;
    const quarter = match[3] ? (chineseDigits[match[3]] ?? Number(match[3])) : null;
    const month = quarter ? quarter * 3 : match[2] === '上半年' ? 6 : 12;
    found.push(iso(year, month, lastDayOf(year, month)));
  }
  return found;
}

/** Reads a deadline cell; a cell naming several dates is due by the latest. `defaultYear` fills `6月底`. */
export function parseDueDate(text: string, defaultYear: number): DueDate {
  const cleaned = text.replace(/\s+/g, ' ').trim();
  if (cleaned === '') return { date: null, understood: true };
  const found = datesIn(cleaned, defaultYear);
  if (found.some((date) => date === null)) return { date: null, understood: false };
  const dates = found.filter((date): date is string => date !== null).sort();
  if (dates.length > 0) return { date: dates.at(-1) ?? null, understood: true };
  const year = /(\d{4})\s*年/.exec(cleaned);
  if (year) return { date: iso(Number(year[1]), 12, 31), understood: true };
  return { date: null, understood: ongoing.test(cleaned) };
}
