import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBatch } from './batch.ts';
import { readFacts } from './facts.ts';
import { dayOfDate } from './functions.ts';
import type { Pack } from './pack.ts';
import { readPack } from './pack-yaml.ts';
import { withCountyValues } from './pack-tests.ts';
import { evaluatePack } from './precedence.ts';
import type { RuleType } from './types.ts';

const linxia = withCountyValues(readPack(readFileSync(new URL('../../packs/policies/linxia-2020-employment.yaml', import.meta.url), 'utf8')), {
  workshop_award: { '622921': '4000元', '622927': '2500元' },
  labour_award: { '622901': '3600元' },
});

const dates = fc.integer({ min: dayOfDate('2019-10-01'), max: dayOfDate('2021-06-30') }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

function cell(path: string, type: RuleType): fc.Arbitrary<string> {
  const value: fc.Arbitrary<string> = (() => {
    if (path.endsWith('.id')) return fc.constantFrom('1', '2', '3', '007', 'x9');
    if (path === 'person.county') return fc.constantFrom('622901', '622921', '622927', '622922');
    switch (type.kind) {
      case 'date':
        return dates;
      case 'boolean':
        return fc.constantFrom('1', '0', '是', 'false');
      case 'enum':
        return fc.constantFrom(...type.values);
      case 'list':
        return fc.subarray(type.of.kind === 'enum' ? type.of.values : []).map((items) => (items.length ? items.join('|') : '[]'));
      case 'money':
        return fc.constantFrom('0', '80000.5', '150000', '200000', '260000');
      case 'months':
        return fc.constantFrom('3', '5', '6', '12');
      default:
        return fc.constantFrom('49', '50', '5.9', '6', '120');
    }
  })();
  return fc.oneof({ arbitrary: value, weight: 6 }, { arbitrary: fc.constant(''), weight: 1 });
}

function batchOf(pack: Pack, header: string[], rows: string[][], asOf: string): string[] {
  const bytes = Buffer.from(`${header.join(',')}\n${rows.map((row) => row.join(',')).join('\n')}\n`);
  let position = 0;
  const chunks: Buffer[] = [];
  runBatch(
    pack,
    {
      read: (buffer, offset, length) => {
        const count = Math.min(length, bytes.length - position);
        buffer.set(bytes.subarray(position, position + count), offset);
        position += count;
        return count;
      },
      write: (written) => chunks.push(Buffer.from(written)),
    },
    // Small chunks and buffers so that rows straddle reads and chunks.
    { asOfDay: dayOfDate(asOf), chunkRows: 3, bufferBytes: 64 },
  );
  return Buffer.concat(chunks).toString().trimEnd().split('\n').slice(1);
}

describe('rules.batch', () => {
  const header = [...linxia.schema.facts.keys()];
  const row = fc.tuple(...header.map((path) => cell(path, (linxia.schema.facts.get(path) as { type: RuleType }).type)));

  it('agrees with single evaluation on random facts, precedence and once-per limits included', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 25 }), dates, (rows, asOf) => {
        const ledger = new Set<string>();
        const single = rows.map((cells) => {
          const raw = Object.fromEntries(header.map((path, index) => [path, cells[index]]));
          const decisions = evaluatePack(linxia, readFacts(linxia.schema, raw), asOf, ledger);
          const amounts = [...decisions.values()].map((decision) => (decision.status === 'eligible' ? (decision.amount / 100).toFixed(2) : decision.status === 'undetermined' ? '?' : ''));
          return [cells[0], ...amounts].join(',');
        });
        expect(batchOf(linxia, header, rows.map((cells) => [...cells]), asOf)).toEqual(single);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('refuses a value of the wrong type naming the line and the column', () => {
    const rows = [['1', '622921', '建档立卡贫困', '1'], ['2', '622921', '党员', '1']];
    expect(() => batchOf(linxia, ['person.id', 'person.county', 'person.groups', 'person.local'], rows, '2020-12-31')).toThrow(/line 3, column "person.groups": expected list\(enum/);
    expect(() => batchOf(linxia, ['person.id', 'hire.start_date'], [['1', '2020-13-01']], '2020-12-31')).toThrow(/line 2, column "hire.start_date"/);
    expect(() => batchOf(linxia, ['person.id', 'person.age'], [['1', '3']], '2020-12-31')).toThrow(/header "person.age"/);
  });

  it('reads quoted fields and CRLF line ends', () => {
    const bytes = ['person.id', 'loan.requested', 'loan.applied_on'];
    const [line] = batchOf(linxia, bytes, [['"9"', '"250000"', '2020-05-01\r']], '2020-12-31');
    expect(line?.startsWith('"9",')).toBe(true);
    expect(line?.endsWith(',200000.00')).toBe(true);
  });
});
