/**
 * Monitoring figures through the services: saving values keeps every ancestor's roll-up in step, and reading
 * combines them by each kind — sum, mean, weighted mean, formula, over time — with missing values staying
 * missing, from village to township, county and prefecture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAggregate, readChildren, readSeries, saveValueRows, type ValueRow } from '../src/monitor/index.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { buildMonitorWorld, preparedStore, regions, systemContext } from './support/fixtures.ts';

describe.each(engines)('monitor aggregation on %s', (engine) => {
  let store: Store;
  let world: Awaited<ReturnType<typeof buildMonitorWorld>>;
  const save = (rows: Omit<ValueRow, 'subjectId' | 'breakdown'>[] | ValueRow[]) =>
    saveValueRows(systemContext(store), rows.map((row) => ({ subjectId: null, breakdown: '', ...row })), { source: 'api' });
  const read = (indicatorId: string, regionCode: string, period: string, breakdown?: string) =>
    readAggregate(store.db, { indicatorId, regionCode, period, ...(breakdown ? { breakdown } : {}) });

  beforeAll(async () => {
    store = await preparedStore(engine);
    world = await buildMonitorWorld(store);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('sums at every level and computes the unemployment rate from the sums, naming missing components', async () => {
    const { indicators: i, regions: r } = world;
    await save([
      { indicatorId: i.unemployed.id, regionCode: r.villageA1, period: '2020-06', value: 10 },
      { indicatorId: i.unemployed.id, regionCode: r.villageA2, period: '2020-06', value: 20 },
      { indicatorId: i.unemployed.id, regionCode: r.villageB1, period: '2020-06', value: 5 },
      { indicatorId: i.unemployed.id, regionCode: r.hezhengVillage, period: '2020-06', value: 7 },
      { indicatorId: i.labourForce.id, regionCode: r.villageA1, period: '2020-06', value: 100 },
      { indicatorId: i.labourForce.id, regionCode: r.villageA2, period: '2020-06', value: 200 },
    ]);
    expect(await read(i.unemployed.id, r.townshipA, '2020-06')).toEqual({ value: 30, missing: [] });
    expect(await read(i.unemployed.id, regions.linxiaCounty, '2020-06')).toEqual({ value: 35, missing: [] });
    expect(await read(i.unemployed.id, regions.linxia, '2020-06')).toEqual({ value: 42, missing: [] });
    expect(await read(i.rate.id, r.townshipA, '2020-06')).toEqual({ value: 10, missing: [] });
    // the county rate is Σ unemployed ÷ Σ labour force, not a mean of township rates
    expect((await read(i.rate.id, regions.linxiaCounty, '2020-06')).value).toBeCloseTo((35 / 300) * 100, 9);
    expect(await read(i.rate.id, r.townshipB, '2020-06')).toEqual({ value: null, missing: ['labour_force'] });
    expect(await read(i.rate.id, r.townshipB, '2020-05')).toEqual({ value: null, missing: ['registered_unemployed', 'labour_force'] });
    expect(await read(i.unemployed.id, r.hezhengTownship, '2020-05')).toEqual({ value: null, missing: ['registered_unemployed'] });
  });

  it('applies only the difference when a value changes, so counts and sums stay right', async () => {
    const { indicators: i, regions: r } = world;
    await save([{ indicatorId: i.unemployed.id, regionCode: r.villageA1, period: '2020-06', value: 15 }]);
    expect(await read(i.unemployed.id, r.townshipA, '2020-06')).toEqual({ value: 35, missing: [] });
    expect(await read(i.unemployed.id, regions.linxia, '2020-06')).toEqual({ value: 47, missing: [] });
    const [rollup] = await store.db.selectFrom('monitor_rollup').select(['value_count']).where('indicator_id', '=', i.unemployed.id).where('region_code', '=', regions.linxia).where('period', '=', '2020-06').execute();
    expect(rollup?.value_count).toBe(4);
  });

  it('means the values entered below each region, not the means of the regions between', async () => {
    const { indicators: i, regions: r } = world;
    await save([
      { indicatorId: i.income.id, regionCode: r.villageA1, period: '2020-06', value: '1000.5' },
      { indicatorId: i.income.id, regionCode: r.villageA2, period: '2020-06', value: 2000 },
      { indicatorId: i.income.id, regionCode: r.villageB1, period: '2020-06', value: 3000 },
    ]);
    expect((await read(i.income.id, r.townshipA, '2020-06')).value).toBe(1500.25);
    expect((await read(i.income.id, regions.linxiaCounty, '2020-06')).value).toBeCloseTo(6000.5 / 3, 9);
    await save([{ indicatorId: i.income.id, regionCode: r.villageA1, period: '2020-06', value: '1500.5' }]);
    expect((await read(i.income.id, r.townshipA, '2020-06')).value).toBe(1750.25);
  });

  it('weights prices by sales, following later changes of the weights too', async () => {
    const { indicators: i, regions: r } = world;
    await save([
      { indicatorId: i.price.id, regionCode: r.villageA1, period: '2020-06', value: 20 },
      { indicatorId: i.price.id, regionCode: r.villageA2, period: '2020-06', value: 30 },
      { indicatorId: i.sales.id, regionCode: r.villageA1, period: '2020-06', value: 100 },
      { indicatorId: i.sales.id, regionCode: r.villageA2, period: '2020-06', value: 300 },
      { indicatorId: i.price.id, regionCode: r.villageB1, period: '2020-06', value: 10 },
    ]);
    expect((await read(i.price.id, r.townshipA, '2020-06')).value).toBe(27.5);
    // a price without its weight is left out of the weighted mean: missing, not zero
    expect(await read(i.price.id, r.townshipB, '2020-06')).toEqual({ value: null, missing: ['pork_price'] });
    await save([
      { indicatorId: i.sales.id, regionCode: r.villageA1, period: '2020-06', value: 300 },
      { indicatorId: i.sales.id, regionCode: r.villageB1, period: '2020-06', value: 100 },
    ]);
    expect((await read(i.price.id, r.townshipA, '2020-06')).value).toBe(25);
    expect((await read(i.price.id, r.townshipB, '2020-06')).value).toBe(10);
    expect((await read(i.price.id, regions.linxiaCounty, '2020-06')).value).toBeCloseTo((6000 + 9000 + 1000) / 700, 9);
  });

  it('aggregates over time: a sum of the months present, the last value, a mean', async () => {
    const { indicators: i, regions: r } = world;
    await save([
      { indicatorId: i.newJobs.id, regionCode: r.villageA1, period: '2020-04', value: 1 },
      { indicatorId: i.newJobs.id, regionCode: r.villageA1, period: '2020-05', value: 2 },
      { indicatorId: i.newJobs.id, regionCode: r.villageA1, period: '2020-06', value: 3 },
      { indicatorId: i.newJobs.id, regionCode: r.villageA2, period: '2020-04', value: 10 },
      { indicatorId: i.unemployed.id, regionCode: r.villageA1, period: '2020-04', value: 99 },
      { indicatorId: i.income.id, regionCode: r.villageA1, period: '2020-05', value: 500 },
    ]);
    expect((await read(i.newJobs.id, r.townshipA, '2020Q2')).value).toBe(16);
    expect((await read(i.newJobs.id, regions.linxia, '2020')).value).toBe(16);
    expect((await read(i.unemployed.id, r.villageA1, '2020Q2')).value).toBe(15);
    expect((await read(i.income.id, r.villageA1, '2020Q2')).value).toBe((500 + 1500.5) / 2);
    expect(await read(i.newJobs.id, r.townshipA, '2020Q3')).toEqual({ value: null, missing: ['new_jobs'] });
    expect(await readSeries(store.db, { indicatorId: i.newJobs.id, regionCode: r.villageA1, from: '2020-03', to: '2020Q2' })).toEqual([
      { period: '2020-03', value: null },
      { period: '2020-04', value: 1 },
      { period: '2020-05', value: 2 },
      { period: '2020-06', value: 3 },
    ]);
    const rates = await readSeries(store.db, { indicatorId: i.rate.id, regionCode: r.townshipA, from: '2020-05', to: '2020-06' });
    expect(rates).toEqual([
      { period: '2020-05', value: null },
      { period: '2020-06', value: (35 / 300) * 100 },
    ]);
  });

  it('keeps categories apart from the entered total', async () => {
    const { indicators: i, regions: r } = world;
    await save([
      { indicatorId: i.produce.id, regionCode: r.villageA1, subjectId: null, period: '2020-06', breakdown: '', value: 6 },
      { indicatorId: i.produce.id, regionCode: r.villageA1, subjectId: null, period: '2020-06', breakdown: 'potato', value: 3 },
      { indicatorId: i.produce.id, regionCode: r.villageA2, subjectId: null, period: '2020-06', breakdown: 'potato', value: 4 },
    ]);
    expect((await read(i.produce.id, regions.linxia, '2020-06', 'potato')).value).toBe(7);
    expect((await read(i.produce.id, regions.linxia, '2020-06')).value).toBe(6);
    expect((await read(i.produce.id, regions.linxia, '2020-06', 'apple')).value).toBeNull();
  });

  it('lists every child region with its figure for comparison and drill-down', async () => {
    const { indicators: i, regions: r } = world;
    const children = await readChildren(store.db, { indicatorId: i.rate.id, regionCode: regions.linxiaCounty, period: '2020-06' });
    const townships = await store.db.selectFrom('region').select('code').where('parent_code', '=', regions.linxiaCounty).execute();
    expect(children).toHaveLength(townships.length);
    expect(children.find((child) => child.regionCode === r.townshipA)).toMatchObject({ value: (35 / 300) * 100, missing: [] });
    expect(children.find((child) => child.regionCode === r.townshipB)).toMatchObject({ value: null, missing: ['labour_force'] });
    const counties = await readChildren(store.db, { indicatorId: i.unemployed.id, regionCode: regions.linxia, period: '2020-06' });
    expect(counties.find((child) => child.regionCode === regions.hezheng)?.value).toBe(7);
  });

  it('adds decimals exactly in the roll-ups', async () => {
    const { indicators: i, regions: r } = world;
    await save([
      { indicatorId: i.income.id, regionCode: r.villageA1, period: '2019-01', value: 0.1 },
      { indicatorId: i.income.id, regionCode: r.villageA2, period: '2019-01', value: 0.2 },
    ]);
    const row = await store.db.selectFrom('monitor_rollup').select('value_sum').where('indicator_id', '=', i.income.id).where('region_code', '=', regions.linxia).where('period', '=', '2019-01').executeTakeFirstOrThrow();
    expect(Number(row.value_sum)).toBe(0.3);
    expect(String(row.value_sum)).toMatch(/^0\.30*$/);
  });

  it('saves a bulk batch with one audit entry carrying the counts', async () => {
    const { indicators: i, regions: r } = world;
    const before = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'monitor.values.save').executeTakeFirstOrThrow();
    const months = Array.from({ length: 12 }, (_, index) => `2018-${String(index + 1).padStart(2, '0')}`);
    const rows = months.flatMap((period) => [r.villageA1, r.villageA2, r.villageB1].map((regionCode) => ({ indicatorId: i.newJobs.id, regionCode, period, value: 1 })));
    const result = await save(rows);
    expect(result.saved).toBe(36);
    expect(result.affected).toHaveLength(36);
    const after = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'monitor.values.save').executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
    expect((await read(i.newJobs.id, regions.linxia, '2018')).value).toBe(36);
  });
});
