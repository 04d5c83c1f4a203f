/**
 * Turning an uploaded spreadsheet into rows of text cells: Excel workbooks (.xlsx, through ExcelJS, merged
 * cells read as their master's value) and CSV files (UTF-8 with or without BOM, UTF-16 with BOM, or
 * GB18030/GBK as Chinese Excel saves them). Row numbers are those the user sees in Excel (1-based).
 */
import ExcelJS from 'exceljs';
import { csvRecords, decodeText } from '../../files/index.ts';
import { unprocessable } from '../../kernel/errors.ts';

export { decodeText };

/** One row of a sheet: its number as Excel shows it, and its cells as trimmed text. */
export interface TableRow {
  row: number;
  cells: string[];
}

/** One sheet of a workbook (a CSV file is one sheet). */
export interface TableSheet {
  name: string;
  rows: TableRow[];
}

/** The most rows and columns read from one sheet; a task-division table is far smaller. */
const maxRows = 5000;
const maxColumns = 60;

/** Control characters a cell may not keep (the database refuses NUL; the others are noise). */
function cleanCell(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\r\n?/g, '\n').trim();
}

/** The text of an Excel cell value: rich text joined, formulas by their result, dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? '' : cellText(result);
  }
  if ('hyperlink' in value) return String(value.text);
  return '';
}

function unreadable(fileName: string) {
  return unprocessable('file', {
    zh: `无法读取文件“${fileName}”：请上传 Excel（.xlsx）或 CSV 格式的任务分工表。`,
    en: `Cannot read "${fileName}": upload the task-division table as Excel (.xlsx) or CSV.`,
  });
}

async function readWorkbook(fileName: string, bytes: Uint8Array): Promise<TableSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS declares its parameter as an ArrayBuffer-like `Buffer` of its own; a Node Buffer is what it reads.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw unreadable(fileName);
  }
  return workbook.worksheets.map((sheet) => {
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rows.length >= maxRows) return;
      const width = Math.min(row.cellCount, maxColumns);
      const cells: string[] = [];
      for (let column = 1; column <= width; column += 1) cells.push(cleanCell(cellText(row.getCell(column).value)));
      rows.push({ row: rowNumber, cells });
    });
    return { name: sheet.name, rows };
  });
}

/** Splits CSV text into records (RFC 4180: quoted fields may hold separators, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  return [...csvRecords(text)];
}

function readCsv(bytes: Uint8Array): TableSheet[] {
  const records = parseCsv(decodeText(bytes)).slice(0, maxRows);
  const rows = records
    .map((cells, index) => ({ row: index + 1, cells: cells.slice(0, maxColumns).map(cleanCell) }))
    .filter((row) => row.cells.some((cell) => cell !== ''));
  return [{ name: 'csv', rows }];
}

/** Reads an uploaded task-division table; refuses (422, field `file`) what is neither xlsx nor CSV. */
export async function readTableSheets(fileName: string, bytes: Uint8Array): Promise<TableSheet[]> {
  const extension = fileName.toLowerCase().split('.').at(-1);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (extension === 'xlsx' && isZip) return readWorkbook(fileName, bytes);
  if (extension === 'csv' && !isZip) return readCsv(bytes);
  throw unreadable(fileName);
}
