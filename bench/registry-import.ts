/**
 * Registry import benchmark: a million persons (valid identity numbers, seeded, a third with groups) as CSV
 * and as xlsx, imported through `importRegistryFile` (the same path as `wenbao registry import persons`)
 * on PostgreSQL (csv and xlsx) and PGlite (csv), each in a child process of its own so its peak RSS is its
 * own; and, as the yardstick, psql's `\copy` of the same CSV into a bare table on the same server. Each
 * import also reports its CPU seconds in Node and, on PostgreSQL, in the server processes of its database
 * (read from /proc), which compare runs on a shared machine where wall time does not.
 *
 *   node bin/run-ts.mjs bench/registry-import.ts                 # PGlite only
 *   BENCH_DATABASE_URL=postgres://… node bin/run-ts.mjs bench/registry-import.ts
 *   BENCH_ROWS=100000 …                                          # a smaller file
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import { importRegions } from '../src/org/index.ts';
import { commandLineRegistryActor, importRegistryFile, type TableFormat } from '../src/registry/index.ts';
import type { Engine } from '../src/store/database.ts';
import type { Database } from '../src/store/tables.ts';
import { migrate } from '../src/store/migrate.ts';
import { residentIdFor } from '../test/support/registry-ids.ts';
import { openFreshStore } from './engines.ts';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const serverUrl = process.env.BENCH_DATABASE_URL;
const directory = join(tmpdir(), `wenbao-bench-registry-${rows}`);
const counties = ['622921', '622922', '622923', '622924', '622925', '622926', '622927', '622901', '532601', '532622', '532623', '532624', '532625', '532626', '532627', '532628'];
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const given = '明华强军平芳娜敏静丽伟刚勇毅俊峰建国秀英兰玉霞梅海波斌宇浩然子涵欣怡';
const groupNames = ['建档立卡贫困劳动力', '边缘易致贫户', '高校毕业生', '退役军人', '残疾人', '登记失业人员', '就业困难人员'];
const header = ['身份证号', '姓名', '户籍地区划代码', '联系电话', '人员类别', '类别认定日期'];

/** mulberry32: a small seeded generator, so every run builds the same file. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Row `index` of the file: unique identity numbers (county × birth day × sequence). */
function* personRows(): Generator<string[]> {
  const random = generator(20200630);
  const pick = (text: string) => text.charAt(Math.floor(random() * text.length));
  const dayCount = 18_250;
  for (let index = 0; index < rows; index += 1) {
    const county = counties[index % counties.length] as string;
    const ordinal = Math.floor(index / counties.length);
    const birth = new Date(Date.UTC(1960, 0, 1) + (ordinal % dayCount) * 86_400_000).toISOString().slice(0, 10);
    const id = residentIdFor(county, birth, Math.floor(ordinal / dayCount) * 2 + (random() < 0.5 ? 1 : 0) + 100);
    const name = pick(surnames) + pick(given) + (random() < 0.6 ? pick(given) : '');
    const phone = random() < 0.7 ? `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : '';
    const grouped = random() < 0.33;
    yield [id, name, county, phone, grouped ? (groupNames[Math.floor(random() * groupNames.length)] as string) : '', grouped ? '2019-01-01' : ''];
  }
}

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  let buffer = `${header.join(',')}\n`;
  for (const row of personRows()) {
    buffer += `${row.join(',')}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

async function writeXlsx(path: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow(header).commit();
  for (const row of personRows()) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

/** Runs one import in this process and prints its figures as JSON. */
async function child(engine: Engine, format: TableFormat, file: string): Promise<void> {
  const opened = await openFreshStore(engine, serverUrl);
  try {
    const { db } = opened.store;
    await migrate(db);
    await importRegions({ db, actor: { id: null, name: 'bench' }, now: new Date() }, ['622900', '532600'], { maxLevel: 'county' });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    let lastReport = 0;
    const result = await importRegistryFile(
      db,
      { actor: commandLineRegistryActor, audit: { id: null, name: 'bench' }, userId: null, now: () => new Date() },
      {
        kind: 'persons',
        fileName: file,
        format,
        source: createReadStream(file, { highWaterMark: 1 << 20 }),
        regionCode: '000000',
        onProgress: ({ rowsRead, status }) => {
          const now = performance.now();
          if (now - lastReport < 1000 && status === 'reading') return;
          lastReport = now;
          process.stderr.write(`\r  ${engine} ${format}: ${status} ${rowsRead.toLocaleString('en')} rows   `);
        },
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const serverCpuSeconds = engine === 'postgres' ? await serverCpu(db) : null;
    const cpu = process.cpuUsage(cpuBefore);
    process.stderr.write('\n');
    if (result.status !== 'committed') throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 5))}`);
    const figures = { engine, format, version: opened.version, rows: result.rowsRead, created: result.created, seconds, rowsPerSecond: result.rowsRead / seconds, nodeCpuSeconds: (cpu.user + cpu.system) / 1e6, serverCpuSeconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
    console.log(JSON.stringify(figures));
  } finally {
    await opened.dispose();
  }
}

/**
 * CPU seconds spent by the server processes of this database's connections (the import's pool), read from
 * /proc: on a shared machine CPU time compares runs where wall time does not. Null when /proc is not readable.
 */
async function serverCpu(db: Kysely<Database>): Promise<number | null> {
  const backends = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  let ticks = 0;
  // The pool's connections opened before the import (migrations, regions) are counted too; they did little.
  try {
    for (const { pid } of backends.rows) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return null;
  }
  return ticks / 100;
}

/** psql's `\copy` of the same CSV into a bare table of text columns: the floor any import is measured against. */
function copyBaseline(file: string): { seconds: number; rowsPerSecond: number } {
  const table = `wenbao_copy_bench_${process.pid}`;
  const psql = (command: string) => {
    const started = performance.now();
    const run = spawnSync('psql', [serverUrl as string, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return (performance.now() - started) / 1000;
  };
  psql(`create table ${table} (resident_id text, name text, hukou text, phone text, groups text, group_start text)`);
  try {
    const seconds = psql(`\\copy ${table} from '${file}' with (format csv, header true)`);
    return { seconds, rowsPerSecond: rows / seconds };
  } finally {
    psql(`drop table ${table}`);
  }
}

function runChild(engine: Engine, format: TableFormat, file: string) {
  const run = spawnSync(process.execPath, ['bin/run-ts.mjs', 'bench/registry-import.ts', '--child', engine, format, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${engine} ${format} import failed`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
}

async function main(): Promise<void> {
  mkdirSync(directory, { recursive: true });
  const csv = join(directory, 'persons.csv');
  const xlsx = join(directory, 'persons.xlsx');
  if (!existsSync(csv)) await writeCsv(csv);
  if (!existsSync(xlsx)) await writeXlsx(xlsx);
  process.stderr.write(`data: ${rows.toLocaleString('en')} persons; csv ${(statSync(csv).size / 2 ** 20).toFixed(1)} MiB, xlsx ${(statSync(xlsx).size / 2 ** 20).toFixed(1)} MiB in ${directory}\n`);
  const results = [];
  if (serverUrl) {
    results.push(runChild('postgres', 'csv', csv));
    results.push(runChild('postgres', 'xlsx', xlsx));
  }
  results.push(runChild('pglite', 'csv', csv));
  const copy = serverUrl ? copyBaseline(csv) : null;
  console.log('| import | engine | rows | seconds | rows/s | Node CPU (s) | server CPU (s) | peak RSS (MiB) |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const result of results) {
    console.log(`| ${result.format} | ${result.engine} | ${result.rows.toLocaleString('en')} | ${result.seconds.toFixed(1)} | ${Math.round(result.rowsPerSecond).toLocaleString('en')} | ${result.nodeCpuSeconds.toFixed(1)} | ${result.serverCpuSeconds?.toFixed(1) ?? '—'} | ${Math.round(result.peakRssMiB)} |`);
  }
  if (copy) console.log(`| psql \\copy into a bare table | postgres | ${rows.toLocaleString('en')} | ${copy.seconds.toFixed(1)} | ${Math.round(copy.rowsPerSecond).toLocaleString('en')} | — | — | — |`);
  writeFileSync('bench/registry-import.json', `${JSON.stringify({ rows, csvBytes: statSync(csv).size, xlsxBytes: statSync(xlsx).size, results, copy }, null, 2)}\n`);
}

if (process.argv[2] === '--child') await child(process.argv[3] as Engine, process.argv[4] as TableFormat, process.argv[5] as string);
else await main();
