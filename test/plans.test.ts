/**
 * Loading the seed programmes as plans: every task with its units resolved through the documents'
 * names, leads exactly where the documents designate them, collectives expanded to the governments below,
 * targets with milestones, and plans visible by jurisdiction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { importRegions } from '../src/org/index.ts';
import { loadPlanPack, readPlanPack } from '../src/plans/index.ts';
import type { PlanDetail, SectionView, TaskView } from '../src/contracts/plans.contract.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { adminPassword, buildSeedPlans, buildTestApp, buildUnit, buildUser, preparedStore, systemContext, TestClient, userPassword } from './support/fixtures.ts';

const pack = (name: string) => readPlanPack(`packs/plans/${name}.yaml`);

function allTasks(sections: SectionView[]): TaskView[] {
  return sections.flatMap((section) => [...section.tasks, ...allTasks(section.sections)]);
}

describe.each(engines)('plans on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: TestClient;
  const planIds = new Map<string, string>();

  async function plan(key: string): Promise<PlanDetail> {
    return (await admin.get(`/api/plans/${planIds.get(key)}`)).json();
  }

  beforeAll(async () => {
    store = await preparedStore(engine);
    await importRegions(systemContext(store), ['500111'], { maxLevel: 'township' });
    await buildSeedPlans(store, ['dazu-2020-stable-employment', 'linxia-2020-employment', 'wenshan-2020-jobs-consumption', 'yunnan-2019-consumption-poverty']);
    app = await buildTestApp(store);
    admin = await new TestClient(app).signIn('admin', adminPassword);
    for (const item of (await admin.get('/api/plans')).json().items) planIds.set(item.key, item.id);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('the Dazu task division (大足府办发〔2020〕41号)', () => {
    it('has 63 tasks in 26 groups', async () => {
      const dazu = await plan('dazu-2020-stable-employment');
      expect(allTasks(dazu.sections)).toHaveLength(63);
      expect(dazu.sections.flatMap((section) => section.sections)).toHaveLength(26);
      expect(dazu.docNumber).toBe('大足府办发〔2020〕41号');
    });

    it('makes the first listed unit the lead and keeps the others in order', async () => {
      const [first] = allTasks((await plan('dazu-2020-stable-employment')).sections);
      expect(first?.units[0]).toMatchObject({ name: '大足区人力资源和社会保障局', namedAs: '区人力社保局', isLead: true });
      expect(first?.units.slice(1).every((unit) => !unit.isLead)).toBe(true);
      expect(first?.units.map((unit) => unit.namedAs)).toEqual([
        '区人力社保局', '区发展改革委', '区经济信息委', '区财政局', '区生态环境局', '区国资委', '经开区经发局', '区税务局',
      ]);
    });

    it('expands 各镇街人民政府〔办事处〕 to the government of every town and street of the district', async () => {
      const towns = await store.db.selectFrom('region').select('code').where('parent_code', '=', '500111').execute();
      const task = allTasks((await plan('dazu-2020-stable-employment')).sections).find((candidate) => candidate.number === '6');
      const collective = task?.units.filter((unit) => unit.namedAs === '各镇街人民政府〔办事处〕') ?? [];
      expect(collective).toHaveLength(towns.length);
      expect(collective.some((unit) => unit.name.endsWith('街道办事处'))).toBe(true);
      expect(collective.some((unit) => unit.name.endsWith('镇人民政府'))).toBe(true);
    });

    it('records a collective lead by name without marking any single unit lead', async () => {
      const tasks = allTasks((await plan('dazu-2020-stable-employment')).sections);
      const collectiveLed = tasks.filter((task) => task.leadNamedAs?.startsWith('各镇街'));
      expect(collectiveLed.length).toBeGreaterThan(0);
      for (const task of collectiveLed) expect(task.units.filter((unit) => unit.isLead)).toEqual([]);
    });
  });

  describe('the Linxia employment plan', () => {
    it('keeps one plan with both of its sources', async () => {
      const linxia = await plan('linxia-2020-employment');
      expect((linxia.sources as { document: string }[]).map((source) => source.document)).toEqual([
        '001_a951e992d486c297.txt',
        '004_02c053774b11eaac.txt',
      ]);
    });

    it('designates no lead, as the document designates none', async () => {
      const tasks = allTasks((await plan('linxia-2020-employment')).sections);
      expect(tasks.flatMap((task) => task.units).filter((unit) => unit.isLead)).toEqual([]);
      expect(tasks.filter((task) => task.number.startsWith('四('))).toHaveLength(24);
    });

    it('stages 城镇新增就业 1.8万人: half by 30 June, all by 30 November', async () => {
      const target = (await plan('linxia-2020-employment')).targets.find((candidate) => candidate.indicator.includes('城镇新增就业'));
      expect(target).toMatchObject({ comparator: '>=', value: 1.8, unit: '万人', regionCode: '622900' });
      expect(target?.milestones.map((milestone) => [milestone.by, milestone.share])).toEqual([
        ['2020-06-30', 0.5],
        ['2020-11-30', 1],
      ]);
    });

    it('caps registered unemployment at 4.5%', async () => {
      const target = (await plan('linxia-2020-employment')).targets.find((candidate) => candidate.indicator.includes('登记失业率'));
      expect(target).toMatchObject({ comparator: '<=', value: 4.5, unit: '%' });
    });
  });

  describe('the Wenshan plan', () => {
    it('targets 706.45亿元 of retail sales and 3.8% unemployment', async () => {
      const targets = (await plan('wenshan-2020-jobs-consumption')).targets;
      expect(targets.find((target) => target.value === 706.45)).toMatchObject({ unit: '亿元', comparator: '>=' });
      expect(targets.find((target) => target.value === 3.8)).toMatchObject({ unit: '%', comparator: '<=' });
    });
  });

  describe('loading', () => {
    it('skips plans already loaded, creating nothing twice', async () => {
      const before = await store.db.selectFrom('plan_task').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const summary = await store.db.transaction().execute((trx) =>
        loadPlanPack({ ...systemContext(store), db: trx }, pack('dazu-2020-stable-employment'), 'again'),
      );
      expect(summary).toEqual({ plansLoaded: [], plansSkipped: ['dazu-2020-stable-employment'], unitsCreated: 0 });
      const after = await store.db.selectFrom('plan_task').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('remembers the document name of a unit it created as an alias', async () => {
      const alias = await store.db
        .selectFrom('unit_alias')
        .innerJoin('unit', 'unit.id', 'unit_alias.unit_id')
        .select('unit.name')
        .where('unit_alias.alias', '=', '区经济信息委')
        .executeTakeFirstOrThrow();
      expect(alias.name).toBe('大足区经济和信息化委员会');
    });

    it('records the load in the audit trail', async () => {
      const entry = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'plans.plan.load').where('region_code', '=', '500111').executeTakeFirstOrThrow();
      expect(entry.after).toMatchObject({ key: 'dazu-2020-stable-employment', tasks: 63 });
    });
  });

  describe('plans.schedule', () => {
    it('lets the coordinator give a plan whose document sets no schedule a monthly one, and its periods follow', async () => {
      const yunnan = planIds.get('yunnan-2019-consumption-poverty');
      expect((await admin.get(`/api/plans/${yunnan}/periods`)).json().items).toEqual([]);
      const set = await admin.request('PUT', `/api/plans/${yunnan}/schedule`, { schedule: { kind: 'monthly', day: 10, note: '省消费扶贫工作月调度' } });
      expect(set.statusCode).toBe(200);
      expect(set.json().schedule).toEqual({ kind: 'monthly', day: 10, note: '省消费扶贫工作月调度' });
      const periods = (await admin.get(`/api/plans/${yunnan}/periods`)).json().items;
      expect(periods[0]).toMatchObject({ period: '2019-06', due: '2019-07-10' });
      const audit = await store.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'plans.plan.schedule').executeTakeFirstOrThrow();
      expect(audit.before).toEqual({ schedule: { kind: 'none', note: expect.any(String) } });
    });

    it('refuses a day past the 28th, naming the field', async () => {
      const response = await admin.request('PUT', `/api/plans/${planIds.get('yunnan-2019-consumption-poverty')}/schedule`, { schedule: { kind: 'monthly', day: 31 } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('schedule.day');
    });

    it('refuses a reporter, and a county that does not hold the plan region', async () => {
      const unitId = await buildUnit(store, '622921', '临夏县人社局（进度表测试）');
      await buildUser(store, 'plans.schedule.reporter', 'reporter', unitId);
      const reporter = await new TestClient(app).signIn('plans.schedule.reporter', userPassword);
      expect((await reporter.request('PUT', `/api/plans/${planIds.get('linxia-2020-employment')}/schedule`, { schedule: { kind: 'none' } })).statusCode).toBe(403);
      expect((await reporter.request('PUT', `/api/plans/${planIds.get('dazu-2020-stable-employment')}/schedule`, { schedule: { kind: 'none' } })).statusCode).toBe(404);
    });
  });

  describe('jurisdiction', () => {
    it('shows a county office the plans of its prefecture, not those of other places', async () => {
      const unitId = await buildUnit(store, '622921', '临夏县人社局（方案测试）');
      await buildUser(store, 'plans.county', 'reporter', unitId);
      const county = await new TestClient(app).signIn('plans.county', userPassword);
      const keys = (await county.get('/api/plans')).json().items.map((item: { key: string }) => item.key);
      expect(keys).toEqual(['linxia-2020-employment']);
      expect((await county.get(`/api/plans/${planIds.get('dazu-2020-stable-employment')}`)).statusCode).toBe(404);
      expect((await county.get(`/api/plans/${planIds.get('linxia-2020-employment')}`)).statusCode).toBe(200);
    });

    it('refuses anonymous readers', async () => {
      expect((await new TestClient(app).get('/api/plans')).statusCode).toBe(401);
    });
  });
});
