import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch, type PolicyTotals } from '../rules/batch.ts';
import { dayOfDate } from '../rules/functions.ts';
import { readPack } from '../rules/pack-yaml.ts';
import { withCountyValues } from '../rules/pack-tests.ts';
import { runBatchFile } from './rules-batch.ts';

const linxia = withCountyValues(readPack(readFileSync(new URL('../../packs/policies/linxia-2020-employment.yaml', import.meta.url), 'utf8')), {
  workshop_award: { '622921': '4000元', '622927': '2500元' },
  labour_award: { '622901': '3600元' },
});
const asOfDay = dayOfDate('2020-12-31');
const directory = mkdtempSync(join(tmpdir(), 'wenbao-rules-batch-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The single-thread path (`runBatch`) over the bytes: its output and totals. */
function single(bytes: Buffer): { output: Buffer; totals: PolicyTotals[] } {
  let position = 0;
  const chunks: Buffer[] = [];
  const totals = runBatch(
    linxia,
    {
      read: (buffer, offset, length) => {
        const count = Math.min(length, bytes.length - position);
        buffer.set(bytes.subarray(position, position + count), offset);
        position += count;
        return count;
      },
      write: (written) => chunks.push(Buffer.from(written)),
    },
    { asOfDay },
  );
  return { output: Buffer.concat(chunks), totals };
}

let files = 0;
/** The file path: its output and totals, on `parts` threads that each take a share, reading blocks of `blockBytes`. */
async function parallel(bytes: Buffer, parts: number, blockBytes = 4 << 20): Promise<{ output: Buffer; totals: PolicyTotals[] }> {
  const input = join(directory, `in-${files}.csv`);
  const output = join(directory, `out-${files++}.csv`);
  writeFileSync(input, bytes);
  const totals = await runBatchFile(linxia, input, output, { asOfDay, parts, minPartBytes: 1, blockBytes, awaitWorkers: true });
  return { output: readFileSync(output), totals };
}

const header = 'person.id,person.county,person.groups,person.local,hire.id,hire.employer_kind,hire.employer_size,hire.same_county,hire.start_date,hire.end_date,transfer.organised,transfer.on,transfer.scope,loan.requested,business.first,business.opened_on,loan.applied_on';
function row(person: string, hire: string, extra: Partial<Record<'county' | 'groups' | 'start', string>> = {}): string {
  return [person, extra.county ?? '622921', extra.groups ?? '建档立卡贫困', '1', hire, '企业', '小型', '1', extra.start ?? '2020-02-01', '', '1', '2020-03-01', '省外', '200000', '1', '2020-03-01', '2020-05-01'].join(',');
}

describe('rules.batch-file', () => {
  it('gives the single-thread output byte for byte: once-per repeats across the cut, quotes, CRLF, a BOM, no final line feed', async () => {
    // The same hire and person ids in every quarter of the file, so that each part repeats grants of the parts before it.
    const rows: string[] = [];
    for (let index = 0; index < 400; index++) {
      const id = String(index % 37);
      rows.push(index % 11 === 0 ? `"${id}","622921",建档立卡贫困|边缘易致贫,1,"H${index % 29}",企业,小型,1,2020-02-01,,1,2020-03-01,省外,"150000",1,2020-03-01,2020-05-01` : row(id, index % 5 === 0 ? `H${index % 29}` : String(index % 41), { county: index % 3 ? '622901' : '622927', start: index % 7 ? '2020-02-01' : '2019-06-30' }));
    }
    rows.push('', row('900', '900'));
    const text = `\uFEFF${header}\r\n${rows.join('\r\n')}`;
    const bytes = Buffer.from(text);
    const expected = single(bytes);
    expect(expected.totals.some((total) => total.suppressed > 0)).toBe(true);
    for (const parts of [1, 2, 3]) {
      for (const blockBytes of [64, 1000, 4 << 20]) {
        const got = await parallel(bytes, parts, blockBytes);
        expect(got.output.equals(expected.output)).toBe(true);
        expect(got.totals).toEqual(expected.totals);
      }
    }
  }, 60_000);

  it('gives the single-thread output for a file of a header alone, and of blank lines', async () => {
    for (const text of [`${header}\n`, header, `${header}\n\n\r\n`]) {
      const bytes = Buffer.from(text);
      const expected = single(bytes);
      const got = await parallel(bytes, 2, 64);
      expect(got.output.equals(expected.output)).toBe(true);
      expect(got.totals).toEqual(expected.totals);
    }
  });

  it('agrees with the single-thread path on random files cut anywhere', async () => {
    const cell = fc.record({
      person: fc.constantFrom('1', '2', '3', '007', 'x9', ''),
      hire: fc.constantFrom('10', '11', 'h1', ''),
      groups: fc.constantFrom('建档立卡贫困', '边缘易致贫', '[]', '', '建档立卡贫困|退役军人'),
      start: fc.constantFrom('2019-12-31', '2020-01-01', '2020-06-30', ''),
      county: fc.constantFrom('622921', '622927', '622901', '"622922"'),
    });
    const line = cell.map(({ person, hire, groups, start, county }) => row(person, hire, { groups, start, county }));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 60 }), fc.integer({ min: 2, max: 3 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), async (lines, parts, end, final) => {
        const bytes = Buffer.from(`${header}${end}${lines.join(end)}${final ? end : ''}`);
        const expected = single(bytes);
        const got = await parallel(bytes, parts, 64);
        expect(got.output.toString()).toEqual(expected.output.toString());
        expect(got.totals).toEqual(expected.totals);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('refuses a value of the wrong type naming the line and column, in whichever part it is', async () => {
    const rows = Array.from({ length: 300 }, (_, index) => row(String(index), String(index)));
    const late = [...rows];
    late[250] = row('250', '250', { start: '2020-02-30' });
    await expect(parallel(Buffer.from(`${header}\n${late.join('\n')}\n`), 2)).rejects.toThrow(/line 252, column "hire.start_date": expected date, got "2020-02-30"/);
    const both = [...late];
    both[20] = row('20', '20', { groups: '党员' });
    await expect(parallel(Buffer.from(`${header}\n${both.join('\n')}\n`), 3)).rejects.toThrow(/line 22, column "person.groups": expected list\(enum/);
    const short = [...rows];
    short[280] = '280,622921';
    await expect(parallel(Buffer.from(`${header}\n${short.join('\n')}\n`), 2)).rejects.toThrow(/line 282 has 2 fields; the header has 17/);
    await expect(parallel(Buffer.from(`person.id,person.age\n1,3\n`), 2)).rejects.toThrow(/header "person.age"/);
  }, 60_000);
});
