/**
 * `wenbao rules check PACK` and `wenbao rules run PACK --input facts.csv --output out.csv`. This module
 * imports the rules engine and Node's own modules only — no database, server or Fastify — because
 * `bin/wenbao.mjs` loads it on a light path where start-up time counts in every batch run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../kernel/errors.ts';
import { formatYuan } from '../kernel/money.ts';
import { chinaDate, isIsoDate } from '../kernel/periods.ts';
import type { PolicyTotals } from '../rules/batch.ts';
import { dayOfDate } from '../rules/functions.ts';
import { findOverlaps, type Overlap } from '../rules/overlap.ts';
import { readPackDocument, type Pack } from '../rules/pack.ts';
import { runPackTests, withCountyValues } from '../rules/pack-tests.ts';
import { runBatchFile, startPartWorkers } from './rules-batch.ts';

const usage = `usage:
  wenbao rules check PACK.yaml
      type-check the pack, look for undeclared overlaps and run its test cases
  wenbao rules run PACK.yaml --input FACTS.csv --output OUT.csv [--as-of YYYY-MM-DD] [--counties COUNTIES.yaml]
      evaluate every row (header: fact paths); write the first column and each policy's amount in yuan
      (empty: not granted, ?: undetermined) and print totals per policy`;

// Parsed YAML and overlap verdicts are kept by the hash of their text: a warm `rules run` loads no YAML reader
// and searches for overlaps once per pack version.
const cacheDirectory = join(tmpdir(), `wenbao-rules-${process.getuid?.() ?? 'user'}`);

function hashOf(...texts: string[]): string {
  const hash = createHash('sha1');
  for (const text of texts) hash.update(text).update('\0');
  return hash.digest('hex');
}

function cached<T>(key: string, make: () => T | Promise<T>): T | Promise<T> {
  const file = join(cacheDirectory, `${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const store = (value: T): T => {
    mkdirSync(cacheDirectory, { recursive: true });
    // A private name first, then a rename: a concurrent reader never sees half a file.
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(value));
    renameSync(`${file}.${process.pid}`, file);
    return value;
  };
  const made = make();
  return made instanceof Promise ? made.then(store) : store(made);
}

async function readYamlFile(file: string): Promise<{ text: string; document: unknown }> {
  const text = readFileSync(file, 'utf8');
  const document = await cached(hashOf('yaml', text), async () => {
    const { parseYamlText } = await import('../rules/pack-yaml.ts');
    return parseYamlText(text, file);
  });
  return { text, document };
}

async function loadPack(file: string, counties?: string): Promise<{ pack: Pack; key: string }> {
  const source = await readYamlFile(file);
  let pack = readPackDocument(source.document, file);
  let key = hashOf('pack', source.text);
  if (counties) {
    const decisions = await readYamlFile(counties);
    pack = withCountyValues(pack, decisions.document as Record<string, Record<string, unknown>>, counties);
    key = hashOf('pack', source.text, decisions.text);
  }
  return { pack, key };
}

async function reportOverlaps(pack: Pack, key: string): Promise<boolean> {
  const overlaps = await cached<Overlap[]>(hashOf('overlaps', key), () => findOverlaps(pack));
  for (const overlap of overlaps) {
    console.error(`overlap: ${overlap.message.zh}\n         ${overlap.message.en}\n         e.g. as of ${overlap.asOf}: ${JSON.stringify(overlap.facts)}`);
  }
  return overlaps.length === 0;
}

async function check(file: string): Promise<number> {
  const { pack, key } = await loadPack(file);
  console.log(`${file}: ${pack.policies.length} policies, ${pack.parameters.size} parameters, ${pack.groups.length} exclusivity groups — type-checked`);
  const clean = await reportOverlaps(pack, key);
  const results = runPackTests(pack);
  const failed = results.filter((result) => !result.passed);
  for (const result of failed) console.error(`FAIL ${result.policy ?? '(pack)'} — ${result.name}\n  ${result.problems.join('\n  ')}`);
  console.log(`${results.length - failed.length} of ${results.length} test cases pass`);
  return failed.length === 0 && clean ? 0 : 1;
}

function printTotals(totals: PolicyTotals[], seconds: number, rows: number): void {
  const lines = totals.map((total) =>
    [total.policy, total.benefit, String(total.granted), formatYuan(total.amount, { unit: false }), String(total.undetermined), String(total.suppressed)].join('\t'),
  );
  const subsidies = totals.filter((total) => total.benefit === 'subsidy').reduce((sum, total) => sum + total.amount, 0);
  console.log(['policy', 'benefit', 'granted', 'amount_yuan', 'undetermined', 'suppressed'].join('\t'));
  console.log(lines.join('\n'));
  console.log(`subsidies total: ${formatYuan(subsidies, { unit: false })} yuan over ${rows} rows in ${seconds.toFixed(2)} s`);
}

async function run(file: string, options: { input?: string; output?: string; 'as-of'?: string; counties?: string }): Promise<number> {
  if (!options.input || !options.output) {
    console.error(usage);
    return 2;
  }
  const asOf = options['as-of'] ?? chinaDate();
  if (!isIsoDate(asOf)) throw new Error(`--as-of must be a date YYYY-MM-DD, not ${asOf}`);
  const started = performance.now();
  // The worker threads load while the pack is read.
  const workers = startPartWorkers(options.input);
  let totals;
  try {
    const { pack, key } = await loadPack(file, options.counties);
    if (!(await reportOverlaps(pack, key))) return 1;
    totals = await runBatchFile(pack, options.input, options.output, { asOfDay: dayOfDate(asOf), workers });
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  printTotals(totals, (performance.now() - started) / 1000, totals[0] ? totals[0].granted + totals[0].notEligible + totals[0].undetermined + totals[0].suppressed : 0);
  return 0;
}

/** Runs `wenbao rules …` with the arguments after `rules`; returns the exit code. */
export async function runRulesCommand(argv: string[]): Promise<number> {
  const [command, file, ...rest] = argv;
  try {
    if (command === 'check' && file) return await check(file);
    if (command === 'run' && file) {
      const { values } = parseArgs({ args: rest, options: { input: { type: 'string' }, output: { type: 'string' }, 'as-of': { type: 'string' }, counties: { type: 'string' } } });
      return await run(file, values);
    }
    console.error(usage);
    return 2;
  } catch (error) {
    console.error(error instanceof AppError ? `${error.text.zh}\n${error.text.en}` : error instanceof Error ? error.message : String(error));
    return 1;
  }
}
