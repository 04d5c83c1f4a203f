/**
 * Rows of an uploaded table read as a stream, in batches: CSV decoded and split chunk by chunk, xlsx through
 * the shared streaming reader of `src/files/` (first worksheet only). Neither holds the whole file, so a
 * million rows read in bounded memory. Row numbers are those the user sees in Excel (1-based).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { streamXlsxSheets } from '../../files/index.ts';
import { unprocessable } from '../../kernel/errors.ts';
import { csvDecoder, CsvRowSplitter } from './csv-rows.ts';

/** One row: its number as Excel shows it, and its cells as text. */
export interface TableRow {
  row: number;
  cells: string[];
}

/** The formats the importer reads. */
export type TableFormat = 'csv' | 'xlsx';

/** The format a file name announces, or a refusal naming the file. */
export function tableFormatOf(fileName: string): TableFormat {
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (/\.(csv|txt)$/i.test(fileName)) return 'csv';
  throw unprocessable('file', {
    zh: `无法读取“${fileName}”：请上传 Excel（.xlsx）或 CSV 文件。`,
    en: `Cannot read "${fileName}": upload an Excel (.xlsx) or CSV file.`,
  });
}

/** Reads a table as batches of rows. */
export function readTableRows(source: Readable, format: TableFormat): AsyncGenerator<TableRow[]> {
  return format === 'csv' ? readCsvRows(source) : readXlsxRows(source);
}

async function* readCsvRows(source: Readable): AsyncGenerator<TableRow[]> {
  const splitter = new CsvRowSplitter();
  let decoder: TextDecoder | null = null;
  let rowNumber = 0;
  const number = (rows: string[][]): TableRow[] => rows.map((cells) => ({ row: (rowNumber += 1), cells }));
  for await (const chunk of source as AsyncIterable<Buffer>) {
    decoder ??= csvDecoder(chunk);
    let text = decoder.decode(chunk, { stream: true });
    // The byte order mark is not part of the first header.
    if (rowNumber === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const rows = splitter.push(text);
    if (rows.length > 0) yield number(rows);
  }
  const rest = splitter.push(decoder?.decode() ?? '');
  const last = [...rest, ...splitter.end()];
  if (last.length > 0) yield number(last);
}

/** The text of an Excel cell value: rich text joined, formulas by their result, dates as YYYY-MM-DD. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((part) => part.text).join('');
  if ('result' in value) return cellText((value as { result: unknown }).result);
  if ('text' in value) return String((value as { text: unknown }).text);
  return '';
}

async function* readXlsxRows(source: Readable): AsyncGenerator<TableRow[]> {
  let first = true;
  try {
    for await (const sheet of streamXlsxSheets(source)) {
      // Only the first worksheet holds the data; the reader skips the rows of the others.
      if (!first) continue;
      first = false;
      for await (const batch of sheet.rows) yield batch.map(({ row, values }) => ({ row, cells: values.map(cellText) }));
    }
  } catch (error) {
    if (error instanceof Error && /zip|signature|end of central|invalid/i.test(error.message)) {
      throw unprocessable('file', { zh: '无法读取该 Excel 文件，请另存为 .xlsx 后重新上传。', en: 'The Excel file cannot be read; save it as .xlsx and upload it again.' });
    }
    throw error;
  }
}
