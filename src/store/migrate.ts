/**
 * Versioned migrations: numbered `.sql` files in `migrations/`, applied in order, each in its own
 * transaction together with its row in `schema_migration`. An applied file whose text has changed is
 * refused, since the database would no longer match what the code believes it is.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Database } from './tables.ts';

const migrationsDir = new URL('./migrations/', import.meta.url);

/** A migration file as found on disk. */
export interface Migration {
  version: string;
  name: string;
  script: string;
  checksum: string;
}

/** The migrations shipped with this version of Wenbao, in order. */
export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const script = readFileSync(new URL(file, migrationsDir), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        script,
        checksum: createHash('sha256').update(script).digest('hex'),
      };
    });
}

/** Applies every pending migration; returns the versions applied now. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  await sql`create table if not exists schema_migration (
    version text primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
  const applied: string[] = [];
  for (const migration of listMigrations()) {
    const didApply = await db.transaction().execute(async (trx) => {
      // Serialises concurrent starts of several app servers against one PostgreSQL database.
      await sql`select pg_advisory_xact_lock(7036218)`.execute(trx);
      const existing = await trx
        .selectFrom('schema_migration')
        .select(['checksum'])
        .where('version', '=', migration.version)
        .executeTakeFirst();
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new Error(`migration ${migration.version}_${migration.name} was changed after it was applied`);
        }
        return false;
      }
      await sql.raw(migration.script).execute(trx);
      await trx
        .insertInto('schema_migration')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

/** The versions recorded as applied in this database, in order. */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('schema_migration').select('version').orderBy('version').execute();
  return rows.map((row) => row.version);
}
