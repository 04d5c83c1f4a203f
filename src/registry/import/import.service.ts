/**
 * Importing persons, enterprises or employment spells from a CSV or xlsx file, all-or-nothing per file:
 * rows are read as a stream and checked one by one (identity numbers and credit codes by their checksums,
 * duplicates within the file by key), staged in batches, checked against the database, and only when no
 * row has a problem merged into the registry in one transaction, with one audit entry for the import.
 * Progress is written to the import's row between batches, so any server can answer a poll.
 */
import type { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { RegistryImportKind, RegistryImportStatus } from '../../contracts/registry-constants.ts';
import type { RegistryImportView } from '../../contracts/registry.contract.ts';
import type { Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, notFound } from '../../kernel/errors.ts';
import { chinaDate } from '../../kernel/periods.ts';
import { regionPrefix } from '../../kernel/region-code.ts';
import { recordAudit, type AuditActor } from '../../store/audit.ts';
import { isUniqueViolation } from '../../store/errors.ts';
import type { Database } from '../../store/tables.ts';
import { canImport, canReadImport } from '../registry.policy.ts';
import { assertRegionExists, underPrefixes, words } from '../registry.shared.ts';
import { withBulkChecksAfter, worthBulkMerge } from './bulk-merge.ts';
import { importColumns, mapHeader, type HeaderMap, type RowProblem } from './columns.ts';
import { kindHandlers, stageTables, type Numbered } from './import.stage.ts';
import { readTableRows, type TableFormat } from './table-stream.ts';

/** What to import. */
export interface ImportRequest {
  kind: RegistryImportKind;
  fileName: string;
  format: TableFormat;
  source: Readable;
  /** Every row must lie in this region's subtree; the importer must write there. */
  regionCode: string;
  /** A client-chosen id, so the client can poll progress while the upload is still running. */
  importId?: string | undefined;
  /** Called as rows are read and when the import ends (the CLI draws its progress bar with it). */
  onProgress?: ((progress: { rowsRead: number; status: RegistryImportStatus }) => void) | undefined;
}

/** Who imports, and when. */
export interface ImportActor {
  actor: Actor;
  audit: AuditActor;
  /** The user id recorded as the import's creator; null from the command line. */
  userId: string | null;
  now: () => Date;
}

/** Rows staged per INSERT: large enough that round trips do not count, small enough to bound memory. */
const batchSize = 10_000;
/** Problems kept on the import row; the count covers them all. */
const keptProblems = 1000;

class ProblemList {
  readonly kept: RowProblem[] = [];
  count = 0;

  add(problem: RowProblem): void {
    this.count += 1;
    if (this.kept.length < keptProblems) this.kept.push(problem);
  }
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Runs an import to its end; the answer says whether it was committed and lists the problems by row. */
export async function importRegistryFile(db: Kysely<Database>, who: ImportActor, request: ImportRequest): Promise<RegistryImportView> {
  await assertRegionExists(db, request.regionCode, 'regionCode');
  if (!canImport(who.actor, request.regionCode)) throw forbidden();
  const { id } = await db
    .insertInto('registry_import')
    .values({
      ...(request.importId && { id: request.importId }),
      kind: request.kind,
      file_name: request.fileName.slice(0, 255),
      status: 'reading',
      region_code: request.regionCode,
      created_by: who.userId,
      created_at: who.now(),
      updated_at: who.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? conflict('id', { zh: '该导入编号已被使用。', en: 'This import id is already in use.' }) : error;
    });
  try {
    await runImport(db, who, request, id);
  } catch (error) {
    await finish(db, id, 'failed', { created: 0, updated: 0 }, unexpectedProblem(), who.now());
    await db.deleteFrom(stageTables[request.kind]).where('import_id', '=', id).execute();
    throw error;
  }
  return loadImport(db, id);
}

function unexpectedProblem(): ProblemList {
  const problems = new ProblemList();
  problems.add({ row: 0, column: '', zh: '导入中断，未写入任何数据，请重试。', en: 'The import was interrupted and nothing was written; try again.' });
  return problems;
}

async function runImport(db: Kysely<Database>, who: ImportActor, request: ImportRequest, id: string): Promise<void> {
  const handler = kindHandlers[request.kind];
  const today = chinaDate(who.now());
  const prefix = regionPrefix(request.regionCode);
  const problems = new ProblemList();
  const seen = new Map<string, number>();
  let header: HeaderMap | null = null;
  let rowsRead = 0;
  let staged = 0;
  let batch: Numbered<unknown>[] = [];
  let pending: Promise<void> | null = null;

  const progress = async (status: RegistryImportStatus) => {
    await db.updateTable('registry_import').set({ rows_read: rowsRead, error_count: problems.count, updated_at: who.now() }).where('id', '=', id).execute();
    request.onProgress?.({ rowsRead, status });
  };
  // Staging one batch overlaps with reading the next; a batch is sent only after the previous one landed.
  const flush = async () => {
    if (pending) await pending;
    pending = null;
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    pending = handler.stage(db, id, rows).then(() => progress('reading'));
    // Marked as handled now: a failure surfaces when the promise is awaited, not as an unhandled rejection.
    pending.catch(() => undefined);
  };

  for await (const rows of readTableRows(request.source, request.format)) {
    for (const { row, cells } of rows) {
      if (isBlank(cells)) continue;
      if (header === null) {
        const mapped = mapHeader(request.kind, cells, row);
        header = mapped.header;
        for (const missing of mapped.problems) problems.add(missing);
        continue;
      }
      rowsRead += 1;
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
        const column = header.label.get(request.kind === 'enterprises' ? 'region' : 'hukouRegion') ?? importColumns[request.kind][0]?.label ?? '';
        problems.add({
          row,
          column,
          zh: `不在本次导入的地区（${request.regionCode}）范围内。`,
          en: `Outside the region of this import (${request.regionCode}).`,
        });
        continue;
      }
      // Once a row is bad nothing will be written, so staging stops; reading goes on to report every problem.
      if (problems.count === 0) {
        batch.push({ row, value: result.value });
        staged += 1;
        if (batch.length >= batchSize) await flush();
      }
    }
  }
  if (header === null) problems.add({ row: 1, column: '', zh: '文件是空的：第一行应为表头。', en: 'The file is empty: the first row should be the header.' });
  await flush();
  if (pending) await pending;
  if (problems.count === 0) {
    // Fresh statistics, or the planner takes the staged rows for an empty table when joining them.
    await sql`analyze ${sql.table(stageTables[request.kind])}`.execute(db);
    for (const found of await handler.check(db, id, prefix, keptProblems)) problems.add(found);
  }
  if (problems.count > 0) {
    problems.kept.sort((a, b) => a.row - b.row);
    await db.deleteFrom(stageTables[request.kind]).where('import_id', '=', id).execute();
    await finish(db, id, 'failed', { created: 0, updated: 0 }, problems, who.now(), rowsRead);
    request.onProgress?.({ rowsRead, status: 'failed' });
    return;
  }
  await db.updateTable('registry_import').set({ status: 'committing', rows_read: rowsRead, updated_at: who.now() }).where('id', '=', id).execute();
  request.onProgress?.({ rowsRead, status: 'committing' });
  const bulk = await worthBulkMerge(db, handler.tables[0] as string, staged);
  await db.transaction().execute(async (trx) => {
    const now = who.now();
    const merge = () => handler.merge(trx, id, now, today, bulk);
    const counts = bulk ? await withBulkChecksAfter(trx, handler.tables, merge) : await merge();
    await trx.deleteFrom(stageTables[request.kind]).where('import_id', '=', id).execute();
    await finish(trx, id, 'committed', counts, problems, now, rowsRead);
    await recordAudit(
      { db: trx, actor: who.audit, now },
      {
        action: 'registry.import.commit',
        entityType: 'registry_import',
        entityId: id,
        regionCode: request.regionCode,
        after: { kind: request.kind, fileName: request.fileName, rows: rowsRead, created: counts.created, updated: counts.updated },
      },
    );
  });
  request.onProgress?.({ rowsRead, status: 'committed' });
}

async function finish(
  db: Kysely<Database>,
  id: string,
  status: 'committed' | 'failed',
  counts: { created: number; updated: number },
  problems: ProblemList,
  now: Date,
  rowsRead?: number,
): Promise<void> {
  await db
    .updateTable('registry_import')
    .set({
      status,
      ...(rowsRead !== undefined && { rows_read: rowsRead }),
      created_count: counts.created,
      updated_count: counts.updated,
      error_count: problems.count,
      errors: JSON.stringify(problems.kept),
      updated_at: now,
      finished_at: now,
    })
    .where('id', '=', id)
    .execute();
}

async function loadImport(db: Kysely<Database>, id: string): Promise<RegistryImportView> {
  const row = await db.selectFrom('registry_import').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    id: row.id,
    kind: row.kind as RegistryImportKind,
    fileName: row.file_name,
    status: row.status as RegistryImportStatus,
    rowsRead: row.rows_read,
    created: row.created_count,
    updated: row.updated_count,
    errorCount: row.error_count,
    errors: row.errors as RowProblem[],
    regionCode: row.region_code,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/** An import and its progress, for its creator or a reader of its region. */
export async function getImport(db: Kysely<Database>, actor: Actor, id: string): Promise<RegistryImportView> {
  const row = await db.selectFrom('registry_import').select(['region_code', 'created_by']).where('id', '=', id).executeTakeFirst();
  if (!row || !(row.created_by === actor.userId || canReadImport(actor, row.region_code))) throw notFound(words.import);
  return loadImport(db, id);
}

/** Removes staged rows of imports that never finished (a server stopped mid-file); they are marked failed. */
export async function abandonStaleImports(db: Kysely<Database>, olderThan: Date): Promise<number> {
  const stale = await db
    .updateTable('registry_import')
    .set({ status: 'failed', finished_at: sql`now()`, errors: JSON.stringify(unexpectedProblem().kept), error_count: 1 })
    .where('status', 'in', ['reading', 'committing'])
    .where('updated_at', '<', olderThan)
    .returning(['id', 'kind'])
    .execute();
  for (const { id, kind } of stale) await db.deleteFrom(stageTables[kind as RegistryImportKind]).where('import_id', '=', id).execute();
  return stale.length;
}
