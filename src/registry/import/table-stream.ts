/**
 * Rows of an uploaded table read as a stream, in batches: CSV decoded and split chunk by chunk, xlsx through
 * ExcelJS's streaming reader (first worksheet only). Neither holds the whole file, so a million rows read
 * in bounded memory. Row numbers are those the user sees in Excel (1-based).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
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

interface SheetEvent {
  eventType: string;
  value: ExcelJS.Row;
}

/** Decodes UTF-8 chunks with one streaming decoder, so a character cut between two chunks stays whole. */
async function* decodeUtf8(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Uint8Array>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
}

/**
 * ExcelJS's streaming reader (4.4) decodes every zip chunk on its own, garbling a Chinese character that
 * a chunk boundary cuts in two (about one cell in ten thousand). Its XML parser passes strings through
 * untouched, so the worksheet and shared-strings entries are handed to it already decoded.
 */
function keepCharactersWhole(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const internals = reader as unknown as ReaderInternals;
  const parseWorksheet = internals._parseWorksheet;
  internals._parseWorksheet = function parseDecodedWorksheet(iterator, sheetNo) {
    return parseWorksheet.call(this, decodeUtf8(iterator) as AsyncIterable<never>, sheetNo);
  };
  const parseSharedStrings = internals._parseSharedStrings;
  internals._parseSharedStrings = function parseDecodedSharedStrings(entry) {
    return parseSharedStrings.call(this, Readable.from(decodeUtf8(entry)));
  };
}

async function* readXlsxRows(source: Readable): AsyncGenerator<TableRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  keepCharactersWhole(reader);
  let first = true;
  try {
    for await (const worksheet of reader) {
      // Only the first worksheet holds the data; the others are read through so the zip stream drains.
      const events = (worksheet as unknown as { parse(): AsyncIterable<SheetEvent[]> }).parse();
      for await (const batch of events) {
        if (!first) continue;
        const rows: TableRow[] = [];
        for (const { eventType, value } of batch) {
          if (eventType !== 'row') continue;
          const values = value.values as unknown[];
          const cells: string[] = [];
          for (let column = 1; column < values.length; column += 1) cells.push(cellText(values[column]));
          rows.push({ row: value.number, cells });
        }
        if (rows.length > 0) yield rows;
      }
      first = false;
    }
  } catch (error) {
    if (error instanceof Error && /zip|signature|end of central|invalid/i.test(error.message)) {
      throw unprocessable('file', { zh: '无法读取该 Excel 文件，请另存为 .xlsx 后重新上传。', en: 'The Excel file cannot be read; save it as .xlsx and upload it again.' });
    }
    throw error;
  }
}
