/**
 * Checking the data rows of an upload, without I/O: the reporter codes have been looked up by the caller
 * (a chunk at a time), so this decides row by row what is staged and what is an error naming its row and
 * column. A bad cell stages nothing of its row: a row is imported whole or not at all.
 */
import type { MonitorImportErrorCode } from '../../contracts/monitor-import.contract.ts';
import { formatPeriod, parsePeriod, periodStart, type PeriodKind } from '../../kernel/periods.ts';
import { cellText, columnLetter, headerOf, readNumber, type CheckError, type SheetLayout, type SheetRow } from './import.layout.ts';

/** Where a reporter code leads: the region (and subject) its values are for. */
export interface ReporterTarget {
  regionCode: string;
  subjectId: string | null;
}

/** Why a reporter code is refused. */
export interface ReporterRefusal {
  code: MonitorImportErrorCode;
  zh: string;
  en: string;
}

/** One value the check stages for the commit. */
export interface StagedValue {
  row: number;
  indicatorId: string;
  regionCode: string;
  subjectId: string | null;
  period: string;
  breakdown: string;
  /** Exact decimal text. */
  value: string;
}

/** The values of one row by indicator code (totals only), for the form's validation rules. */
export type RowFigures = ReadonlyMap<string, number>;

/** What checking rows needs besides the rows. */
export interface RowCheckContext {
  layout: SheetLayout;
  /** The import's period, for rows without a period column. */
  defaultPeriod: string;
  /** The form's frequency: every row's period must be of this kind. */
  frequency: PeriodKind;
  /** Today in China (`YYYY-MM-DD`): a period that has not begun takes no values. */
  today: string;
  /** The lookup of every reporter code in the chunk. */
  resolve: (code: string) => ReporterTarget | ReporterRefusal;
  /** The first row of each reporter × period seen so far in the file, to refuse duplicates. */
  seen: Map<string, number>;
  /** The form's rules on one row's figures; each problem names an indicator code. */
  validate?: (figures: RowFigures) => { indicatorCode: string | null; zh: string; en: string }[];
}

const periodNames: Record<PeriodKind, [string, string]> = {
  year: ['年', 'yearly (2020)'],
  half: ['半年', 'half-yearly (2020H1)'],
  quarter: ['季度', 'quarterly (2020Q2)'],
  month: ['月', 'monthly (2020-06)'],
  day: ['日', 'daily (2020-06-15)'],
};

function isRefusal(value: ReporterTarget | ReporterRefusal): value is ReporterRefusal {
  return 'code' in value;
}

/** The row's period, or an error naming the period column. */
function rowPeriod(row: SheetRow, context: RowCheckContext): string | CheckError {
  const column = context.layout.periodColumn;
  const text = column === null ? '' : cellText(row.cells[column]);
  if (column === null || text === '') return context.defaultPeriod;
  const refuse = (zh: string, en: string): CheckError => ({ row: row.row, column: columnLetter(column), header: 'period', code: 'bad_period', zh, en });
  const parsed = parsePeriod(text);
  const [kindZh, kindEn] = periodNames[context.frequency];
  if (!parsed) return refuse(`期间“${text}”无法识别`, `Cannot read the period "${text}"`);
  if (parsed.kind !== context.frequency) return refuse(`期间“${text}”不符合本表的填报频率（按${kindZh}填报）`, `The period "${text}" does not fit the form's frequency (${kindEn})`);
  if (periodStart(parsed) > context.today) return refuse(`期间“${text}”尚未开始`, `The period "${text}" has not begun yet`);
  return formatPeriod(parsed);
}

/** Checks one chunk of data rows; `seen` carries duplicates across chunks. */
export function checkRows(rows: readonly SheetRow[], context: RowCheckContext): { staged: StagedValue[]; errors: CheckError[] } {
  const staged: StagedValue[] = [];
  const errors: CheckError[] = [];
  const { layout } = context;
  for (const row of rows) {
    const rowErrors: CheckError[] = [];
    const cellError = (column: number, code: MonitorImportErrorCode, zh: string, en: string) =>
      rowErrors.push({ row: row.row, column: columnLetter(column), header: headerOf(layout, column), code, zh, en });
    const values: Omit<StagedValue, 'row' | 'regionCode' | 'subjectId' | 'period'>[] = [];
    const figures = new Map<string, number>();
    for (const [column, role] of layout.columns) {
      if (role.kind !== 'value') continue;
      const cell = row.cells[column] ?? null;
      if (cellText(cell) === '') continue;
      const reading = readNumber(cell, role.indicator.valueType);
      if (!reading.ok) {
        const text = cellText(cell).slice(0, 40);
        if (reading.code === 'not_whole_number') cellError(column, reading.code, `“${text}”应为整数`, `"${text}" must be a whole number`);
        else cellError(column, reading.code, `“${text}”不是数字`, `"${text}" is not a number`);
        continue;
      }
      values.push({ indicatorId: role.indicator.id, breakdown: role.breakdown, value: reading.value });
      if (role.breakdown === '') figures.set(role.indicator.code, Number(reading.value));
    }
    const code = cellText(row.cells[layout.codeColumn]);
    if (code === '') {
      // A row with no code and no figures is a blank line; one with figures but no code cannot be placed.
      if (values.length + rowErrors.length > 0) cellError(layout.codeColumn, 'missing_code', '缺少代码', 'The code is missing');
      errors.push(...rowErrors);
      continue;
    }
    const target = context.resolve(code);
    if (isRefusal(target)) cellError(layout.codeColumn, target.code, target.zh, target.en);
    const period = rowPeriod(row, context);
    if (typeof period !== 'string') rowErrors.push(period);
    if (values.length + rowErrors.length === 0) continue;
    if (typeof period === 'string') {
      const key = `${code}\u0000${period}`;
      const first = context.seen.get(key);
      if (first !== undefined) cellError(layout.codeColumn, 'duplicate_row', `“${code}”在第 ${first} 行已填报过本期`, `"${code}" was already filed for this period in row ${first}`);
      else context.seen.set(key, row.row);
    }
    if (rowErrors.length === 0 && context.validate) {
      for (const problem of context.validate(figures)) {
        const column = [...layout.columns].find(([, role]) => role.kind === 'value' && role.indicator.code === problem.indicatorCode && role.breakdown === '')?.[0];
        rowErrors.push({ row: row.row, column: column === undefined ? '' : columnLetter(column), header: column === undefined ? '' : headerOf(layout, column), code: 'rule', zh: problem.zh, en: problem.en });
      }
    }
    if (rowErrors.length > 0 || isRefusal(target) || typeof period !== 'string') {
      errors.push(...rowErrors);
      continue;
    }
    for (const value of values) staged.push({ row: row.row, regionCode: target.regionCode, subjectId: target.subjectId, period, ...value });
  }
  return { staged, errors };
}
