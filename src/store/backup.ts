/**
 * Backup and restore through SQL alone, so the same code works on PGlite and on a PostgreSQL server.
 * A backup reads every table inside one REPEATABLE READ transaction (a consistent snapshot while the
 * platform keeps running) and writes gzip-compressed JSON lines: a header naming the schema version,
 * then chunks of rows as `to_jsonb` renders them. A restore replaces all data in one transaction and
 * refuses a file made by a different schema version.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { appliedMigrations } from './migrate.ts';
import type { Database } from './tables.ts';

const format = 'wenbao-backup';
const formatVersion = 1;
const chunkSize = 1000;

interface BackupHeader {
  format: typeof format;
  formatVersion: number;
  createdAt: string;
  migrations: string[];
  tables: string[];
}

interface BackupChunk {
  table: string;
  rows: unknown[];
}

/** Progress as tables and rows are copied. */
export type BackupProgress = (event: { table: string; rows: number }) => void;

/** What a backup or restore copied. */
export interface BackupSummary {
  tables: number;
  rows: number;
}

async function dataTables(db: Kysely<Database>): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'schema_migration'
    order by table_name`.execute(db);
  return result.rows.map((row) => row.table_name);
}

/** Writes a consistent snapshot of all data to `filePath` (gzip JSON lines). */
export async function backupDatabase(
  db: Kysely<Database>,
  filePath: string,
  onProgress: BackupProgress = () => {},
): Promise<BackupSummary> {
  const gzip = createGzip();
  const done = once(gzip.pipe(createWriteStream(filePath)), 'finish');
  const write = async (line: unknown) => {
    if (!gzip.write(`${JSON.stringify(line)}\n`)) await once(gzip, 'drain');
  };
  let rows = 0;
  const tables = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const tables = await dataTables(trx);
      const header: BackupHeader = {
        format,
        formatVersion,
        createdAt: new Date().toISOString(),
        migrations: await appliedMigrations(trx),
        tables,
      };
      await write(header);
      for (const table of tables) {
        await sql`declare backup_cursor no scroll cursor for select to_jsonb(t) as row from ${sql.table(table)} t`.execute(trx);
        for (;;) {
          const chunk = await sql<{ row: unknown }>`fetch ${sql.lit(chunkSize)} from backup_cursor`.execute(trx);
          if (chunk.rows.length === 0) break;
          await write({ table, rows: chunk.rows.map((r) => r.row) } satisfies BackupChunk);
          rows += chunk.rows.length;
          onProgress({ table, rows });
        }
        await sql`close backup_cursor`.execute(trx);
      }
      return tables;
    });
  gzip.end();
  await done;
  return { tables: tables.length, rows };
}

async function* readLines(filePath: string): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(filePath).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line);
}

function assertHeader(value: unknown, current: string[]): asserts value is BackupHeader {
  const header = value as Partial<BackupHeader> | undefined;
  if (header?.format !== format || header.formatVersion !== formatVersion) {
    throw new Error('not a Wenbao backup file (missing or unknown header)');
  }
  const theirs = (header.migrations ?? []).join(',');
  if (theirs !== current.join(',')) {
    throw new Error(
      `the backup was made at schema version ${header.migrations?.at(-1) ?? 'none'} but this database is at ` +
        `${current.at(-1) ?? 'none'}; restore it with the Wenbao version that made it, then upgrade`,
    );
  }
}

/** Replaces all data with the contents of a backup file, in one transaction. */
export async function restoreDatabase(
  db: Kysely<Database>,
  filePath: string,
  onProgress: BackupProgress = () => {},
): Promise<BackupSummary> {
  const current = await appliedMigrations(db);
  const lines = readLines(filePath);
  const first = await lines.next();
  assertHeader(first.value, current);
  const header = first.value;
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    const tables = await dataTables(trx);
    const unknown = header.tables.filter((table) => !tables.includes(table));
    if (unknown.length > 0) throw new Error(`the backup holds tables this database lacks: ${unknown.join(', ')}`);
    await sql`set constraints all deferred`.execute(trx);
    await sql`truncate table ${sql.join(tables.map((table) => sql.table(table)))}`.execute(trx);
    for await (const line of lines) {
      const chunk = line as BackupChunk;
      if (!header.tables.includes(chunk.table)) throw new Error(`unexpected table in backup: ${chunk.table}`);
      await sql`insert into ${sql.table(chunk.table)}
        select * from jsonb_populate_recordset(null::${sql.table(chunk.table)}, ${JSON.stringify(chunk.rows)}::jsonb)`.execute(trx);
      rows += chunk.rows.length;
      onProgress({ table: chunk.table, rows });
    }
    await resetIdentitySequences(trx);
  });
  return { tables: header.tables.length, rows };
}

/** Moves every identity column's sequence past the largest restored value. */
async function resetIdentitySequences(db: Kysely<Database>): Promise<void> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(db);
  for (const { table_name, column_name } of columns.rows) {
    await sql`select setval(pg_get_serial_sequence(${table_name}, ${column_name}),
      coalesce((select max(${sql.ref(column_name)}) from ${sql.table(table_name)}), 0) + 1, false)`.execute(db);
  }
}
