/**
 * Query plans behind the benchmark's slow figures: builds the same data as `bench/index.ts` on a fresh
 * database (PostgreSQL when BENCH_DATABASE_URL is set, PGlite otherwise), calls the listing services
 * as the benchmark's actors, and prints `EXPLAIN (ANALYZE, BUFFERS)` of every SELECT they issue.
 *
 *   node bin/run-ts.mjs bench/explain.ts
 */
import { CompiledQuery, type KyselyPlugin, type Kysely } from 'kysely';
import { listAuditEntries } from '../src/audit/audit.service.ts';
import type { Actor, Role } from '../src/kernel/actor.ts';
import { listUnits } from '../src/org/units.service.ts';
import { prepareDatabase } from '../src/server/first-start.ts';
import type { Database } from '../src/store/tables.ts';
import { benchCounty, unitNameFragment } from './dataset.ts';
import { openFreshStore } from './engines.ts';
import { adminPassword, loadData } from './scenarios.ts';

/** Runs `work` against a copy of `db` that records every SELECT it compiles. */
async function captureSelects(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<unknown>): Promise<CompiledQuery[]> {
  const captured: CompiledQuery[] = [];
  const recorder: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      if (node.kind === 'SelectQueryNode') captured.push(db.getExecutor().compileQuery(node, queryId));
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  await work(db.withPlugin(recorder));
  return captured;
}

async function explain(db: Kysely<Database>, title: string, work: (db: Kysely<Database>) => Promise<unknown>): Promise<void> {
  for (const query of await captureSelects(db, work)) {
    const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]));
    console.log(`\n### ${title}\n\n${query.sql}\n-- ${JSON.stringify(query.parameters)}\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
  }
}

function actor(role: Role, regionCode: string): Actor {
  return { userId: '00000000-0000-0000-0000-000000000001', username: `bench.${role}`, grants: [{ role, unitId: '00000000-0000-0000-0000-000000000001', regionCode }] };
}

const engine = process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite';
const { store, version, dispose } = await openFreshStore(engine, process.env.BENCH_DATABASE_URL);
try {
  console.log(`# Plans on ${version}`);
  await prepareDatabase(store, { adminPassword });
  await loadData(store.db);
  const page = { limit: 50, offset: 0 };
  const admin = actor('admin', '000000');
  const coordinator = actor('coordinator', benchCounty);
  await explain(store.db, 'units, admin', (db) => listUnits(db, admin, page));
  await explain(store.db, 'units, coordinator', (db) => listUnits(db, coordinator, page));
  await explain(store.db, 'units, coordinator, q', (db) => listUnits(db, coordinator, { ...page, query: unitNameFragment }));
  await explain(store.db, 'units, admin, q', (db) => listUnits(db, admin, { ...page, query: unitNameFragment }));
  await explain(store.db, 'audit, admin', (db) => listAuditEntries(db, admin, page));
  await explain(store.db, 'audit, county auditor', (db) => listAuditEntries(db, actor('auditor', benchCounty), page));
} finally {
  await dispose();
}
