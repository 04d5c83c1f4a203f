/**
 * Wenbao benchmark: `npm run bench` (PGlite), or with `BENCH_DATABASE_URL=postgres://…` PGlite and
 * PostgreSQL side by side. `npm run bench -- monitor` runs the monitoring suite (bench/monitor.ts) instead.
 *
 * What it measures, and why:
 *  1. First start — `prepareDatabase` on an empty database (migrations, 2,944 seed regions down to
 *     villages, seed units, admin): what an operator waits for on `npm start`.
 *  2. Unit listing under jurisdiction — `GET /api/units?limit=50` over 20,000 generated units, as the
 *     platform admin, a county coordinator and with a name search: the most common list of the app, whose
 *     cost is the jurisdiction filter (`region_code LIKE 'prefix%'`), the count and the alias subquery.
 *  3. Audit trail — `GET /api/audit?limit=50` over 100,000 entries, country-wide and county-scoped: the
 *     table that grows without bound.
 *  4. Sign-in (argon2id, deliberately slow) and the per-request session lookup every API call pays.
 *  5. Backup and restore of the whole database: how long the maintenance window is.
 *  6. Peak RSS of the process (PGlite runs inside it) and the machine the figures come from.
 *
 * Each engine runs in a child process of its own on a fresh database (a temporary PGlite directory, or
 * a new database on the server, dropped afterwards), so that peak RSS and caches are per engine.
 * Requests go through `app.inject`: server work without sockets. Latencies are sequential (one request
 * at a time), 20 warm-up requests then 200 timed, reported as median and p95. Results are printed as a
 * Markdown table and written to bench/results.json.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/store/database.ts';
import { describeRun, markdownTable, type MachineInfo } from './report.ts';
import { runEngine, sizes, type EngineResult } from './scenarios.ts';

const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));
const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
const thisFile = fileURLToPath(import.meta.url);

/** Caveats printed under the table and stored with the results. */
const caveats = [
  'Sequential latency through app.inject (no sockets, no concurrency); a real deployment adds network and TLS time.',
  'Taken on a shared 2-core machine where other test suites may run at the same time: the load average before and after each engine is in results.json; treat differences under ~20% as noise.',
  'The PostgreSQL server runs on the same machine with its default settings; its memory is not in the peak RSS, PGlite\'s is (it runs inside the process).',
  'ANALYZE is run after the bulk inserts on both engines; PGlite has no autovacuum, so a PGlite database that is never analysed may plan differently.',
];

function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGigabytes: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${type()} ${release()}`,
  };
}

/** Runs one engine in a child process and reads back its result. */
function runEngineInChild(engine: Engine): Promise<EngineResult> {
  const out = join(tmpdir(), `wenbao-bench-${engine}-${process.pid}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runTs, thisFile, '--engine', engine, '--out', out], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the ${engine} benchmark exited with code ${code}`));
      try {
        resolve(JSON.parse(readFileSync(out, 'utf8')) as EngineResult);
      } catch (error) {
        reject(error);
      } finally {
        rmSync(out, { force: true });
      }
    });
  });
}

/** Child mode: one engine, result written as JSON to `out`. */
async function child(engine: Engine, out: string): Promise<void> {
  const result = await runEngine(engine, process.env.BENCH_DATABASE_URL);
  writeFileSync(out, JSON.stringify(result));
}

/** Parent mode: every available engine in turn, then the table and results.json. */
async function parent(): Promise<void> {
  const engines: Engine[] = process.env.BENCH_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  const results: EngineResult[] = [];
  for (const engine of engines) results.push(await runEngineInChild(engine));
  const table = markdownTable(results);
  const description = describeRun(results, machine);
  console.log(`\n${description}\n\n${table}\n\n${caveats.map((caveat) => `- ${caveat}`).join('\n')}`);
  const record = { startedAt, machine, loadAverage: { before: loadBefore, after: loadavg() }, sizes, caveats, results, table };
  writeFileSync(resultsFile, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`\nwritten to ${resultsFile}`);
}

/** Named suites besides the default one: `npm run bench -- monitor [--engines postgres]`. */
const suites: Record<string, string> = { monitor: fileURLToPath(new URL('./monitor.ts', import.meta.url)) };

/** Runs a named suite in a child process with the remaining arguments. */
function runSuite(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const suite = spawn(process.execPath, [runTs, file, ...args], { stdio: 'inherit' });
    suite.on('error', reject);
    suite.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the suite exited with code ${code}`))));
  });
}

const { values, positionals } = parseArgs({ options: { engine: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true, strict: false });
try {
  const suite = positionals[0];
  if (suite !== undefined && !suites[suite]) throw new Error(`unknown benchmark suite "${suite}"; known: ${Object.keys(suites).join(', ')}`);
  if (suite !== undefined) await runSuite(suites[suite]!, process.argv.slice(process.argv.indexOf(suite) + 1));
  else if (typeof values.engine === 'string') await child(values.engine as Engine, typeof values.out === 'string' ? values.out : join(tmpdir(), 'wenbao-bench.json'));
  else await parent();
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
