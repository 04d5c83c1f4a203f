/**
 * The workbooks the import hands out: the template of a form for a period (one row per reporter, prefilled
 * with what is stored, a hidden key row that maps columns back by code, a hidden sheet naming form and
 * period, number validation on every figure cell) and the list of every error of a check.
 */
import ExcelJS from 'exceljs';
import { cellText, columnHeader, columnKey, columnLetter, formColumns, type LayoutIndicator } from './import.layout.ts';

/** The name of the hidden sheet that says which form and period a template was made for. */
export const metaSheetName = 'wenbao';
/** The format written in the metadata sheet. */
export const templateFormat = 'wenbao-monitor-template/1';
/** The first data row of a template: row 1 is the hidden key row, row 2 the printed header. */
export const templateFirstDataRow = 3;

/** What a template is made of. */
export interface TemplateInput {
  form: { id: string; code: string; nameZh: string; nameEn: string; reporter: 'region' | 'subject'; indicators: LayoutIndicator[] };
  period: string;
  reporters: { code: string; name: string }[];
  /** Stored values keyed `code|indicatorId|category`. */
  existing: ReadonlyMap<string, string>;
  language: 'zh' | 'en';
}

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** Builds the template workbook of a form for a period. */
export async function buildTemplate(input: TemplateInput): Promise<Buffer> {
  const { form, language } = input;
  const book = new ExcelJS.Workbook();
  book.creator = 'Wenbao';
  const sheet = book.addWorksheet(language === 'zh' ? '填报' : 'Data', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const columns = formColumns(form.indicators);
  sheet.addRow([form.reporter, 'name', ...columns.map(({ indicator, breakdown }) => columnKey(indicator.code, breakdown))]);
  sheet.getRow(1).hidden = true;
  const header = sheet.addRow([language === 'zh' ? '代码 Code' : 'Code 代码', language === 'zh' ? '名称 Name' : 'Name 名称', ...columns.map(({ indicator, breakdown }) => columnHeader(indicator, breakdown, language))]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.height = 48;
  header.eachCell((cell) => {
    cell.fill = headerFill;
  });
  sheet.getColumn(1).width = 16;
  sheet.getColumn(2).width = 28;
  for (const [index] of columns.entries()) sheet.getColumn(index + 3).width = 18;
  for (const reporter of input.reporters) {
    const figures = columns.map(({ indicator, breakdown }) => {
      const stored = input.existing.get(`${reporter.code}|${indicator.id}|${breakdown}`);
      return stored === undefined ? null : Number(stored);
    });
    const row = sheet.addRow([reporter.code, reporter.name, ...figures]);
    for (let column = 3; column < 3 + columns.length; column += 1) row.getCell(column).protection = { locked: false };
  }
  // ExcelJS supports range validations (`C3:C1000`, written as one rule) but does not declare them.
  const validations = (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
  const lastRow = Math.max(templateFirstDataRow, templateFirstDataRow + input.reporters.length - 1);
  for (const [index, { indicator }] of columns.entries()) {
    const letter = columnLetter(index + 2);
    const whole = indicator.valueType === 'integer';
    validations.add(`${letter}${templateFirstDataRow}:${letter}${lastRow}`, {
      type: whole ? 'whole' : 'decimal',
      operator: 'between',
      formulae: [-1e15, 1e15],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: language === 'zh' ? '请填数字' : 'A number, please',
      error: whole ? '请填整数 / Enter a whole number' : '请填数字 / Enter a number',
    });
  }
  // Protection keeps the key row, the header and the codes from being typed over by accident; figure cells stay open.
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  const meta = book.addWorksheet(metaSheetName, { state: 'veryHidden' });
  meta.addRows([
    ['format', templateFormat],
    ['form', form.code],
    ['form_id', form.id],
    ['period', input.period],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Reads the metadata sheet's rows (`key`, `value`) into a record. */
export function readMeta(rows: { cells: unknown[] }[]): Record<string, string> {
  return Object.fromEntries(rows.map((row) => [cellText(row.cells[0] as string), cellText(row.cells[1] as string)]));
}

/** One error as the errors workbook lists it. */
export interface ErrorLine {
  row: number;
  column: string;
  header: string;
  code: string;
  zh: string;
  en: string;
}

/** The workbook of every error of a check, one per line, in both languages. */
export async function buildErrorsWorkbook(lines: AsyncIterable<ErrorLine[]>, title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('错误 Errors', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([title]).font = { bold: true };
  const header = sheet.addRow(['行 Row', '列 Column', '表头 Header', '代码 Code', '问题', 'Problem']);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = headerFill;
  });
  for (const [index, width] of [8, 8, 28, 20, 50, 60].entries()) sheet.getColumn(index + 1).width = width;
  for await (const batch of lines) for (const line of batch) sheet.addRow([line.row, line.column, line.header, line.code, line.zh, line.en]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
