/**
 * Filing forms: the enterprise monthly report's rules (equation, range, required, outlier with confirmation),
 * approval locking the period until a coordinator returns it with a comment, and late entry after the due
 * date and grace period.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/kernel/actor.ts';
import { createSubject, saveValueRows } from '../src/monitor/index.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { buildMonitorWorld, buildTestApp, buildUnit, buildUser, preparedStore, regions, signedIn, systemContext, type TestClient } from './support/fixtures.ts';

type Who = 'enterprise' | 'lxReporter' | 'lxCoordinator' | 'hzCoordinator' | 'prefCoordinator';

describe.each(engines)('monitor forms on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let world: Awaited<ReturnType<typeof buildMonitorWorld>>;
  let subjectId: string;
  let now = new Date('2020-07-05T02:00:00Z');
  const usernames: Record<Who, string> = { enterprise: 'form.enterprise', lxReporter: 'form.lx.reporter', lxCoordinator: 'form.lx.coordinator', hzCoordinator: 'form.hz.coordinator', prefCoordinator: 'form.pref.coordinator' };
  /** Signs in again at the current clock (sessions follow the clock). */
  const as = (who: Who) => signedIn(app, usernames[who]);
  const figures = (start: number, hires: number, separations: number, end: number) => [
    { indicator: 'headcount_start', value: start },
    { indicator: 'hires', value: hires },
    { indicator: 'separations', value: separations },
    { indicator: 'headcount_end', value: end },
  ];
  const file = (client: TestClient, period: string, values: unknown[], confirmOutliers = false) =>
    client.post(`/api/monitor/forms/${world.form.id}/file`, { subjectId, period, values, confirmOutliers });

  beforeAll(async () => {
    store = await preparedStore(engine);
    world = await buildMonitorWorld(store);
    app = await buildTestApp(store, { loginRateLimit: 1000, clock: () => now });
    const company = await buildUnit(store, world.regions.villageA1, '临夏某公司');
    const lx = await buildUnit(store, regions.linxiaCounty, '临夏县人社局');
    const hz = await buildUnit(store, regions.hezheng, '和政县人社局');
    const pref = await buildUnit(store, regions.linxia, '临夏州人社局');
    await buildUser(store, usernames.enterprise, 'enterprise', company);
    await buildUser(store, usernames.lxReporter, 'reporter', lx);
    await buildUser(store, usernames.lxCoordinator, 'coordinator', lx);
    await buildUser(store, usernames.hzCoordinator, 'coordinator', hz);
    await buildUser(store, usernames.prefCoordinator, 'coordinator', pref);
    subjectId = (await createSubject(systemContext(store), systemActor, { kind: 'enterprise', code: '91622921MA00000001', name: '临夏某公司', regionCode: world.regions.villageA1, unitId: company, attributes: {} })).id;
    // five months of history: hires around 10
    const history = ['2020-01', '2020-02', '2020-03', '2020-04', '2020-05'].flatMap((period, index) => [
      { indicatorId: world.headcount.hires.id, regionCode: world.regions.villageA1, subjectId, period, breakdown: '', value: 9 + (index % 3) },
    ]);
    await saveValueRows(systemContext(store), history, { source: 'pack' });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('refuses figures that break the form rules, naming the field', async () => {
    const enterprise = await as('enterprise');
    enterprise.language = 'en';
    const unbalanced = await file(enterprise, '2020-06', figures(100, 10, 3, 90));
    expect(unbalanced.statusCode).toBe(422);
    expect(unbalanced.json().error).toMatchObject({ code: 'unprocessable', field: 'values[3].value' });
    expect(unbalanced.json().error.fields).toBeUndefined();
    expect(unbalanced.json().error.message).toContain('right side 107');
    const negative = await file(enterprise, '2020-06', figures(100, -1, 0, 99));
    expect(negative.json().error).toMatchObject({ field: 'values[1].value' });
    const incomplete = await file(enterprise, '2020-06', figures(100, 10, 3, 107).slice(0, 3));
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().error.message).toContain('headcount_end is required');
    const text = await file(enterprise, '2020-06', [...figures(100, 10, 3, 107).slice(0, 3), { indicator: 'headcount_end', value: 'many' }]);
    expect(text.json().error).toMatchObject({ field: 'values[3].value' });
    const foreign = await file(enterprise, '2020-06', [...figures(100, 10, 3, 107), { indicator: 'new_jobs', value: 1 }]);
    expect(foreign.json().error).toMatchObject({ field: 'values[4].indicator' });
    const future = await file(enterprise, '2020-08', figures(100, 10, 3, 107));
    expect(future.json().error).toMatchObject({ field: 'period' });
    expect(await store.db.selectFrom('monitor_submission').select('id').execute()).toEqual([]);
  });

  it('enforces indicators marked required on a form that has no required rule', async () => {
    const created = await (await as('prefCoordinator')).post('/api/monitor/forms', {
      code: 'enterprise_headcount_only',
      nameZh: '企业期初人数快报',
      nameEn: 'Enterprise opening headcount',
      reporterLevel: 'subject',
      subjectKind: 'enterprise',
      frequency: 'month',
      scopeRegionCode: regions.linxia,
      dueDays: 120,
      graceDays: 0,
      indicators: [{ code: 'headcount_start' }, { code: 'separations', required: false }],
      rules: [],
    });
    expect(created.statusCode, created.body).toBe(201);
    const enterprise = await as('enterprise');
    enterprise.language = 'en';
    const fileQuick = (values: unknown[]) => enterprise.post(`/api/monitor/forms/${created.json().id}/file`, { subjectId, period: '2020-03', values });
    const partial = await fileQuick([{ indicator: 'separations', value: 2 }]);
    expect(partial.statusCode).toBe(422);
    expect(partial.json().error).toMatchObject({ code: 'unprocessable' });
    expect(partial.json().error.message).toContain('headcount_start is required');
    const whole = await fileQuick([{ indicator: 'headcount_start', value: 95 }]);
    expect(whole.statusCode, whole.body).toBe(200);
  });

  it('flags a figure far outside its history and saves it only once confirmed', async () => {
    const enterprise = await as('enterprise');
    const flagged = await file(enterprise, '2020-06', figures(100, 80, 3, 177));
    expect(flagged.statusCode).toBe(422);
    // an outlier is told apart from a broken rule by its code, and every flagged figure is named
    expect(flagged.json().error).toMatchObject({ code: 'outliers_unconfirmed', field: 'values[1].value', fields: ['values[1].value'] });
    expect(flagged.json().error.message).toContain('稳健 z 值');
    const confirmed = await file(enterprise, '2020-06', figures(100, 80, 3, 177), true);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ saved: 4, confirmedOutliers: ['hires'], submission: { status: 'submitted', late: false, period: '2020-06' } });
    const hires = await store.db.selectFrom('monitor_value').select(['outlier_confirmed', 'source', 'submission_id']).where('indicator_id', '=', world.headcount.hires.id).where('period', '=', '2020-06').executeTakeFirstOrThrow();
    expect(hires).toMatchObject({ outlier_confirmed: true, source: 'form', submission_id: confirmed.json().submission.id });
    // the subject's figures roll up into its village and every region above
    const county = await (await as('lxReporter')).get(`/api/monitor/aggregates?indicators=headcount_end&regions=${regions.linxiaCounty}&periods=2020-06`);
    expect(county.json().items[0].value).toBe(177);
  });

  it('locks an approved period until a coordinator returns it with a comment', async () => {
    const submission = (await (await as('lxCoordinator')).get(`/api/monitor/submissions?form=${world.form.id}&period=2020-06`)).json().items[0];
    expect(submission.abilities).toEqual({ approve: true, return: true });
    expect((await (await as('hzCoordinator')).post(`/api/monitor/submissions/${submission.id}/approve`, {})).statusCode).toBe(404);
    expect((await (await as('lxReporter')).post(`/api/monitor/submissions/${submission.id}/approve`, {})).statusCode).toBe(403);
    const coordinator = await as('lxCoordinator');
    const approved = await coordinator.post(`/api/monitor/submissions/${submission.id}/approve`, {});
    expect(approved.json()).toMatchObject({ status: 'approved' });
    expect((await coordinator.post(`/api/monitor/submissions/${submission.id}/approve`, {})).statusCode).toBe(409);

    const enterprise = await as('enterprise');
    const refiled = await file(enterprise, '2020-06', figures(100, 80, 4, 176), true);
    expect(refiled.statusCode).toBe(422);
    expect(refiled.json().error.field).toBe('period');
    expect(refiled.json().error.message).toContain('2020年6月');
    const posted = await (await as('lxReporter')).post('/api/monitor/values', { values: [{ indicator: 'hires', subjectId, period: '2020-06', value: 81 }] });
    expect(posted.statusCode).toBe(422);
    expect(posted.json().error.field).toBe('period');

    expect((await coordinator.post(`/api/monitor/submissions/${submission.id}/return`, {})).statusCode).toBe(400);
    expect((await coordinator.post(`/api/monitor/submissions/${submission.id}/return`, { comment: ' ' })).statusCode).toBe(400);
    const returned = await coordinator.post(`/api/monitor/submissions/${submission.id}/return`, { comment: '离职人数与社保减员不符，请核实' });
    expect(returned.json()).toMatchObject({ status: 'returned', comment: '离职人数与社保减员不符，请核实' });
    const corrected = await file(await as('enterprise'), '2020-06', figures(100, 80, 4, 176), true);
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().submission.status).toBe('submitted');
    const actions = await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', submission.id).orderBy('id').execute();
    expect(actions.map((row) => row.action)).toEqual(expect.arrayContaining(['monitor.submission.file', 'monitor.submission.approve', 'monitor.submission.return']));
  });

  it('marks entry after the due date late and leaves entry after the grace period to coordinators', async () => {
    // 2020-07 is due on 10 August (10 days) and closes to reporters on 15 August (5 days' grace)
    now = new Date('2020-08-12T02:00:00Z');
    const late = await file(await as('enterprise'), '2020-07', figures(176, 10, 2, 184));
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().submission.late).toBe(true);
    now = new Date('2020-08-20T02:00:00Z');
    const closed = await file(await as('enterprise'), '2020-07', figures(176, 10, 3, 183));
    expect(closed.statusCode).toBe(403);
    expect(closed.json().error.message).toContain('2020-08-15');
    const coordinator = await file(await as('lxCoordinator'), '2020-07', figures(176, 10, 3, 183));
    expect(coordinator.statusCode, coordinator.body).toBe(200);
    expect(coordinator.json().submission).toMatchObject({ late: true, status: 'submitted' });
    now = new Date('2020-09-05T02:00:00Z');
    const onTime = await file(await as('enterprise'), '2020-08', figures(183, 10, 3, 190));
    expect(onTime.json().submission.late).toBe(false);
  });

  it('shows submissions only inside the jurisdiction', async () => {
    expect((await (await as('hzCoordinator')).get(`/api/monitor/submissions?form=${world.form.id}`)).json().total).toBe(0);
    expect((await (await as('prefCoordinator')).get(`/api/monitor/submissions?form=${world.form.id}`)).json().total).toBe(3);
    expect((await (await as('enterprise')).get(`/api/monitor/submissions?form=${world.form.id}`)).json().total).toBe(3);
    const form = await (await as('enterprise')).get(`/api/monitor/forms/${world.form.id}`);
    expect(form.json()).toMatchObject({ code: 'enterprise_monthly', abilities: { manage: false, file: true } });
    expect(form.json().rules).toHaveLength(4);
  });
});
