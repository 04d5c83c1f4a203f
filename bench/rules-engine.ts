/**
 * Rules engine benchmark: `node bin/run-ts.mjs bench/rules-engine.ts [--rows 1000000] [--runs 5]`.
 *
 * Generates the seeded facts CSV (bench/rules-dataset.ts) once per size, then runs the real command
 * `wenbao rules run packs/policies/linxia-2020-employment.yaml --input … --output …` as a child process,
 * under /usr/bin/time -v, several times after one warm-up: whole-process wall time (start, read,
 * compute, totals, write) and peak RSS, reported as median, min and max. The totals the command prints
 * are checked to the fen against an independent evaluation (bench/rules-reference.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeDataset } from './rules-dataset.ts';
import { benchCounties, referenceTotals } from './rules-reference.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } } });
const rows = Number(values.rows);
const runs = Number(values.runs);
const asOf = '2020-12-31';
const root = fileURLToPath(new URL('..', import.meta.url));
const pack = join(root, 'packs/policies/linxia-2020-employment.yaml');
const input = join(tmpdir(), `wenbao-rules-facts-${rows}.csv`);
const output = join(tmpdir(), `wenbao-rules-out-${process.pid}.csv`);
const counties = join(tmpdir(), `wenbao-rules-counties-${process.pid}.yaml`);

if (!existsSync(input)) {
  process.stderr.write(`generating ${rows} rows into ${input} …\n`);
  await writeDataset(input, rows);
}
const yuan = (fen: number): string => `${(fen / 100).toFixed(2)}元`;
writeFileSync(
  counties,
  Object.entries(benchCounties)
    .map(([name, byCounty]) => `${name}: { ${Object.entries(byCounty).map(([county, fen]) => `'${county}': ${yuan(fen)}`).join(', ')} }`)
    .join('\n'),
);

interface Run {
  wall: number;
  peakMiB: number;
  stdout: string;
}

function runOnce(): Run {
  const started = performance.now();
  const child = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, join(root, 'bin/wenbao.mjs'), 'rules', 'run', pack, '--input', input, '--output', output, '--as-of', asOf, '--counties', counties],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`the command failed:\n${child.stderr}`);
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr);
  return { wall, peakMiB: Number(peak?.[1]) / 1024, stdout: child.stdout };
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const loadBefore = loadavg();
runOnce();
const measured: Run[] = [];
for (let index = 0; index < runs; index++) measured.push(runOnce());
const loadAfter = loadavg();

// The totals the command printed, checked against the independent evaluation.
const printed = new Map<string, { granted: number; fen: number; undetermined: number; suppressed: number }>();
for (const line of (measured[0] as Run).stdout.split('\n').slice(1)) {
  const [policy, , granted, amount, undetermined, suppressed] = line.split('\t');
  if (!policy || amount === undefined) continue;
  const [whole = '0', cents = '0'] = amount.replace(/,/g, '').split('.');
  printed.set(policy, { granted: Number(granted), fen: Number(whole) * 100 + Number(cents), undetermined: Number(undetermined), suppressed: Number(suppressed) });
}
const reference = referenceTotals(input, asOf);
const mismatches: string[] = [];
for (const [policy, expected] of reference) {
  const got = printed.get(policy);
  if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${policy}: engine ${JSON.stringify(got)}, reference ${JSON.stringify(expected)}`);
}

const walls = measured.map((run) => run.wall);
const peaks = measured.map((run) => run.peakMiB);
console.log(`| figure | median | min | max |\n| --- | ---: | ---: | ---: |`);
console.log(`| whole process, wall (s) | ${median(walls).toFixed(3)} | ${Math.min(...walls).toFixed(3)} | ${Math.max(...walls).toFixed(3)} |`);
console.log(`| peak RSS (MiB) | ${median(peaks).toFixed(1)} | ${Math.min(...peaks).toFixed(1)} | ${Math.max(...peaks).toFixed(1)} |`);
console.log(`\n${rows.toLocaleString('en')} rows, ${(statSync(input).size / 1e6).toFixed(1)} MB of CSV in, ${(statSync(output).size / 1e6).toFixed(1)} MB out; ${runs} runs after 1 warm-up`);
console.log(`machine: ${cpus()[0]?.model.trim()} (${cpus().length} cores), ${(totalmem() / 1024 ** 3).toFixed(1)} GB, Node ${process.version}, ${type()} ${release()}; load ${loadBefore[0]?.toFixed(2)} → ${loadAfter[0]?.toFixed(2)}`);
console.log(mismatches.length ? `TOTALS DIFFER:\n${mismatches.join('\n')}` : `totals match the independent evaluation to the fen for all ${reference.size} policies`);
console.log(`\n${(measured[0] as Run).stdout}`);
process.exitCode = mismatches.length ? 1 : 0;
