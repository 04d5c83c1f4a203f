/**
 * Bulletins (通报) on the seed plans: the Dazu 2020H1 bulletin drawn up after reports in several states,
 * figures and problems; preview saves nothing; a draft keeps its content and hash; publishing is once and
 * final (the service refuses, and the database trigger refuses an UPDATE or DELETE); the DOCX and xlsx read
 * back; every figure traces to its reports; only the plan's coordinators publish.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulletinContent, BulletinDetail, PunctualitySection, RankingSection, TargetsSection } from '../src/contracts/plan-bulletins.contract.ts';
import { pickLanguage } from '../src/kernel/errors.ts';
import { contentSha256 } from '../src/plans/index.ts';
import { backupDatabase, restoreDatabase } from '../src/store/backup.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { adminPassword, buildReportingWorld, buildSignedInUsers, buildTestApp, buildUnit, preparedStore, systemContext, taskIdOf, TestClient, unitIdByName } from './support/fixtures.ts';

const dazuKey = 'dazu-2020-stable-employment';
const linxiaKey = 'linxia-2020-employment';
/** 10:00 on 20 July 2020 in Beijing: Dazu's 2020H1 (due 10 July) and Linxia's June (due 5 July) are past due. */
const appTime = new Date('2020-07-20T02:00:00Z');
/** A moment on a Beijing date, at 10:00 there. */
const beijing = (date: string) => new Date(`${date}T10:00:00+08:00`);

type Who = 'dzCoordinator' | 'dzReporter' | 'lxCounty' | 'lxPrefecture';

function section<K extends BulletinContent['sections'][number]['kind']>(content: BulletinContent, kind: K) {
  const found = content.sections.find((candidate) => candidate.kind === kind);
  if (!found) throw new Error(`no ${kind} section`);
  return found as Extract<BulletinContent['sections'][number], { kind: K }>;
}

describe.each(engines)('plan bulletins on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: TestClient;
  const plans = {} as Record<'dazu' | 'linxia', string>;
  const units = {} as Record<'hr' | 'finance' | 'fund' | 'economy' | 'office' | 'linxiaCounty' | 'prefectureHr', string>;
  const reports = {} as Record<'accepted' | 'late' | 'returned', string>;
  const clients = {} as Record<Who, TestClient>;
  const towns: { code: string; unitId: string; name: string }[] = [];
  let adminId = '';
  let coordinatorId = '';

  const one = async <T>(query: { executeTakeFirstOrThrow(): Promise<T> }) => query.executeTakeFirstOrThrow();
  const taskId = (planKey: string, number: string) => taskIdOf(store, planKey, number);
  const targetId = async (key: string) =>
    (await one(store.db.selectFrom('plan_target').select('id').where('plan_id', '=', plans.dazu).where('key', '=', key))).id;
  const unitId = (name: string) => unitIdByName(store, name);

  /** A report of a unit on a task for 2020H1, first submitted on a Beijing date (or never). */
  async function report(task: string, unit: string, status: string, submittedOn: string | null): Promise<string> {
    const submitted = submittedOn ? beijing(submittedOn) : null;
    const row = await store.db
      .insertInto('task_report')
      .values({ task_id: task, unit_id: unit, period: '2020H1', status, progress_status: 'on_track', narrative: '按计划推进。', submitted_at: submitted, first_submitted_at: submitted })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function figure(targetKey: string, value: number, reportId: string, unit: string, accepted: boolean): Promise<void> {
    await store.db
      .insertInto('target_figure')
      .values({ target_id: await targetId(targetKey), region_code: '500111', period: '2020H1', as_of: '2020-06-30', value, report_id: reportId, unit_id: unit, accepted })
      .execute();
  }

  async function problem(number: string, town: { code: string; unitId: string }, closed: boolean, flagged: boolean): Promise<void> {
    const closing = closed
      ? sql`'closed', '已协调解决。', ${adminId}, ${appTime}, ${coordinatorId}, ${appTime}, ${appTime}`
      : sql`'open', null, null, null, null, null, null`;
    await sql`insert into problem (number, plan_id, region_code, reporter_kind, reported_by_user_id, reported_by_unit_id, category, severity, title, description,
        owner_level, owner_unit_id, deadline, status, resolution, resolved_by, resolved_at, verified_by, verified_at, closed_at, flagged, flag_reason, flag_source)
      values (${number}, ${plans.dazu}, ${town.code}, 'unit', ${adminId}, ${town.unitId}, 'arrears', 'high', ${`欠薪问题 ${number}`}, '企业拖欠农民工工资。',
        'county', ${town.unitId}, '2020-07-01', ${closing}, ${flagged}, ${flagged ? '拖欠金额大' : null}, ${flagged ? 'manual' : null})`.execute(store.db);
  }

  beforeAll(async () => {
    store = await preparedStore(engine);
    const world = await buildReportingWorld(store);
    Object.assign(plans, world.plans);
    Object.assign(units, world.units);
    const grants: Record<Who, ['coordinator' | 'reporter', string]> = {
      dzCoordinator: ['coordinator', units.office],
      dzReporter: ['reporter', units.finance],
      lxCounty: ['coordinator', units.linxiaCounty],
      lxPrefecture: ['coordinator', units.prefectureHr],
    };
    app = await buildTestApp(store, { clock: () => appTime, loginRateLimit: 1000 });
    const accounts = await buildSignedInUsers(store, app, 'bulletins', grants);
    Object.assign(clients, accounts.clients);
    coordinatorId = accounts.ids.dzCoordinator;
    adminId = (await one(store.db.selectFrom('app_user').select('id').where('username', '=', 'admin'))).id;
    admin = await new TestClient(app).signIn('admin', adminPassword);

    // Reports in several states: accepted on time, submitted late, returned (first sent on time), a draft never sent.
    reports.accepted = await report(await taskId(dazuKey, '39'), units.hr, 'accepted', '2020-07-05');
    reports.late = await report(await taskId(dazuKey, '2'), units.fund, 'submitted', '2020-07-12');
    reports.returned = await report(await taskId(dazuKey, '3'), units.economy, 'returned', '2020-07-08');
    await report(await taskId(dazuKey, '1'), units.finance, 'draft', null);
    await figure('urban-new-jobs', 8200, reports.accepted, units.hr, true);
    await figure('subsidised-training', 3000, reports.accepted, units.hr, true);
    // Not accepted: never counts toward progress.
    await figure('urban-new-jobs', 99_999, reports.late, units.fund, false);

    // Three townships: X reports every task on time, Y has an open 挂牌督办 problem, Z a closed one.
    const townRows = await store.db
      .selectFrom('unit')
      .innerJoin('region', 'region.code', 'unit.region_code')
      .select(['unit.id', 'unit.name', 'region.code'])
      .where('region.parent_code', '=', '500111')
      .orderBy('region.code')
      .limit(3)
      .execute();
    towns.push(...townRows.map((row) => ({ code: row.code, unitId: row.id, name: row.name })));
    const [x, y, z] = towns as [(typeof towns)[number], (typeof towns)[number], (typeof towns)[number]];
    const xTasks = await store.db.selectFrom('task_unit').innerJoin('plan_task', 'plan_task.id', 'task_unit.task_id').select('task_unit.task_id').where('plan_task.plan_id', '=', plans.dazu).where('task_unit.unit_id', '=', x.unitId).execute();
    for (const task of xTasks) await report(task.task_id, x.unitId, 'submitted', '2020-07-09');
    await problem('WT-2020-000001', y, false, true);
    await problem('WT-2020-000002', z, true, false);
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const preview = (client: TestClient, body: Record<string, unknown> = { period: '2020H1' }, plan = plans.dazu) => client.post(`/api/plans/${plan}/bulletins/preview`, body);

  describe('bulletins.preview', () => {
    it('computes the content and saves nothing', async () => {
      const count = async (table: 'bulletin' | 'audit_log') => Number((await one(store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')))).n);
      const before = [await count('bulletin'), await count('audit_log')];
      const response = await preview(clients.dzCoordinator, { period: '2020H1', docNumber: '大足就业办〔2020〕12号' });
      expect(response.statusCode).toBe(200);
      const content: BulletinContent = response.json();
      expect(content).toMatchObject({
        title: '关于2020年上半年重点任务推进情况的通报',
        docNumber: '大足就业办〔2020〕12号',
        label: '2020年上半年',
        period: '2020H1',
        due: '2020-07-10',
        issuer: '重庆市大足区人民政府办公室',
        issuedOn: '2020-07-20',
        plan: { id: plans.dazu, docNumber: '大足府办发〔2020〕41号' },
        weights: { targetProgress: 50, punctuality: 30, problemCloseOut: 20 },
      });
      expect(content.sections.map((entry) => entry.kind)).toEqual(['targets', 'punctuality', 'colours', 'problems', 'ranking']);
      expect([await count('bulletin'), await count('audit_log')]).toEqual(before);
    });

    it('compares accepted figures with the time schedule as of 30 June and traces them to their report', async () => {
      const content: BulletinContent = (await preview(clients.dzCoordinator)).json();
      const rows = section(content, 'targets').rows as TargetsSection['rows'];
      // 8200 ÷ 14000 = 58.6%; the schedule at 30 June is 181 ÷ 365 days = 49.6%; the unaccepted 99999 is ignored.
      expect(rows.find((row) => row.key === 'targets.urban-new-jobs')).toMatchObject({ figure: 8200, progress: 58.6, schedule: 49.6, slip: -9, colour: 'green' });
      // 3000 ÷ 12600 = 23.8%, 25.8 points behind: red.
      expect(rows.find((row) => row.key === 'targets.subsidised-training')).toMatchObject({ figure: 3000, progress: 23.8, slip: 25.8, colour: 'red' });
      expect(content.trace['targets.urban-new-jobs']).toEqual([reports.accepted]);
      expect(content.trace['targets.graduate-employment-rate']).toEqual([]);
    });

    it('counts each unit’s reports on time, late and missing, with the reports behind them', async () => {
      const content: BulletinContent = (await preview(clients.dzCoordinator)).json();
      const punctuality = section(content, 'punctuality') as PunctualitySection;
      const row = (unit: string) => punctuality.rows.find((candidate) => candidate.unitId === unit);
      expect(row(units.hr)).toMatchObject({ onTime: 1, late: 0 });
      expect(row(units.hr)?.missing).toBe((row(units.hr)?.assigned ?? 0) - 1);
      expect(row(units.fund)).toMatchObject({ onTime: 0, late: 1 });
      expect(row(units.economy)).toMatchObject({ onTime: 1, late: 0 });
      expect(row(units.finance)?.onTime).toBe(0);
      expect(content.trace[`punctuality.${units.fund}.late`]).toEqual([reports.late]);
      expect(content.trace[`punctuality.${units.economy}.onTime`]).toEqual([reports.returned]);
      const submitted = punctuality.totals.onTime + punctuality.totals.late;
      expect(content.trace['punctuality.total']).toHaveLength(submitted);
    });

    it('lists the red tasks with their lead units, and the open 挂牌督办 problems', async () => {
      const content: BulletinContent = (await preview(clients.dzCoordinator)).json();
      const colours = section(content, 'colours');
      expect(colours.listed.find((task) => task.number === '39')).toMatchObject({ colour: 'red', leadUnits: '大足区人力资源和社会保障局' });
      // The reason is kept in both languages: the document prints the Chinese, an English reader has the English.
      const reason = colours.listed.find((task) => task.number === '39')?.reason ?? '';
      expect([pickLanguage(reason, 'zh'), pickLanguage(reason, 'en')]).toEqual([
        '“补贴性培训”目标为红色；大足区财政局2020年上半年报告逾期未报送',
        'target 补贴性培训 red; report missing past due: 2020H1 大足区财政局',
      ]);
      expect(Object.values(colours.counts).reduce((sum, count) => sum + count, 0)).toBe(63);
      const problems = section(content, 'problems');
      expect(problems.totals).toEqual({ total: 2, open: 1, overdue: 1, closed: 1, flagged: 1 });
      expect(problems.byCategory).toEqual([{ category: 'arrears', label: '清欠', open: 1, overdue: 1, closed: 1 }]);
      expect(problems.flagged).toEqual([expect.objectContaining({ number: 'WT-2020-000001', overdue: true, status: 'open' })]);
    });

    it('ranks the townships by the stated weights as worked by hand, ties sharing a rank', async () => {
      const content: BulletinContent = (await preview(clients.dzCoordinator)).json();
      const ranking = section(content, 'ranking') as RankingSection;
      const [x, y, z] = towns as [(typeof towns)[number], (typeof towns)[number], (typeof towns)[number]];
      const of = (code: string) => ranking.rows.find((row) => row.regionCode === code);
      // X: no targets 100, all on time 100, no problems 100 → 100.0.
      expect(of(x.code)).toMatchObject({ rank: 1, targetProgress: 100, punctuality: 100, problemCloseOut: 100, composite: 100 });
      // Z: 100 × 50% + 0 × 30% + 100 × 20% = 70.0, tied with every township that reported nothing and has no problems.
      expect(of(z.code)).toMatchObject({ rank: 2, punctuality: 0, problemCloseOut: 100, composite: 70 });
      expect(ranking.rows.filter((row) => row.composite === 70).every((row) => row.rank === 2)).toBe(true);
      // Y: 100 × 50% + 0 + 0 × 20% = 50.0, last.
      expect(of(y.code)).toMatchObject({ rank: ranking.rows.length, problemCloseOut: 0, composite: 50 });
      expect(ranking.summary).toContain('目标进度50%、报送及时率30%、问题销号率20%');
      expect(content.trace[`ranking.${x.code}.punctuality`]?.length).toBeGreaterThan(0);
    });

    it('uses weights given for the bulletin and refuses weights that do not add up to 100%', async () => {
      const weighted: BulletinContent = (await preview(clients.dzCoordinator, { period: '2020H1', weights: { targetProgress: 0, punctuality: 100, problemCloseOut: 0 } })).json();
      const [, y] = towns as [(typeof towns)[number], (typeof towns)[number]];
      expect((section(weighted, 'ranking') as RankingSection).rows.find((row) => row.regionCode === y.code)?.composite).toBe(0);
      const refused = await preview(clients.dzCoordinator, { period: '2020H1', weights: { targetProgress: 50, punctuality: 30, problemCloseOut: 30 } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.field).toBe('weights');
      expect(refused.json().error.message).toContain('110%');
    });

    it('refuses a period the plan does not have (422) and one that is not a period (400), naming period', async () => {
      const unknown = await preview(clients.dzCoordinator, { period: '2020Q3' });
      expect([unknown.statusCode, unknown.json().error.field]).toEqual([422, 'period']);
      const malformed = await preview(clients.dzCoordinator, { period: 'June' });
      expect([malformed.statusCode, malformed.json().error.field]).toEqual([400, 'period']);
      const extra = await preview(clients.dzCoordinator, { period: '2020H1', note: 'x' });
      expect(extra.statusCode).toBe(400);
    });

    it('is for the plan’s coordinators only', async () => {
      expect((await preview(clients.dzReporter)).statusCode).toBe(403);
      expect((await preview(clients.lxCounty, { period: '2020-06' }, plans.linxia)).statusCode).toBe(403);
      expect((await preview(clients.lxCounty)).statusCode).toBe(404);
    });
  });

  describe('bulletins.draft and publish', () => {
    let draft: BulletinDetail;

    it('keeps a draft with its content, its hash and an audit record', async () => {
      const response = await clients.dzCoordinator.post(`/api/plans/${plans.dazu}/bulletins`, { period: '2020H1', docNumber: '大足就业办〔2020〕12号' });
      expect(response.statusCode).toBe(201);
      draft = response.json();
      expect(draft).toMatchObject({ status: 'draft', period: '2020H1', label: '2020年上半年', docNumber: '大足就业办〔2020〕12号', publishedAt: null, abilities: { publish: true } });
      expect(draft.contentSha256).toBe(contentSha256(draft.content));
      const audit = await one(store.db.selectFrom('audit_log').select(['action', 'region_code']).where('entity_id', '=', draft.id));
      expect(audit).toEqual({ action: 'plans.bulletin.draft', region_code: '500111' });
    });

    it('refuses a period with no report due and no figures, naming period', async () => {
      const response = await admin.post(`/api/plans/${plans.linxia}/bulletins`, { period: '2020-11' });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.field).toBe('period');
    });

    it('hides drafts from a reporter, who may not publish either', async () => {
      expect((await clients.dzReporter.get(`/api/bulletins/${draft.id}`)).statusCode).toBe(404);
      expect((await clients.dzReporter.get(`/api/plans/${plans.dazu}/bulletins`)).json().items).toEqual([]);
      const refused = await clients.dzReporter.post(`/api/bulletins/${draft.id}/publish`);
      expect(refused.statusCode).toBe(403);
    });

    it('publishes once, dated the day it is published', async () => {
      const response = await clients.dzCoordinator.post(`/api/bulletins/${draft.id}/publish`);
      expect(response.statusCode).toBe(200);
      const published: BulletinDetail = response.json();
      expect(published).toMatchObject({ status: 'published', publishedAt: appTime.toISOString(), publishedBy: 'bulletins.dzCoordinator', abilities: { publish: false } });
      expect(published.content.issuedOn).toBe('2020-07-20');
      expect(published.contentSha256).toBe(contentSha256(published.content));
      const again = await clients.dzCoordinator.post(`/api/bulletins/${draft.id}/publish`);
      expect(again.statusCode).toBe(409);
    });

    it('refuses publishing a second bulletin for the same plan and period', async () => {
      const second: BulletinDetail = (await clients.dzCoordinator.post(`/api/plans/${plans.dazu}/bulletins`, { period: '2020H1' })).json();
      const refused = await clients.dzCoordinator.post(`/api/bulletins/${second.id}/publish`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.field).toBe('period');
    });

    it('lets every reader of the plan read the published bulletin', async () => {
      const list = (await clients.dzReporter.get(`/api/plans/${plans.dazu}/bulletins`)).json().items;
      expect(list.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([[draft.id, 'published']]);
      expect((await clients.dzReporter.get(`/api/bulletins/${draft.id}`)).statusCode).toBe(200);
      expect((await clients.lxCounty.get(`/api/bulletins/${draft.id}`)).statusCode).toBe(404);
    });

    it('has the database refuse an UPDATE or DELETE of a published bulletin, not of a draft', async () => {
      await expect(sql`update bulletin set title = 'changed' where id = ${draft.id}`.execute(store.db)).rejects.toThrow(/published/);
      await expect(sql`delete from bulletin where id = ${draft.id}`.execute(store.db)).rejects.toThrow(/published/);
      const row = await one(store.db.selectFrom('bulletin').select(['title', 'status']).where('id', '=', draft.id));
      expect(row).toEqual({ title: '关于2020年上半年重点任务推进情况的通报', status: 'published' });
      const other = await one(store.db.selectFrom('bulletin').select('id').where('status', '=', 'draft').where('plan_id', '=', plans.dazu));
      await sql`update bulletin set doc_number = '大足就业办〔2020〕13号' where id = ${other.id}`.execute(store.db);
    });

    it('survives a backup and restore with its snapshot and hash unchanged', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'wenbao-bulletins-')), 'backup.jsonl.gz');
      await backupDatabase(store.db, file);
      await restoreDatabase(store.db, file);
      const row = await one(store.db.selectFrom('bulletin').select(['status', 'content', 'content_sha256']).where('id', '=', draft.id));
      expect(row.status).toBe('published');
      expect(contentSha256(row.content as BulletinContent)).toBe(row.content_sha256);
    });

    it('traces a figure to the reports it came from, and knows no other figures', async () => {
      const trace = await clients.dzCoordinator.get(`/api/bulletins/${draft.id}/trace/targets.urban-new-jobs`);
      expect(trace.statusCode).toBe(200);
      expect(trace.json().reports).toEqual([expect.objectContaining({ id: reports.accepted, taskNumber: '39', unitName: '大足区人力资源和社会保障局', period: '2020H1', status: 'accepted' })]);
      const late = await clients.dzCoordinator.get(`/api/bulletins/${draft.id}/trace/punctuality.${units.fund}.late`);
      expect(late.json().reports.map((entry: { id: string }) => entry.id)).toEqual([reports.late]);
      expect((await clients.dzCoordinator.get(`/api/bulletins/${draft.id}/trace/targets.nothing`)).statusCode).toBe(404);
      expect((await clients.dzCoordinator.get(`/api/bulletins/${draft.id}/trace/a%20b`)).statusCode).toBe(400);
    });

    it('exports the DOCX in official-document layout with a Chinese file name', async () => {
      const response = await clients.dzReporter.get(`/api/bulletins/${draft.id}.docx`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('wordprocessingml.document');
      expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('关于2020年上半年重点任务推进情况的通报.docx')}`);
      const zip = await JSZip.loadAsync(response.rawPayload);
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      for (const text of ['关于2020年上半年重点任务推进情况的通报', '大足就业办〔2020〕12号', '一、目标任务完成情况', '二、工作报送情况', '五、综合排名', '（二）红色、黄色任务', '预警原因', '“补贴性培训”目标为红色；大足区财政局2020年上半年报告逾期未报送', '城镇新增就业', '大足区人力资源和社会保障局', '重庆市大足区人民政府办公室', '2020年7月20日']) {
        expect(xml, text).toContain(text);
      }
      expect(xml).toContain('<w:tblHeader');
      expect(xml).toContain('w:color w:val="FF0000"');
      expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
      // A4 (11906 × 16838 twips) with margins of 37, 26, 35 and 28 mm.
      expect(/<w:pgSz [^>]*>/.exec(xml)?.[0]).toMatch(/w:w="1190[56]" w:h="1683[78]"/);
      const margins = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
      const margin = (side: string) => Number(new RegExp(`w:${side}="(\\d+)"`).exec(margins)?.[1]);
      expect([margin('top'), margin('right'), margin('bottom'), margin('left')].map((twips) => Math.round(twips / 56.6929))).toEqual([37, 26, 35, 28]);
      const footers = await Promise.all(Object.keys(zip.files).filter((name) => name.startsWith('word/footer')).map((name) => zip.file(name)?.async('string')));
      expect(footers.join('')).toContain('— ');
      expect(await zip.file('word/fontTable.xml')?.async('string')).toContain('<w:altName w:val="仿宋"/>');
    });

    it('exports the xlsx with one sheet per section, bold headers and numbers as numbers', async () => {
      const response = await clients.dzReporter.get(`/api/bulletins/${draft.id}.xlsx`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toContain(encodeURIComponent('关于2020年上半年重点任务推进情况的通报.xlsx'));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['通报', '目标任务完成情况', '工作报送情况', '任务进度情况', '问题办理情况', '综合排名']);
      const targets = workbook.getWorksheet('目标任务完成情况');
      const rows = targets?.getRows(1, targets.rowCount) ?? [];
      const header = rows.find((row) => row.getCell(1).value === '序号');
      expect(header?.getCell(2).value).toBe('指标');
      expect(header?.font?.bold ?? header?.getCell(1).font?.bold).toBe(true);
      const jobs = rows.find((row) => row.getCell(2).value === '城镇新增就业');
      expect([jobs?.getCell(5).value, jobs?.getCell(8).value, jobs?.getCell(9).value]).toEqual([14000, 8200, 58.6]);
    });
  });

  describe('bulletins across jurisdictions', () => {
    it('lets the prefecture coordinator publish the prefecture plan’s bulletin, not a county coordinator', async () => {
      const draft = await admin.post(`/api/plans/${plans.linxia}/bulletins`, { period: '2020-06' });
      expect(draft.statusCode).toBe(201);
      const refused = await clients.lxCounty.post(`/api/bulletins/${draft.json().id}/publish`);
      expect(refused.statusCode).toBe(403);
      const published = await clients.lxPrefecture.post(`/api/bulletins/${draft.json().id}/publish`);
      expect(published.statusCode).toBe(200);
      const counties = (published.json().content.sections as BulletinContent['sections']).find((entry) => entry.kind === 'ranking') as RankingSection;
      expect(counties.rows.every((row) => row.regionCode.startsWith('6229') && row.regionCode.length === 6)).toBe(true);
    });
  });

  describe('bulletins.settings', () => {
    it('lets the plan’s coordinator set its weights, which later bulletins use', async () => {
      const refused = await clients.dzCoordinator.put(`/api/plans/${plans.dazu}/bulletin-settings`, { weights: { targetProgress: 40, punctuality: 40, problemCloseOut: 10 } });
      expect([refused.statusCode, refused.json().error.field]).toEqual([422, 'weights']);
      expect((await clients.dzReporter.put(`/api/plans/${plans.dazu}/bulletin-settings`, { weights: { targetProgress: 40, punctuality: 40, problemCloseOut: 20 } })).statusCode).toBe(403);
      const saved = await clients.dzCoordinator.put(`/api/plans/${plans.dazu}/bulletin-settings`, { weights: { targetProgress: 40, punctuality: 40, problemCloseOut: 20 } });
      expect(saved.json()).toMatchObject({ weights: { targetProgress: 40, punctuality: 40, problemCloseOut: 20 }, defaultWeights: false, abilities: { update: true } });
      const content: BulletinContent = (await preview(clients.dzCoordinator)).json();
      expect(content.weights).toEqual({ targetProgress: 40, punctuality: 40, problemCloseOut: 20 });
    });
  });
});
