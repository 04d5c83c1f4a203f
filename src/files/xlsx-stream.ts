/**
 * Reading an xlsx upload as a stream, sheet by sheet and row by row, through ExcelJS's streaming reader, so a
 * file of 100k rows is never held as a whole workbook. Every importer reads spreadsheets through this one
 * reader, which keeps Chinese text whole (see `keepCharactersWhole`); what a cell means is the importer's own.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/** A worksheet row: its number as Excel shows it (1-based) and ExcelJS's cell values, column A first. */
export interface XlsxRow {
  row: number;
  values: unknown[];
}

/** A worksheet being read: its name, whether it is hidden, and its rows in batches. */
export interface XlsxSheet {
  name: string;
  hidden: boolean;
  /** Read before asking for the next sheet; rows left unread are skipped. */
  rows: AsyncIterable<XlsxRow[]>;
}

interface SheetEvent {
  eventType: string;
  value: ExcelJS.Row;
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Uint8Array>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
}

/** Decodes UTF-8 chunks with one streaming decoder, so a character cut between two chunks stays whole. */
export async function* decodeUtf8Chunks(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
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
    return parseWorksheet.call(this, decodeUtf8Chunks(iterator) as AsyncIterable<never>, sheetNo);
  };
  const parseSharedStrings = internals._parseSharedStrings;
  internals._parseSharedStrings = function parseDecodedSharedStrings(entry) {
    return parseSharedStrings.call(this, Readable.from(decodeUtf8Chunks(entry)));
  };
}

/** The rows of one batch of sheet events. */
function rowsOf(batch: SheetEvent[]): XlsxRow[] {
  const rows: XlsxRow[] = [];
  for (const { eventType, value } of batch) {
    if (eventType !== 'row') continue;
    // ExcelJS's values are sparse and start at index 1; empty cells come back as undefined
    rows.push({ row: value.number, values: Array.from((value.values as unknown[]).slice(1)) });
  }
  return rows;
}

/** The worksheets of an xlsx stream in file order, each with its rows; a file that is not a zip throws. */
export async function* streamXlsxSheets(source: Readable): AsyncGenerator<XlsxSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  keepCharactersWhole(reader);
  for await (const worksheet of reader) {
    const sheet = worksheet as unknown as { name?: string; state?: string; parse(): AsyncIterable<SheetEvent[]> };
    const events = sheet.parse()[Symbol.asyncIterator]();
    // the reader's own iterator is not closed when a caller stops early: the rest is drained below, so the zip
    // stream reaches the next sheet
    const rows: AsyncIterable<XlsxRow[]> = {
      [Symbol.asyncIterator]: () => ({
        async next() {
          for (;;) {
            const step = await events.next();
            if (step.done) return { done: true, value: undefined };
            const batch = rowsOf(step.value);
            if (batch.length > 0) return { done: false, value: batch };
          }
        },
        async return() {
          return { done: true, value: undefined };
        },
      }),
    };
    yield { name: sheet.name ?? '', hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden', rows };
    while (!(await events.next()).done);
  }
}
