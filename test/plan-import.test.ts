/**
 * Importing a plan without code: a task-division table (or a plan pack file) is previewed with every unit
 * name resolved or listed as unknown, committed with a mapping for each unknown name — all or nothing, or
 * nothing at all as a dry run — and only by a coordinator whose jurisdiction holds the plan's region.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../src/contracts/plan-import.contract.ts';
import type { PlanDetail, SectionView, TaskView } from '../src/contracts/plans.contract.ts';
import { systemActor } from '../src/kernel/actor.ts';
import { createUnit } from '../src/org/index.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { buildTestApp, buildUnit, buildUser, formUploader, preparedStore, regions, signedIn, systemContext, TestClient, type FormUpload } from './support/fixtures.ts';

type Poster = (url: string, form: FormUpload, language?: 'zh-CN' | 'en') => Promise<LightMyRequestResponse>;

async function workbook(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务分工');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const header = ['序号', '工作任务', '牵头单位', '责任单位', '完成时限'];
const employmentTable = () =>
  workbook([
    ['临夏州稳就业重点任务分工表'],
    header,
    ['一、稳定就业岗位', null, null, null, null],
    [1, '落实失业保险稳岗返还政策。', '州人社局', '州财政局、各县(市)', '2020年6月底前'],
    [2, '开展以工代训，扩大培训补贴范围。', '州财政局', '州人社局', '2020-09-30'],
    [3, '扩大高校毕业生就业见习规模。', null, '州教育局、州人社局', null],
  ]);

function allTasks(sections: SectionView[]): TaskView[] {
  return sections.flatMap((section) => [...section.tasks, ...allTasks(section.sections)]);
}

const fields = (title: string, extra: Record<string, string> = {}) => ({ regionCode: regions.linxia, title, start: '2020-06-01', end: '2020-12-31', issuer: '州政府', ...extra });

describe.each(engines)('plan import on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let coordinator: TestClient;
  let post: Poster;
  let educationId: string;

  async function count(table: 'plan' | 'plan_task' | 'task_unit' | 'unit' | 'unit_alias' | 'audit_log'): Promise<number> {
    const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const counts = async () => Object.fromEntries(await Promise.all((['plan', 'plan_task', 'task_unit', 'unit', 'unit_alias', 'audit_log'] as const).map(async (table) => [table, await count(table)])));

  async function preview(title: string, bytes?: Uint8Array, extra: Record<string, string> = {}): Promise<ImportPreview> {
    const response = await post('/api/plans/import/preview', { fields: fields(title, extra), file: { name: 'tasks.xlsx', bytes: bytes ?? (await employmentTable()) } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  const mapping = () => ({
    州政府: { create: { fullName: '临夏回族自治州人民政府', kind: 'government', regionCode: regions.linxia } },
    州财政局: { create: { fullName: '临夏回族自治州财政局', kind: 'department', regionCode: regions.linxia } },
    州教育局: { unitId: educationId },
  });

  beforeAll(async () => {
    store = await preparedStore(engine);
    app = await buildTestApp(store, { loginRateLimit: 1000 });
    const context = systemContext(store);
    const hr = await createUnit(context, systemActor, { name: '临夏回族自治州人力资源和社会保障局', regionCode: regions.linxia, kind: 'department', aliases: ['州人社局'], contacts: [] });
    educationId = await buildUnit(store, regions.linxia, '临夏回族自治州教育局');
    const county = await buildUnit(store, regions.linxiaCounty, '临夏县人社局（导入测试）');
    const hezheng = await buildUnit(store, regions.hezheng, '和政县人社局（导入测试）');
    await buildUser(store, 'import.coordinator', 'coordinator', hr);
    await buildUser(store, 'import.reporter', 'reporter', hr);
    await buildUser(store, 'import.county', 'coordinator', county);
    await buildUser(store, 'import.hezheng', 'coordinator', hezheng);
    coordinator = await signedIn(app, 'import.coordinator');
    post = await formUploader(app, 'import.coordinator');
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('preview', () => {
    it('resolves names through units and aliases, marks collectives, and lists the unknown names', async () => {
      const result = await preview('临夏州稳就业任务分工（导入一）');
      expect(result.rowProblems).toEqual([]);
      expect(result.plan).toMatchObject({ regionName: '临夏回族自治州', leadRule: 'named', taskCount: 3, issuer: { name: '州政府', resolution: 'unknown' } });
      expect(result.unknownNames).toEqual(['州政府', '州财政局', '州教育局']);
      const [first] = result.tasks;
      expect(first).toMatchObject({ number: '1', section: '一', lead: '州人社局', due: '2020-06-30' });
      expect(first?.units).toEqual([
        { name: '州人社局', resolution: { unitId: expect.any(String), name: '临夏回族自治州人力资源和社会保障局', regionCode: regions.linxia } },
        { name: '州财政局', resolution: 'unknown' },
        { name: '各县(市)', resolution: 'collective' },
      ]);
      expect(result.pack).not.toBeNull();
    });

    it('reports a row it cannot read by its Excel row number, and offers no pack to commit', async () => {
      const before = await counts();
      const bytes = await workbook([header, [1, '落实稳岗返还。', '州人社局', null, '尽快'], [2, '开展以工代训。', '州人社局', null, null]]);
      const result = await preview('有错误行的任务分工表', bytes);
      expect(result.rowProblems).toEqual([{ row: 2, column: '完成时限', message: expect.stringContaining('完成时限') }]);
      expect(result.pack).toBeNull();
      expect(await counts()).toEqual(before);
    });

    it('answers row problems in English when asked', async () => {
      const bytes = await workbook([header, [null, '没有序号的一行很长的任务内容，写满了具体措施。', '州人社局', null, null]]);
      const response = await post('/api/plans/import/preview', { fields: fields('English problems'), file: { name: 'tasks.xlsx', bytes } }, 'en');
      expect(response.json().rowProblems).toEqual([{ row: 2, column: '序号', message: expect.stringMatching(/^No number/) }]);
    });

    it('needs a title for a table, refuses unknown fields and files of other kinds', async () => {
      const bytes = await employmentTable();
      const noTitle = await post('/api/plans/import/preview', { fields: { regionCode: regions.linxia, start: '2020-06-01', end: '2020-12-31' }, file: { name: 't.xlsx', bytes } });
      expect([noTitle.statusCode, noTitle.json().error.field]).toEqual([400, 'title']);
      const unknownField = await post('/api/plans/import/preview', { fields: { ...fields('x'), owner: 'me' }, file: { name: 't.xlsx', bytes } });
      expect([unknownField.statusCode, unknownField.json().error.field]).toEqual([400, 'owner']);
      const text = await post('/api/plans/import/preview', { fields: fields('x'), file: { name: 'notes.txt', bytes: new TextEncoder().encode('序号,任务') } });
      expect([text.statusCode, text.json().error.field]).toEqual([422, 'file']);
      const noFile = await post('/api/plans/import/preview', { fields: fields('x') });
      expect([noFile.statusCode, noFile.json().error.field]).toEqual([400, 'file']);
    });
  });

  describe('commit', () => {
    let planId: string;

    it('refuses while a name is unmapped, naming it, and writes nothing', async () => {
      const { pack } = await preview('临夏州稳就业任务分工（导入一）');
      const before = await counts();
      const { 州政府: _issuer, ...partial } = mapping();
      const response = await coordinator.post('/api/plans/import/commit', { pack, mapping: partial });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.field).toBe('mapping.州政府');
      expect(response.json().error.message).toContain('州政府');
      expect(await counts()).toEqual(before);
    });

    it('computes a dry run and writes nothing', async () => {
      const { pack } = await preview('临夏州稳就业任务分工（导入一）');
      const counties = await store.db.selectFrom('region').select('code').where('parent_code', '=', regions.linxia).execute();
      const before = await counts();
      const response = await coordinator.post('/api/plans/import/commit', { pack, mapping: mapping(), dryRun: true });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        planId: null,
        dryRun: true,
        // Two units created by mapping and one government per county for 各县(市); three names remembered.
        counts: { tasks: 3, targets: 0, unitsCreated: 2 + counties.length, aliasesAdded: 3 },
      });
      expect(await counts()).toEqual(before);
    });

    it('imports the plan with leads as the table names them and remembers the names as aliases', async () => {
      const { pack } = await preview('临夏州稳就业任务分工（导入一）');
      const response = await coordinator.post('/api/plans/import/commit', { pack, mapping: mapping() });
      expect(response.statusCode, response.body).toBe(201);
      planId = response.json().planId;
      const plan: PlanDetail = (await coordinator.get(`/api/plans/${planId}`)).json();
      expect(plan).toMatchObject({ title: '临夏州稳就业任务分工（导入一）', issuer: '临夏回族自治州人民政府', leadRule: 'named', regionCode: regions.linxia });
      const [first, second, third] = allTasks(plan.sections);
      expect(first?.units.filter((unit) => unit.isLead).map((unit) => unit.name)).toEqual(['临夏回族自治州人力资源和社会保障局']);
      expect(first?.units.filter((unit) => unit.namedAs === '各县(市)').length).toBeGreaterThan(1);
      expect(second?.units.filter((unit) => unit.isLead).map((unit) => [unit.name, unit.namedAs])).toEqual([['临夏回族自治州财政局', '州财政局']]);
      expect(third?.units.some((unit) => unit.isLead)).toBe(false);
      expect(third?.units.map((unit) => unit.unitId)).toContain(educationId);
      const alias = await store.db.selectFrom('unit_alias').select('unit_id').where('alias', '=', '州教育局').executeTakeFirstOrThrow();
      expect(alias.unit_id).toBe(educationId);
      const audit = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'plans.plan.import').where('entity_id', '=', planId).executeTakeFirstOrThrow();
      expect(audit.after).toMatchObject({ counts: { tasks: 3 } });
    });

    it('needs no mapping the second time the same names are imported', async () => {
      const result = await preview('临夏州稳就业任务分工（导入二）');
      expect(result.unknownNames).toEqual([]);
      const response = await coordinator.post('/api/plans/import/commit', { pack: result.pack });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().counts).toMatchObject({ unitsCreated: 0, aliasesAdded: 0 });
    });

    it('refuses to import the same plan twice', async () => {
      const { pack, packProblems } = await preview('临夏州稳就业任务分工（导入一）');
      expect(packProblems.map((problem) => problem.where)).toContain('plans.0.key');
      const response = await coordinator.post('/api/plans/import/commit', { pack });
      expect(response.statusCode).toBe(409);
    });

    it('refuses a mapping to a unit outside the plan region', async () => {
      const wenshanUnit = await buildUnit(store, regions.wenshan, '文山州财政局（导入测试）');
      const bytes = await workbook([header, [1, '新任务。', null, '州统计局', null]]);
      const { pack } = await preview('临夏州统计任务（导入三）', bytes);
      const response = await coordinator.post('/api/plans/import/commit', { pack, mapping: { 州统计局: { unitId: wenshanUnit } } });
      expect([response.statusCode, response.json().error.field]).toEqual([422, 'mapping.州统计局']);
    });
  });

  describe('plan pack files', () => {
    it('previews a YAML pack, proposes what its directory describes, and imports it', async () => {
      const yaml = [
        'format: wenbao-plan-pack/1',
        'units:',
        "  - { name: 州政府, region: '622900' }",
        "  - { name: 州商务局, fullName: 临夏回族自治州商务局, region: '622900', kind: department }",
        'plans:',
        '  - key: import-yaml-commerce',
        '    title: 临夏州促消费任务（方案包导入）',
        '    docNumber: null',
        '    issuer: 州政府',
        "    region: '622900'",
        '    issuedOn: null',
        '    start: 2020-06-01',
        '    end: 2020-12-31',
        '    schedule: { kind: monthly, day: 5 }',
        '    leadRule: first-listed',
        '    sources: [{ document: commerce.yaml }]',
        '    sections:',
        '      - number: 一',
        '        title: 促进消费',
        '        tasks:',
        "          - { number: '1', text: 举办消费季活动。, clause: 一、1, lead: 州商务局, units: [州商务局] }",
      ].join('\n');
      const response = await post('/api/plans/import/preview', { fields: { regionCode: regions.linxia }, file: { name: 'commerce.yaml', bytes: new TextEncoder().encode(yaml) } });
      expect(response.statusCode, response.body).toBe(200);
      const result: ImportPreview = response.json();
      expect(result.unknownNames).toEqual(['州商务局']);
      expect(result.proposedMapping).toEqual({ 州商务局: { create: { fullName: '临夏回族自治州商务局', kind: 'department', regionCode: regions.linxia } } });
      const commit = await coordinator.post('/api/plans/import/commit', { pack: result.pack, mapping: result.proposedMapping });
      expect(commit.statusCode, commit.body).toBe(201);
    });

    it('refuses a pack file without a plan, naming where', async () => {
      const json = JSON.stringify({ format: 'wenbao-plan-pack/1', units: [], plans: [] });
      const response = await post('/api/plans/import/preview', { fields: { regionCode: regions.linxia }, file: { name: 'empty.json', bytes: new TextEncoder().encode(json) } });
      expect([response.statusCode, response.json().error.field]).toEqual([400, 'file.plans']);
    });
  });

  describe('who may import', () => {
    it('refuses a reporter (403) on preview and commit', async () => {
      const reporterPost = await formUploader(app, 'import.reporter');
      const bytes = await employmentTable();
      expect((await reporterPost('/api/plans/import/preview', { fields: fields('报告员导入'), file: { name: 't.xlsx', bytes } })).statusCode).toBe(403);
      const { pack } = await preview('报告员导入');
      const reporter = await signedIn(app, 'import.reporter');
      expect((await reporter.post('/api/plans/import/commit', { pack, mapping: mapping() })).statusCode).toBe(403);
    });

    it('refuses a county coordinator importing for another county, and lets it import for its own', async () => {
      const countyPost = await formUploader(app, 'import.county');
      const bytes = await workbook([header, [1, '落实县级稳岗任务。', null, '县人社局', null]]);
      const other = await countyPost('/api/plans/import/preview', { fields: fields('和政县任务', { regionCode: regions.hezheng }), file: { name: 't.xlsx', bytes } });
      expect(other.statusCode).toBe(403);
      const own = await countyPost('/api/plans/import/preview', { fields: fields('临夏县任务', { regionCode: regions.linxiaCounty }), file: { name: 't.xlsx', bytes } });
      expect(own.statusCode, own.body).toBe(200);
      const hezhengPost = await formUploader(app, 'import.hezheng');
      const { pack } = (await hezhengPost('/api/plans/import/preview', { fields: fields('和政县任务', { regionCode: regions.hezheng }), file: { name: 't.xlsx', bytes } })).json();
      const county = await signedIn(app, 'import.county');
      expect((await county.post('/api/plans/import/commit', { pack, mapping: {} })).statusCode).toBe(403);
    });

    it('refuses anonymous requests', async () => {
      expect((await new TestClient(app).post('/api/plans/import/commit', { pack: {} })).statusCode).toBe(401);
    });
  });
});
