/**
 * Builds the monitoring benchmark's data inside the database: the synthetic province's regions, the 100
 * indicators (through the service, so formulas are checked), about 10M values generated with
 * `INSERT … SELECT generate_series` (nothing crosses the wire), and the live roll-ups built in bulk, level
 * by level from the villages up, to exactly what saving the values one by one would have left: a region's
 * row holds the sum and count of the values entered at it and of its children's rows.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { createUser } from '../src/access/index.ts';
import { systemActor } from '../src/kernel/actor.ts';
import { createRuleInput } from '../src/contracts/monitor-warnings.contract.ts';
import { createIndicator } from '../src/monitor/indicators.service.ts';
import { createWarningRule } from '../src/monitor/index.ts';
import { createUnit } from '../src/org/index.ts';
import type { WriteContext } from '../src/store/audit.ts';
import type { Database } from '../src/store/tables.ts';
import { benchCode, benchIndicators, benchProvince, provinceShape, type BenchIndicator } from './monitor-catalogue.ts';

/** The coordinator of the synthetic province the scenarios sign in as. */
export const monitorCoordinator = { username: 'bench.province.coordinator', password: 'Bench-pass-2020' } as const;

const levelNumber = { country: 0, province: 1, prefecture: 2, county: 3, township: 4, village: 5 } as const;

/** Memory for the bulk sorts and hash aggregates of the generation (setup only; the scenarios use the defaults). */
const generationWorkMem = '128MB';

function context(db: Kysely<Database>): WriteContext {
  return { db, actor: { id: null, name: 'bench:setup' }, now: new Date() };
}

/**
 * Runs `work` in a transaction with a larger `work_mem` and without foreign-key triggers: the generator only
 * writes codes and ids it has just read from `region` and `monitor_indicator`, and checking 10M of them one by
 * one (each a row lock on the region) would triple the generation time. Setup only; every request measured
 * afterwards runs with the triggers on.
 */
async function bulk<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('work_mem', ${generationWorkMem}, true), set_config('session_replication_role', 'replica', true)`.execute(trx);
    return work(trx);
  });
}

/**
 * Inserts the province 990000: 15 prefectures (9901–9915), 100 counties dealt round-robin over them (codes
 * 21… as GB/T 2260 gives counties), 15 towns per county (101…115) and 20,000 villages (201…), 14 in each of the
 * first 500 townships and 13 in the others. Returns the number of regions inserted.
 */
export async function insertProvince(db: Kysely<Database>): Promise<number> {
  const { prefectures, counties, townships, villages } = provinceShape;
  const perTownship = Math.floor(villages / townships);
  const remainder = villages - perTownship * townships;
  await db.transaction().execute(async (trx) => {
    await sql`insert into region (code, name, level, parent_code, prefix) values (${benchProvince}, '基准省', 1, '000000', '99')`.execute(trx);
    await sql`
      insert into region (code, name, level, parent_code, prefix)
      select '99' || lpad(p::text, 2, '0') || '00', '基准省第' || p || '市', 2, ${benchProvince}, '99' || lpad(p::text, 2, '0')
      from generate_series(1, ${prefectures}) as p`.execute(trx);
    await sql`
      insert into region (code, name, level, parent_code, prefix)
      select c.code, '基准县' || c.n, 3, left(c.code, 4) || '00', c.code
      from (select n, '99' || lpad((n % ${prefectures} + 1)::text, 2, '0') || lpad((21 + n / ${prefectures})::text, 2, '0') as code
            from generate_series(0, ${counties - 1}) as n) as c`.execute(trx);
    await sql`
      insert into region (code, name, level, parent_code, prefix)
      select c.code || lpad((101 + t)::text, 3, '0'), c.name || '第' || (t + 1) || '镇', 4, c.code, c.code || lpad((101 + t)::text, 3, '0')
      from region as c cross join generate_series(0, ${townships / counties - 1}) as t
      where c.level = 3 and c.prefix like '99%'`.execute(trx);
    await sql`
      insert into region (code, name, level, parent_code, prefix)
      select t.code || lpad((201 + k)::text, 3, '0'), t.name || '第' || (k + 1) || '村', 5, t.code, t.code || lpad((201 + k)::text, 3, '0')
      from (select code, name, row_number() over (order by code) - 1 as position from region where level = 4 and prefix like '99%') as t
      cross join generate_series(0, ${perTownship}) as k
      where k < ${perTownship} or t.position < ${remainder}`.execute(trx);
  });
  const counted = await sql<{ n: number }>`select count(*)::int as n from region where prefix like '99%'`.execute(db);
  return counted.rows[0]!.n;
}

/** Creates the 100 indicators through the indicator service, components before the formulas that use them. */
export async function createIndicators(db: Kysely<Database>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  await db.transaction().execute(async (trx) => {
    for (const indicator of benchIndicators) {
      const created = await createIndicator(context(trx), systemActor, {
        code: indicator.code,
        nameZh: indicator.nameZh,
        nameEn: indicator.nameEn,
        unit: indicator.unit,
        valueType: indicator.valueType,
        frequency: 'month',
        entryLevel: indicator.level === 'formula' ? 'county' : indicator.level,
        subjectKind: null,
        regionAggregation: indicator.regionAggregation,
        weightIndicator: null,
        timeAggregation: indicator.timeAggregation,
        formula: indicator.formula ?? null,
        breakdownDimension: null,
        breakdownCategories: [],
        decimals: indicator.decimals,
        description: null,
        source: 'benchmark',
        dashboardPosition: indicator.dashboardPosition ?? null,
      });
      ids.set(indicator.code, created.id);
    }
  });
  return ids;
}

/** Creates the province's working-group unit and its coordinator account. */
export async function createProvinceCoordinator(db: Kysely<Database>): Promise<void> {
  const unitId = await createUnit(context(db), systemActor, { name: '基准省稳保工作专班', regionCode: benchProvince, kind: 'government', aliases: [], contacts: [] });
  await createUser(context(db), systemActor, {
    username: monitorCoordinator.username,
    displayName: monitorCoordinator.username,
    password: monitorCoordinator.password,
    grants: [{ role: 'coordinator', unitId }],
  });
}

/**
 * Inserts one indicator's values: every region of its entry level in the province × every month, each a
 * deterministic figure in [base, base + spread) scaled by its decimals. Sorted by (region, period) so the
 * unique index grows at its end. Returns the rows inserted.
 */
async function insertIndicatorValues(db: Kysely<Database>, indicator: BenchIndicator, indicatorId: string, salt: number): Promise<number> {
  const level = levelNumber[indicator.level as 'village' | 'township' | 'county'];
  const scale = 10 ** indicator.decimals;
  const result = await bulk(db, (trx) =>
    sql`
      insert into monitor_value (indicator_id, region_code, subject_id, period, breakdown, value, source, entered_at)
      select ${indicatorId}::uuid, r.code, null, to_char(${provinceShape.firstMonth + '-01'}::date + make_interval(months => m), 'YYYY-MM'), '',
        round((${indicator.base} + ((r.code::bigint % 1000003) * ${2 * salt + 7} + m * ${104_729 + salt * 7919}) % 1000003 % ${indicator.spread})::numeric / ${scale}, ${indicator.decimals}),
        'import', now()
      from region as r cross join generate_series(0, ${provinceShape.months - 1}) as m
      where r.level = ${level} and r.prefix like '99%'
      order by r.code, m`.execute(trx),
  );
  return Number(result.numAffectedRows ?? 0);
}

/** Generates every stored indicator's values; reports progress per indicator. Returns the rows inserted. */
export async function generateValues(db: Kysely<Database>, ids: ReadonlyMap<string, string>, say: (message: string) => void): Promise<number> {
  let total = 0;
  for (const [index, indicator] of benchIndicators.entries()) {
    if (indicator.level === 'formula') continue;
    total += await insertIndicatorValues(db, indicator, ids.get(indicator.code)!, index);
    if (indicator.level !== 'county' || index % 25 === 0) say(`  values: ${indicator.code} (${indicator.level}), ${total.toLocaleString('en-US')} so far`);
  }
  return total;
}

/**
 * Builds the roll-up rows bottom-up. The villages' rows are their own values (count 1); every level above
 * sums its children's rows and the values entered at its own regions, grouped by parent. By induction each
 * row is Σ and count of the values at or below its region: what the save path's per-ancestor deltas add up to.
 */
export async function buildRollups(db: Kysely<Database>, say: (message: string) => void): Promise<number> {
  await bulk(db, (trx) =>
    sql`
      insert into monitor_rollup (indicator_id, region_code, period, breakdown, value_sum, value_count)
      select v.indicator_id, v.region_code, v.period, v.breakdown, v.value, 1
      from monitor_value as v
      where v.subject_id is null and length(v.region_code) = 12 and v.region_code like '99%'`.execute(trx),
  );
  say('  roll-ups: village');
  for (const level of [4, 3, 2, 1, 0]) {
    // fresh statistics first: PGlite has no autovacuum, and without them it plans the join below as a nested
    // loop that rescans a spilled 450 MB intermediate result for every row (it ran for over ten minutes)
    await sql`analyze monitor_value, monitor_rollup, region`.execute(db);
    await bulk(db, (trx) =>
      sql`
        insert into monitor_rollup (indicator_id, region_code, period, breakdown, value_sum, value_count)
        select x.indicator_id, x.region_code, x.period, x.breakdown, sum(x.value_sum), sum(x.value_count)::int
        from (
          select o.indicator_id, r.parent_code as region_code, o.period, o.breakdown, o.value_sum, o.value_count
          from monitor_rollup as o join region as r on r.code = o.region_code
          where r.level = ${level + 1} and r.prefix like '99%'
          union all
          select v.indicator_id, v.region_code, v.period, v.breakdown, v.value, 1
          from monitor_value as v join region as r on r.code = v.region_code
          where v.subject_id is null and r.level = ${level} and r.prefix like '99%'
        ) as x
        group by x.indicator_id, x.region_code, x.period, x.breakdown`.execute(trx),
    );
    say(`  roll-ups: level ${level}`);
  }
  const counted = await sql<{ n: number }>`select count(*)::int as n from monitor_rollup`.execute(db);
  return counted.rows[0]!.n;
}

/** A roll-up row next to a recount of the values under its region. */
export interface RollupCheck {
  indicator: string;
  regionCode: string;
  period: string;
  stored: { sum: string; count: number } | null;
  recount: { sum: string; count: number };
  equal: boolean;
}

/** Compares one roll-up row with Σ and count of the values at or below its region, recounted from scratch. */
export async function recount(db: Kysely<Database>, indicatorId: string, regionCode: string, period: string): Promise<Omit<RollupCheck, 'indicator'>> {
  const result = await sql<{ stored_sum: string | null; stored_count: number | null; recount_sum: string; recount_count: number; equal: boolean }>`
    with counted as (
      select coalesce(sum(v.value), 0) as s, count(*)::int as c
      from monitor_value as v
      where v.indicator_id = ${indicatorId} and v.period = ${period} and v.breakdown = ''
        and v.region_code like (select prefix from region where code = ${regionCode}) || '%'
    )
    select o.value_sum::text as stored_sum, o.value_count as stored_count, counted.s::text as recount_sum, counted.c as recount_count,
      coalesce(o.value_sum = counted.s and o.value_count = counted.c, counted.c = 0) as equal
    from counted left join monitor_rollup as o
      on o.indicator_id = ${indicatorId} and o.region_code = ${regionCode} and o.period = ${period} and o.breakdown = ''`.execute(db);
  const row = result.rows[0]!;
  return {
    regionCode,
    period,
    stored: row.stored_sum === null ? null : { sum: row.stored_sum, count: row.stored_count! },
    recount: { sum: row.recount_sum, count: row.recount_count },
    equal: row.equal,
  };
}

/**
 * The warning rules a province would run on these indicators (unemployment, grain reserves, returning migrant
 * workers), so that saving a value pays for re-evaluating the rules that watch it, as in production.
 */
export async function createWarningRules(db: Kysely<Database>, ids: ReadonlyMap<string, string>): Promise<number> {
  const rules = [
    { code: 'bench-unemployment', indicator: 'registered_unemployment_rate', kind: 'threshold', direction: 'above', thresholds: { IV: 4, III: 4.3, II: 4.5, I: 5 } },
    { code: 'bench-grain-days', indicator: 'grain_days_of_supply', kind: 'days_of_supply', direction: 'below', thresholds: { IV: 15, III: 12, II: 10, I: 7 } },
    { code: 'bench-return-share', indicator: 'migrant_return_share', kind: 'threshold', direction: 'above', thresholds: { IV: 8, III: 10, II: 12, I: 15 } },
    { code: 'bench-returned-jump', indicator: 'migrant_workers_returned', kind: 'change_previous', direction: 'above', thresholds: { IV: 50, III: 100, II: 200, I: 300 } },
  ] as const;
  await db.transaction().execute(async (trx) => {
    for (const rule of rules) {
      const input = createRuleInput.parse({
        code: rule.code,
        indicatorId: ids.get(benchCode(rule.indicator))!,
        kind: rule.kind,
        scopeRegionCode: benchProvince,
        watchLevel: 'county',
        nameZh: `基准预警 ${rule.code}`,
        nameEn: `Benchmark warning ${rule.code}`,
        direction: rule.direction,
        thresholds: rule.thresholds,
        response: {
          IV: { acknowledgeHours: 48, respondHours: 168 },
          III: { acknowledgeHours: 24, respondHours: 72 },
          II: { acknowledgeHours: 8, respondHours: 24 },
          I: { acknowledgeHours: 2, respondHours: 12 },
        },
        source: 'benchmark',
        sourceKind: 'platform_default',
      });
      await createWarningRule(context(trx), systemActor, input);
    }
  });
  return rules.length;
}
