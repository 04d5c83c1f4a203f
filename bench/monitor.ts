/**
 * Monitoring benchmark: a synthetic province (15 prefectures, 100 counties, 1,500 townships, 20,000 villages),
 * 100 indicators and 36 months, about 10M values generated in the database with live roll-ups; then the
 * dashboards, drill-downs and series a coordinator opens, and the time from saving a value to reading it in
 * every region above. Goals: dashboard queries under 100 ms on PostgreSQL; a saved value visible in every
 * ancestor within one second.
 *
 *   node bin/run-ts.mjs bench/monitor.ts                      # PGlite, and PostgreSQL when BENCH_DATABASE_URL is set
 *   node bin/run-ts.mjs bench/monitor.ts --engines postgres   # one engine; the other's last figures are kept
 *   npm run bench -- monitor
 *
 * Each engine runs in a child process of its own on a fresh database, so peak RSS and caches are per engine.
 * The Markdown table goes to stdout, progress to stderr, everything to bench/monitor-results.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/store/database.ts';
import { benchIndicators, expectedValueCount, provinceShape } from './monitor-catalogue.ts';
import { monitorTable } from './monitor-report.ts';
import { requestCounts } from './monitor-requests.ts';
import { runMonitorEngine, type MonitorEngineResult } from './monitor-run.ts';

const resultsFile = fileURLToPath(new URL('./monitor-results.json', import.meta.url));
const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
const thisFile = fileURLToPath(import.meta.url);

function runInChild(engine: Engine): Promise<MonitorEngineResult> {
  const out = join(tmpdir(), `wenbao-bench-monitor-${engine}-${process.pid}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runTs, thisFile, '--engine', engine, '--out', out], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the ${engine} monitoring benchmark exited with code ${code}`));
      try {
        resolve(JSON.parse(readFileSync(out, 'utf8')) as MonitorEngineResult);
      } catch (error) {
        reject(error);
      } finally {
        rmSync(out, { force: true });
      }
    });
  });
}

function previousResults(): MonitorEngineResult[] {
  if (!existsSync(resultsFile)) return [];
  return (JSON.parse(readFileSync(resultsFile, 'utf8')) as { results?: MonitorEngineResult[] }).results ?? [];
}

/** Runs the engines asked for (default: PGlite, and PostgreSQL when BENCH_DATABASE_URL is set), prints and stores the figures. */
async function runMonitorBenchmark(engines: Engine[]): Promise<void> {
  const fresh: MonitorEngineResult[] = [];
  for (const engine of engines) fresh.push(await runInChild(engine));
  // an engine not run this time keeps its last figures (each result carries its own start time and load)
  const kept = previousResults().filter((result) => !engines.includes(result.engine));
  const results = [...kept, ...fresh].sort((a, b) => a.engine.localeCompare(b.engine));
  const machine = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGigabytes: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${type()} ${release()}`,
  };
  const table = monitorTable(results);
  const data = {
    shape: provinceShape,
    indicators: benchIndicators.length,
    values: expectedValueCount(),
    requests: requestCounts,
  };
  console.log(`\n${results.map((result) => `${result.engine}: ${result.version}, run ${result.startedAt}`).join('\n')}\n\n${table}`);
  writeFileSync(resultsFile, `${JSON.stringify({ machine, data, results, table }, null, 2)}\n`);
  console.log(`\nwritten to ${resultsFile}`);
}

function defaultEngines(): Engine[] {
  return process.env.BENCH_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

const { values } = parseArgs({ options: { engine: { type: 'string' }, out: { type: 'string' }, engines: { type: 'string' } } });
try {
  if (values.engine) {
    const result = await runMonitorEngine(values.engine as Engine, process.env.BENCH_DATABASE_URL);
    writeFileSync(values.out ?? join(tmpdir(), 'wenbao-bench-monitor.json'), JSON.stringify(result));
  } else {
    await runMonitorBenchmark(values.engines ? (values.engines.split(',') as Engine[]) : defaultEngines());
  }
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
