/**
 * Fresh, empty databases for one benchmark run: a PGlite data directory on disk (as `npm start` uses,
 * not the in-memory variant), or a new database on the PostgreSQL server named by a URL. Both are
 * removed again when the run ends.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore, type Engine, type Store } from '../src/store/database.ts';

/** An empty database opened for the benchmark, and how to remove it. */
export interface BenchStore {
  store: Store;
  /** The engine's version string, for the report. */
  version: string;
  /** Closes the store and deletes the data directory or drops the database. */
  dispose(): Promise<void>;
}

async function engineVersion(store: Store): Promise<string> {
  const result = await sql<{ version: string }>`select version() as version`.execute(store.db);
  return result.rows[0]?.version.split(' on ')[0] ?? 'unknown';
}

async function openPglite(): Promise<BenchStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wenbao-bench-pglite-'));
  const store = await openStore({ dataDir });
  return {
    store,
    version: `${await engineVersion(store)} (PGlite, ${dataDir.startsWith('/tmp') ? 'data dir in /tmp' : 'data dir on disk'})`,
    dispose: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function openPostgres(serverUrl: string): Promise<BenchStore> {
  const name = `wenbao_bench_${randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString() });
  return {
    store,
    version: await engineVersion(store),
    dispose: async () => {
      await store.close();
      await onServer(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** Opens an empty database on `engine`; PostgreSQL needs the server's URL. */
export async function openFreshStore(engine: Engine, serverUrl: string | undefined): Promise<BenchStore> {
  if (engine === 'pglite') return openPglite();
  if (!serverUrl) throw new Error('BENCH_DATABASE_URL is needed to benchmark PostgreSQL');
  return openPostgres(serverUrl);
}
