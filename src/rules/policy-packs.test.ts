import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBatch } from './batch.ts';
import { readFacts } from './facts.ts';
import { dayOfDate } from './functions.ts';
import { findOverlaps } from './overlap.ts';
import type { Pack } from './pack.ts';
import { readPack } from './pack-yaml.ts';
import { runPackTests, withCountyValues } from './pack-tests.ts';
import { evaluatePack } from './precedence.ts';

// Every shipped policy pack: it loads and type-checks, declares every overlap, passes its own test cases, tests each
// policy more than once, and quotes its basis from the seed documents (held word for word in packs/plans/).
const policiesFolder = new URL('../../packs/policies/', import.meta.url);
const plansFolder = new URL('../../packs/plans/', import.meta.url);
const files = readdirSync(policiesFolder).filter((name) => name.endsWith('.yaml')).sort();
const seeds = readdirSync(plansFolder)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => readFileSync(new URL(name, plansFolder), 'utf8'))
  .join('\n')
  .replace(/\s/g, '');

/** The quote's sentences, cut at Chinese and ASCII punctuation, long enough to be worth finding. */
function sentencesOf(quote: string): string[] {
  return quote.split(/[，。；,;]/).map((part) => part.replace(/\s/g, '')).filter((part) => part.length > 6);
}

/** A test case's fact as CSV text: money and dates are already text in the packs, booleans and numbers are not. */
function cellOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

/** One row through the compiled batch engine: the policies' cells as `rules run` writes them. */
function batchRow(pack: Pack, header: string[], row: string[], asOf: string): string {
  const bytes = Buffer.from(`${header.join(',')}\n${row.join(',')}\n`);
  let position = 0;
  const chunks: Buffer[] = [];
  const io = {
    read: (buffer: Uint8Array, offset: number, length: number) => {
      const count = Math.min(length, bytes.length - position);
      buffer.set(bytes.subarray(position, position + count), offset);
      position += count;
      return count;
    },
    write: (written: Uint8Array) => chunks.push(Buffer.from(written)),
  };
  runBatch(pack, io, { asOfDay: dayOfDate(asOf) });
  return Buffer.concat(chunks).toString().trimEnd().split('\n')[1] ?? '';
}

describe('rules.policy packs', () => {
  it('finds the packs', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(files)('%s', (file) => {
    const pack = readPack(readFileSync(new URL(file, policiesFolder), 'utf8'), file);

    it('is named after its file', () => {
      expect(`${pack.id}.yaml`).toBe(file);
    });

    it('declares every overlap: no two policies are granted together unless grouped or combinable', () => {
      expect(findOverlaps(pack).map((overlap) => overlap.message.en)).toEqual([]);
    });

    it('passes every test case', () => {
      const failures = runPackTests(pack).filter((result) => !result.passed);
      expect(failures.map((result) => `${result.policy ?? 'pack'}: ${result.name}: ${result.problems.join('; ')}`)).toEqual([]);
    });

    it('gives the same decisions compiled (rules run) as evaluated one by one, on every test case\'s facts', () => {
      const header = [...pack.schema.facts.keys()];
      for (const { case: testCase } of pack.tests) {
        const withCounties = testCase.counties ? withCountyValues(pack, testCase.counties) : pack;
        const row = header.map((path) => cellOf(testCase.facts[path]));
        const decisions = evaluatePack(withCounties, readFacts(pack.schema, Object.fromEntries(header.map((path, index) => [path, row[index]]))), testCase.asOf);
        const cells = [...decisions.values()].map((decision) => (decision.status === 'eligible' ? (decision.amount / 100).toFixed(2) : decision.status === 'undetermined' ? '?' : ''));
        expect(batchRow(withCounties, header, row, testCase.asOf), testCase.name).toBe([row[0], ...cells].join(','));
      }
    });

    it('tests every policy at least twice', () => {
      for (const policy of pack.policies) {
        expect(pack.tests.filter((test) => test.policy === policy.id).length, policy.id).toBeGreaterThanOrEqual(2);
      }
    });

    it('quotes every basis word for word from a seed document', () => {
      for (const policy of pack.policies) {
        const sentences = sentencesOf(policy.basis.quote);
        expect(sentences.length, policy.id).toBeGreaterThan(0);
        for (const sentence of sentences) expect(seeds.includes(sentence), `${policy.id}: ${sentence}`).toBe(true);
      }
    });
  });
});
