/**
 * Monitoring over HTTP: values posted through the API and visible in every ancestor at once, bad input
 * refused naming the row and field, the catalogue's checks, and jurisdiction (a county neither reads nor
 * writes another county's figures; the prefecture reads both).
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/kernel/actor.ts';
import { createSubject } from '../src/monitor/index.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { adminPassword, buildMonitorWorld, buildSeedPlans, buildSignedInUsers, buildTestApp, buildUnit, preparedStore, regions, signedIn, systemContext, type TestClient } from './support/fixtures.ts';

describe.each(engines)('monitor API on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let world: Awaited<ReturnType<typeof buildMonitorWorld>>;
  let clients: Record<'lxReporter' | 'lxCoordinator' | 'hzReporter' | 'prefCoordinator', TestClient>;
  let admin: TestClient;
  let subjectId: string;

  beforeAll(async () => {
    store = await preparedStore(engine);
    world = await buildMonitorWorld(store);
    await buildSeedPlans(store, ['linxia-2020-employment']);
    app = await buildTestApp(store, { loginRateLimit: 1000, clock: () => new Date('2020-07-05T02:00:00Z') });
    const lx = await buildUnit(store, regions.linxiaCounty, '临夏县统计局');
    const hz = await buildUnit(store, regions.hezheng, '和政县统计局');
    const pref = await buildUnit(store, regions.linxia, '临夏州统计局');
    ({ clients } = await buildSignedInUsers(store, app, 'mon', {
      lxReporter: ['reporter', lx],
      lxCoordinator: ['coordinator', lx],
      hzReporter: ['reporter', hz],
      prefCoordinator: ['coordinator', pref],
    }));
    admin = await signedIn(app, 'admin', adminPassword);
    subjectId = (await createSubject(systemContext(store), systemActor, { kind: 'enterprise', code: '91622921000000001X', name: '临夏某公司', regionCode: world.regions.villageA1, unitId: null, attributes: {} })).id;
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const aggregate = async (client: TestClient, code: string, regionList: string[], period: string) => {
    const response = await client.get(`/api/monitor/aggregates?indicators=${code}&regions=${regionList.join(',')}&periods=${period}`);
    return response;
  };

  it('shows a saved value in the aggregate of every ancestor right after the save', async () => {
    const { regions: r } = world;
    const saved = await clients.lxReporter.post('/api/monitor/values', { values: [{ indicator: 'new_jobs', regionCode: r.villageA1, period: '2020-07', value: 4 }] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ saved: 1 });
    const ancestry = [r.villageA1, r.townshipA, regions.linxiaCounty, regions.linxia, '620000', '000000'];
    const response = await aggregate(admin, 'new_jobs', ancestry, '2020-07');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items.map((item: { regionCode: string; value: number }) => [item.regionCode, item.value])).toEqual(ancestry.map((code) => [code, 4]));
    const audit = await store.db.selectFrom('audit_log').select(['after', 'region_code']).where('action', '=', 'monitor.values.save').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.region_code).toBe(r.villageA1);
    expect(audit.after).toMatchObject({ source: 'api', saved: 1 });
  });

  it('names the row and field of bad input and saves nothing from a refused batch', async () => {
    const { regions: r } = world;
    const good = { indicator: 'new_jobs', regionCode: r.villageA2, period: '2020-07', value: 1 };
    const cases: [unknown, number, string, string][] = [
      [{ ...good, indicator: 'no_such_indicator' }, 422, 'values[1].indicator', 'no_such_indicator'],
      [{ ...good, regionCode: '622921999999' }, 422, 'values[1].regionCode', '622921999999'],
      [{ ...good, regionCode: regions.linxiaCounty }, 422, 'values[1].regionCode', 'village'],
      [{ ...good, period: '2020Q3' }, 422, 'values[1].period', '2020Q3'],
      [{ ...good, period: '2020-13' }, 400, 'values.1.period', 'period'],
      [{ ...good, value: '12 people' }, 422, 'values[1].value', '12 people'],
      [{ ...good, value: '1.5' }, 422, 'values[1].value', 'whole number'],
      [{ ...good, indicator: 'unsold_produce', breakdown: 'banana' }, 422, 'values[1].breakdown', 'banana'],
      [{ ...good, indicator: 'registered_unemployment_rate' }, 422, 'values[1].indicator', 'formula'],
      [good, 422, 'values[1]', 'row 1'],
    ];
    admin.language = 'en';
    for (const [bad, status, field, words] of cases) {
      const response = await admin.post('/api/monitor/values', { values: [good, bad] });
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().error.field).toBe(field);
      expect(response.json().error.message).toContain(words);
    }
    admin.language = 'zh-CN';
    const stored = await store.db.selectFrom('monitor_value').select('id').where('region_code', '=', r.villageA2).where('period', '=', '2020-07').execute();
    expect(stored).toEqual([]);
  });

  it('checks formulas and weights against the catalogue, naming the position', async () => {
    const base = { nameZh: '测试', nameEn: 'test', unit: '人', valueType: 'decimal', frequency: 'month', entryLevel: 'village', timeAggregation: 'last' };
    const unknown = await admin.post('/api/monitor/indicators', { ...base, code: 'bad_rate', regionAggregation: 'formula', formula: 'new_jobs / nothing_here' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.field).toBe('formula');
    expect(unknown.json().error.message).toContain('nothing_here');
    expect(unknown.json().error.message).toContain('12');
    const syntax = await admin.post('/api/monitor/indicators', { ...base, code: 'bad_syntax', regionAggregation: 'formula', formula: 'new_jobs * (2' });
    expect(syntax.statusCode).toBe(422);
    const doubled = await admin.post('/api/monitor/indicators', { ...base, code: 'jobs_doubled', regionAggregation: 'formula', formula: 'new_jobs * 2' });
    expect(doubled.statusCode, doubled.body).toBe(201);
    const plusOne = await admin.post('/api/monitor/indicators', { ...base, code: 'jobs_plus_one', regionAggregation: 'formula', formula: 'jobs_doubled + 1' });
    expect(plusOne.statusCode).toBe(201);
    const cycle = await admin.patch(`/api/monitor/indicators/${doubled.json().id}`, { formula: 'jobs_plus_one * 2' });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error.field).toBe('formula');
    const weight = await admin.post('/api/monitor/indicators', { ...base, code: 'weighted_x', regionAggregation: 'weighted_mean', weightIndicator: 'no_weight' });
    expect(weight.statusCode).toBe(422);
    expect(weight.json().error.field).toBe('weightIndicator');
    const county = await clients.lxCoordinator.post('/api/monitor/indicators', { ...base, code: 'county_own', regionAggregation: 'sum' });
    expect(county.statusCode).toBe(403);
    const figures = await aggregate(admin, 'jobs_plus_one', [world.regions.villageA1], '2020-07');
    expect(figures.json().items[0]).toMatchObject({ value: 9, missing: [] });
  });

  it('keeps a county out of another county and lets the prefecture read both', async () => {
    const { regions: r } = world;
    const write = await clients.hzReporter.post('/api/monitor/values', { values: [{ indicator: 'new_jobs', regionCode: r.villageA1, period: '2020-07', value: 1 }] });
    expect(write.statusCode).toBe(403);
    expect((await aggregate(clients.lxReporter, 'new_jobs', [r.hezhengVillage], '2020-07')).statusCode).toBe(403);
    expect((await aggregate(clients.hzReporter, 'new_jobs', [regions.linxiaCounty], '2020-07')).statusCode).toBe(403);
    expect((await aggregate(clients.lxReporter, 'new_jobs', [regions.linxia], '2020-07')).statusCode).toBe(403);
    await clients.hzReporter.post('/api/monitor/values', { values: [{ indicator: 'new_jobs', regionCode: r.hezhengVillage, period: '2020-07', value: 2 }] });
    const both = await aggregate(clients.prefCoordinator, 'new_jobs', [regions.linxiaCounty, regions.hezheng, regions.linxia], '2020-07');
    expect(both.json().items.map((item: { value: number }) => item.value)).toEqual([4, 2, 6]);
    const children = await clients.lxReporter.get(`/api/monitor/children?indicator=new_jobs&region=${regions.linxia}&period=2020-07`);
    expect(children.statusCode).toBe(200);
    expect(children.json().items.map((item: { regionCode: string }) => item.regionCode)).toEqual([regions.linxiaCounty]);
    const allChildren = await clients.prefCoordinator.get(`/api/monitor/children?indicator=new_jobs&region=${regions.linxia}&period=2020-07`);
    expect(allChildren.json().items.length).toBeGreaterThan(2);
    expect((await clients.hzReporter.get(`/api/monitor/series?indicator=new_jobs&region=${r.villageA1}&from=2020-01&to=2020-07`)).statusCode).toBe(403);
    expect((await clients.hzReporter.get(`/api/monitor/subjects/${subjectId}`)).statusCode).toBe(404);
    expect((await clients.hzReporter.get('/api/monitor/subjects')).json().total).toBe(0);
    expect((await clients.lxReporter.get('/api/monitor/subjects')).json().total).toBe(1);
    expect((await clients.hzReporter.get(`/api/monitor/values?region=${r.townshipA}&period=2020-07&indicators=new_jobs`)).statusCode).toBe(403);
    const entered = await clients.lxReporter.get(`/api/monitor/values?region=${r.townshipA}&period=2020-07&indicators=new_jobs`);
    expect(entered.json().items).toMatchObject([{ indicator: 'new_jobs', regionCode: r.villageA1, value: '4', source: 'api' }]);
  });

  it('lets coordinators register subjects only inside their reach', async () => {
    const own = await clients.lxCoordinator.post('/api/monitor/subjects', { kind: 'enterprise', code: 'LX-2', name: '临夏二厂', regionCode: world.regions.villageA2 });
    expect(own.statusCode, own.body).toBe(201);
    const other = await clients.lxCoordinator.post('/api/monitor/subjects', { kind: 'enterprise', code: 'HZ-1', name: '和政一厂', regionCode: world.regions.hezhengVillage });
    expect(other.statusCode).toBe(403);
    const reporter = await clients.lxReporter.post('/api/monitor/subjects', { kind: 'enterprise', code: 'LX-3', name: '临夏三厂', regionCode: world.regions.villageA2 });
    expect(reporter.statusCode).toBe(403);
  });

  it('sets key indicators against the previous period, a year ago and the plan target with its time schedule', async () => {
    const { regions: r } = world;
    await admin.post('/api/monitor/values', {
      values: [
        { indicator: 'new_jobs', regionCode: r.villageA1, period: '2020-06', value: 300 },
        { indicator: 'new_jobs', regionCode: r.villageA1, period: '2020-05', value: 200 },
        { indicator: 'new_jobs', regionCode: r.villageA1, period: '2019-06', value: 250 },
      ],
    });
    const response = await clients.prefCoordinator.get(`/api/monitor/dashboard?region=${regions.linxia}&period=2020-06`);
    expect(response.statusCode, response.body).toBe(200);
    const [jobs, rate] = response.json().items;
    expect(jobs).toMatchObject({ indicator: 'new_jobs', value: 300, previousPeriod: '2020-05', previous: 200, yearAgoPeriod: '2019-06', yearAgo: 250 });
    expect(jobs.target).toMatchObject({ comparator: '>=', value: 1.8, deadline: '2020-12-31', expectedShare: 0.5 });
    expect(rate).toMatchObject({ indicator: 'registered_unemployment_rate', value: null, missing: ['registered_unemployed', 'labour_force'] });
    expect(rate.target).toMatchObject({ comparator: '<=', value: 4.5 });
    expect((await clients.lxReporter.get(`/api/monitor/dashboard?region=${regions.hezheng}&period=2020-06`)).statusCode).toBe(403);

    const file = await clients.prefCoordinator.get(`/api/monitor/dashboard.xlsx?region=${regions.linxia}&period=2020-06`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(3).getCell(1).value).toBe('城镇新增就业');
    expect(sheet.getRow(3).getCell(3).value).toBe(300);
    expect(sheet.getRow(3).getCell(6).value).toBe(50);
  });

  it('gives the year to date of a summed indicator and holds it, in the indicator unit, against the time schedule', async () => {
    const { regions: r } = world;
    // 2020-05 (200), 2020-06 (300) and 2020-07 (4) are saved by the tests above; August must not count in June
    await admin.post('/api/monitor/values', {
      values: [
        { indicator: 'new_jobs', regionCode: r.villageA1, period: '2020-01', value: 1000 },
        { indicator: 'new_jobs', regionCode: r.villageA1, period: '2020-02', value: 2000 },
        { indicator: 'new_jobs', regionCode: r.villageA1, period: '2020-03', value: 3000 },
        { indicator: 'new_jobs', regionCode: r.villageA1, period: '2020-04', value: 1500 },
        { indicator: 'new_jobs', regionCode: r.villageA1, period: '2020-08', value: 50_000 },
      ],
    });
    const jobs = async (period: string) => {
      const response = await clients.prefCoordinator.get(`/api/monitor/dashboard?region=${regions.linxia}&period=${period}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items.find((item: { indicator: string }) => item.indicator === 'new_jobs');
    };
    const june = await jobs('2020-06');
    expect(june).toMatchObject({ period: '2020-06', frequency: 'month', value: 300, yearToDate: 8000 });
    // 1.8 万人 is 18000 人; half of it is due by the end of June, and 8000 is behind
    expect(june.target).toMatchObject({ unit: '万人', value: 1.8, valueInIndicatorUnit: 18_000, notComparedBecause: null, cumulative: true, compared: 8000, due: 9000, standing: 'behind' });

    await admin.post('/api/monitor/values', { values: [{ indicator: 'new_jobs', regionCode: r.villageA2, period: '2020-02', value: 1000 }] });
    expect((await jobs('2020-06')).target).toMatchObject({ compared: 9000, standing: 'met' });
    const quarter = await jobs('2020Q1');
    expect(quarter).toMatchObject({ period: '2020Q1', value: 7000, yearToDate: 7000 });
    expect(quarter.target.due).toBeCloseTo(18_000 * quarter.target.expectedShare, 6);
    const year = await jobs('2020');
    expect(year.yearToDate).toBe(year.value);
    expect(year.yearToDate).toBeGreaterThanOrEqual(9000 + 4 + 50_000);

    const file = await clients.prefCoordinator.get(`/api/monitor/dashboard.xlsx?region=${regions.linxia}&period=2020-06`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(3).values).toEqual(expect.arrayContaining([9000, '达到时序进度']));

    const [, rate] = (await clients.prefCoordinator.get(`/api/monitor/dashboard?region=${regions.linxia}&period=2020-06`)).json().items;
    expect(rate).toMatchObject({ indicator: 'registered_unemployment_rate', yearToDate: null });
    expect(rate.target).toMatchObject({ cumulative: false, valueInIndicatorUnit: 4.5, compared: null, standing: 'unknown' });
  });

  it('describes every monitor route in the OpenAPI document', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    for (const path of ['/api/monitor/indicators', '/api/monitor/values', '/api/monitor/aggregates', '/api/monitor/series', '/api/monitor/children', '/api/monitor/dashboard', '/api/monitor/forms/{id}/file', '/api/monitor/submissions/{id}/return']) {
      expect(paths).toContain(path);
    }
  });

  it('tells the web shell what the monitor menus may offer', async () => {
    const session = await clients.lxReporter.get('/api/session');
    expect(session.json().user.abilities).toMatchObject({ viewMonitor: true, enterMonitorValues: true, manageMonitor: false, manageIndicators: false });
    const prefecture = await clients.prefCoordinator.get('/api/session');
    expect(prefecture.json().user.abilities).toMatchObject({ manageMonitor: true, manageIndicators: true });
  });
});
