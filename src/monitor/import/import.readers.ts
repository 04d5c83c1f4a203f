/**
 * Reading an uploaded monitoring sheet row by row, so a 100k-row file is never held as a whole workbook:
 * xlsx through the shared streaming reader of `src/files/` (which keeps Chinese text whole), CSV (UTF-8 with
 * or without BOM, UTF-16 with BOM, or GB18030 as Chinese Excel saves it) through a record generator. Cells
 * arrive as numbers, text or nothing.
 */
import { Readable } from 'node:stream';
import { csvRecords, decodeText, streamXlsxSheets } from '../../files/index.ts';

export { csvRecords, decodeText };
import type { Cell, SheetRow } from './import.layout.ts';

/** A row with the sheet it came from; `hidden` is true for the template's hidden metadata sheet. */
export interface SourceRow {
  sheet: string;
  hidden: boolean;
  row: SheetRow;
}

/** The kind of file, by its name and first bytes; null when it is neither xlsx nor CSV. */
export function spreadsheetKind(fileName: string, bytes: Uint8Array): 'xlsx' | 'csv' | null {
  const extension = fileName.toLowerCase().split('.').at(-1);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (extension === 'xlsx' && isZip) return 'xlsx';
  if (extension === 'csv' && !isZip) return 'csv';
  return null;
}

/** A cell value of ExcelJS as a number, text or nothing: formulas by their result, rich text joined. */
export function normalizeCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.replace(/\u0000/g, '');
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('formula' in object || 'sharedFormula' in object) return 'result' in object ? normalizeCell(object.result) : '=?';
    if (Array.isArray(object.richText)) return (object.richText as { text?: string }[]).map((part) => part.text ?? '').join('');
    if ('error' in object) return String(object.error);
    if ('text' in object) return normalizeCell(object.text);
  }
  return String(value);
}

async function* readXlsx(bytes: Uint8Array): AsyncGenerator<SourceRow> {
  for await (const sheet of streamXlsxSheets(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]))) {
    for await (const batch of sheet.rows) {
      for (const { row, values } of batch) yield { sheet: sheet.name, hidden: sheet.hidden, row: { row, cells: values.map(normalizeCell) } };
    }
  }
}

async function* readCsv(bytes: Uint8Array): AsyncGenerator<SourceRow> {
  let number = 0;
  for (const record of csvRecords(decodeText(bytes))) {
    number += 1;
    yield { sheet: 'csv', hidden: false, row: { row: number, cells: record.map((cell) => cell.replace(/\u0000/g, '')) } };
  }
}

/** The rows of an xlsx or CSV upload, in order, sheet after sheet. */
export function readSourceRows(kind: 'xlsx' | 'csv', bytes: Uint8Array): AsyncGenerator<SourceRow> {
  return kind === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}
