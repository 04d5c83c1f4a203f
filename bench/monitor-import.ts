/**
 * Benchmark of the monitoring spreadsheet import: 100,000 enterprise rows uploaded as CSV and as xlsx,
 * checked (two streaming passes, staged chunk by chunk) and committed (one transaction with live roll-ups).
 * Run `node bin/run-ts.mjs bench/monitor-import.ts [rows]`, with `BENCH_DATABASE_URL=postgres://…` to use
 * PostgreSQL instead of PGlite. Prints the time of each phase and the process's peak RSS.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import type { Actor } from '../src/kernel/actor.ts';
import { commitMonitorImport, createMonitorImport, runImportCheck } from '../src/monitor/index.ts';
import { importRegions } from '../src/org/index.ts';
import type { WriteContext } from '../src/store/audit.ts';
import { migrate } from '../src/store/migrate.ts';
import { openFreshStore } from './engines.ts';

const rows = Number(process.argv[2] ?? 100_000);
const engine = process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite';
const bench = await openFreshStore(engine, process.env.BENCH_DATABASE_URL);
const { db } = bench.store;
const clock = () => new Date('2020-07-20T02:00:00Z');
const context = (trx = db): WriteContext => ({ db: trx, actor: { id: null, name: 'bench' }, now: clock() });
const actor: Actor = { userId: '00000000-0000-0000-0000-000000000000', username: 'bench', grants: [{ role: 'coordinator', unitId: '00000000-0000-0000-0000-000000000000', regionCode: '622900' }] };

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label.padEnd(34)} ${((performance.now() - start) / 1000).toFixed(2)} s`);
  return result;
}

try {
  await migrate(db);
  await importRegions(context(), ['622900'], { maxLevel: 'county' });
  const { id: indicatorId } = await db
    .insertInto('monitor_indicator')
    .values({ code: 'bench_headcount', name_zh: '用工人数', name_en: 'Headcount', unit: '人', value_type: 'integer', frequency: 'month', entry_level: 'subject', subject_kind: 'enterprise', region_aggregation: 'sum', time_aggregation: 'last' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: formId } = await db
    .insertInto('monitor_form')
    .values({ code: 'bench_enterprise', name_zh: '企业月报', name_en: 'Enterprise monthly', reporter_level: 'subject', subject_kind: 'enterprise', frequency: 'month', scope_region_code: '622900' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('monitor_form_indicator').values({ form_id: formId, indicator_id: indicatorId, position: 0 }).execute();
  await sql`insert into monitor_subject (kind, code, name, region_code)
    select 'enterprise', 'E' || lpad(n::text, 6, '0'), 'Enterprise ' || n, '62292' || (1 + n % 7)::text from generate_series(1, ${rows}) as n`.execute(db);
  const codes = Array.from({ length: rows }, (_, index) => `E${String(index + 1).padStart(6, '0')}`);

  const csv = Buffer.from(['subject,name,bench_headcount', ...codes.map((code, index) => `${code},Enterprise ${index + 1},${100 + (index % 50)}`)].join('\n'));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Data');
  sheet.addRow(['subject', 'name', 'bench_headcount']);
  for (const [index, code] of codes.entries()) sheet.addRow([code, `Enterprise ${index + 1}`, 200 + (index % 50)]);
  const xlsx = Buffer.from(await book.xlsx.writeBuffer());
  console.log(`${engine}: ${rows} rows; csv ${(csv.length / 1e6).toFixed(1)} MB, xlsx ${(xlsx.length / 1e6).toFixed(1)} MB`);

  for (const [name, bytes, period] of [
    ['rows.csv', csv, '2020-05'],
    ['rows.xlsx', xlsx, '2020-06'],
  ] as const) {
    const { id, claim } = await db.transaction().execute((trx) => createMonitorImport(context(trx), actor, { formId, period, upload: { fileName: name, bytes } }));
    await timed(`${name}: check`, () => runImportCheck(db, id, claim, clock));
    const state = await db.selectFrom('monitor_import').select(['status', 'processed_rows', 'error_count']).where('id', '=', id).executeTakeFirstOrThrow();
    if (state.status !== 'checked' || state.error_count !== 0 || state.processed_rows !== rows) throw new Error(`unexpected check result ${JSON.stringify(state)}`);
    const result = await timed(`${name}: commit`, () => db.transaction().execute((trx) => commitMonitorImport(context(trx), actor, id)));
    if (result.saved !== rows) throw new Error(`saved ${result.saved}`);
  }
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  await bench.dispose();
}
