import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/access/index.ts';
import { prepareDatabase, type PreparationReport } from '../src/server/first-start.ts';
import type { Store } from '../src/store/database.ts';
import { engines, openTestStore } from './support/engines.ts';

describe.each(engines)('first start on %s', (engine) => {
  let store: Store;
  let first: PreparationReport;

  beforeAll(async () => {
    store = await openTestStore(engine);
    first = await prepareDatabase(store);
  });
  afterAll(async () => {
    await store.close();
  });

  async function countUnder(prefix: string, level: number): Promise<number> {
    const row = await store.db
      .selectFrom('region')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('code', 'like', `${prefix}%`)
      .where('level', '=', level)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('loads the three seed areas down to villages', async () => {
    expect(await countUnder('5326', 3)).toBe(8); // 文山州: 文山市 and 7 counties
    expect(await countUnder('6229', 3)).toBe(8); // 临夏州: 临夏市 and 7 counties
    expect(await countUnder('500111', 4)).toBeGreaterThan(20); // 大足区's towns and streets
    for (const prefix of ['5326', '6229', '500111']) expect(await countUnder(prefix, 5)).toBeGreaterThan(100);
    expect(first.regionsLoaded).toBeGreaterThan(2500);
  });

  it('loads 云南省 down to counties for the province-wide programme', async () => {
    expect(await countUnder('53', 2)).toBeGreaterThanOrEqual(16);
    expect(await countUnder('53', 3)).toBeGreaterThan(120);
    expect(await countUnder('5301', 4)).toBe(0); // other prefectures stop at counties
  });

  it('creates the units the seed programmes name, with their document aliases', async () => {
    expect(first.unitsCreated).toBeGreaterThanOrEqual(20);
    const alias = await store.db
      .selectFrom('unit_alias')
      .innerJoin('unit', 'unit.id', 'unit_alias.unit_id')
      .select(['unit.name', 'unit.region_code'])
      .where('unit_alias.alias', '=', '区人力社保局')
      .executeTakeFirstOrThrow();
    expect(alias).toEqual({ name: '大足区人力资源和社会保障局', region_code: '500111' });
  });

  it('loads the five seed programmes as nine plans, each task citing its document', async () => {
    const plans = await store.db.selectFrom('plan').select(['key', 'sources']).orderBy('key').execute();
    expect(plans.map((plan) => plan.key)).toEqual([
      'dazu-2020-stable-employment',
      'linxia-2020-basic-livelihood',
      'linxia-2020-employment',
      'linxia-2020-food-energy',
      'linxia-2020-grassroots-operation',
      'linxia-2020-market-entities',
      'linxia-2020-supply-chain',
      'wenshan-2020-jobs-consumption',
      'yunnan-2019-consumption-poverty',
    ]);
    expect(first.plansLoaded).toHaveLength(9);
    const uncited = await store.db.selectFrom('plan_task').select('id').where('clause', '=', '').execute();
    expect(uncited).toEqual([]);
  });

  it('loads the default monitor packs: indicators, forms and warning rules citing their sources', async () => {
    expect(first.monitorLoaded).toEqual({ indicatorsCreated: 36, formsCreated: 9, rulesCreated: 12 });
    const rules = await store.db
      .selectFrom('monitor_warning_rule')
      .innerJoin('monitor_indicator', 'monitor_indicator.id', 'monitor_warning_rule.indicator_id')
      .select(['monitor_warning_rule.code', 'monitor_indicator.code as indicator', 'thresholds', 'source_kind', 'scope_region_code', 'response'])
      .orderBy('monitor_warning_rule.code')
      .execute();
    const unemployment = rules.filter((rule) => rule.indicator === 'registered_unemployment_rate');
    // the III (yellow) boundary of each plan's unemployment rule is the plan's own control target
    expect(unemployment.map((rule) => [rule.scope_region_code, (rule.thresholds as Record<string, number>)['III'], rule.source_kind])).toEqual([
      ['500111', 3.3, 'document'],
      ['622900', 4.5, 'document'],
      ['532600', 3.8, 'document'],
    ]);
    const reserves = rules.find((rule) => rule.code === 'linxia-grain-oil-days');
    expect(reserves?.thresholds).toMatchObject({ III: 10 });
    const payments = rules.find((rule) => rule.code === 'linxia-temporary-payment-share');
    expect(payments?.thresholds).toMatchObject({ III: 5 });
    // every unit a response plan names was found among the seed units
    const response = reserves?.response as Record<string, { unitIds: string[] }>;
    expect(response['III']?.unitIds).toHaveLength(2);
    const formula = await store.db.selectFrom('monitor_indicator').select('formula').where('code', '=', 'grain_oil_days_of_supply').executeTakeFirstOrThrow();
    expect(formula.formula).toBe('grain_oil_reserve / grain_oil_daily_supply');
  });

  it('keeps Yunnan’s four actions and Wenshan’s nine promotion series', async () => {
    const sectionTitles = async (key: string) =>
      (
        await store.db
          .selectFrom('plan_section')
          .innerJoin('plan', 'plan.id', 'plan_section.plan_id')
          .select('plan_section.title')
          .where('plan.key', '=', key)
          .execute()
      ).map((row) => row.title);
    const yunnan = await sectionTitles('yunnan-2019-consumption-poverty');
    for (const action of ['社会购买行动', '渠道畅通行动', '质量提升行动', '休闲旅游升级行动']) {
      expect(yunnan.some((title) => title.includes(action))).toBe(true);
    }
    const series = await store.db
      .selectFrom('plan_task')
      .innerJoin('plan', 'plan.id', 'plan_task.plan_id')
      .select('plan_task.number')
      .where('plan.key', '=', 'wenshan-2020-jobs-consumption')
      .where('plan_task.number', 'in', ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)'])
      .execute();
    expect(series).toHaveLength(9);
  });

  it('creates the administrator with a generated password that signs in', async () => {
    expect(first.administratorCreated).toBe(true);
    expect(first.generatedPassword).toMatch(/^\S{16}$/);
    const admin = await store.db.selectFrom('app_user').select(['password_hash', 'must_change_password']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin.password_hash, first.generatedPassword ?? '')).toBe(true);
    expect(admin.must_change_password).toBe(true);
  });

  it('does nothing more on the next start', async () => {
    const again = await prepareDatabase(store);
    expect(again).toEqual({
      migrationsApplied: [],
      regionsLoaded: 0,
      unitsCreated: 0,
      plansLoaded: [],
      monitorLoaded: { indicatorsCreated: 0, formsCreated: 0, rulesCreated: 0 },
      administratorCreated: false,
      generatedPassword: null,
    });
  });
});
