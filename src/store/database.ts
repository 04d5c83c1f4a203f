/**
 * Opens the one database Wenbao runs on: an embedded PGlite data directory by default, or a PostgreSQL
 * server when a connection URL is given. Both speak the same SQL through the same Kysely instance, and
 * both return values in the same JavaScript types (bigint columns as numbers, dates as 'YYYY-MM-DD').
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './tables.ts';

/** Which engine a store runs on. */
export type Engine = 'pglite' | 'postgres';

/** An open database: the query builder and how to close it. */
export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, with any password removed, for messages and logs. */
  location: string;
  close(): Promise<void>;
}

/** Where to open the database. */
export interface StoreOptions {
  /** A `postgres://` URL; when present the server is used and `dataDir` is ignored. */
  databaseUrl?: string | undefined;
  /** A PGlite data directory, or `memory://` for a throwaway in-memory database. */
  dataDir?: string | undefined;
}

const int8 = 20;
const date = 1082;
const numeric = 1700;

/** bigint (int8) values stay within 2^53 here (fen amounts, counts), so numbers are safe and simpler. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint value ${text} exceeds the safe integer range`);
  return value;
}

const sharedParsers: Record<number, (text: string) => unknown> = {
  [int8]: parseInt8,
  [date]: (text) => text,
  [numeric]: (text) => text,
};

/** Opens the database described by `options` (PGlite in `./data/pglite` when nothing is given). */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir ?? 'data/pglite');
}

async function openPglite(dataDir: string): Promise<Store> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const database = await PGlite.create(dataDir.startsWith('memory://') ? undefined : dataDir, {
    parsers: sharedParsers,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(database) });
  return { db, engine: 'pglite', location: dataDir, close: () => db.destroy() };
}

async function openPostgres(databaseUrl: string): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: Number(process.env.WENBAO_DB_POOL_SIZE ?? 10),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        sharedParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops (a restart, a terminated backend) must not crash the process: the
  // pool replaces it on the next checkout. Only the SQLSTATE is reported, never a statement or its data.
  pool.on('error', (error: Error & { code?: string }) => {
    process.emitWarning(`database connection lost (${error.code ?? error.name}); it will be replaced`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', location: redactUrl(databaseUrl), close: () => db.destroy() };
}

/** A connection URL with its password replaced, safe to print. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}
