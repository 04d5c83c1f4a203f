/**
 * Warning rules (分级预警, 分层响应): created with checked thresholds, parameters and response plans, versioned
 * and audited on every change, managed only by the coordinators of their scope. Alerts are in
 * monitor-alerts.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleView } from '../src/contracts/monitor-warnings.contract.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { buildSignedInUsers, buildTestApp, buildUnit, preparedStore, regions, type TestClient } from './support/fixtures.ts';

type Who = 'lxCoord' | 'lxReporter' | 'hzCoord' | 'prefCoord' | 'lxAuditor';

const plan = (acknowledgeHours = 24) => ({ unitKinds: [{ kind: 'government', level: 'own' }], acknowledgeHours, respondHours: 72, actions: ['核实数据，研判原因'] });

describe.each(engines)('monitor warnings on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  const now = new Date('2020-07-10T02:00:00Z');
  const clients = {} as Record<Who, TestClient>;
  const units = {} as Record<'lxGov' | 'hzGov' | 'prefGov' | 'lxBureau' | 'hzBureau' | 'prefBureau', string>;
  let rateId = '';

  async function indicator(code: string, aggregation: 'mean' | 'sum') {
    const row = await store.db
      .insertInto('monitor_indicator')
      .values({ code, name_zh: `指标${code}`, name_en: `Indicator ${code}`, unit: '%', value_type: 'decimal', frequency: 'month', entry_level: 'county', region_aggregation: aggregation, time_aggregation: 'last' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function createRule(who: Who, body: Record<string, unknown>) {
    return clients[who].post('/api/monitor/warning-rules', {
      nameZh: '登记失业率超控制目标',
      nameEn: 'Registered unemployment above the control target',
      kind: 'threshold',
      direction: 'above',
      thresholds: { IV: 4.0, III: 4.3, II: 4.5, I: 5.0 },
      response: { IV: plan(), III: plan(), II: plan(12), I: plan(2) },
      scopeRegionCode: regions.linxia,
      watchLevel: 'county',
      source: '《临夏州稳就业工作方案》控制目标 4.5%',
      sourceKind: 'document',
      ...body,
    });
  }

  async function rule(code: string, body: Record<string, unknown> = {}): Promise<RuleView> {
    const response = await createRule('prefCoord', { code, indicatorId: rateId, ...body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  beforeAll(async () => {
    store = await preparedStore(engine);
    app = await buildTestApp(store, { loginRateLimit: 1000, clock: () => now });
    units.lxGov = await buildUnit(store, regions.linxiaCounty, '临夏县人民政府', 'government');
    units.hzGov = await buildUnit(store, regions.hezheng, '和政县人民政府', 'government');
    units.prefGov = await buildUnit(store, regions.linxia, '临夏回族自治州人民政府', 'government');
    units.lxBureau = await buildUnit(store, regions.linxiaCounty, '临夏县人力资源和社会保障局');
    units.hzBureau = await buildUnit(store, regions.hezheng, '和政县人力资源和社会保障局');
    units.prefBureau = await buildUnit(store, regions.linxia, '临夏州人力资源和社会保障局');
    const built = await buildSignedInUsers(store, app, 'warnings', {
      lxCoord: ['coordinator', units.lxBureau],
      lxReporter: ['reporter', units.lxBureau],
      lxAuditor: ['auditor', units.lxBureau],
      hzCoord: ['coordinator', units.hzBureau],
      prefCoord: ['coordinator', units.prefBureau],
    } as Record<Who, ['coordinator' | 'reporter' | 'auditor', string]>);
    Object.assign(clients, built.clients);
    rateId = await indicator('unemployment_rate', 'mean');
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  describe('warning rules', () => {
    it('creates a rule with its defaults, bumps the version on change and audits both', async () => {
      const created = await rule('rate-versions', { kind: 'robust_z', thresholds: { III: 3.5 }, response: { III: plan() }, enabled: false });
      expect(created).toMatchObject({ version: 1, params: { window: 12, minHistory: 6 }, enabled: false, abilities: { update: true } });
      const changed = await clients.prefCoord.patch(`/api/monitor/warning-rules/${created.id}`, { thresholds: { III: 3 }, version: 1 });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({ version: 2, thresholds: { III: 3 } });
      const stale = await clients.prefCoord.patch(`/api/monitor/warning-rules/${created.id}`, { nameZh: '改名', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.field).toBe('version');
      const enabled = await clients.prefCoord.post(`/api/monitor/warning-rules/${created.id}/enable`);
      expect(enabled.json()).toMatchObject({ enabled: true, version: 3 });
      const audit = await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.id).orderBy('id').execute();
      expect(audit.map((entry) => entry.action)).toEqual(['monitor.warning_rule.create', 'monitor.warning_rule.update', 'monitor.warning_rule.enable']);
    });

    it('refuses bad input naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ thresholds: { IV: 5, III: 4 }, response: { IV: plan(), III: plan() } }, 'thresholds.III'],
        [{ response: { IV: plan(), III: plan(), II: plan() } }, 'response.I'],
        [{ kind: 'days_of_supply', direction: 'above' }, 'direction'],
        [{ kind: 'robust_z', params: { window: 1000 }, thresholds: { III: 3.5 }, response: { III: plan() } }, 'params.window'],
        [{ source: undefined }, 'source'],
        [{ sourceKind: 'rumour' }, 'sourceKind'],
      ];
      for (const [body, field] of cases) {
        const response = await createRule('prefCoord', { code: 'bad-input', indicatorId: rateId, ...body });
        expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
        expect(response.json().error.field).toBe(field);
      }
      const unknownIndicator = await createRule('prefCoord', { code: 'bad-input', indicatorId: '00000000-0000-4000-8000-000000000000' });
      expect(unknownIndicator.statusCode).toBe(422);
      expect(unknownIndicator.json().error.field).toBe('indicatorId');
    });

    it('lets only coordinators of the scope manage rules; a county reads the prefecture’s rules', async () => {
      expect((await createRule('lxCoord', { code: 'county-tries', indicatorId: rateId })).statusCode).toBe(403);
      expect((await createRule('lxReporter', { code: 'county-tries', indicatorId: rateId, scopeRegionCode: regions.linxiaCounty })).statusCode).toBe(403);
      const own = await createRule('lxCoord', { code: 'county-own', indicatorId: rateId, scopeRegionCode: regions.linxiaCounty, enabled: false });
      expect(own.statusCode, own.body).toBe(201);
      const listed = (await clients.lxCoord.get('/api/monitor/warning-rules?limit=500')).json();
      expect(listed.items.map((item: RuleView) => item.code)).toEqual(expect.arrayContaining(['rate-versions', 'county-own']));
      const hezheng = (await clients.hzCoord.get('/api/monitor/warning-rules?limit=500')).json();
      expect(hezheng.items.map((item: RuleView) => item.code)).not.toContain('county-own');
      expect((await clients.hzCoord.get(`/api/monitor/warning-rules/${own.json().id}`)).statusCode).toBe(404);
      expect((await clients.lxCoord.post(`/api/monitor/warning-rules/${listed.items.find((item: RuleView) => item.code === 'rate-versions').id}/disable`)).statusCode).toBe(403);
    });
  });
});
