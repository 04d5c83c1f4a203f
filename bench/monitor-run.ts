/**
 * The monitoring benchmark on one engine and one fresh database: first start, the synthetic province and its
 * ~10M values generated in the database, the roll-ups built in bulk and verified against the save path,
 * ANALYZE, then the timed requests through `app.inject` and the sizes on disk.
 */
import { loadavg } from 'node:os';
import { sql, type Kysely, type KyselyPlugin } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { prepareDatabase } from '../src/server/first-start.ts';
import type { Engine } from '../src/store/database.ts';
import type { Database } from '../src/store/tables.ts';
import { openFreshStore } from './engines.ts';
import { BenchClient } from './http-client.ts';
import { benchIndicators, expectedValueCount } from './monitor-catalogue.ts';
import { buildRollups, createIndicators, createProvinceCoordinator, createWarningRules, generateValues, insertProvince, monitorCoordinator } from './monitor-data.ts';
import { measureReads, measureSaveToVisible, type MonitorRequestFigure, type QueryCounter, type SaveVisibleFigure, type ScenarioRegions } from './monitor-requests.ts';
import { verifyRollups, type Verification } from './monitor-verify.ts';
import { timeOnce } from './timing.ts';

/** Everything measured on one engine. */
export interface MonitorEngineResult {
  engine: Engine;
  version: string;
  startedAt: string;
  data: { regions: number; indicators: number; storedIndicators: number; warningRules: number; values: number; rollupRows: number };
  seconds: { open: number; firstStart: number; setup: number; values: number; rollups: number; analyze: number; total: number };
  megabytes: { database: number; values: number; rollups: number };
  verification: Verification;
  requests: Record<string, MonitorRequestFigure>;
  saveToVisible: SaveVisibleFigure;
  peakRssMegabytes: number;
  loadAverage: { before: number[]; after: number[] };
}

function log(message: string): void {
  console.error(`[bench monitor] ${message}`);
}

async function megabytes(db: Kysely<Database>, expression: 'database' | 'monitor_value' | 'monitor_rollup'): Promise<number> {
  const size =
    expression === 'database'
      ? sql<{ bytes: string }>`select pg_database_size(current_database())::text as bytes`
      : sql<{ bytes: string }>`select pg_total_relation_size(${expression}::regclass)::text as bytes`;
  const result = await size.execute(db);
  return Number(result.rows[0]!.bytes) / 1024 / 1024;
}

async function count(db: Kysely<Database>, table: 'monitor_value' | 'monitor_rollup'): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return result.rows[0]!.n;
}

/** A county, a township and its villages, and every village of the province (for the saves). */
async function scenarioRegions(db: Kysely<Database>): Promise<ScenarioRegions & { allVillages: string[] }> {
  const villages = (await db.selectFrom('region').select('code').where('level', '=', 5).where('prefix', 'like', '99%').orderBy('code').execute()).map((row) => row.code);
  const township = villages[0]!.slice(0, 9);
  return { county: township.slice(0, 6), township, villages: villages.filter((code) => code.startsWith(township)), allVillages: villages };
}

/** Runs the monitoring benchmark on a fresh database of `engine` and removes the database afterwards. */
export async function runMonitorEngine(engine: Engine, serverUrl: string | undefined): Promise<MonitorEngineResult> {
  const before = loadavg();
  const startedAt = new Date().toISOString();
  const opened = await timeOnce(() => openFreshStore(engine, serverUrl));
  const { store, version, dispose } = opened.result;
  const { db } = store;
  try {
    log(`${engine}: first start (${version})`);
    const firstStart = await timeOnce(() => prepareDatabase(store, { adminPassword: 'Admin-pass-2020' }));
    const setup = await timeOnce(async () => {
      const regions = await insertProvince(db);
      const ids = await createIndicators(db);
      const warningRules = await createWarningRules(db, ids);
      await createProvinceCoordinator(db);
      return { regions, ids, warningRules };
    });
    const { regions, ids, warningRules } = setup.result;
    log(`${engine}: ${regions} regions, ${ids.size} indicators; generating ${expectedValueCount().toLocaleString('en-US')} values`);
    const values = await timeOnce(() => generateValues(db, ids, log));
    if (values.result !== expectedValueCount()) throw new Error(`generated ${values.result} values, expected ${expectedValueCount()}`);
    log(`${engine}: values took ${values.seconds.toFixed(0)} s; building roll-ups`);
    const rollups = await timeOnce(() => buildRollups(db, log));
    log(`${engine}: roll-ups took ${rollups.seconds.toFixed(0)} s (${rollups.result.toLocaleString('en-US')} rows); ANALYZE`);
    const analyzed = await timeOnce(() => sql`analyze`.execute(db));
    log(`${engine}: verifying roll-ups against recounts and the save path`);
    const verification = await verifyRollups(db, ids);
    const mismatches = [...verification.bulk.mismatches, ...verification.service.mismatches];
    if (mismatches.length > 0) throw new Error(`roll-ups differ from recounts: ${JSON.stringify(mismatches.slice(0, 3))}`);
    log(`${engine}: ${verification.bulk.checked} bulk rows and ${verification.service.checked} rows after ${verification.service.saved} service saves equal their recounts`);

    let statements = 0;
    const counter: KyselyPlugin = {
      transformQuery: ({ node }) => {
        statements += 1;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const countQueries: QueryCounter = async (work) => {
      const start = statements;
      await work();
      return statements - start;
    };
    const app = await buildApp({ store: { ...store, db: db.withPlugin(counter) }, logger: false, webDir: null, loginRateLimit: 100_000 });
    const client = await new BenchClient(app).signIn(monitorCoordinator.username, monitorCoordinator.password);
    const picked = await scenarioRegions(db);
    const dashboardIndicators = (await db.selectFrom('monitor_indicator').select('id').where('dashboard_position', 'is not', null).execute()).length;
    log(`${engine}: requests (${dashboardIndicators} indicators on the dashboard)`);
    const requests = await measureReads(client, picked, dashboardIndicators, countQueries, log);
    const saveToVisible = await measureSaveToVisible(client, picked.allVillages, countQueries, log);
    await app.close();

    return {
      engine,
      version,
      startedAt,
      data: {
        regions,
        indicators: benchIndicators.length,
        storedIndicators: benchIndicators.filter((indicator) => indicator.level !== 'formula').length,
        warningRules,
        values: await count(db, 'monitor_value'),
        rollupRows: await count(db, 'monitor_rollup'),
      },
      seconds: {
        open: opened.seconds,
        firstStart: firstStart.seconds,
        setup: setup.seconds,
        values: values.seconds,
        rollups: rollups.seconds,
        analyze: analyzed.seconds,
        total: setup.seconds + values.seconds + rollups.seconds + analyzed.seconds,
      },
      megabytes: { database: await megabytes(db, 'database'), values: await megabytes(db, 'monitor_value'), rollups: await megabytes(db, 'monitor_rollup') },
      verification,
      requests,
      saveToVisible,
      peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
      loadAverage: { before, after: loadavg() },
    };
  } finally {
    await dispose();
  }
}
