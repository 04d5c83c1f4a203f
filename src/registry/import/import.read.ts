/**
 * Reading an import file: rows streamed, each checked on its own (identity numbers and credit codes by
 * their checksums, duplicates within the file by key, the row's region against the import's region), and
 * clean rows handed on in batches while no row has a problem. Writing one batch overlaps with reading the
 * next; once a row is bad no batch is handed on, but reading goes on to report every problem.
 */
import type { Readable } from 'node:stream';
import type { RegistryImportKind } from '../../contracts/registry-constants.ts';
import { regionPrefix } from '../../kernel/region-code.ts';
import { underPrefixes } from '../registry.shared.ts';
import { importColumns, mapHeader, type HeaderMap, type RowProblem } from './columns.ts';
import { kindHandlers, type Numbered } from './import.stage.ts';
import { readTableRows, type TableFormat } from './table-stream.ts';

/** Rows per batch: large enough that round trips do not count, small enough to bound memory. */
export const batchSize = 10_000;
/** Problems kept on the import row; the count covers them all. */
export const keptProblems = 1000;

/** The problems of an import: the first ones kept, all of them counted. */
export class ProblemList {
  readonly kept: RowProblem[] = [];
  count = 0;

  /** Counts a problem, keeping it while fewer than `keptProblems` are kept. */
  add(problem: RowProblem): void {
    this.count += 1;
    if (this.kept.length < keptProblems) this.kept.push(problem);
  }
}

/** The file an import reads and the region its rows must lie in. */
export interface ImportFile {
  kind: RegistryImportKind;
  format: TableFormat;
  source: Readable;
  regionCode: string;
}

/** How far reading has got: rows read (blank rows and the header excepted) and the problems so far. */
export interface ReadState {
  rowsRead: number;
  /** Rows handed on to be written. */
  handedOn: number;
  problems: ProblemList;
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/**
 * Reads the whole file into `state`, calling `write` with each batch of clean rows while no problem is
 * known; at most one batch is being written while the next is read. A rejected write rejects the read.
 */
export async function readImportFile(
  file: ImportFile,
  today: string,
  state: ReadState,
  write: (rows: Numbered<unknown>[]) => Promise<void>,
  /** The size of the next batch, given the rows handed on so far. */
  rowsPerBatch: (handedOn: number) => number = () => batchSize,
): Promise<void> {
  const handler = kindHandlers[file.kind];
  const prefix = regionPrefix(file.regionCode);
  const { problems } = state;
  const seen = new Map<string, number>();
  const placeColumn = file.kind === 'enterprises' ? 'region' : 'hukouRegion';
  let header: HeaderMap | null = null;
  let batch: Numbered<unknown>[] = [];
  let pending: Promise<void> | null = null;
  let limit = rowsPerBatch(0);

  const flush = async () => {
    if (pending) await pending;
    pending = null;
    if (batch.length === 0 || problems.count > 0) return;
    const rows = batch;
    batch = [];
    limit = rowsPerBatch(state.handedOn);
    pending = write(rows);
    // Marked as handled now: a failure surfaces when the promise is awaited, not as an unhandled rejection.
    pending.catch(() => undefined);
  };

  for await (const rows of readTableRows(file.source, file.format)) {
    for (const { row, cells } of rows) {
      if (isBlank(cells)) continue;
      if (header === null) {
        const mapped = mapHeader(file.kind, cells, row);
        header = mapped.header;
        for (const missing of mapped.problems) problems.add(missing);
        continue;
      }
      state.rowsRead += 1;
      const result = handler.read(header, cells, today);
      if (!result.ok) {
        for (const cell of result.problems) problems.add({ row, ...cell });
        continue;
      }
      const key = handler.key(result.value);
      const first = seen.get(key);
      if (first !== undefined) {
        const column = header.label.get(handler.keyColumn) ?? handler.keyColumn;
        problems.add({ row, column, zh: `与第 ${first} 行重复。`, en: `Duplicates row ${first}.` });
        continue;
      }
      seen.set(key, row);
      const places = handler.regions(result.value);
      if (places.length > 0 && !places.some((place) => underPrefixes(place, [prefix]))) {
        const column = header.label.get(placeColumn) ?? importColumns[file.kind][0]?.label ?? '';
        problems.add({ row, column, zh: `不在本次导入的地区（${file.regionCode}）范围内。`, en: `Outside the region of this import (${file.regionCode}).` });
        continue;
      }
      // Once a row is bad nothing will be written, so batches stop; reading goes on to report every problem.
      if (problems.count === 0) {
        batch.push({ row, value: result.value });
        state.handedOn += 1;
        if (batch.length >= limit) await flush();
      }
    }
  }
  if (header === null) problems.add({ row: 1, column: '', zh: '文件是空的：第一行应为表头。', en: 'The file is empty: the first row should be the header.' });
  await flush();
  if (pending) await pending;
}
