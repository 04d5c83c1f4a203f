/**
 * The engines every store-backed test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL names a
 * server. Each test file gets a fresh database of its own (an in-memory PGlite, or a new database on the
 * server that is dropped afterwards), so files run in parallel without seeing each other's data.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Engine, type Store } from '../../src/store/database.ts';

/** The engines available to this run. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

async function withServerAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database on the given engine, and how to dispose of it. */
export async function openTestStore(engine: Engine): Promise<Store> {
  if (engine === 'pglite') return openStore({ dataDir: 'memory://' });
  const name = `wenbao_test_${randomBytes(6).toString('hex')}`;
  await withServerAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString() });
  return {
    ...store,
    close: async () => {
      await store.close();
      await withServerAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
