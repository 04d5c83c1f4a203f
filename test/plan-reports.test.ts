/**
 * Periodic reports on the seed plans: Dazu (first-listed leads, a fixed schedule with 2020H1 due on
 * 10 July) and Linxia employment (monthly, due on the 5th). A unit reports only on its own tasks, only
 * the plan's coordinators accept or return, a county sees only its own, figures count only once
 * accepted, timeliness is judged on Beijing dates, reminders go out once, uploads are checked.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { punctuality, returnReport, saveReportDraft, sendReportReminders, submitReport } from '../src/plans/index.ts';
import type { Actor } from '../src/kernel/actor.ts';
import type { WriteContext } from '../src/store/audit.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { adminPassword, buildReportingWorld, buildSignedInUsers, buildTestApp, buildUnit, formUploader, preparedStore, systemContext, taskIdOf, TestClient, unitIdByName, type FormUpload } from './support/fixtures.ts';

const dazuKey = 'dazu-2020-stable-employment';
const linxiaKey = 'linxia-2020-employment';
/** 10:00 on 8 July 2020 in Beijing: Dazu's 2020H1 is not yet due, Linxia's June report is overdue. */
const appTime = new Date('2020-07-08T02:00:00Z');

type Who = 'hr' | 'finance' | 'dzCoordinator' | 'dzAuditor' | 'lxCounty' | 'hzReporter' | 'lxPrefecture';

/** A form posting one file. */
const attachment = (name: string, bytes: Buffer): FormUpload => ({ file: { name, bytes } });

const pdf = (text = 'progress') => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

describe.each(engines)('plan reports on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  const plans = {} as Record<'dazu' | 'linxia', string>;
  const units = {} as Record<'hr' | 'finance' | 'fund' | 'office' | 'linxiaCounty' | 'hezheng' | 'prefectureHr', string>;
  const users = {} as Record<Who, string>;
  const clients = {} as Record<Who, TestClient>;
  let admin: TestClient;

  const taskId = (planKey: string, number: string) => taskIdOf(store, planKey, number);
  async function targetId(planKey: string, key: string): Promise<string> {
    const row = await store.db.selectFrom('plan_target').innerJoin('plan', 'plan.id', 'plan_target.plan_id').select('plan_target.id').where('plan.key', '=', planKey).where('plan_target.key', '=', key).executeTakeFirstOrThrow();
    return row.id;
  }
  const unitId = (name: string) => unitIdByName(store, name);
  async function tasksOf(planKey: string, unit: string): Promise<string[]> {
    const rows = await store.db
      .selectFrom('task_unit')
      .innerJoin('plan_task', 'plan_task.id', 'task_unit.task_id')
      .innerJoin('plan', 'plan.id', 'plan_task.plan_id')
      .select('plan_task.id')
      .where('plan.key', '=', planKey)
      .where('task_unit.unit_id', '=', unit)
      .execute();
    return rows.map((row) => row.id);
  }
  /** Runs a use case as a user at a given moment, as a request would. */
  async function at<T>(moment: Date, who: Who | null, work: (context: WriteContext) => Promise<T>): Promise<T> {
    return store.db.transaction().execute((trx) => work({ db: trx, actor: who ? { id: users[who], name: who } : { id: null, name: 'test' }, now: moment }));
  }
  /** An actor holding one role on one unit. */
  function actorOn(role: 'reporter' | 'coordinator', unit: string, regionCode: string): Actor {
    return { userId: randomUUID(), username: 'service-test', grants: [{ role, unitId: unit, regionCode }] };
  }
  function draft(task: string, unit: string, period: string, extra: Record<string, unknown> = {}) {
    return { taskId: task, unitId: unit, period, progressStatus: 'on_track', narrative: '已完成阶段任务。', ...extra };
  }

  beforeAll(async () => {
    store = await preparedStore(engine);
    const world = await buildReportingWorld(store);
    Object.assign(plans, world.plans);
    Object.assign(units, world.units);
    type Grant = ['reporter' | 'coordinator' | 'auditor', string];
    const grants: Record<Who, Grant> = {
      hr: ['reporter', units.hr],
      finance: ['reporter', units.finance],
      dzCoordinator: ['coordinator', units.office],
      dzAuditor: ['auditor', units.office],
      lxCounty: ['coordinator', units.linxiaCounty],
      hzReporter: ['reporter', units.hezheng],
      lxPrefecture: ['coordinator', units.prefectureHr],
    };
    app = await buildTestApp(store, { clock: () => appTime, loginRateLimit: 1000 });
    const accounts = await buildSignedInUsers(store, app, 'reports', grants);
    Object.assign(users, accounts.ids);
    Object.assign(clients, accounts.clients);
    admin = await new TestClient(app).signIn('admin', adminPassword);
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('reports.periods', () => {
    it('gives Dazu its fixed periods and Linxia its months, each with its due date', async () => {
      const dazu = (await clients.hr.get(`/api/plans/${plans.dazu}/periods`)).json();
      expect(dazu.items.map((entry: { period: string; end: string; due: string }) => [entry.period, entry.end, entry.due])).toEqual([
        ['2020H1', '2020-06-30', '2020-07-10'],
        ['2020', '2020-12-31', '2021-01-10'],
      ]);
      expect(dazu.current).toBe('2020H1');
      expect(dazu.items[0].label).toEqual({ zh: '2020年上半年', en: '2020 H1' });
      const linxia = (await clients.hzReporter.get(`/api/plans/${plans.linxia}/periods`)).json();
      expect(linxia.items.map((entry: { period: string }) => entry.period)).toEqual(['2020-06', '2020-07', '2020-08', '2020-09', '2020-10', '2020-11', '2020-12']);
      expect(linxia.items[0].due).toBe('2020-07-05');
      expect(linxia.current).toBe('2020-07');
    });

    it('hides the periods of a plan out of reach', async () => {
      expect((await clients.hzReporter.get(`/api/plans/${plans.dazu}/periods`)).statusCode).toBe(404);
    });
  });

  describe('reports.acknowledge', () => {
    it('lets the lead and every co-unit acknowledge their task, with an audit record', async () => {
      const task = await taskId(dazuKey, '1');
      const lead = await clients.hr.post(`/api/tasks/${task}/acknowledge`, { unitId: units.hr });
      expect(lead.statusCode).toBe(200);
      expect(lead.json().acknowledgedAt).toBe(appTime.toISOString());
      expect((await clients.finance.post(`/api/tasks/${task}/acknowledge`, { unitId: units.finance })).statusCode).toBe(200);
      const detail = (await admin.get(`/api/plans/${plans.dazu}`)).json();
      const first = detail.sections[0].sections[0].tasks[0];
      const acknowledged = first.units.filter((unit: { acknowledgedAt: string | null }) => unit.acknowledgedAt !== null).map((unit: { unitId: string }) => unit.unitId);
      expect(acknowledged.sort()).toEqual([units.hr, units.finance].sort());
      const audit = await store.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'plans.task.acknowledge').execute();
      expect(audit.map((entry) => entry.entity_id)).toContain(`${task}/${units.finance}`);
    });

    it('refuses acknowledging a task the unit is not responsible for, or for another unit', async () => {
      const notOurs = await clients.finance.post(`/api/tasks/${await taskId(dazuKey, '2')}/acknowledge`, { unitId: units.finance });
      expect(notOurs.statusCode).toBe(403);
      const forOthers = await clients.finance.post(`/api/tasks/${await taskId(dazuKey, '1')}/acknowledge`, { unitId: units.hr });
      expect(forOthers.statusCode).toBe(403);
      const otherPlace = await clients.hzReporter.post(`/api/tasks/${await taskId(dazuKey, '1')}/acknowledge`, { unitId: units.hezheng });
      expect(otherPlace.statusCode).toBe(404);
    });
  });

  describe('reports.draft', () => {
    it('creates a draft with figures for the task’s target, then updates it', async () => {
      const task = await taskId(dazuKey, '26');
      const target = await targetId(dazuKey, 'migrant-workers-return');
      const created = await clients.hr.put('/api/reports/draft', draft(task, units.hr, '2020H1', { figures: [{ targetId: target, regionCode: '500111', value: 1200 }] }));
      expect(created.statusCode).toBe(200);
      expect(created.json()).toMatchObject({ status: 'draft', version: 1, period: '2020H1', due: '2020-07-10', timeliness: 'not_due' });
      expect(created.json().figures).toEqual([expect.objectContaining({ targetKey: 'migrant-workers-return', regionCode: '500111', value: 1200, accepted: null })]);
      expect(created.json().abilities).toEqual({ edit: true, submit: true, attach: true, accept: false, return: false });
      const updated = await clients.hr.put('/api/reports/draft', draft(task, units.hr, '2020H1', { progressStatus: 'at_risk', figures: [] }));
      expect(updated.json()).toMatchObject({ id: created.json().id, version: 2, progressStatus: 'at_risk', figures: [] });
      expect(updated.json().events.map((event: { toStatus: string }) => event.toStatus)).toEqual(['draft']);
    });

    it('refuses a period that is not one of the plan’s, naming period', async () => {
      const response = await clients.hr.put('/api/reports/draft', draft(await taskId(dazuKey, '26'), units.hr, '2020Q3'));
      expect(response.statusCode).toBe(422);
      expect(response.json().error.field).toBe('period');
      const malformed = await clients.hr.put('/api/reports/draft', draft(await taskId(dazuKey, '26'), units.hr, 'June'));
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.field).toBe('period');
    });

    it('refuses figures for a target the task is not linked to, and regions outside the target', async () => {
      const task = await taskId(dazuKey, '26');
      const unlinked = await clients.hr.put('/api/reports/draft', draft(task, units.hr, '2020H1', { figures: [{ targetId: await targetId(dazuKey, 'urban-new-jobs'), regionCode: '500111', value: 1 }] }));
      expect(unlinked.statusCode).toBe(422);
      expect(unlinked.json().error.field).toBe('figures.0.targetId');
      const target = await targetId(dazuKey, 'migrant-workers-return');
      const outside = await clients.hr.put('/api/reports/draft', draft(task, units.hr, '2020H1', { figures: [{ targetId: target, regionCode: '500111', value: 1 }, { targetId: target, regionCode: '622921', value: 1 }] }));
      expect(outside.statusCode).toBe(422);
      expect(outside.json().error.field).toBe('figures.1.regionCode');
    });

    it('refuses a narrative over 5000 characters and unknown fields', async () => {
      const task = await taskId(dazuKey, '26');
      const long = await clients.hr.put('/api/reports/draft', draft(task, units.hr, '2020H1', { narrative: '进'.repeat(5001) }));
      expect(long.statusCode).toBe(400);
      expect(long.json().error.field).toBe('narrative');
      const unknown = await clients.hr.put('/api/reports/draft', draft(task, units.hr, '2020H1', { status: 'accepted' }));
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.field).toBe('status');
    });

    it('lets a unit report only on its own tasks', async () => {
      const notOurs = await clients.finance.put('/api/reports/draft', draft(await taskId(dazuKey, '2'), units.finance, '2020H1'));
      expect(notOurs.statusCode).toBe(403);
      const asAnother = await clients.finance.put('/api/reports/draft', draft(await taskId(dazuKey, '1'), units.hr, '2020H1'));
      expect(asAnother.statusCode).toBe(403);
      const otherPlace = await clients.hzReporter.put('/api/reports/draft', draft(await taskId(dazuKey, '1'), units.hezheng, '2020H1'));
      expect(otherPlace.statusCode).toBe(404);
      const coordinator = await clients.dzCoordinator.put('/api/reports/draft', draft(await taskId(dazuKey, '1'), units.hr, '2020H1'));
      expect(coordinator.statusCode).toBe(403);
    });
  });

  describe('reports.workflow', () => {
    let pool: { task: string; period: string }[] = [];
    beforeAll(async () => {
      const reserved = new Set(await Promise.all(['1', '26', '28', '29'].map((number) => taskId(dazuKey, number))));
      const tasks = (await tasksOf(dazuKey, units.hr)).filter((task) => !reserved.has(task));
      pool = ['2020', '2020H1'].flatMap((period) => tasks.map((task) => ({ task, period })));
    });

    /** A fresh report of the HR bureau brought to `status` through the API. */
    async function reportIn(status: 'draft' | 'submitted' | 'returned' | 'accepted') {
      const slot = pool.shift();
      if (!slot) throw new Error('no task left for a fresh report');
      const created = await clients.hr.put('/api/reports/draft', draft(slot.task, units.hr, slot.period));
      expect(created.statusCode).toBe(200);
      const id: string = created.json().id;
      if (status !== 'draft') expect((await clients.hr.post(`/api/reports/${id}/submit`)).statusCode).toBe(200);
      if (status === 'returned') expect((await clients.dzCoordinator.post(`/api/reports/${id}/return`, { comment: '请补充数据' })).statusCode).toBe(200);
      if (status === 'accepted') expect((await clients.dzCoordinator.post(`/api/reports/${id}/accept`, {})).statusCode).toBe(200);
      return { id, ...slot };
    }

    const actions = {
      edit: (report: { task: string; period: string }) => clients.hr.put('/api/reports/draft', draft(report.task, units.hr, report.period, { narrative: '修改后的情况。' })),
      submit: (report: { id: string }) => clients.hr.post(`/api/reports/${report.id}/submit`),
      accept: (report: { id: string }) => clients.dzCoordinator.post(`/api/reports/${report.id}/accept`, {}),
      return: (report: { id: string }) => clients.dzCoordinator.post(`/api/reports/${report.id}/return`, { comment: '数据不全，请补充。' }),
      attach: async (report: { id: string }) => (await formUploader(app, 'reports.hr'))(`/api/reports/${report.id}/attachments`, attachment('材料.pdf', pdf())),
    };
    const table: [string, keyof typeof actions, number][] = [
      ['draft', 'edit', 200], ['draft', 'submit', 200], ['draft', 'attach', 201], ['draft', 'accept', 409], ['draft', 'return', 409],
      ['submitted', 'edit', 409], ['submitted', 'submit', 409], ['submitted', 'attach', 409], ['submitted', 'accept', 200], ['submitted', 'return', 200],
      ['returned', 'edit', 200], ['returned', 'submit', 200], ['returned', 'attach', 201], ['returned', 'accept', 409], ['returned', 'return', 409],
      ['accepted', 'edit', 409], ['accepted', 'submit', 409], ['accepted', 'attach', 409], ['accepted', 'accept', 409], ['accepted', 'return', 409],
    ];

    it.each(table)('a %s report: %s answers %i', async (status, action, expected) => {
      const report = await reportIn(status as 'draft');
      const response = await actions[action](report);
      expect(response.statusCode, response.body).toBe(expected);
      if (expected === 409) {
        expect(response.json().error).toMatchObject({ code: 'conflict', field: 'status' });
        expect(response.json().error.message).toMatch(/报告/);
      }
    });

    it('keeps every transition as an event: draft, submit, return, resubmit, accept', async () => {
      const report = await reportIn('returned');
      expect((await clients.hr.put('/api/reports/draft', draft(report.task, units.hr, report.period, { narrative: '已补充数据。' }))).json().status).toBe('returned');
      await clients.hr.post(`/api/reports/${report.id}/submit`);
      const accepted = (await clients.dzCoordinator.post(`/api/reports/${report.id}/accept`, { comment: '同意' })).json();
      expect(accepted.status).toBe('accepted');
      expect(accepted.events.map((event: { fromStatus: string | null; toStatus: string; comment: string | null; actorName: string }) => [event.fromStatus, event.toStatus, event.comment, event.actorName])).toEqual([
        [null, 'draft', null, 'reports.hr'],
        ['draft', 'submitted', null, 'reports.hr'],
        ['submitted', 'returned', '请补充数据', 'reports.dzCoordinator'],
        ['returned', 'submitted', null, 'reports.hr'],
        ['submitted', 'accepted', '同意', 'reports.dzCoordinator'],
      ]);
      expect(accepted).toMatchObject({ reviewComment: '同意', firstSubmittedAt: appTime.toISOString(), abilities: { edit: false, submit: false, accept: false, return: false, attach: false } });
      const audit = await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', report.id).orderBy('id').execute();
      expect(audit.map((entry) => entry.action)).toEqual(['plans.report.create', 'plans.report.submit', 'plans.report.return', 'plans.report.update', 'plans.report.submit', 'plans.report.accept']);
    });

    it('tells the unit its report was returned, with the comment', async () => {
      const report = await reportIn('returned');
      const notice = await store.db.selectFrom('notification').selectAll().where('unit_id', '=', units.hr).where('kind', '=', 'report.returned').where('link', '=', `/reports/${report.id}`).executeTakeFirstOrThrow();
      expect(notice.body_zh).toContain('请补充数据');
    });

    it('refuses a return without a comment of at least two characters, naming comment', async () => {
      const report = await reportIn('submitted');
      const response = await clients.dzCoordinator.post(`/api/reports/${report.id}/return`, { comment: ' 补 ' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('comment');
    });

    it('refuses a submission without a narrative, naming narrative', async () => {
      const slot = pool.shift();
      if (!slot) throw new Error('no task left');
      const created = await clients.hr.put('/api/reports/draft', draft(slot.task, units.hr, slot.period, { narrative: '' }));
      const response = await clients.hr.post(`/api/reports/${created.json().id}/submit`);
      expect(response.statusCode).toBe(422);
      expect(response.json().error.field).toBe('narrative');
    });

    it('lets neither a reporter nor an auditor accept or return, nor a co-unit submit another unit’s report', async () => {
      const report = await reportIn('submitted');
      expect((await clients.hr.post(`/api/reports/${report.id}/accept`, {})).statusCode).toBe(403);
      expect((await clients.hr.post(`/api/reports/${report.id}/return`, { comment: '自己退回' })).statusCode).toBe(403);
      expect((await clients.dzAuditor.post(`/api/reports/${report.id}/accept`, {})).statusCode).toBe(403);
      expect((await clients.dzAuditor.get(`/api/reports/${report.id}`)).statusCode).toBe(200);
      const fresh = await reportIn('draft');
      expect((await clients.finance.post(`/api/reports/${fresh.id}/submit`)).statusCode).toBe(404);
      expect((await clients.lxPrefecture.post(`/api/reports/${report.id}/accept`, {})).statusCode).toBe(404);
    });
  });

  describe('reports.figures', () => {
    it('writes figures unaccepted on submission, keeps them so when returned, replaces them on resubmission, accepts them on acceptance', async () => {
      const task = await taskId(dazuKey, '29');
      const target = await targetId(dazuKey, 'migrant-workers-return');
      const town = (await store.db.selectFrom('region').select('code').where('parent_code', '=', '500111').orderBy('code').executeTakeFirstOrThrow()).code;
      const figures = (value: number) => ({ figures: [{ targetId: target, regionCode: '500111', value }, { targetId: target, regionCode: town, value: value / 10 }] });
      const saved = await clients.hr.put('/api/reports/draft', draft(task, units.hr, '2020H1', figures(800)));
      expect(saved.statusCode, saved.body).toBe(200);
      const id: string = saved.json().id;
      const rows = () => store.db.selectFrom('target_figure').selectAll().where('report_id', '=', id).orderBy('region_code').execute();
      expect(await rows()).toEqual([]);
      const submitted = await clients.hr.post(`/api/reports/${id}/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect((await rows()).map((row) => [row.region_code, Number(row.value), row.accepted, row.period, row.as_of, row.unit_id, row.target_id])).toEqual([
        ['500111', 800, false, '2020H1', '2020-06-30', units.hr, target],
        [town, 80, false, '2020H1', '2020-06-30', units.hr, target],
      ]);
      await clients.dzCoordinator.post(`/api/reports/${id}/return`, { comment: '数字有误' });
      expect((await rows()).every((row) => !row.accepted)).toBe(true);
      await clients.hr.put('/api/reports/draft', draft(task, units.hr, '2020H1', { figures: [{ targetId: target, regionCode: '500111', value: 950 }] }));
      expect((await rows()).map((row) => Number(row.value))).toEqual([800, 80]);
      await clients.hr.post(`/api/reports/${id}/submit`);
      expect((await rows()).map((row) => [row.region_code, Number(row.value), row.accepted])).toEqual([['500111', 950, false]]);
      const accepted = (await clients.dzCoordinator.post(`/api/reports/${id}/accept`, {})).json();
      expect((await rows()).map((row) => [Number(row.value), row.accepted])).toEqual([[950, true]]);
      expect(accepted.figures).toEqual([expect.objectContaining({ value: 950, accepted: true })]);
      const colours = await store.db.selectFrom('colour_state').select('entity_id').where('plan_id', '=', plans.dazu).where('entity_id', '=', target).execute();
      expect(colours).toHaveLength(1);
    });

    it('keeps target_figure to the columns progress reads', async () => {
      const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'target_figure' and table_schema = current_schema() order by ordinal_position`.execute(store.db);
      expect(rows.map((row) => row.column_name)).toEqual(['id', 'target_id', 'region_code', 'period', 'as_of', 'value', 'report_id', 'unit_id', 'recorded_at', 'accepted']);
    });
  });

  describe('reports.jurisdiction', () => {
    let hezhengReport: string;
    let linxiaCountyReport: string;
    beforeAll(async () => {
      const task = await taskId(linxiaKey, '四(一)1');
      hezhengReport = (await clients.hzReporter.put('/api/reports/draft', draft(task, units.hezheng, '2020-06'))).json().id;
      await clients.hzReporter.post(`/api/reports/${hezhengReport}/submit`);
      linxiaCountyReport = (await clients.lxCounty.put('/api/reports/draft', draft(task, units.linxiaCounty, '2020-06'))).json().id;
      await clients.lxCounty.post(`/api/reports/${linxiaCountyReport}/submit`);
    });

    it('shows a county coordinator the reports of its county, never another county’s', async () => {
      const list = (await clients.lxCounty.get(`/api/reports?plan=${plans.linxia}`)).json();
      expect(list.items.map((item: { id: string }) => item.id)).toEqual([linxiaCountyReport]);
      expect(list.total).toBe(1);
      expect((await clients.lxCounty.get(`/api/reports/${hezhengReport}`)).statusCode).toBe(404);
      expect((await clients.lxCounty.get(`/api/reports?unit=${units.hezheng}`)).json().total).toBe(0);
    });

    it('gives the prefecture coordinators the review queue of their plan, and no other place’s', async () => {
      const queue = (await clients.lxPrefecture.get('/api/reports?status=submitted')).json();
      expect(queue.items.map((item: { id: string }) => item.id).sort()).toEqual([hezhengReport, linxiaCountyReport].sort());
      const dazuQueue = (await clients.dzCoordinator.get('/api/reports?status=submitted')).json();
      expect(dazuQueue.items.length).toBeGreaterThan(0);
      expect(dazuQueue.items.every((item: { planId: string }) => item.planId === plans.dazu)).toBe(true);
    });

    it('lets a county coordinator neither accept its own report nor the plan’s others', async () => {
      expect((await clients.lxCounty.post(`/api/reports/${linxiaCountyReport}/accept`, {})).statusCode).toBe(403);
      expect((await clients.lxCounty.post(`/api/reports/${hezhengReport}/accept`, {})).statusCode).toBe(404);
      expect((await clients.lxPrefecture.post(`/api/reports/${hezhengReport}/accept`, {})).json().status).toBe('accepted');
    });

    it('shows a reporter its own unit’s reports only', async () => {
      const mine = (await clients.finance.get('/api/reports')).json();
      expect(mine.items.every((item: { unitId: string }) => item.unitId === units.finance)).toBe(true);
      const hrReport = (await clients.hr.get('/api/reports?limit=1')).json().items[0].id;
      expect((await clients.finance.get(`/api/reports/${hrReport}`)).statusCode).toBe(404);
    });

    it('refuses anonymous readers', async () => {
      expect((await new TestClient(app).get('/api/reports')).statusCode).toBe(401);
    });
  });

  describe('reports.myTasks', () => {
    it('lists every task of the unit in document order, with its acknowledgement and the current period’s report', async () => {
      const response = await clients.finance.get(`/api/my/tasks?plan=${plans.dazu}`);
      expect(response.statusCode).toBe(200);
      const items = response.json().items as { taskNumber: string; isLead: boolean; acknowledgedAt: string | null; period: string; due: string; report: unknown; timeliness: string }[];
      expect(items).toHaveLength((await tasksOf(dazuKey, units.finance)).length);
      expect(items[0]).toMatchObject({ taskNumber: '1', isLead: false, acknowledgedAt: appTime.toISOString(), period: '2020H1', due: '2020-07-10', report: null, timeliness: 'not_due' });
      const numbers = items.map((item) => Number(item.taskNumber));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    });

    it('shows the report status of the period asked for', async () => {
      const items = (await clients.hr.get(`/api/my/tasks?plan=${plans.dazu}&period=2020H1`)).json().items as { taskNumber: string; isLead: boolean; report: { status: string } | null }[];
      expect(items.find((item) => item.taskNumber === '29')?.report?.status).toBe('accepted');
      expect(items.find((item) => item.taskNumber === '1')?.isLead).toBe(true);
      const county = (await clients.hzReporter.get(`/api/my/tasks?period=2020-06`)).json().items as { taskNumber: string; report: { status: string } | null; timeliness: string }[];
      expect(county.find((item) => item.taskNumber === '四(一)1')).toMatchObject({ report: { status: 'accepted' }, timeliness: 'late' });
      expect(county.find((item) => item.taskNumber === '四(一)2')).toMatchObject({ report: null, timeliness: 'missing' });
    });
  });

  describe('reports.timeliness', () => {
    it('judges on time, late and missing at the Beijing-time boundaries of the due date', async () => {
      const onTimeUnit = await unitId('大足高新区');
      const lateUnit = await unitId('大足工业园区');
      const silentUnit = await unitId('双桥工业园区');
      for (const [unit, moment] of [[onTimeUnit, new Date('2020-07-10T23:30:00+08:00')], [lateUnit, new Date('2020-07-11T00:00:00+08:00')]] as const) {
        const reporter = actorOn('reporter', unit, '500111');
        for (const task of await tasksOf(dazuKey, unit)) {
          const id = await at(moment, null, (context) => saveReportDraft(context, reporter, { ...draft(task, unit, '2020H1'), progressStatus: 'on_track', figures: [] }));
          await at(moment, null, (context) => submitReport(context, reporter, id));
        }
      }
      const coordinator = actorOn('coordinator', units.office, '500111');
      const before = await punctuality(store.db, coordinator, plans.dazu, '2020H1', new Date('2020-07-10T15:59:59Z'));
      const after = await punctuality(store.db, coordinator, plans.dazu, '2020H1', new Date('2020-07-10T16:00:00Z'));
      const verdict = (result: typeof after, unit: string) => result.items.find((item) => item.unitId === unit);
      expect(verdict(before, onTimeUnit)).toMatchObject({ timeliness: 'on_time', completeness: 1 });
      expect(verdict(before, lateUnit)).toMatchObject({ timeliness: 'late', late: 1, completeness: 1 });
      expect(verdict(before, silentUnit)).toMatchObject({ timeliness: 'not_due', notDue: 1, completeness: 0 });
      expect(verdict(after, silentUnit)).toMatchObject({ timeliness: 'missing', missing: 1, reported: 0, assigned: 1 });
    });

    it('counts a report returned and resubmitted after the due date by its first, timely submission', async () => {
      const unit = await unitId('邮亭工业园区');
      const [task] = await tasksOf(dazuKey, unit);
      const reporter = actorOn('reporter', unit, '500111');
      const id = await at(new Date('2020-07-09T10:00:00+08:00'), null, (context) => saveReportDraft(context, reporter, { ...draft(task ?? '', unit, '2020H1'), progressStatus: 'on_track', figures: [] }));
      await at(new Date('2020-07-09T10:00:00+08:00'), null, (context) => submitReport(context, reporter, id));
      await at(new Date('2020-07-15T10:00:00+08:00'), null, (context) => returnReport(context, actorOn('coordinator', units.office, '500111'), id, '请补充材料'));
      await at(new Date('2020-07-20T10:00:00+08:00'), null, (context) => submitReport(context, reporter, id));
      const result = await punctuality(store.db, actorOn('coordinator', units.office, '500111'), plans.dazu, '2020H1', new Date('2020-08-01T00:00:00Z'));
      expect(result.items.find((item) => item.unitId === unit)).toMatchObject({ timeliness: 'on_time', onTime: 1 });
    });

    it('answers punctuality over HTTP for the plan’s coordinators, and only the own county for a county', async () => {
      const dazu = (await clients.dzCoordinator.get(`/api/plans/${plans.dazu}/punctuality?period=2020H1`)).json();
      expect(dazu).toMatchObject({ period: '2020H1', due: '2020-07-10' });
      expect(dazu.items.find((item: { unitName: string }) => item.unitName === '大足工业园区')).toMatchObject({ timeliness: 'late' });
      expect(dazu.items.find((item: { unitName: string }) => item.unitName === '双桥工业园区')).toMatchObject({ timeliness: 'not_due' });
      const county = (await clients.lxCounty.get(`/api/plans/${plans.linxia}/punctuality?period=2020-06`)).json();
      expect(county.items.map((item: { unitId: string }) => item.unitId)).toEqual([units.linxiaCounty]);
      expect(county.items[0]).toMatchObject({ reported: 1, late: 1 });
      const prefecture = (await clients.lxPrefecture.get(`/api/plans/${plans.linxia}/punctuality`)).json();
      expect(prefecture.period).toBe('2020-07');
      expect(prefecture.items.length).toBeGreaterThan(10);
      const wrong = await clients.lxPrefecture.get(`/api/plans/${plans.linxia}/punctuality?period=2020H1`);
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.field).toBe('period');
    });
  });

  describe('reports.reminders', () => {
    it('reminds each unit that has not reported once per period and kind', async () => {
      const counts = await store.db
        .selectFrom('task_unit')
        .innerJoin('plan_task', 'plan_task.id', 'task_unit.task_id')
        .select(['task_unit.unit_id', (eb) => eb.fn.countAll<number>().as('tasks')])
        .where('plan_task.plan_id', '=', plans.linxia)
        .groupBy('task_unit.unit_id')
        .execute();
      const diligent = counts.find((row) => Number(row.tasks) === 1)?.unit_id ?? '';
      const responsible = counts.map((row) => row.unit_id);
      const reporter = actorOn('reporter', diligent, '622900');
      const [task] = await tasksOf(linxiaKey, diligent);
      const early = new Date('2020-07-01T10:00:00+08:00');
      const id = await at(early, null, (context) => saveReportDraft(context, reporter, { ...draft(task ?? '', diligent, '2020-06'), progressStatus: 'completed', figures: [] }));
      await at(early, null, (context) => submitReport(context, reporter, id));

      const dueSoon = new Date('2020-07-02T09:00:00+08:00');
      const first = await at(dueSoon, null, (context) => sendReportReminders(context, { now: dueSoon }));
      expect(first.map((batch) => [batch.planId, batch.period, batch.kind])).toEqual([[plans.linxia, '2020-06', 'report.due_soon']]);
      expect(first[0]?.unitIds).toHaveLength(responsible.length - 1);
      expect(first[0]?.unitIds).not.toContain(diligent);
      const notices = await store.db.selectFrom('notification').select(['unit_id']).where('kind', '=', 'report.due_soon').execute();
      expect(notices.map((notice) => notice.unit_id).sort()).toEqual([...(first[0]?.unitIds ?? [])].sort());
      expect(await at(dueSoon, null, (context) => sendReportReminders(context, { now: dueSoon }))).toEqual([]);

      const overdue = new Date('2020-07-07T09:00:00+08:00');
      const second = await at(overdue, null, (context) => sendReportReminders(context, { now: overdue }));
      expect(second.map((batch) => [batch.planId, batch.period, batch.kind]).sort()).toEqual(
        [[plans.dazu, '2020H1', 'report.due_soon'], [plans.linxia, '2020-06', 'report.overdue']].sort(),
      );
      expect(await at(overdue, null, (context) => sendReportReminders(context, { now: overdue }))).toEqual([]);
      const overdueNotices = await store.db.selectFrom('notification').select(['unit_id', 'title_zh']).where('kind', '=', 'report.overdue').execute();
      expect(new Set(overdueNotices.map((notice) => notice.unit_id)).size).toBe(overdueNotices.length);
      expect(overdueNotices[0]?.title_zh).toBe('报告已逾期：2020年6月');
    });
  });

  describe('reports.attachments', () => {
    let reportId: string;
    let upload: Awaited<ReturnType<typeof formUploader>>;
    beforeAll(async () => {
      reportId = (await clients.hr.put('/api/reports/draft', draft(await taskId(dazuKey, '28'), units.hr, '2020H1'))).json().id;
      upload = await formUploader(app, 'reports.hr');
    });

    it('stores a PDF and serves it back, after authorization, with its name', async () => {
      const bytes = pdf('附件内容');
      const response = await upload(`/api/reports/${reportId}/attachments`, attachment('进展材料.pdf', bytes));
      expect(response.statusCode, response.body).toBe(201);
      const [file] = response.json().attachments;
      expect(file).toMatchObject({ fileName: '进展材料.pdf', contentType: 'application/pdf', sizeBytes: bytes.length });
      const download = await clients.dzCoordinator.get(`/api/reports/${reportId}/attachments/${file.fileId}`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('进展材料.pdf')}`);
      expect(download.rawPayload.equals(bytes)).toBe(true);
      expect((await clients.finance.get(`/api/reports/${reportId}/attachments/${file.fileId}`)).statusCode).toBe(404);
      expect((await clients.dzCoordinator.get(`/api/reports/${reportId}/attachments/${randomUUID()}`)).statusCode).toBe(404);
    });

    it('refuses an .exe renamed .pdf, naming file', async () => {
      const response = await upload(`/api/reports/${reportId}/attachments`, attachment('报告.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode')));
      expect(response.statusCode).toBe(422);
      expect(response.json().error.field).toBe('file');
    });

    it('refuses a file over 10 MB, naming file', async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
      pdf().copy(big);
      const response = await upload(`/api/reports/${reportId}/attachments`, attachment('大文件.pdf', big));
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('file');
    });

    it('refuses a request that is not a multipart upload, naming file', async () => {
      const response = await clients.hr.post(`/api/reports/${reportId}/attachments`, {});
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('file');
    });

    it('refuses uploads to another unit’s report', async () => {
      const foreign = await formUploader(app, 'reports.finance');
      expect((await foreign(`/api/reports/${reportId}/attachments`, attachment('a.pdf', pdf()))).statusCode).toBe(404);
    });

    it('takes at most ten files per report', async () => {
      const present = (await clients.hr.get(`/api/reports/${reportId}`)).json().attachments.length;
      for (let index = present; index < 10; index += 1) {
        expect((await upload(`/api/reports/${reportId}/attachments`, attachment(`第${index}份.pdf`, pdf(String(index))))).statusCode).toBe(201);
      }
      const eleventh = await upload(`/api/reports/${reportId}/attachments`, attachment('第11份.pdf', pdf('11')));
      expect(eleventh.statusCode).toBe(422);
      expect(eleventh.json().error.field).toBe('file');
    });
  });
});
