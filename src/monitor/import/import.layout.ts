/**
 * How a monitoring spreadsheet maps to values, without any I/O. A template carries a hidden key row whose
 * cells name what each column holds — `region` or `subject` (the reporter's code), `name`, `period`, and an
 * indicator code, with `|category` for a disaggregated column (`stock|rice`) — so an upload maps its
 * columns back by code, whatever the printed headers say or however the columns were reordered. A CSV
 * (or a hand-made sheet) uses the same key row as its first row.
 */
import type { MonitorImportErrorCode } from '../../contracts/monitor-import.contract.ts';

/** A cell as the readers hand it over: a number, text, or nothing. */
export type Cell = number | string | null;

/** One row of the sheet: its number as Excel shows it, and its cells (index 0 is column A). */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

/** An indicator of the form as the layout needs it. */
export interface LayoutIndicator {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  valueType: 'integer' | 'decimal' | 'percent';
  /** The allowed categories of a disaggregated indicator; empty when it has none. */
  categories: readonly string[];
}

/** What a column of the sheet holds. */
export type ColumnRole =
  | { kind: 'code' }
  | { kind: 'period' }
  | { kind: 'ignored' }
  | { kind: 'value'; indicator: LayoutIndicator; breakdown: string };

/** The columns of a sheet, read from its key row. */
export interface SheetLayout {
  keyRow: number;
  /** The reporter column's key: `region` for a form filed by regions, `subject` for one filed by subjects. */
  reporter: 'region' | 'subject';
  /** Column index (0-based) → role, for every column that holds something. */
  columns: Map<number, ColumnRole>;
  codeColumn: number;
  periodColumn: number | null;
}

/** One problem found, naming the row and the column (letter and header), in both languages. */
export interface CheckError {
  row: number;
  column: string;
  header: string;
  code: MonitorImportErrorCode;
  zh: string;
  en: string;
}

/** The separator between an indicator code and a category in a key cell. */
export const categorySeparator = '|';

/** The keys the reporter column (column A) may carry: `region` for forms filed by regions, `subject` for the others. */
export const reporterKeys = ['region', 'subject'] as const;

/** The column letters Excel shows for a 0-based column index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** The key cell of an indicator column. */
export function columnKey(indicatorCode: string, breakdown: string): string {
  return breakdown === '' ? indicatorCode : `${indicatorCode}${categorySeparator}${breakdown}`;
}

/** The printed header of an indicator column: name, category, unit, and the code to tell it apart. */
export function columnHeader(indicator: LayoutIndicator, breakdown: string, language: 'zh' | 'en'): string {
  const name = language === 'zh' ? indicator.nameZh : indicator.nameEn;
  const category = breakdown === '' ? '' : language === 'zh' ? `：${breakdown}` : `: ${breakdown}`;
  return `${name}${category}（${indicator.unit}）\n${columnKey(indicator.code, breakdown)}`;
}

/** Every value column of a form in order: the total of each indicator, then each of its categories. */
export function formColumns(indicators: readonly LayoutIndicator[]): { indicator: LayoutIndicator; breakdown: string }[] {
  return indicators.flatMap((indicator) => [{ indicator, breakdown: '' }, ...indicator.categories.map((breakdown) => ({ indicator, breakdown }))]);
}

/** The text of a cell, trimmed ('' for nothing). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return String(cell).trim();
}

/** True when the row is the key row: its first cell names the reporter column. */
export function isKeyRow(row: SheetRow): boolean {
  return (reporterKeys as readonly string[]).includes(cellText(row.cells[0]).toLowerCase());
}

/** True when the row under the key row is the printed header (its first cell reads 代码 or Code). */
export function isHeaderRow(row: SheetRow): boolean {
  return /^(代码|编码|code)/i.test(cellText(row.cells[0]));
}

function error(row: number, column: number | null, header: string, code: MonitorImportErrorCode, zh: string, en: string): CheckError {
  return { row, column: column === null ? '' : columnLetter(column), header, code, zh, en };
}

/**
 * Reads the key row against the form's indicators. Unknown indicators and categories, columns given twice
 * and a reporter key of the wrong kind are errors naming the cell; the layout keeps the columns it could map.
 */
export function readKeyRow(row: SheetRow, indicators: readonly LayoutIndicator[], reporter: 'region' | 'subject'): { layout: SheetLayout; errors: CheckError[] } {
  const errors: CheckError[] = [];
  const byCode = new Map(indicators.map((indicator) => [indicator.code, indicator]));
  const columns = new Map<number, ColumnRole>();
  const seen = new Map<string, number>();
  let periodColumn: number | null = null;
  const given = cellText(row.cells[0]).toLowerCase();
  if (given !== reporter) {
    errors.push(
      error(row.row, 0, given, 'template_mismatch', `此表按${reporter === 'region' ? '地区' : '监测对象'}填报，A 列的键应为“${reporter}”`, `This form is filed by ${reporter === 'region' ? 'region' : 'subject'}; the key of column A must be "${reporter}"`),
    );
  }
  columns.set(0, { kind: 'code' });
  for (const [index, cell] of row.cells.entries()) {
    if (index === 0) continue;
    const key = cellText(cell);
    if (key === '' || key.toLowerCase() === 'name') {
      columns.set(index, { kind: 'ignored' });
      continue;
    }
    const earlier = seen.get(key.toLowerCase());
    if (earlier !== undefined) {
      errors.push(error(row.row, index, key, 'duplicate_column', `列“${key}”重复（已在 ${columnLetter(earlier)} 列）`, `The column "${key}" is given twice (already in column ${columnLetter(earlier)})`));
      continue;
    }
    seen.set(key.toLowerCase(), index);
    if (key.toLowerCase() === 'period') {
      periodColumn = index;
      columns.set(index, { kind: 'period' });
      continue;
    }
    const [code = '', ...rest] = key.split(categorySeparator);
    const breakdown = rest.join(categorySeparator).trim();
    const indicator = byCode.get(code.trim());
    if (!indicator) {
      errors.push(error(row.row, index, key, 'unknown_indicator', `本表没有指标“${code}”`, `The form has no indicator "${code}"`));
      continue;
    }
    if (breakdown !== '' && !indicator.categories.includes(breakdown)) {
      const allowed = indicator.categories.join('、') || '—';
      errors.push(
        error(row.row, index, key, 'unknown_category', `指标“${code}”没有分类“${breakdown}”（可用：${allowed}）`, `The indicator "${code}" has no category "${breakdown}" (allowed: ${indicator.categories.join(', ') || 'none'})`),
      );
      continue;
    }
    columns.set(index, { kind: 'value', indicator, breakdown });
  }
  return { layout: { keyRow: row.row, reporter, columns, codeColumn: 0, periodColumn }, errors };
}

/** The header to name a column by in errors: its key. */
export function headerOf(layout: SheetLayout, column: number): string {
  const role = layout.columns.get(column);
  if (!role) return '';
  if (role.kind === 'value') return columnKey(role.indicator.code, role.breakdown);
  return role.kind === 'code' ? layout.reporter : role.kind === 'period' ? 'period' : '';
}

const plainNumber = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?$/;
const groupedNumber = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A numeric cell read for an indicator: the value as exact decimal text, or why it is refused. */
export type NumberReading = { ok: true; value: string } | { ok: false; code: 'not_a_number' | 'not_whole_number' };

/**
 * Reads a numeric cell. Numbers are taken as they are; text is accepted when it is a number once full-width
 * digits are normalised and thousands separators dropped (`1,234.5`), with a trailing `%` for a percent
 * indicator (`4.5%` is 4.5 percentage points). Anything else (`无`, `-`, `12人`) is refused, never read as 0.
 */
export function readNumber(cell: Cell, valueType: LayoutIndicator['valueType']): NumberReading {
  let text: string;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { ok: false, code: 'not_a_number' };
    text = String(cell);
  } else {
    text = cellText(cell).normalize('NFKC').replace(/\s+/g, '');
    if (valueType === 'percent' && text.endsWith('%')) text = text.slice(0, -1);
    if (groupedNumber.test(text)) text = text.replace(/,/g, '');
    if (!plainNumber.test(text) || text.length > 40) return { ok: false, code: 'not_a_number' };
    text = text.replace(/^\+/, '');
  }
  if (valueType === 'integer' && !Number.isInteger(Number(text))) return { ok: false, code: 'not_whole_number' };
  return { ok: true, value: text };
}
