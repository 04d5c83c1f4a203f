/**
 * Importing persons, enterprises or employment spells from a CSV or xlsx file, all-or-nothing per file:
 * rows are read as a stream and checked one by one (identity numbers and credit codes by their checksums,
 * duplicates within the file by key, import.read.ts) and either written in batches inside one transaction
 * (persons on a server, person-writer.ts) or staged, checked against the database and merged in one
 * transaction (import.stage.ts); a file with any problem leaves the registry unchanged. One audit entry
 * records the import. Progress is written to the import's row between batches, outside the writing
 * transaction, so any server can answer a poll.
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
import { assertRegionExists, words } from '../registry.shared.ts';
import { withBulkChecksAfter, worthBulkMerge } from './bulk-merge.ts';
import type { RowProblem } from './columns.ts';
import { batchSize, keptProblems, ProblemList, readImportFile, type ReadState } from './import.read.ts';
import { kindHandlers, stageTables, type Numbered } from './import.stage.ts';
import { PersonWriter } from './person-writer.ts';
import type { StagedPerson } from './rows.ts';
import type { TableFormat } from './table-stream.ts';

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

/**
 * Whether a query can run while a transaction holds a connection: PGlite has one connection, and a server's
 * pool may have been given one (WENBAO_DB_POOL_SIZE=1). A query that must wait for the held connection
 * runs once it is released, harmlessly.
 */
async function hasSecondConnection(db: Kysely<Database>): Promise<boolean> {
  const result = await sql<{ version: string }>`select version() as version`.execute(db);
  if ((result.rows[0]?.version ?? '').includes('PGlite')) return false;
  return db.connection().execute(async () => {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2000)));
    const answered = sql`select 1`.execute(db).then(() => true);
    answered.catch(() => undefined);
    try {
      return await Promise.race([answered, waited]);
    } finally {
      clearTimeout(timer);
    }
  });
}

async function runImport(db: Kysely<Database>, who: ImportActor, request: ImportRequest, id: string): Promise<void> {
  const state: ReadState = { rowsRead: 0, handedOn: 0, problems: new ProblemList() };
  const progress = async (status: RegistryImportStatus) => {
    await db.updateTable('registry_import').set({ rows_read: state.rowsRead, error_count: state.problems.count, updated_at: who.now() }).where('id', '=', id).execute();
    request.onProgress?.({ rowsRead: state.rowsRead, status });
  };
  const direct = request.kind === 'persons' && (await hasSecondConnection(db));
  const committed = direct ? await writeDirectly(db, who, request, id, state, progress) : await stageAndMerge(db, who, request, id, state, progress);
  if (!committed) {
    state.problems.kept.sort((a, b) => a.row - b.row);
    await finish(db, id, 'failed', { created: 0, updated: 0 }, state.problems, who.now(), state.rowsRead);
    request.onProgress?.({ rowsRead: state.rowsRead, status: 'failed' });
    return;
  }
  request.onProgress?.({ rowsRead: state.rowsRead, status: 'committed' });
}

/** Marks the import committed and records its audit entry, in the transaction that wrote it. */
async function commitImport(trx: Kysely<Database>, who: ImportActor, request: ImportRequest, id: string, state: ReadState, counts: { created: number; updated: number }): Promise<void> {
  const now = who.now();
  await finish(trx, id, 'committed', counts, state.problems, now, state.rowsRead);
  await recordAudit(
    { db: trx, actor: who.audit, now },
    {
      action: 'registry.import.commit',
      entityType: 'registry_import',
      entityId: id,
      regionCode: request.regionCode,
      after: { kind: request.kind, fileName: request.fileName, rows: state.rowsRead, created: counts.created, updated: counts.updated },
    },
  );
}

async function markCommitting(db: Kysely<Database>, who: ImportActor, request: ImportRequest, id: string, state: ReadState): Promise<void> {
  await db.updateTable('registry_import').set({ status: 'committing', rows_read: state.rowsRead, updated_at: who.now() }).where('id', '=', id).execute();
  request.onProgress?.({ rowsRead: state.rowsRead, status: 'committing' });
}

/**
 * Batches of the direct path: small at first, so a small file still reports progress, then 50,000 rows,
 * which measured a fifth less server time per row than 10,000 (each statement has its fixed costs).
 */
function directBatchRows(handedOn: number): number {
  return handedOn < 50_000 ? batchSize : 50_000;
}

/** Thrown inside the writing transaction to roll it back once a row has a problem. */
class RowsRefused extends Error {}

/**
 * Persons on a server: written batch by batch inside one transaction (person-writer.ts) and rolled back
 * if any row has a problem; progress goes through another connection, so every server sees it. False
 * when rolled back.
 */
async function writeDirectly(db: Kysely<Database>, who: ImportActor, request: ImportRequest, id: string, state: ReadState, progress: (status: RegistryImportStatus) => Promise<void>): Promise<boolean> {
  const today = chinaDate(who.now());
  try {
    await db.transaction().execute(async (trx) => {
      const writer = await PersonWriter.open(trx, regionPrefix(request.regionCode), who.now(), today);
      await readImportFile(
        request,
        today,
        state,
        async (rows) => {
          for (const found of await writer.write(rows as Numbered<StagedPerson>[])) state.problems.add(found);
          await progress('reading');
        },
        directBatchRows,
      );
      if (state.problems.count > 0) throw new RowsRefused();
      await markCommitting(db, who, request, id, state);
      await commitImport(trx, who, request, id, state, await writer.finish());
    });
    return true;
  } catch (error) {
    if (error instanceof RowsRefused) return false;
    throw error;
  }
}

/**
 * Other kinds, and every kind on PGlite: clean rows staged, checked against the registry as set queries,
 * then merged in one transaction. False when a row has a problem (the staged rows are removed).
 */
async function stageAndMerge(db: Kysely<Database>, who: ImportActor, request: ImportRequest, id: string, state: ReadState, progress: (status: RegistryImportStatus) => Promise<void>): Promise<boolean> {
  const handler = kindHandlers[request.kind];
  const today = chinaDate(who.now());
  const prefix = regionPrefix(request.regionCode);
  const { problems } = state;
  await readImportFile(request, today, state, async (rows) => {
    await handler.stage(db, id, rows);
    await progress('reading');
  });
  if (problems.count === 0) {
    // Fresh statistics, or the planner takes the staged rows for an empty table when joining them.
    await sql`analyze ${sql.table(stageTables[request.kind])}`.execute(db);
    for (const found of await handler.check(db, id, prefix, keptProblems)) problems.add(found);
  }
  if (problems.count > 0) {
    await db.deleteFrom(stageTables[request.kind]).where('import_id', '=', id).execute();
    return false;
  }
  await markCommitting(db, who, request, id, state);
  const bulk = await worthBulkMerge(db, handler.tables[0] as string, state.handedOn);
  await db.transaction().execute(async (trx) => {
    const merge = () => handler.merge(trx, id, who.now(), today, bulk);
    const counts = bulk ? await withBulkChecksAfter(trx, handler.tables, merge) : await merge();
    await trx.deleteFrom(stageTables[request.kind]).where('import_id', '=', id).execute();
    await commitImport(trx, who, request, id, state, counts);
  });
  return true;
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
