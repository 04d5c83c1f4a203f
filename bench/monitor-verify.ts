/**
 * Checks that the bulk-built roll-ups are what the service would have built: a sample of roll-up rows at every
 * level is recounted from the values, then a few values are saved through `saveValueRows` (the save path of
 * forms, imports and the API) and every ancestor row they touched is recounted again.
 */
import { sql, type Kysely } from 'kysely';
import { regionAncestry } from '../src/kernel/region-code.ts';
import { saveValueRows, type ValueRow } from '../src/monitor/index.ts';
import type { Database } from '../src/store/tables.ts';
import { benchCode, benchProvince, lastMonth, provinceShape } from './monitor-catalogue.ts';
import { recount, type RollupCheck } from './monitor-data.ts';

/** What the verification found. */
export interface Verification {
  /** Roll-up rows recounted straight after the bulk build, and how many differed. */
  bulk: { checked: number; mismatches: RollupCheck[] };
  /** Values saved through `saveValueRows`, the ancestor rows recounted after it, and how many differed. */
  service: { saved: number; checked: number; mismatches: RollupCheck[] };
}

/** Indicators of every entry level and aggregation that the sample covers. */
const sampleIndicators = ['migrant_workers_returned', 'household_income_mean', 'unsold_produce_tonnes', 'township_new_jobs', 'urban_new_jobs', 'pork_price'].map(benchCode);

async function villageAt(db: Kysely<Database>, offset: number): Promise<string> {
  const result = await sql<{ code: string }>`select code from region where level = 5 and prefix like '99%' order by code offset ${offset} limit 1`.execute(db);
  return result.rows[0]!.code;
}

async function checkChains(db: Kysely<Database>, ids: ReadonlyMap<string, string>, targets: { code: string; regionCode: string; period: string }[]): Promise<{ checked: number; mismatches: RollupCheck[] }> {
  const mismatches: RollupCheck[] = [];
  let checked = 0;
  const seen = new Set<string>();
  for (const target of targets) {
    for (const regionCode of regionAncestry(target.regionCode)) {
      const key = `${target.code}|${regionCode}|${target.period}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const check = await recount(db, ids.get(target.code)!, regionCode, target.period);
      checked += 1;
      if (!check.equal) mismatches.push({ indicator: target.code, ...check });
    }
  }
  return { checked, mismatches };
}

/** Recounts a sample of bulk roll-ups, saves values through the service, and recounts what they touched. */
export async function verifyRollups(db: Kysely<Database>, ids: ReadonlyMap<string, string>): Promise<Verification> {
  const villages = [await villageAt(db, 0), await villageAt(db, Math.floor(provinceShape.villages / 2)), await villageAt(db, provinceShape.villages - 1)];
  const periods = [`${provinceShape.firstMonth}`, '2024-07', lastMonth];
  const bulkTargets = sampleIndicators.flatMap((code) => villages.flatMap((regionCode) => periods.map((period) => ({ code, regionCode, period }))));
  const bulk = await checkChains(db, ids, bulkTargets);

  const period = '2025-06';
  const [first, middle] = villages as [string, string, string];
  const neighbour = `${first.slice(0, 9)}${String(Number(first.slice(9)) + 1).padStart(3, '0')}`;
  const rows: ValueRow[] = [
    { indicatorId: ids.get(benchCode('migrant_workers_returned'))!, regionCode: first, subjectId: null, period, breakdown: '', value: 17 },
    { indicatorId: ids.get(benchCode('migrant_workers_returned'))!, regionCode: neighbour, subjectId: null, period, breakdown: '', value: 3 },
    { indicatorId: ids.get(benchCode('migrant_workers_returned'))!, regionCode: middle, subjectId: null, period, breakdown: '', value: 41 },
    { indicatorId: ids.get(benchCode('household_income_mean'))!, regionCode: middle, subjectId: null, period, breakdown: '', value: 1234 },
    { indicatorId: ids.get(benchCode('unsold_produce_tonnes'))!, regionCode: first, subjectId: null, period, breakdown: '', value: '12.7' },
    { indicatorId: ids.get(benchCode('township_new_jobs'))!, regionCode: middle.slice(0, 9), subjectId: null, period, breakdown: '', value: 88 },
    { indicatorId: ids.get(benchCode('urban_new_jobs'))!, regionCode: first.slice(0, 6), subjectId: null, period, breakdown: '', value: 4321 },
    { indicatorId: ids.get(benchCode('pork_price'))!, regionCode: middle.slice(0, 6), subjectId: null, period, breakdown: '', value: '31.27' },
  ];
  const saved = await db.transaction().execute(async (trx) => {
    const result = await saveValueRows({ db: trx, actor: { id: null, name: 'bench:verify' }, now: new Date() }, rows, { source: 'api' });
    return result.saved;
  });
  const codeOf = new Map([...ids].map(([code, id]) => [id, code]));
  const service = await checkChains(
    db,
    ids,
    rows.map((row) => ({ code: codeOf.get(row.indicatorId)!, regionCode: row.regionCode, period })),
  );
  if (!regionAncestry(first).includes(benchProvince)) throw new Error(`the sample village ${first} is outside the benchmark province`);
  return { bulk, service: { saved, ...service } };
}
