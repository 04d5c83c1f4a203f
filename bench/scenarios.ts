/**
 * The benchmark on one engine, step by step on one fresh database: first start, bulk data, the
 * request scenarios through `app.inject`, sign-in, then backup and restore of everything.
 */
import { statSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { prepareDatabase } from '../src/server/first-start.ts';
import { backupDatabase, restoreDatabase } from '../src/store/backup.ts';
import type { Engine } from '../src/store/database.ts';
import type { Database } from '../src/store/tables.ts';
import { analyze, benchPassword, benchUsers, createScopedAccounts, insertAuditEntries, insertUnits, unitNameFragment } from './dataset.ts';
import { openFreshStore } from './engines.ts';
import { BenchClient } from './http-client.ts';
import { measureLatency, summarize, timeOnce, type LatencySummary } from './timing.ts';

/** How much data and how many requests one run uses. */
export const sizes = {
  units: 20_000,
  auditEntries: 100_000,
  warmup: 20,
  requests: 200,
  logins: 20,
} as const;

/** The administrator's password on benchmark databases. */
export const adminPassword = 'Admin-pass-2020';

/** A request scenario's latency and how many rows the caller could see (the listing's `total`). */
export interface RequestFigure extends LatencySummary {
  rowsVisible?: number;
}

/** Everything measured on one engine. */
export interface EngineResult {
  engine: Engine;
  version: string;
  firstStart: { openSeconds: number; prepareSeconds: number; regionsLoaded: number; unitsCreated: number };
  data: { units: number; unitRegions: number; unitAliases: number; auditEntries: number; auditRegions: number; insertSeconds: number };
  requests: Record<string, RequestFigure>;
  backup: { seconds: number; tables: number; rows: number; fileMegabytes: number; megabytesPerSecond: number };
  restore: { seconds: number; rows: number; rowsPerSecond: number };
  peakRssMegabytes: number;
  loadAverage: { before: number[]; after: number[] };
}

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

async function countRows(db: Kysely<Database>, table: 'region' | 'unit' | 'audit_log'): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** Times GET `url` for a client; checks that the listing is not empty and keeps its total. */
async function measureListing(client: BenchClient, url: string): Promise<RequestFigure> {
  let rowsVisible = 0;
  const figure = await measureLatency(
    async () => {
      const page = (await client.get(url)) as { items: unknown[]; total: number };
      if (page.items.length === 0) throw new Error(`GET ${url} returned no rows`);
      rowsVisible = page.total;
    },
    { warmup: sizes.warmup, samples: sizes.requests },
  );
  return { ...figure, rowsVisible };
}

/** Sign-in latency: each sample is a new browser (CSRF token fetched untimed) posting the login form. */
async function measureSignIn(app: FastifyInstance): Promise<RequestFigure> {
  const durations: number[] = [];
  for (let i = 0; i < sizes.logins + 2; i += 1) {
    const client = new BenchClient(app);
    await client.fetchCsrfToken();
    const { seconds } = await timeOnce(() => client.signIn(benchUsers.coordinator, benchPassword));
    if (i >= 2) durations.push(seconds * 1000); // the first two warm up argon2 and the route
  }
  return summarize(durations);
}

async function requestScenarios(app: FastifyInstance): Promise<Record<string, RequestFigure>> {
  const admin = await new BenchClient(app).signIn('admin', adminPassword);
  const coordinator = await new BenchClient(app).signIn(benchUsers.coordinator, benchPassword);
  const auditor = await new BenchClient(app).signIn(benchUsers.auditor, benchPassword);
  const anonymous = new BenchClient(app);
  const q = encodeURIComponent(unitNameFragment);
  const figures: Record<string, RequestFigure> = {};
  const steps: [string, () => Promise<RequestFigure>][] = [
    ['unitsAdmin', () => measureListing(admin, '/api/units?limit=50')],
    ['unitsCoordinator', () => measureListing(coordinator, '/api/units?limit=50')],
    ['unitsCoordinatorQuery', () => measureListing(coordinator, `/api/units?limit=50&q=${q}`)],
    ['unitsAdminQuery', () => measureListing(admin, `/api/units?limit=50&q=${q}`)],
    ['auditAdmin', () => measureListing(admin, '/api/audit?limit=50')],
    ['auditCountyAuditor', () => measureListing(auditor, '/api/audit?limit=50')],
    ['signIn', () => measureSignIn(app)],
    ['sessionSignedIn', () => measureLatency(async () => void (await coordinator.get('/api/session')), { warmup: sizes.warmup, samples: sizes.requests })],
    ['sessionAnonymous', () => measureLatency(async () => void (await anonymous.get('/api/session')), { warmup: sizes.warmup, samples: sizes.requests })],
  ];
  for (const [name, step] of steps) {
    figures[name] = await step();
    log(`  ${name}: median ${figures[name].medianMs} ms, p95 ${figures[name].p95Ms} ms`);
  }
  return figures;
}

async function backupAndRestore(db: Kysely<Database>): Promise<Pick<EngineResult, 'backup' | 'restore'>> {
  const file = join(tmpdir(), `wenbao-bench-${process.pid}.jsonl.gz`);
  try {
    const backup = await timeOnce(() => backupDatabase(db, file));
    const fileMegabytes = statSync(file).size / 1024 / 1024;
    const restore = await timeOnce(() => restoreDatabase(db, file));
    return {
      backup: {
        seconds: backup.seconds,
        tables: backup.result.tables,
        rows: backup.result.rows,
        fileMegabytes,
        megabytesPerSecond: fileMegabytes / backup.seconds,
      },
      restore: { seconds: restore.seconds, rows: restore.result.rows, rowsPerSecond: restore.result.rows / restore.seconds },
    };
  } finally {
    rmSync(file, { force: true });
  }
}

/** Inserts the generated units, audit rows and scoped accounts, then ANALYZE; returns the sizes. */
export async function loadData(db: Kysely<Database>): Promise<EngineResult['data']> {
  const inserted = await timeOnce(async () => {
    const units = await insertUnits(db, sizes.units);
    const audit = await insertAuditEntries(db, sizes.auditEntries);
    await createScopedAccounts(db);
    await analyze(db);
    return { units, audit };
  });
  return {
    units: await countRows(db, 'unit'),
    unitRegions: inserted.result.units.regions,
    unitAliases: inserted.result.units.aliases,
    auditEntries: await countRows(db, 'audit_log'),
    auditRegions: inserted.result.audit.regions,
    insertSeconds: inserted.seconds,
  };
}

/** Runs every step on a fresh database of `engine` and removes the database afterwards. */
export async function runEngine(engine: Engine, serverUrl: string | undefined): Promise<EngineResult> {
  const before = loadavg();
  const opened = await timeOnce(() => openFreshStore(engine, serverUrl));
  const { store, version, dispose } = opened.result;
  try {
    log(`${engine}: first start (${version})`);
    const prepared = await timeOnce(() => prepareDatabase(store, { adminPassword }));
    log(`${engine}: first start took ${prepared.seconds.toFixed(1)} s; inserting ${sizes.units} units and ${sizes.auditEntries} audit entries`);
    const data = await loadData(store.db);
    const app = await buildApp({ store, logger: false, webDir: null, loginRateLimit: 100_000 });
    log(`${engine}: requests`);
    const requests = await requestScenarios(app);
    await app.close();
    log(`${engine}: backup and restore`);
    const copies = await backupAndRestore(store.db);
    return {
      engine,
      version,
      firstStart: {
        openSeconds: opened.seconds,
        prepareSeconds: prepared.seconds,
        regionsLoaded: prepared.result.regionsLoaded,
        unitsCreated: prepared.result.unitsCreated,
      },
      data,
      requests,
      ...copies,
      peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
      loadAverage: { before, after: loadavg() },
    };
  } finally {
    await dispose();
  }
}
