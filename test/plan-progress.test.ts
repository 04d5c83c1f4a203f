/**
 * Target progress on the Linxia employment plan: 城镇新增就业 1.8万人, half by 30 June. The time schedule,
 * colours from accepted figures (yellow, red, red held until made up, green), the colour history written
 * once per change, allocation among the eight counties, and who may allocate and set colour rules.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanProgress, TargetProgressView } from '../src/contracts/plan-progress.contract.ts';
import { refreshAllPlanColours, refreshPlanColours } from '../src/plans/index.ts';
import { bilingual } from '../src/kernel/errors.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { adminPassword, buildSeedPlans, buildTargetFigure, buildTestApp, buildUnit, buildUser, preparedStore, regions, signedIn, systemContext, type TestClient } from './support/fixtures.ts';

/** An hour (noon by default) of a day in Linxia, UTC+8. */
function noon(date: string, hour = 12): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

describe.each(engines)('plan progress on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let planId: string;
  let prefectureUnit: string;
  const targets = new Map<string, string>();
  const clients = {} as Record<'admin' | 'prefCoordinator' | 'countyCoordinator' | 'prefReporter' | 'wenshanCoordinator', TestClient>;
  let counties: string[];
  let recorded = 0;

  /** Records an accepted figure for the prefecture, each later than the one before. */
  async function figure(key: string, value: number, asOf = '2020-06-30', regionCode: string = regions.linxia): Promise<string> {
    recorded += 1;
    return buildTargetFigure(store, {
      targetId: targets.get(key) ?? '',
      regionCode,
      asOf,
      value,
      unitId: prefectureUnit,
      recordedAt: new Date(Date.UTC(2020, 6, 1, 0, recorded)),
    });
  }

  async function progress(asOf: string, client = clients.prefCoordinator): Promise<PlanProgress> {
    const response = await client.get(`/api/plans/${planId}/progress?asOf=${asOf}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function target(key: string, asOf: string, client = clients.prefCoordinator): Promise<TargetProgressView> {
    const found = (await progress(asOf, client)).targets.find((candidate) => candidate.key === key);
    if (!found) throw new Error(`no target ${key}`);
    return found;
  }

  async function refresh(at: Date) {
    return store.db.transaction().execute((trx) => refreshPlanColours({ ...systemContext(store, at), db: trx }, planId));
  }

  beforeAll(async () => {
    store = await preparedStore(engine);
    planId = (await buildSeedPlans(store, ['linxia-2020-employment']))['linxia-2020-employment'] as string;
    for (const row of await store.db.selectFrom('plan_target').select(['id', 'key']).where('plan_id', '=', planId).execute()) targets.set(row.key, row.id);
    counties = (await store.db.selectFrom('region').select('code').where('parent_code', '=', regions.linxia).orderBy('code').execute()).map((row) => row.code);
    // A fixed clock, after the refreshes below: sessions stay valid and the colour rules route judges colours on 30 June.
    app = await buildTestApp(store, { clock: () => noon('2020-06-30', 18), loginRateLimit: 1000 });
    prefectureUnit = await buildUnit(store, regions.linxia, '临夏州就业工作专班（进度测试）');
    const countyUnit = await buildUnit(store, regions.linxiaCounty, '临夏县就业工作专班（进度测试）');
    const wenshanUnit = await buildUnit(store, regions.wenshan, '文山州就业工作专班（进度测试）');
    await buildUser(store, 'progress.pref', 'coordinator', prefectureUnit);
    await buildUser(store, 'progress.county', 'coordinator', countyUnit);
    await buildUser(store, 'progress.reporter', 'reporter', prefectureUnit);
    await buildUser(store, 'progress.wenshan', 'coordinator', wenshanUnit);
    clients.admin = await signedIn(app, 'admin', adminPassword);
    clients.prefCoordinator = await signedIn(app, 'progress.pref');
    clients.countyCoordinator = await signedIn(app, 'progress.county');
    clients.prefReporter = await signedIn(app, 'progress.reporter');
    clients.wenshanCoordinator = await signedIn(app, 'progress.wenshan');
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('plans.progress.schedule', () => {
    it('expects nothing at the start, half by 30 June, all by 30 November and after the deadline', async () => {
      const shares = [];
      for (const date of ['2020-06-01', '2020-06-16', '2020-06-30', '2020-09-14', '2020-11-30', '2021-01-10']) {
        shares.push((await target('urban-new-jobs', date)).expectedShare);
      }
      expect(shares).toEqual([0, 0.258621, 0.5, 0.748366, 1, 1]);
    });

    it('counts no progress before any figure is accepted', async () => {
      await figure('urban-new-jobs', 1.2, '2020-06-30').then((id) => store.db.updateTable('target_figure').set({ accepted: false }).where('id', '=', id).execute());
      expect(await target('urban-new-jobs', '2020-06-30')).toMatchObject({ figure: null, progress: 0, slip: 50, colour: 'red' });
    });

    it('documents its routes in the OpenAPI description', async () => {
      const paths = Object.keys((await clients.admin.get('/api/openapi.json')).json().paths);
      expect(paths).toEqual(expect.arrayContaining(['/api/plans/{id}/progress', '/api/plans/{id}/colour-history', '/api/plans/{id}/targets/{targetId}/allocation', '/api/plans/{id}/colour-rules']));
    });

    it('refuses a date that is not one, and a plan outside the reader’s reach', async () => {
      const bad = await clients.prefCoordinator.get(`/api/plans/${planId}/progress?asOf=2020-02-30`);
      expect(bad.statusCode).toBe(400);
      expect((await clients.wenshanCoordinator.get(`/api/plans/${planId}/progress`)).statusCode).toBe(404);
    });
  });

  describe('plans.progress.colours', () => {
    const key = 'urban-new-jobs';
    let first: string;

    it('is yellow at 0.7万 on 30 June: 38.9% against 50%, a slip of 11 points', async () => {
      first = await figure(key, 0.7);
      const refreshed = await refresh(noon('2020-06-30'));
      expect(refreshed.asOf).toBe('2020-06-30');
      expect(refreshed.changes.find((change) => change.entityId === targets.get(key))).toMatchObject({
        from: null,
        to: 'yellow',
        reason: { zh: '滞后时序进度11.1个百分点（超过5个百分点）', en: 'slip 11.1 points > 5' },
      });
      const view = await target(key, '2020-06-30');
      expect(view).toMatchObject({ figure: 0.7, figureAsOf: '2020-06-30', progress: 0.388889, expectedShare: 0.5, slip: 11.111111, colour: 'yellow', met: false });
    });

    it('turns red when the accepted figure is 0.5万: a slip of 22 points', async () => {
      await store.db.updateTable('target_figure').set({ accepted: false }).where('id', '=', first).execute();
      await figure(key, 0.5);
      const refreshed = await refresh(noon('2020-06-30', 13));
      expect(refreshed.changes.find((change) => change.entityId === targets.get(key))).toMatchObject({
        from: 'yellow',
        to: 'red',
        reason: { zh: '滞后时序进度22.2个百分点（超过15个百分点）', en: 'slip 22.2 points > 15' },
      });
      expect((await target(key, '2020-06-30')).colour).toBe('red');
    });

    it('stays red at 0.85万 although the slip is under 5 points, until progress reaches the schedule', async () => {
      await figure(key, 0.85);
      const refreshed = await refresh(noon('2020-06-30', 14));
      expect(refreshed.changes.find((change) => change.entityId === targets.get(key))).toBeUndefined();
      const view = await target(key, '2020-06-30');
      expect(view).toMatchObject({ colour: 'red', slip: 2.777778, reason: '红色保持至差距补足：完成进度47.2%，低于时序进度50.0%' });
      const state = await store.db.selectFrom('colour_state').selectAll().where('entity_id', '=', targets.get(key) ?? '').executeTakeFirstOrThrow();
      expect(state).toMatchObject({ colour: 'red', reason: bilingual('红色保持至差距补足：完成进度47.2%，低于时序进度50.0%', 'red until made up: progress 47.2% < schedule 50.0%') });
      expect(state.since.toISOString()).toBe(noon('2020-06-30', 13).toISOString());
    });

    it('turns green at 0.95万, once progress is at or above the schedule', async () => {
      await figure(key, 0.95);
      const refreshed = await refresh(noon('2020-06-30', 15));
      expect(refreshed.changes.find((change) => change.entityId === targets.get(key))).toMatchObject({ from: 'red', to: 'green' });
      expect(await target(key, '2020-06-30')).toMatchObject({ colour: 'green', progress: 0.527778 });
    });

    it('records each change once in the history, and nothing when refreshed again', async () => {
      const before = await store.db.selectFrom('colour_change').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow();
      expect((await refresh(noon('2020-06-30', 16))).changes).toEqual([]);
      const all = await store.db.transaction().execute((trx) => refreshAllPlanColours({ ...systemContext(store, noon('2020-06-30', 17)), db: trx }));
      expect(all.map((run) => [run.planId, run.changes])).toEqual([[planId, []]]);
      const after = await store.db.selectFrom('colour_change').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      const response = await clients.prefReporter.get(`/api/plans/${planId}/colour-history?entity=${targets.get(key)}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().items.map((item: { from: string | null; to: string }) => [item.from, item.to])).toEqual([
        ['red', 'green'],
        ['yellow', 'red'],
        [null, 'yellow'],
      ]);
      expect(response.json().items[1]).toMatchObject({ entityType: 'target', label: '城镇新增就业 临夏回族自治州', reason: '滞后时序进度22.2个百分点（超过15个百分点）' });
    });

    it('gives the reasons in English to a reader who asks for English, in Chinese by default', async () => {
      clients.prefReporter.language = 'en';
      const history = await clients.prefReporter.get(`/api/plans/${planId}/colour-history?entity=${targets.get(key)}`);
      const view = await target(key, '2020-06-29', clients.prefReporter);
      clients.prefReporter.language = 'zh-CN';
      expect(history.json().items[1].reason).toBe('slip 22.2 points > 15');
      expect(view.reason).toBe('slip 48.3 points > 15');
      expect((await target(key, '2020-06-29', clients.prefReporter)).reason).toBe('滞后时序进度48.3个百分点（超过15个百分点）');
    });

    it('shows a reason recorded in one language only as it was, in either language', async () => {
      const entityId = targets.get('registered-unemployment-rate') ?? '';
      const older = await store.db
        .insertInto('colour_change')
        .values({ entity_type: 'target', entity_id: entityId, plan_id: planId, at: noon('2020-06-01'), from_colour: null, to_colour: 'green', reason: 'on schedule: progress 100.0% ≥ schedule 100.0%' })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const language of ['zh-CN', 'en'] as const) {
        clients.prefReporter.language = language;
        const history = await clients.prefReporter.get(`/api/plans/${planId}/colour-history?entity=${entityId}`);
        expect(history.json().items.at(-1)?.reason).toBe('on schedule: progress 100.0% ≥ schedule 100.0%');
      }
      clients.prefReporter.language = 'zh-CN';
      await store.db.deleteFrom('colour_change').where('id', '=', older.id).execute();
    });

    it('writes an audit entry for a refresh that changed colours', async () => {
      const entries = await store.db.selectFrom('audit_log').select('after').where('action', '=', 'plans.colours.refresh').where('entity_id', '=', planId).execute();
      // 12:00 (first colours), 13:00 (yellow → red) and 15:00 (red → green); 14:00 changed nothing.
      expect(entries).toHaveLength(3);
    });

    it('reads an earlier day with the colours recorded up to it', async () => {
      // On 29 June no figure as of 30 June counts yet, and nothing was recorded before: judged afresh.
      expect(await target(key, '2020-06-29')).toMatchObject({ figure: null, colour: 'red', reason: '滞后时序进度48.3个百分点（超过15个百分点）' });
    });

    it('keeps a limit green while within it and red once broken', async () => {
      await figure('registered-unemployment-rate', 4.2, '2020-06-30');
      expect(await target('registered-unemployment-rate', '2020-07-01')).toMatchObject({ colour: 'green', progress: 1, met: true });
      await figure('registered-unemployment-rate', 4.6, '2020-07-31');
      expect(await target('registered-unemployment-rate', '2020-08-01')).toMatchObject({ colour: 'red', progress: 0, slip: 100 });
    });

    it('colours a task by its targets, and red once a report is missing past its due date', async () => {
      const task = await store.db.selectFrom('plan_task').select(['id']).where('plan_id', '=', planId).where('number', '=', '四(一)1').executeTakeFirstOrThrow();
      const onThirtieth = (await progress('2020-06-30')).tasks.find((candidate) => candidate.id === task.id);
      expect(onThirtieth).toMatchObject({ colour: 'yellow', reason: '“项目建设本地用工人数占用工总量比例”目标为黄色' });
      const afterDue = (await progress('2020-07-06')).tasks.find((candidate) => candidate.id === task.id);
      expect(afterDue?.colour).toBe('red');
      expect(afterDue?.reason).toContain('2020年6月报告逾期未报送；');
    });
  });

  describe('plans.progress.allocate', () => {
    const url = () => `/api/plans/${planId}/targets/${targets.get('urban-new-jobs')}/allocation`;
    const split = [0.3, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2];

    it('splits among Linxia’s eight counties', () => {
      expect(counties).toHaveLength(8);
    });

    it('refuses parts that do not add up, with both sums in the message', async () => {
      const parts = counties.map((regionCode, index) => ({ regionCode, value: index === 0 ? 0.2 : (split[index] ?? 0) }));
      const response = await clients.prefCoordinator.put(url(), { parts });
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({ code: 'unprocessable', field: 'parts' });
      expect(response.json().error.message).toContain('1.7万人');
      expect(response.json().error.message).toContain('1.8万人');
      clients.prefCoordinator.language = 'en';
      const english = await clients.prefCoordinator.put(url(), { parts });
      clients.prefCoordinator.language = 'zh-CN';
      expect(english.json().error.message).toBe('The parts add up to 1.7 万人 but the target is 1.8 万人; they must add up to it exactly.');
    });

    it('refuses a region that is not directly below the target’s, naming the part', async () => {
      const parts = counties.map((regionCode, index) => ({ regionCode, value: split[index] ?? 0 }));
      const wenshan = await clients.prefCoordinator.put(url(), { parts: parts.map((part, index) => (index === 2 ? { ...part, regionCode: '532621' } : part)) });
      expect(wenshan.statusCode).toBe(422);
      expect(wenshan.json().error.field).toBe('parts.2.regionCode');
      const twice = await clients.prefCoordinator.put(url(), { parts: parts.map((part, index) => (index === 3 ? { ...part, regionCode: counties[0] } : part)) });
      expect(twice.json().error.field).toBe('parts.3.regionCode');
    });

    it('refuses a county coordinator (403), a reporter (403) and another prefecture (404)', async () => {
      const parts = counties.map((regionCode, index) => ({ regionCode, value: split[index] ?? 0 }));
      expect((await clients.countyCoordinator.put(url(), { parts })).statusCode).toBe(403);
      expect((await clients.prefReporter.put(url(), { parts })).statusCode).toBe(403);
      expect((await clients.wenshanCoordinator.put(url(), { parts })).statusCode).toBe(404);
    });

    it('refuses to split a rate', async () => {
      const response = await clients.prefCoordinator.put(`/api/plans/${planId}/targets/${targets.get('registered-unemployment-rate')}/allocation`, {
        parts: [{ regionCode: counties[0], value: 4.5 }],
      });
      expect(response.statusCode).toBe(422);
    });

    it('creates a child target per county with the milestones as shares', async () => {
      const parts = counties.map((regionCode, index) => ({ regionCode, value: split[index] ?? 0 }));
      const response = await clients.prefCoordinator.put(url(), { parts });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().parts.map((part: { value: number }) => part.value)).toEqual(split);
      const child = response.json().parts.find((part: { regionCode: string }) => part.regionCode === regions.linxiaCounty);
      const milestones = await store.db.selectFrom('target_milestone').select(['due_by', 'share', 'value']).where('target_id', '=', child.targetId).orderBy('position').execute();
      expect(milestones.map((milestone) => [milestone.due_by, Number(milestone.share), milestone.value])).toEqual([
        ['2020-06-30', 0.5, null],
        ['2020-11-30', 1, null],
      ]);
      const audit = await store.db.selectFrom('audit_log').select('after').where('action', '=', 'plans.target.allocate').executeTakeFirstOrThrow();
      expect((audit.after as { parts: unknown[] }).parts).toHaveLength(8);
    });

    it('shows a county its own share and figures, not its neighbours’', async () => {
      const childOf = async (regionCode: string) =>
        (await store.db.selectFrom('plan_target').select('id').where('parent_target_id', '=', targets.get('urban-new-jobs') ?? '').where('region_code', '=', regionCode).executeTakeFirstOrThrow()).id;
      const linxiaCounty = await childOf(regions.linxiaCounty);
      await buildTargetFigure(store, { targetId: linxiaCounty, regionCode: regions.linxiaCounty, asOf: '2020-06-30', value: 0.15, unitId: prefectureUnit });
      await buildTargetFigure(store, { targetId: targets.get('urban-new-jobs') ?? '', regionCode: regions.hezheng, asOf: '2020-06-30', value: 0.05, unitId: prefectureUnit });
      const county = await progress('2020-06-30', clients.countyCoordinator);
      expect(county.abilities).toEqual({ allocate: false, setColourRules: false });
      const parent = county.targets.find((candidate) => candidate.key === 'urban-new-jobs');
      expect(parent?.regions).toEqual([{ regionCode: regions.linxiaCounty, regionName: '临夏县', figure: 0.15, asOf: '2020-06-30', allocated: 0.25 }]);
      expect(county.targets.filter((candidate) => candidate.parentTargetId !== null).map((candidate) => candidate.regionCode)).toEqual([regions.linxiaCounty]);
      expect(county.targets.find((candidate) => candidate.id === linxiaCounty)).toMatchObject({ figure: 0.15, progress: 0.6, colour: 'green' });
      const prefecture = await progress('2020-06-30');
      expect(prefecture.targets.find((candidate) => candidate.key === 'urban-new-jobs')?.regions).toHaveLength(8);
      expect(prefecture.targets.find((candidate) => candidate.key === 'urban-new-jobs')?.regions.find((region) => region.regionCode === regions.hezheng)?.figure).toBe(0.05);
    });

    it('replaces the split, refusing to drop a county that has reported', async () => {
      const withoutLinxiaCounty = counties.filter((code) => code !== regions.linxiaCounty).map((regionCode, index) => ({ regionCode, value: index === 0 ? 0.3 : 0.25 }));
      const refused = await clients.prefCoordinator.put(url(), { parts: withoutLinxiaCounty });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.field).toBe('parts');
      const fewer = [regions.linxiaCounty, counties[0] ?? ''].map((regionCode, index) => ({ regionCode, value: index === 0 ? 1 : 0.8 }));
      const replaced = await clients.prefCoordinator.put(url(), { parts: fewer });
      expect(replaced.statusCode, replaced.body).toBe(200);
      const children = await store.db.selectFrom('plan_target').select(['region_code', 'value']).where('parent_target_id', '=', targets.get('urban-new-jobs') ?? '').orderBy('region_code').execute();
      expect(children.map((child) => [child.region_code, Number(child.value)])).toEqual([
        [counties[0], 0.8],
        [regions.linxiaCounty, 1],
      ]);
    });
  });

  describe('plans.progress.rules', () => {
    const rules = { yellowSlip: 10, redSlip: 20, blueDays: 15 };

    it('refuses a reporter and a county coordinator', async () => {
      expect((await clients.prefReporter.put(`/api/plans/${planId}/colour-rules`, rules)).statusCode).toBe(403);
      expect((await clients.countyCoordinator.put(`/api/plans/${planId}/colour-rules`, rules)).statusCode).toBe(403);
      expect((await clients.wenshanCoordinator.put(`/api/plans/${planId}/colour-rules`, rules)).statusCode).toBe(404);
    });

    it('refuses a red threshold below the yellow one, and unknown fields', async () => {
      const inverted = await clients.prefCoordinator.put(`/api/plans/${planId}/colour-rules`, { yellowSlip: 20, redSlip: 10, blueDays: 30 });
      expect(inverted.statusCode).toBe(422);
      expect(inverted.json().error.field).toBe('redSlip');
      expect((await clients.prefCoordinator.put(`/api/plans/${planId}/colour-rules`, { ...rules, greenSlip: 1 })).statusCode).toBe(400);
    });

    it('judges the plan again under the rules a coordinator sets', async () => {
      expect((await progress('2020-06-30')).defaultRules).toBe(true);
      const local = await target('local-hiring-share', '2020-06-30');
      expect(local).toMatchObject({ colour: 'yellow', slip: 13.615023 });
      const response = await clients.prefCoordinator.put(`/api/plans/${planId}/colour-rules`, rules);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual(rules);
      const after = await progress('2020-06-30');
      expect(after).toMatchObject({ rules, defaultRules: false });
      expect(after.targets.find((candidate) => candidate.key === 'local-hiring-share')).toMatchObject({ colour: 'yellow', reason: '滞后时序进度13.6个百分点（超过10个百分点）' });
      const children = await store.db.selectFrom('plan_target').select(['id', 'region_code']).where('parent_target_id', '=', targets.get('urban-new-jobs') ?? '').execute();
      const childIn = (code: string) => children.find((child) => child.region_code === code)?.id;
      const entities = async (client: TestClient) =>
        ((await client.get(`/api/plans/${planId}/colour-history?limit=500`)).json().items as { entityId: string }[]).map((item) => item.entityId);
      const prefectureSees = await entities(clients.prefCoordinator);
      expect(prefectureSees).toEqual(expect.arrayContaining([childIn(counties[0] ?? ''), childIn(regions.linxiaCounty)]));
      const countySees = await entities(clients.countyCoordinator);
      expect(countySees).toContain(childIn(regions.linxiaCounty));
      expect(countySees).not.toContain(childIn(counties[0] ?? ''));
      expect(countySees).toContain(targets.get('urban-new-jobs'));
      const audit = await store.db.selectFrom('audit_log').select('after').where('action', '=', 'plans.plan.colour-rules.set').executeTakeFirstOrThrow();
      expect(audit.after).toEqual({ colourRules: rules });
    });
  });
});
