/**
 * Merging a large import as a bulk load. PostgreSQL checks a foreign key with one trigger call and one
 * lookup per inserted row (even a null one) and inserts into every index row by row; measured, these were
 * most of a million-row merge. For a large import the merge drops the tables' foreign keys and their plain
 * (non-unique) indexes, writes, then adds the keys back `NOT VALID` + `VALIDATE` (one anti-join scan per
 * key) and rebuilds the indexes (one sort each). Unique indexes stay: they enforce the keys the merge
 * matches on. The drops also lock the tables against other writers until commit, which the persons merge
 * relies on (import.stage.ts). All of
 * it runs inside the merge's own transaction, so a failed validation rolls the whole import back and no
 * reader ever sees a table without its keys or indexes (the drop locks the tables until commit: readers
 * of the registry wait for the merge).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/tables.ts';

/** Imports smaller than this keep the per-row checks: a scan of the whole table would cost more. */
const bulkRows = 20_000;

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/** The planner's estimate of a table's rows (no count is run); 0 for a table never analysed. */
export async function estimatedRows(db: Kysely<Database>, table: string): Promise<number> {
  const result = await sql<{ rows: number }>`select greatest(reltuples, 0)::float8 as rows from pg_class where oid = ${table}::regclass`.execute(db);
  return Number(result.rows[0]?.rows ?? 0);
}

/** True when `rows` written to a table of about `tableRows` are worth a bulk load: many, and at least a quarter of it. */
export function isBulkLoad(rows: number, tableRows: number): boolean {
  return rows >= bulkRows && rows * 4 >= tableRows;
}

/**
 * True when rechecking the tables' foreign keys by whole-table scans is cheaper than a check per row: the
 * import is large and at least a quarter of the table's size (the planner's estimate, so no count is run).
 */
export async function worthBulkMerge(db: Kysely<Database>, table: string, stagedRows: number): Promise<boolean> {
  if (stagedRows < bulkRows) return false;
  return isBulkLoad(stagedRows, await estimatedRows(db, table));
}

/** The foreign keys and plain indexes dropped for a bulk load, to be restored by `restoreBulkChecks`. */
export interface DroppedChecks {
  keys: ForeignKey[];
  indexes: { name: string; definition: string }[];
}

/**
 * Drops the tables' foreign keys and plain indexes inside the caller's transaction (which locks the
 * tables against other readers and writers until it ends) and gives the transaction the memory a bulk
 * load needs.
 */
export async function dropBulkChecks(trx: Kysely<Database>, tables: readonly string[]): Promise<DroppedChecks> {
  const names = tables as string[];
  const found = await sql<ForeignKey>`
    select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c where c.contype = 'f' and c.conrelid::regclass::text = any(${names}::text[])
    order by 1, 2`.execute(trx);
  const keys = found.rows;
  const plain = await sql<{ name: string; definition: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i where i.indrelid::regclass::text = any(${names}::text[]) and not i.indisunique and not i.indisprimary
    order by 1`.execute(trx);
  const indexes = plain.rows;
  for (const key of keys) await sql`alter table ${sql.table(key.table)} drop constraint ${sql.id(key.name)}`.execute(trx);
  for (const index of indexes) await sql`drop index ${sql.table(index.name)}`.execute(trx);
  // Disabled plans cost 10^10, which would switch on JIT compilation with inlining for every statement.
  await sql`set local jit = off`.execute(trx);
  // Hash joins and index builds over a million rows would spill to disk under the defaults; for this
  // transaction only.
  await sql`set local work_mem = '64MB'`.execute(trx);
  await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
  return { keys, indexes };
}

/** Rebuilds the dropped indexes (one sort each) and adds the keys back, each checked by one scan. */
export async function restoreBulkChecks(trx: Kysely<Database>, dropped: DroppedChecks): Promise<void> {
  // The validations join whole tables whose statistics predate the load: hash joins, not nested loops.
  await sql`set local enable_nestloop = off`.execute(trx);
  await sql`set local enable_hashjoin = on`.execute(trx);
  for (const index of dropped.indexes) await sql.raw(index.definition).execute(trx);
  for (const key of dropped.keys) {
    await sql`alter table ${sql.table(key.table)} add constraint ${sql.id(key.name)} ${sql.raw(key.definition)} not valid`.execute(trx);
    await sql`alter table ${sql.table(key.table)} validate constraint ${sql.id(key.name)}`.execute(trx);
  }
}

/** Runs `write` (inside a transaction) with the tables' foreign keys and plain indexes dropped, then restores them. */
export async function withBulkChecksAfter<T>(trx: Kysely<Database>, tables: readonly string[], write: () => Promise<T>): Promise<T> {
  const dropped = await dropBulkChecks(trx, tables);
  // The tables' statistics predate the import, so the planner would take them for small and choose nested
  // loops over them (measured: a quadratic 42 s for 66,000 group rows); the import is at least a quarter
  // of the table, so hash joins are the right plans throughout.
  await sql`set local enable_nestloop = off`.execute(trx);
  const result = await write();
  await restoreBulkChecks(trx, dropped);
  return result;
}
