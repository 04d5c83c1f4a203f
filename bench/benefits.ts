/**
 * Benefits benchmark, per engine in a child process of its own (so peak RSS is that engine's):
 *  1. matching: one enterprise (public route, answers) and one registered person (signed in, registry facts)
 *     against every policy of the catalogue through `app.inject`, p50 / p99;
 *  2. a batch run of the Linxia employment pack over the registry: persons with one employment spell each and
 *     enterprises generated with INSERT … SELECT generate_series (identity numbers and credit codes are
 *     zero-padded serial numbers without valid checksums: the run reads the rows, it never validates them),
 *     then `workRun` timed over the first BENCH_RUN_CHUNKS chunks of 2,000 persons, the rate extrapolated.
 *
 *   node bin/run-ts.mjs bench/benefits.ts                      # PGlite only
 *   BENCH_DATABASE_URL=postgres://… node bin/run-ts.mjs bench/benefits.ts
 *   BENCH_PERSONS=1000000 BENCH_ENTERPRISES=100000 BENCH_RUN_CHUNKS=5 …
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { sql } from 'kysely';
import { loadPolicyPacks, startRun, workRun } from '../src/benefits/index.ts';
import { ensureAdministrator } from '../src/access/index.ts';
import { commandLineRegistryActor } from '../src/registry/index.ts';
import type { Engine } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { buildTestApp, buildUnit, buildUser, signedIn, systemContext, TestClient } from '../test/support/fixtures.ts';
import { importRegions } from '../src/org/index.ts';
import { creditCodeFor } from '../test/support/registry-ids.ts';
import { openFreshStore } from './engines.ts';
import { timeOnce } from './timing.ts';

const persons = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const enterprises = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const runChunks = Number(process.env.BENCH_RUN_CHUNKS ?? 5);
const serverUrl = process.env.BENCH_DATABASE_URL;
const counties = ['622921', '622922', '622923', '622924', '622925', '622926', '622927', '622901'];

function percentile(sorted: number[], q: number): number {
  return Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN) * 100) / 100;
}

async function latency(work: () => Promise<void>, samples = 1000): Promise<{ p50: number; p99: number }> {
  for (let index = 0; index < 50; index++) await work();
  const durations: number[] = [];
  for (let index = 0; index < samples; index++) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return { p50: percentile(durations, 0.5), p99: percentile(durations, 0.99) };
}

async function child(engine: Engine): Promise<void> {
  const opened = await openFreshStore(engine, serverUrl);
  const { store } = opened;
  try {
    await migrate(store.db);
    const context = systemContext(store);
    await importRegions(context, ['622900'], { maxLevel: 'county' });
    await ensureAdministrator(context, 'Bench-pass-2020');
    await loadPolicyPacks(context);
    const counyList = sql.raw(`array[${counties.map((code) => `'${code}'`).join(',')}]`);
    const setup = await timeOnce(async () => {
      await sql`insert into registry_enterprise (credit_code, name, kind, industry, region_code, established_on, employees, revenue_fen, size_class)
        select lpad(g::text, 18, '0'), '企业' || g, 'enterprise', 'C13', (${counyList})[1 + g % 8], date '2015-01-01', 20 + g % 200, 1000000000, case when g % 3 = 0 then 'small' else 'micro' end
        from generate_series(1, ${enterprises}) g`.execute(store.db);
      await sql`insert into registry_person (resident_id, name, sex, birth_date, hukou_region_code)
        select lpad(g::text, 18, '0'), '人员' || g, case when g % 2 = 0 then 'female' else 'male' end, date '1970-01-01' + (g % 12000), (${counyList})[1 + g % 8]
        from generate_series(1, ${persons}) g`.execute(store.db);
      await sql`insert into registry_person_group (person_id, group_code, start_date)
        select id, case when resident_id::bigint % 2 = 0 then 'registered_poor' else 'edge_poverty' end, date '2019-01-01' from registry_person where resident_id::bigint % 3 = 0`.execute(store.db);
      await sql`insert into registry_employment (person_id, enterprise_id, employer_name, employer_region_code, start_date, end_date, location_class, organised_transfer)
        select p.id, e.id, e.name, e.region_code, date '2020-01-01' + (p.resident_id::bigint % 300)::int,
               case when p.resident_id::bigint % 5 = 0 then date '2020-11-30' end,
               (array['in_county', 'in_province', 'out_of_province'])[1 + p.resident_id::bigint % 3], p.resident_id::bigint % 2 = 0
        from registry_person p join (select id, name, region_code, row_number() over (order by credit_code) as n from registry_enterprise) e
          on e.n = 1 + p.resident_id::bigint % ${enterprises}`.execute(store.db);
      await sql`analyze`.execute(store.db);
    });
    process.stderr.write(`${engine}: ${persons} persons, ${enterprises} enterprises in ${setup.seconds.toFixed(1)} s\n`);

    const app = await buildTestApp(store, { loginRateLimit: 1_000_000 });
    const unit = await buildUnit(store, '622921', '临夏县人社局');
    await buildUser(store, 'bench.caseworker', 'caseworker', unit);
    const caseworker = await signedIn(app, 'bench.caseworker');
    const anonymous = new TestClient(app);
    await anonymous.refreshSession();
    const person = await sql<{ id: string }>`select id from registry_person where hukou_region_code = '622921' and resident_id::bigint % 6 = 0 limit 1`.execute(store.db);
    const personId = person.rows[0]?.id as string;
    const publicBody = {
      applicant: 'enterprise',
      creditCode: creditCodeFor('622921', 1),
      asOf: '2020-12-31',
      answers: { 'hire.employer_kind': '企业', 'hire.employer_size': '小型', 'hire.same_county': true, 'hire.start_date': '2020-01-15', 'person.groups': ['建档立卡贫困'], 'person.local': true },
    };
    const publicMatch = await latency(async () => {
      const response = await anonymous.post('/api/public/policy-match', publicBody);
      if (response.statusCode !== 200) throw new Error(response.body);
    });
    const registeredMatch = await latency(async () => {
      const response = await caseworker.get(`/api/benefits/match?person=${personId}&asOf=2020-12-31`);
      if (response.statusCode !== 200) throw new Error(response.body);
    }, 300);
    await app.close();

    const runId = await startRun(context, commandLineRegistryActor, { kind: 'batch', packId: 'linxia-2020-employment', beneficiary: 'person', regionCode: '622900', asOf: '2020-12-31' });
    const run = await timeOnce(() => workRun(store.db, runId, { chunkSize: 2000, maxChunks: runChunks }));
    const done = await store.db.selectFrom('benefit_run').select('subjects_done').where('id', '=', runId).executeTakeFirstOrThrow();
    const perSecond = done.subjects_done / run.seconds;
    const figures = {
      engine,
      version: opened.version,
      persons,
      enterprises,
      setupSeconds: setup.seconds,
      publicMatchMs: publicMatch,
      registeredMatchMs: registeredMatch,
      runSubjects: done.subjects_done,
      runSeconds: run.seconds,
      runSubjectsPerSecond: perSecond,
      runExtrapolatedSecondsFor1M: 1_000_000 / perSecond,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await opened.dispose();
  }
}

async function main(): Promise<void> {
  const engines: Engine[] = serverUrl ? ['pglite', 'postgres'] : ['pglite'];
  const results: unknown[] = [];
  for (const engine of engines) {
    const run = spawnSync(process.execPath, ['bin/run-ts.mjs', 'bench/benefits.ts', '--child', engine], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    const line = run.stdout.trim().split('\n').at(-1) ?? '';
    if (run.status !== 0 || !line.startsWith('{')) throw new Error(`${engine} failed (${run.status})`);
    results.push(JSON.parse(line));
    process.stdout.write(`${line}\n`);
  }
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version };
  writeFileSync('bench/benefits.json', `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`);
}

if (process.argv[2] === '--child') await child(process.argv[3] as Engine);
else await main();
