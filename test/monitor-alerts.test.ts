/**
 * Alerts: one per rule × region whose level follows the figures with its history; the lifecycle with
 * illegal transitions refused (409); escalation on an injected clock; silences; muting by a region-wide
 * alert; precision; and jurisdiction (a county sees and acts on its own alerts only, the prefecture on all).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertBoard, AlertDetail, RuleView } from '../src/contracts/monitor-warnings.contract.ts';
import { escalateOverdueAlerts, reevaluate, saveValueRows } from '../src/monitor/index.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { buildSeedPlans, buildSignedInUsers, buildTestApp, buildUnit, preparedStore, regions, systemContext, type TestClient } from './support/fixtures.ts';

type Who = 'lxCoord' | 'lxReporter' | 'lxAuditor' | 'hzCoord' | 'prefCoord';

const plan = (acknowledgeHours = 24) => ({ unitKinds: [{ kind: 'government', level: 'own' }], acknowledgeHours, respondHours: 72, actions: ['核实数据，研判原因'] });
const hour = 3_600_000;

describe.each(engines)('monitor alerts on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let now = new Date('2020-07-10T02:00:00Z');
  const clients = {} as Record<Who, TestClient>;
  const units = {} as Record<'lxGov' | 'hzGov' | 'prefGov' | 'lxBureau' | 'hzBureau' | 'prefBureau', string>;
  let sequence = 0;

  /** A fresh county-level monthly indicator and a rule on it scoped to the prefecture; returns both ids. */
  async function watched(aggregation: 'mean' | 'sum' | 'formula', ruleBody: Record<string, unknown> = {}, formula: string | null = null) {
    sequence += 1;
    const { id: indicatorId } = await store.db
      .insertInto('monitor_indicator')
      .values({ code: `alert_test_${sequence}`, name_zh: `指标${sequence}`, name_en: `Indicator ${sequence}`, unit: '人', value_type: 'decimal', frequency: 'month', entry_level: 'county', region_aggregation: aggregation, formula, time_aggregation: 'last' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const response = await clients.prefCoord.post('/api/monitor/warning-rules', {
      code: `alert-test-${sequence}`,
      nameZh: '测试预警',
      nameEn: 'Test warning',
      indicatorId,
      kind: 'threshold',
      direction: 'above',
      thresholds: { IV: 4.0, III: 4.3, II: 4.5, I: 5.0 },
      response: { IV: plan(), III: plan(), II: plan(), I: plan(2) },
      scopeRegionCode: regions.linxia,
      watchLevel: 'county',
      source: '公开标准',
      sourceKind: 'public_norm',
      ...ruleBody,
    });
    expect(response.statusCode, response.body).toBe(201);
    return { indicatorId, rule: response.json() as RuleView };
  }

  /** Saves county figures as the system and re-evaluates, as a form or import does. */
  async function save(indicatorId: string, figures: Record<string, number>, period: string) {
    return store.db.transaction().execute(async (trx) => {
      const context = { ...systemContext(store, now), db: trx };
      const rows = Object.entries(figures).map(([regionCode, value]) => ({ indicatorId, regionCode, subjectId: null, period, breakdown: '', value }));
      const { affected } = await saveValueRows(context, rows, { source: 'api' });
      return reevaluate(context, affected, now);
    });
  }

  async function board(who: Who, query = ''): Promise<AlertBoard> {
    const response = await clients[who].get(`/api/monitor/alerts?status=all&limit=500${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function alertsOf(ruleId: string) {
    return (await board('prefCoord', `&rule=${ruleId}`)).items;
  }

  async function detail(who: Who, id: string): Promise<AlertDetail> {
    const response = await clients[who].get(`/api/monitor/alerts/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function activeAlert(ruleId: string, regionCode: string): Promise<AlertDetail> {
    const found = (await alertsOf(ruleId)).filter((item) => item.regionCode === regionCode && ['open', 'acknowledged', 'handling'].includes(item.status));
    expect(found).toHaveLength(1);
    return detail('prefCoord', found[0]?.id as string);
  }

  const notices = (unitId: string, kind: string) =>
    store.db.selectFrom('notification').select(['title_zh', 'link']).where('unit_id', '=', unitId).where('kind', '=', kind).execute();

  beforeAll(async () => {
    store = await preparedStore(engine);
    app = await buildTestApp(store, { loginRateLimit: 1000, clock: () => now });
    units.lxGov = await buildUnit(store, regions.linxiaCounty, '临夏县人民政府', 'government');
    units.hzGov = await buildUnit(store, regions.hezheng, '和政县人民政府', 'government');
    units.prefGov = await buildUnit(store, regions.linxia, '临夏回族自治州人民政府', 'government');
    units.lxBureau = await buildUnit(store, regions.linxiaCounty, '临夏县人力资源和社会保障局');
    units.hzBureau = await buildUnit(store, regions.hezheng, '和政县人力资源和社会保障局');
    units.prefBureau = await buildUnit(store, regions.linxia, '临夏州人力资源和社会保障局');
    const built = await buildSignedInUsers(store, app, 'alerts', {
      lxCoord: ['coordinator', units.lxBureau],
      lxReporter: ['reporter', units.lxBureau],
      lxAuditor: ['auditor', units.lxBureau],
      hzCoord: ['coordinator', units.hzBureau],
      prefCoord: ['coordinator', units.prefBureau],
    } as Record<Who, ['coordinator' | 'reporter' | 'auditor', string]>);
    Object.assign(clients, built.clients);
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  describe('alerts.reevaluate', () => {
    it('keeps one alert whose level goes up and down with history, marked recovered below every boundary', async () => {
      const { indicatorId, rule } = await watched('sum');
      expect(await save(indicatorId, { [regions.linxiaCounty]: 4.4 }, '2020-06')).toMatchObject({ raised: 1 });
      await save(indicatorId, { [regions.linxiaCounty]: 4.6 }, '2020-07');
      await save(indicatorId, { [regions.linxiaCounty]: 4.35 }, '2020-08');
      const recovered = await save(indicatorId, { [regions.linxiaCounty]: 3.9 }, '2020-09');
      expect(recovered).toMatchObject({ raised: 0, recovered: 1 });
      const alerts = await alertsOf(rule.id);
      expect(alerts.map((alert) => alert.regionCode)).toEqual([regions.linxiaCounty]);
      const alert = await detail('prefCoord', alerts[0]?.id as string);
      expect(alert).toMatchObject({ level: 3, status: 'open', period: '2020-09', observedValue: 3.9, explanation: { recovered: true, measure: 3.9 } });
      expect(alert.explanation.zh).toMatch(/^已恢复：数值 3.9，未达到IV级（蓝色）界值 4/);
      expect(alert.history.map((event) => [event.kind, event.fromLevel, event.toLevel])).toEqual([
        ['raised', null, 3],
        ['level_changed', 3, 2],
        ['level_changed', 2, 3],
      ]);
      expect((await notices(units.lxGov, 'alert.raised')).map((notice) => notice.link)).toContain(`/monitor/alerts/${alert.id}`);
      expect((await notices(units.lxGov, 'alert.level-raised')).length).toBeGreaterThan(0);
    });

    it('does not hold a total to the same boundary at the prefecture, but does a rate', async () => {
      const total = await watched('sum');
      await save(total.indicatorId, { [regions.linxiaCounty]: 3, [regions.hezheng]: 3 }, '2020-06');
      expect(await alertsOf(total.rule.id)).toEqual([]);
      const rate = await watched('mean', { muteBelow: false });
      await save(rate.indicatorId, { [regions.linxiaCounty]: 4.6, [regions.hezheng]: 4.4 }, '2020-06');
      expect((await alertsOf(rate.rule.id)).map((alert) => [alert.regionCode, alert.level]).sort()).toEqual([
        [regions.linxia, 2],
        [regions.linxiaCounty, 2],
        [regions.hezheng, 3],
      ].sort());
    });

    it.runIf(engine === 'postgres')('opens one alert when two saves at once push the same rate over a boundary', async () => {
      // a rate of two components: saves of different components share no row, so nothing else orders them
      sequence += 1;
      const component = async (code: string) =>
        (await store.db.insertInto('monitor_indicator')
          .values({ code, name_zh: code, name_en: code, unit: '人', value_type: 'integer', frequency: 'month', entry_level: 'county', region_aggregation: 'sum', time_aggregation: 'last' })
          .returning('id').executeTakeFirstOrThrow()).id;
      const unemployed = await component(`race_unemployed_${sequence}`);
      const labour = await component(`race_labour_${sequence}`);
      const rate = await watched('formula', { muteBelow: false }, `race_unemployed_${sequence} / race_labour_${sequence} * 100`);
      await save(unemployed, { [regions.linxiaCounty]: 3 }, '2020-06');
      await save(labour, { [regions.linxiaCounty]: 100 }, '2020-06');
      expect(await alertsOf(rate.rule.id)).toEqual([]); // 3%
      const results = await Promise.allSettled([
        save(unemployed, { [regions.linxiaCounty]: 5 }, '2020-06'), // 5 / 100 = 5%
        save(labour, { [regions.linxiaCounty]: 60 }, '2020-06'), // 3 / 60 = 5%
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
      const county = (await alertsOf(rate.rule.id)).filter((alert) => alert.regionCode === regions.linxiaCounty);
      expect(county).toHaveLength(1);
    });

    it('lets a region-wide alert mute the same rule’s alerts below it, no milder than it, until it is closed', async () => {
      const { indicatorId, rule } = await watched('mean');
      await save(indicatorId, { [regions.linxiaCounty]: 5.2, [regions.hezheng]: 3.0 }, '2020-06');
      const prefecture = await activeAlert(rule.id, regions.linxia);
      expect(prefecture.level).toBe(4);
      expect((await activeAlert(rule.id, regions.linxiaCounty)).mutedBy).toBeNull();
      await save(indicatorId, { [regions.hezheng]: 5.0 }, '2020-06');
      expect((await activeAlert(rule.id, regions.linxia)).level).toBe(1);
      const [linxiaCounty, hezheng] = [await activeAlert(rule.id, regions.linxiaCounty), await activeAlert(rule.id, regions.hezheng)];
      expect([linxiaCounty.mutedBy, hezheng.mutedBy]).toEqual([prefecture.id, prefecture.id]);
      expect(hezheng.history.map((event) => event.kind)).toEqual(['raised', 'muted']);
      expect((await board('prefCoord', `&rule=${rule.id}&muted=false`)).items.map((alert) => alert.regionCode)).toEqual([regions.linxia]);
      const closed = await clients.prefCoord.post(`/api/monitor/alerts/${prefecture.id}/close`, { outcome: '全州联合研判，启动应急预案', wasReal: true });
      expect(closed.statusCode, closed.body).toBe(200);
      const unmuted = await activeAlert(rule.id, regions.linxiaCounty);
      expect(unmuted.mutedBy).toBeNull();
      expect(unmuted.history.map((event) => event.kind)).toEqual(['raised', 'muted', 'unmuted']);
    });
  });

  describe('behind_schedule', () => {
    it('measures the lag behind the time schedule of the plan target named like the indicator', async () => {
      await buildSeedPlans(store, ['linxia-2020-employment']);
      const { id: indicatorId } = await store.db
        .insertInto('monitor_indicator')
        .values({ code: 'urban_new_jobs', name_zh: '城镇新增就业', name_en: 'Urban new jobs', unit: '万人', value_type: 'decimal', frequency: 'month', entry_level: 'county', region_aggregation: 'sum', time_aggregation: 'last' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const response = await clients.prefCoord.post('/api/monitor/warning-rules', {
        code: 'urban-jobs-behind',
        nameZh: '城镇新增就业落后时序进度',
        nameEn: 'Urban new jobs behind schedule',
        indicatorId,
        kind: 'behind_schedule',
        direction: 'above',
        thresholds: { IV: 5, II: 20 },
        response: { IV: plan(), II: plan() },
        scopeRegionCode: regions.linxia,
        watchLevel: 'prefecture',
        source: '《临夏州稳就业工作方案》三、第2项：6月底前完成50%',
        sourceKind: 'document',
      });
      expect(response.statusCode, response.body).toBe(201);
      const ruleId = response.json().id as string;
      // 0.7 of 1.8 万人 by 30 June is 38.9% against the 50% the schedule expects: 11.1 points behind.
      await save(indicatorId, { [regions.linxiaCounty]: 0.4, [regions.hezheng]: 0.3 }, '2020-06');
      const behind = await activeAlert(ruleId, regions.linxia);
      expect(behind).toMatchObject({ level: 4, observedValue: 0.7 });
      expect(behind.explanation.measure).toBeCloseTo(11.11, 2);
      expect(behind.explanation.zh).toContain('时序进度 50%');
      await save(indicatorId, { [regions.hezheng]: 0.1 }, '2020-06');
      expect((await activeAlert(ruleId, regions.linxia)).level).toBe(2);
    });
  });

  describe('alerts.lifecycle', () => {
    it('goes open → acknowledged → handling → closed and refuses illegal transitions with 409', async () => {
      const { indicatorId, rule } = await watched('sum');
      await save(indicatorId, { [regions.linxiaCounty]: 4.5, [regions.hezheng]: 4.1 }, '2020-06');
      const alert = await activeAlert(rule.id, regions.linxiaCounty);
      const early = await clients.lxReporter.post(`/api/monitor/alerts/${alert.id}/actions`, { note: '电话核实' });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.field).toBe('status');
      const acknowledged = await clients.lxReporter.post(`/api/monitor/alerts/${alert.id}/acknowledge`, {});
      expect(acknowledged.statusCode, acknowledged.body).toBe(200);
      expect(acknowledged.json()).toMatchObject({ status: 'acknowledged', owner: { name: 'alerts.lxReporter' }, abilities: { acknowledge: false, recordAction: true } });
      expect((await clients.lxCoord.post(`/api/monitor/alerts/${alert.id}/acknowledge`, {})).statusCode).toBe(409);
      const acted = await clients.lxReporter.post(`/api/monitor/alerts/${alert.id}/actions`, { note: '约谈企业，了解减员原因' });
      expect(acted.json()).toMatchObject({ status: 'handling' });
      const noVerdict = await clients.lxCoord.post(`/api/monitor/alerts/${alert.id}/close`, { outcome: '已稳岗' });
      expect(noVerdict.statusCode).toBe(400);
      expect(noVerdict.json().error.field).toBe('wasReal');
      const closed = await clients.lxCoord.post(`/api/monitor/alerts/${alert.id}/close`, { outcome: '已落实稳岗返还', wasReal: true });
      expect(closed.json()).toMatchObject({ status: 'closed', wasReal: true, outcome: '已落实稳岗返还' });
      expect(closed.json().history.map((event: { kind: string }) => event.kind)).toEqual(['raised', 'acknowledged', 'action', 'closed']);
      for (const [path, body] of [['dismiss', { reason: '误报' }], ['actions', { note: '再看看' }], ['close', { outcome: '再关', wasReal: false }], ['acknowledge', {}]] as const) {
        expect((await clients.lxCoord.post(`/api/monitor/alerts/${alert.id}/${path}`, body)).statusCode, path).toBe(409);
      }
      const other = await activeAlert(rule.id, regions.hezheng);
      const dismissed = await clients.hzCoord.post(`/api/monitor/alerts/${other.id}/dismiss`, { reason: '数据录入错误，已更正' });
      expect(dismissed.json()).toMatchObject({ status: 'dismissed', dismissReason: '数据录入错误，已更正' });
      const audit = await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', alert.id).orderBy('id').execute();
      expect(audit.map((entry) => entry.action)).toEqual(['monitor.alert.raise', 'monitor.alert.acknowledge', 'monitor.alert.action', 'monitor.alert.close']);
      // A new crossing after closing opens a new alert: one open alert per rule × region, not one ever.
      await save(indicatorId, { [regions.linxiaCounty]: 4.7 }, '2020-07');
      expect((await alertsOf(rule.id)).filter((item) => item.regionCode === regions.linxiaCounty).map((item) => item.status).sort()).toEqual(['closed', 'open']);
    });

    it('escalates an unacknowledged alert to the parent region at its deadline, not a minute before', async () => {
      const { indicatorId, rule } = await watched('sum');
      const raisedAt = new Date(now.getTime());
      await save(indicatorId, { [regions.hezheng]: 4.2 }, '2020-06');
      const alert = await activeAlert(rule.id, regions.hezheng);
      expect(alert.acknowledgeDueAt).toBe(new Date(raisedAt.getTime() + 24 * hour).toISOString());
      const escalate = (at: Date) => store.db.transaction().execute((trx) => escalateOverdueAlerts({ ...systemContext(store, at), db: trx }, at));
      await escalate(new Date(raisedAt.getTime() + 24 * hour - 60_000));
      expect((await detail('prefCoord', alert.id)).escalations).toBe(0);
      const linksOf = async () => (await notices(units.prefGov, 'alert.escalated')).map((notice) => notice.link);
      expect(await linksOf()).not.toContain(`/monitor/alerts/${alert.id}`);
      const deadline = new Date(raisedAt.getTime() + 24 * hour);
      expect(await escalate(deadline)).toBeGreaterThanOrEqual(1);
      const escalated = await detail('prefCoord', alert.id);
      expect(escalated).toMatchObject({ escalatedTo: regions.linxia, escalations: 1, status: 'open', acknowledgeDueAt: new Date(deadline.getTime() + 24 * hour).toISOString() });
      expect(escalated.history.at(-1)).toMatchObject({ kind: 'escalated', data: { from: regions.hezheng, to: regions.linxia } });
      expect(await linksOf()).toContain(`/monitor/alerts/${alert.id}`);
      await escalate(new Date(deadline.getTime() + 60_000));
      expect((await detail('prefCoord', alert.id)).escalations).toBe(1);
      const acknowledged = await clients.prefCoord.post(`/api/monitor/alerts/${alert.id}/acknowledge`, { note: '州专班接手' });
      expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    });
  });

  describe('silences', () => {
    it('suppress raising while in force, need a reason and a future expiry, and do nothing once expired', async () => {
      const { indicatorId, rule } = await watched('sum');
      const body = { ruleId: rule.id, regionCode: regions.linxiaCounty, reason: '企业集中检修，减员属计划内', expiresAt: new Date(now.getTime() + 2 * hour).toISOString() };
      const past = await clients.lxCoord.post('/api/monitor/silences', { ...body, expiresAt: new Date(now.getTime() - 1000).toISOString() });
      expect(past.statusCode).toBe(422);
      expect(past.json().error.field).toBe('expiresAt');
      const noReason = await clients.lxCoord.post('/api/monitor/silences', { ...body, reason: undefined });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.field).toBe('reason');
      expect((await clients.hzCoord.post('/api/monitor/silences', body)).statusCode).toBe(403);
      expect((await clients.lxReporter.post('/api/monitor/silences', body)).statusCode).toBe(403);
      const created = await clients.lxCoord.post('/api/monitor/silences', body);
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ active: true, abilities: { revoke: true } });
      expect(await save(indicatorId, { [regions.linxiaCounty]: 5.5 }, '2020-06')).toMatchObject({ raised: 0, silenced: 1 });
      expect(await alertsOf(rule.id)).toEqual([]);
      now = new Date(now.getTime() + 3 * hour);
      expect((await clients.lxCoord.get(`/api/monitor/silences?rule=${rule.id}`)).json().items).toEqual([]);
      expect((await clients.lxCoord.get(`/api/monitor/silences?rule=${rule.id}&active=false`)).json().items).toHaveLength(1);
      expect(await save(indicatorId, { [regions.linxiaCounty]: 5.6 }, '2020-07')).toMatchObject({ raised: 1, silenced: 0 });
    });

    it('are revocable, after which the rule raises again', async () => {
      const { indicatorId, rule } = await watched('sum');
      const created = await clients.prefCoord.post('/api/monitor/silences', { ruleId: rule.id, regionCode: regions.linxia, reason: '春节假期', expiresAt: new Date(now.getTime() + 24 * hour).toISOString() });
      expect(await save(indicatorId, { [regions.hezheng]: 4.4 }, '2020-06')).toMatchObject({ silenced: 1 });
      expect((await clients.hzCoord.post(`/api/monitor/silences/${created.json().id}/revoke`)).statusCode).toBe(403);
      const revoked = await clients.prefCoord.post(`/api/monitor/silences/${created.json().id}/revoke`);
      expect(revoked.json()).toMatchObject({ active: false });
      expect((await clients.prefCoord.post(`/api/monitor/silences/${created.json().id}/revoke`)).statusCode).toBe(409);
      expect(await save(indicatorId, { [regions.hezheng]: 4.45 }, '2020-06')).toMatchObject({ raised: 1 });
    });
  });

  describe('precision and jurisdiction', () => {
    it('reports precision per rule and overall from closed alerts judged real or not', async () => {
      const { indicatorId, rule } = await watched('sum');
      await save(indicatorId, { [regions.linxiaCounty]: 4.5, [regions.hezheng]: 4.5 }, '2020-06');
      await clients.prefCoord.post(`/api/monitor/alerts/${(await activeAlert(rule.id, regions.linxiaCounty)).id}/close`, { outcome: '确有减员', wasReal: true });
      await clients.prefCoord.post(`/api/monitor/alerts/${(await activeAlert(rule.id, regions.hezheng)).id}/close`, { outcome: '统计口径变化', wasReal: false });
      const precision = (await clients.prefCoord.get('/api/monitor/alerts/precision')).json();
      expect(precision.rules.find((entry: { ruleId: string }) => entry.ruleId === rule.id)).toMatchObject({ closed: 2, real: 1, precision: 0.5 });
      expect(precision.overall.closed).toBe(precision.rules.reduce((sum: number, entry: { closed: number }) => sum + entry.closed, 0));
      const county = (await clients.hzCoord.get('/api/monitor/alerts/precision')).json();
      expect(county.rules.find((entry: { ruleId: string }) => entry.ruleId === rule.id)).toMatchObject({ closed: 1, real: 0, precision: 0 });
    });

    it('shows a county only its own alerts, lets the prefecture see and act on all, and counts by level', async () => {
      const { indicatorId, rule } = await watched('sum');
      await save(indicatorId, { [regions.linxiaCounty]: 5.1, [regions.hezheng]: 4.3 }, '2020-06');
      const linxiaAlert = await activeAlert(rule.id, regions.linxiaCounty);
      const hezhengBoard = await board('hzCoord', `&rule=${rule.id}`);
      expect(hezhengBoard.items.map((alert) => alert.regionCode)).toEqual([regions.hezheng]);
      expect(hezhengBoard.countsByLevel).toEqual({ 1: 0, 2: 0, 3: 1, 4: 0 });
      expect((await clients.hzCoord.get(`/api/monitor/alerts/${linxiaAlert.id}`)).statusCode).toBe(404);
      expect((await clients.hzCoord.post(`/api/monitor/alerts/${linxiaAlert.id}/acknowledge`, {})).statusCode).toBe(404);
      expect((await clients.lxAuditor.get(`/api/monitor/alerts/${linxiaAlert.id}`)).statusCode).toBe(200);
      expect((await clients.lxAuditor.post(`/api/monitor/alerts/${linxiaAlert.id}/acknowledge`, {})).statusCode).toBe(403);
      const prefectureBoard: AlertBoard = (await clients.prefCoord.get(`/api/monitor/alerts?rule=${rule.id}&status=active`)).json();
      expect(prefectureBoard.countsByLevel).toEqual({ 1: 1, 2: 0, 3: 1, 4: 0 });
      expect(prefectureBoard.items.map((alert) => alert.level)).toEqual([1, 3]);
      expect((await board('prefCoord', `&rule=${rule.id}&level=1`)).items.map((alert) => alert.regionCode)).toEqual([regions.linxiaCounty]);
      expect((await clients.prefCoord.post(`/api/monitor/alerts/${linxiaAlert.id}/acknowledge`, {})).statusCode).toBe(200);
      const badLevel = await clients.prefCoord.get('/api/monitor/alerts?level=5');
      expect(badLevel.statusCode).toBe(400);
      expect(badLevel.json().error.field).toBe('level');
    });
  });
});
