/**
 * Collecting monitoring figures from spreadsheets: a form's template for a period is downloaded, filled,
 * uploaded and checked in the background (progress in the table), every bad cell is named by row and
 * column, nothing reaches the values before the commit, and a commit writes everything at once — only for
 * regions inside the uploader's jurisdiction, and an import is seen only by its uploader or a coordinator.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorImportView } from '../src/contracts/monitor-import.contract.ts';
import { createMonitorImport, resumeImportChecks, runImportCheck } from '../src/monitor/index.ts';
import { importRegions } from '../src/org/index.ts';
import { openStore, type Store } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { engines } from './support/engines.ts';
import { buildTestApp, buildUnit, buildUser, formUploader, preparedStore, regions, signedIn, systemContext, type FormUpload, type TestClient } from './support/fixtures.ts';

type Poster = (url: string, form: FormUpload, language?: 'zh-CN' | 'en') => Promise<LightMyRequestResponse>;

/** Inserts an indicator entered at `level` (or for enterprises); returns its id. */
async function buildIndicator(store: Store, code: string, options: { level: string; valueType?: string; categories?: string[]; unit?: string }): Promise<string> {
  const { id } = await store.db
    .insertInto('monitor_indicator')
    .values({
      code,
      name_zh: `指标${code}`,
      name_en: `Indicator ${code}`,
      unit: options.unit ?? '人',
      value_type: options.valueType ?? 'integer',
      frequency: 'month',
      entry_level: options.level,
      subject_kind: options.level === 'subject' ? 'enterprise' : null,
      region_aggregation: 'sum',
      time_aggregation: 'sum',
      breakdown_dimension: options.categories ? 'commodity' : null,
      breakdown_categories: options.categories ?? [],
      decimals: options.valueType === 'decimal' ? 2 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Inserts a monthly form of these indicators for regions of `level` (or enterprises) inside Linxia; returns its id. */
async function buildForm(store: Store, code: string, level: string, indicatorIds: string[], rules: unknown[] = []): Promise<string> {
  const { id } = await store.db
    .insertInto('monitor_form')
    .values({ code, name_zh: `表${code}`, name_en: `Form ${code}`, reporter_level: level, subject_kind: level === 'subject' ? 'enterprise' : null, frequency: 'month', scope_region_code: regions.linxia, rules: JSON.stringify(rules) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await store.db
    .insertInto('monitor_form_indicator')
    .values(indicatorIds.map((indicatorId, position) => ({ form_id: id, indicator_id: indicatorId, position })))
    .execute();
  return id;
}

async function fillTemplate(bytes: Buffer, fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
  const sheet = book.worksheets.find((candidate) => candidate.state === 'visible');
  if (!sheet) throw new Error('no visible sheet');
  fill(sheet);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const csv = (rows: (string | number | null)[][]) => new TextEncoder().encode(rows.map((row) => row.map((cell) => cell ?? '').join(',')).join('\n'));

describe.each(engines)('monitor import on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let formId: string;
  let enterpriseFormId: string;
  let countyTownships: string[];
  let hezhengTownship: string;
  let wenshanTownship: string;
  let reporter: TestClient;
  let coordinator: TestClient;
  let neighbour: TestClient;
  let auditor: TestClient;
  let postAsReporter: Poster;
  let postAsCoordinator: Poster;
  let postAsAuditor: Poster;

  const countValues = async () => Number((await store.db.selectFrom('monitor_value').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  /** Polls an import until its check has finished. */
  async function settled(client: TestClient, id: string): Promise<MonitorImportView> {
    for (let attempt = 0; attempt < 2400; attempt += 1) {
      const response = await client.get(`/api/monitor/imports/${id}`);
      expect(response.statusCode, response.body).toBe(200);
      const view: MonitorImportView = response.json();
      if (view.status !== 'checking') return view;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the check did not finish');
  }

  async function upload(post: Poster, client: TestClient, file: { name: string; bytes: Uint8Array }, options: { form?: string; period?: string; language?: 'zh-CN' | 'en' } = {}) {
    const response = await post(`/api/monitor/forms/${options.form ?? formId}/imports?period=${options.period ?? '2020-06'}`, { file }, options.language);
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({ status: 'checking', period: options.period ?? '2020-06' });
    return settled(client, response.json().id);
  }

  async function template(client: TestClient, period = '2020-06', form = formId): Promise<Buffer> {
    const response = await client.get(`/api/monitor/forms/${form}/template.xlsx?period=${period}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.rawPayload;
  }

  beforeAll(async () => {
    store = await preparedStore(engine);
    app = await buildTestApp(store, { loginRateLimit: 1000, clock: () => new Date('2020-07-20T02:00:00Z') });
    const hires = await buildIndicator(store, 'mi_hires', { level: 'township' });
    const price = await buildIndicator(store, 'mi_price', { level: 'township', valueType: 'decimal', categories: ['rice', 'oil'], unit: '元/公斤' });
    formId = await buildForm(store, 'mi_township_monthly', 'township', [hires, price], [{ kind: 'range', indicator: 'mi_hires', min: 0, max: null }]);
    const headcount = await buildIndicator(store, 'mi_headcount', { level: 'subject' });
    enterpriseFormId = await buildForm(store, 'mi_enterprise_monthly', 'subject', [headcount]);
    const townships = await store.db.selectFrom('region').select('code').where('code', 'like', `${regions.linxiaCounty}%`).where('level', '=', 4).orderBy('code').execute();
    countyTownships = townships.map((row) => row.code);
    hezhengTownship = (await store.db.selectFrom('region').select('code').where('code', 'like', `${regions.hezheng}%`).where('level', '=', 4).executeTakeFirstOrThrow()).code;
    wenshanTownship = (await store.db.selectFrom('region').select('code').where('code', 'like', '5326%').where('level', '=', 4).executeTakeFirstOrThrow()).code;
    const county = await buildUnit(store, regions.linxiaCounty, '临夏县统计局（导入）');
    const hezheng = await buildUnit(store, regions.hezheng, '和政县统计局（导入）');
    const prefecture = await buildUnit(store, regions.linxia, '临夏州统计局（导入）');
    await buildUser(store, 'mi.reporter', 'reporter', county);
    await buildUser(store, 'mi.neighbour', 'reporter', hezheng);
    await buildUser(store, 'mi.coordinator', 'coordinator', prefecture);
    await buildUser(store, 'mi.auditor', 'auditor', prefecture);
    reporter = await signedIn(app, 'mi.reporter');
    coordinator = await signedIn(app, 'mi.coordinator');
    neighbour = await signedIn(app, 'mi.neighbour');
    auditor = await signedIn(app, 'mi.auditor');
    postAsReporter = await formUploader(app, 'mi.reporter');
    postAsCoordinator = await formUploader(app, 'mi.coordinator');
    postAsAuditor = await formUploader(app, 'mi.auditor');
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('template round trip', () => {
    it('lists the reporter’s townships with a hidden key row and sheet, fills, checks, commits and reads back', async () => {
      const bytes = await template(reporter);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
      const [sheet, meta] = book.worksheets;
      expect(meta?.state).toBe('veryHidden');
      expect(meta?.getCell('B2').value).toBe('mi_township_monthly');
      expect(sheet?.getRow(1).hidden).toBe(true);
      expect(sheet?.getRow(1).values).toEqual([undefined, 'region', 'name', 'mi_hires', 'mi_price', 'mi_price|rice', 'mi_price|oil']);
      expect(String(sheet?.getCell('C2').value)).toContain('mi_hires');
      const codes: string[] = [];
      sheet?.eachRow((row, number) => {
        if (number >= 3) codes.push(String(row.getCell(1).value));
      });
      expect(codes).toEqual(countyTownships);

      const filled = await fillTemplate(bytes, (data) => {
        for (const [index] of countyTownships.entries()) {
          const row = data.getRow(index + 3);
          row.getCell(3).value = 10 + index;
          row.getCell(5).value = 2.5;
        }
      });
      const checked = await upload(postAsReporter, reporter, { name: '填报.xlsx', bytes: filled });
      expect(checked).toMatchObject({ status: 'checked', errorCount: 0, totalRows: countyTownships.length, processedRows: countyTownships.length, stagedValues: countyTownships.length * 2 });
      expect(checked.abilities).toEqual({ commit: true, discard: true, downloadErrors: false });
      expect(await countValues()).toBe(0);

      const committed = await reporter.post(`/api/monitor/imports/${checked.id}/commit`);
      expect(committed.statusCode, committed.body).toBe(200);
      expect(committed.json()).toMatchObject({ saved: countyTownships.length * 2, import: { status: 'committed' } });
      const rollup = await store.db.selectFrom('monitor_rollup').select(['value_sum', 'value_count']).where('region_code', '=', regions.linxia).where('period', '=', '2020-06').where('breakdown', '=', '').executeTakeFirstOrThrow();
      const expected = countyTownships.reduce((sum, _code, index) => sum + 10 + index, 0);
      expect(Number(rollup.value_sum)).toBe(expected);
      const again = await reporter.post(`/api/monitor/imports/${checked.id}/commit`);
      expect(again.statusCode).toBe(409);

      const prefilled = new ExcelJS.Workbook();
      await prefilled.xlsx.load((await template(reporter)) as unknown as Parameters<typeof prefilled.xlsx.load>[0]);
      expect(prefilled.worksheets[0]?.getCell('C3').value).toBe(10);
      expect(prefilled.worksheets[0]?.getCell('E3').value).toBe(2.5);
    });
  });

  describe('bad input', () => {
    it('names the row and column of every bad cell and row, and commits nothing', async () => {
      const [first, second] = countyTownships as [string, string];
      const before = await countValues();
      const file = csv([
        ['region', 'name', 'mi_hires', 'mi_layoffs', 'mi_price|wheat', 'period'],
        [first, '甲', '十二', null, null, null],
        ['622921999', '乙', 1, null, null, null],
        [regions.linxiaCounty, '丙', 1, null, null, null],
        [hezhengTownship, '丁', 1, null, null, null],
        [wenshanTownship, '戊', 1, null, null, null],
        [second, '己', 1, null, null, '2020Q2'],
        [second, '庚', 2, null, null, null],
        [second, '辛', 3, null, null, null],
        [countyTownships[2] ?? '', '壬', -5, null, null, null],
      ]);
      const checked = await upload(postAsReporter, reporter, { name: 'bad.csv', bytes: file }, { language: 'en' });
      expect(checked.status).toBe('checked');
      const found = checked.errors.map((error) => [error.row, error.column, error.code]);
      expect(found).toEqual([
        [1, 'D', 'unknown_indicator'],
        [1, 'E', 'unknown_category'],
        [2, 'C', 'not_a_number'],
        [3, 'A', 'unknown_region'],
        [4, 'A', 'wrong_level'],
        [5, 'A', 'outside_jurisdiction'],
        [6, 'A', 'outside_scope'],
        [7, 'F', 'bad_period'],
        [9, 'A', 'duplicate_row'],
        [10, 'C', 'rule'],
      ]);
      expect(checked.errors.at(-1)?.message).toContain('mi_hires 不能小于 0');
      expect(checked.errors[2]?.message).toBe('“十二”不是数字');
      expect(checked.errors.at(-2)?.message).toContain('第 8 行');
      reporter.language = 'en';
      const english: MonitorImportView = (await reporter.get(`/api/monitor/imports/${checked.id}`)).json();
      reporter.language = 'zh-CN';
      expect(english.errors[2]?.message).toBe('"十二" is not a number');
      expect(english.errors.at(-2)?.message).toContain('row 8');
      expect(checked.abilities.commit).toBe(false);

      const commit = await reporter.post(`/api/monitor/imports/${checked.id}/commit`);
      expect([commit.statusCode, commit.json().error.field]).toEqual([409, 'errors']);
      expect(await countValues()).toBe(before);

      const errors = await reporter.get(`/api/monitor/imports/${checked.id}/errors.xlsx`);
      expect(errors.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(errors.rawPayload as unknown as Parameters<typeof book.xlsx.load>[0]);
      expect(book.worksheets[0]?.rowCount).toBe(2 + 10);
      expect(book.worksheets[0]?.getRow(3).values).toEqual([undefined, 1, 'D', 'mi_layoffs', 'unknown_indicator', '本表没有指标“mi_layoffs”', 'The form has no indicator "mi_layoffs"']);
    });

    it('refuses a template of another period, a file without a key row, and a period of the wrong kind', async () => {
      const bytes = await fillTemplate(await template(reporter, '2020-05'), (sheet) => {
        sheet.getCell('C3').value = 1;
      });
      const mismatch = await upload(postAsReporter, reporter, { name: 'may.xlsx', bytes });
      expect(mismatch.errors.map((error) => error.code)).toEqual(['template_mismatch']);
      const noKey = await upload(postAsReporter, reporter, { name: 'nokey.csv', bytes: csv([['代码', '招聘'], [countyTownships[0] ?? '', 1]]) });
      expect(noKey.errors.map((error) => [error.row, error.code])).toEqual([[1, 'no_key_row']]);
      const quarter = await postAsReporter(`/api/monitor/forms/${formId}/imports?period=2020Q2`, { file: { name: 'x.csv', bytes: csv([['region']]) } });
      expect([quarter.statusCode, quarter.json().error.field]).toEqual([422, 'period']);
      const future = await postAsReporter(`/api/monitor/forms/${formId}/imports?period=2020-09`, { file: { name: 'x.csv', bytes: csv([['region']]) } });
      expect([future.statusCode, future.json().error.field]).toEqual([422, 'period']);
      const text = await postAsReporter(`/api/monitor/forms/${formId}/imports?period=2020-06`, { file: { name: 'x.txt', bytes: csv([['region']]) } });
      expect([text.statusCode, text.json().error.field]).toEqual([422, 'file']);
    });

    it('discards an import: nothing staged is kept and it can no longer be committed', async () => {
      const checked = await upload(postAsReporter, reporter, { name: 'ok.csv', bytes: csv([['region', 'mi_hires'], [countyTownships[0] ?? '', 99]]) });
      expect(checked.stagedValues).toBe(1);
      const discarded = await reporter.post(`/api/monitor/imports/${checked.id}/discard`);
      expect(discarded.json()).toMatchObject({ status: 'discarded', stagedValues: 0 });
      expect((await reporter.post(`/api/monitor/imports/${checked.id}/commit`)).statusCode).toBe(409);
      const stored = await store.db.selectFrom('monitor_value').select('value').where('region_code', '=', countyTownships[0] ?? '').where('period', '=', '2020-06').where('breakdown', '=', '').executeTakeFirst();
      expect(Number(stored?.value)).toBe(10);
    });
  });

  describe('jurisdiction', () => {
    it('shows an import to its uploader and coordinators only, and lists only one’s own townships in a template', async () => {
      const checked = await upload(postAsReporter, reporter, { name: 'mine.csv', bytes: csv([['region', 'mi_hires'], [countyTownships[1] ?? '', 5]]) });
      expect((await neighbour.get(`/api/monitor/imports/${checked.id}`)).statusCode).toBe(404);
      expect((await neighbour.post(`/api/monitor/imports/${checked.id}/commit`)).statusCode).toBe(404);
      expect((await neighbour.get(`/api/monitor/imports/${checked.id}/errors.xlsx`)).statusCode).toBe(404);
      expect((await coordinator.get(`/api/monitor/imports/${checked.id}`)).statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await template(neighbour)) as unknown as Parameters<typeof book.xlsx.load>[0]);
      const codes: string[] = [];
      book.worksheets[0]?.eachRow((row, number) => {
        if (number >= 3) codes.push(String(row.getCell(1).value));
      });
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.every((code) => code.startsWith(regions.hezheng))).toBe(true);
      expect((await coordinator.post(`/api/monitor/imports/${checked.id}/discard`)).statusCode).toBe(200);
    });

    it('refuses roles that do not enter figures', async () => {
      expect((await auditor.get(`/api/monitor/forms/${formId}/template.xlsx?period=2020-06`)).statusCode).toBe(403);
      const response = await postAsAuditor(`/api/monitor/forms/${formId}/imports?period=2020-06`, { file: { name: 'x.csv', bytes: csv([['region', 'mi_hires']]) } });
      expect(response.statusCode).toBe(403);
    });
  });

  describe('background check', () => {
    it('is taken over from the top when its server stopped, and a runner that lost its claim stops', async () => {
      const clock = () => new Date('2020-07-20T02:00:00Z');
      const actor = { userId: 'cli', username: 'test', grants: [{ role: 'reporter' as const, unitId: 'u', regionCode: regions.linxiaCounty }] };
      const upload = { fileName: 'lapsed.csv', bytes: Buffer.from(csv([['region', 'mi_hires'], [countyTownships[3] ?? '', 4]])) };
      const { id, claim } = await store.db.transaction().execute((trx) => createMonitorImport({ db: trx, actor: { id: null, name: 'test' }, now: clock() }, actor, { formId, period: '2020-06', upload }));
      // The server that took the upload stopped before checking it: its claim lapses.
      await store.db.updateTable('monitor_import').set({ claimed_until: new Date('2020-07-20T01:00:00Z') }).where('id', '=', id).execute();
      expect(await resumeImportChecks(store.db, clock)).toBe(true);
      expect(await resumeImportChecks(store.db, clock)).toBe(false);
      const record = await store.db.selectFrom('monitor_import').select(['status', 'processed_rows', 'error_count']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(record).toEqual({ status: 'checked', processed_rows: 1, error_count: 0 });
      // The original runner, back with its old claim, finds the import no longer its own and changes nothing,
      // even while the import is being checked again by the server that took it over.
      await runImportCheck(store.db, id, claim, clock);
      await store.db.updateTable('monitor_import').set({ status: 'checking', claimed_until: new Date('2020-07-20T02:01:00Z') }).where('id', '=', id).execute();
      await runImportCheck(store.db, id, claim, clock);
      expect((await store.db.selectFrom('monitor_import').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('checking');
      expect(await store.db.selectFrom('monitor_import_row').select('value').where('import_id', '=', id).execute()).toEqual([{ value: '4' }]);
    });
  });

  describe('large files', () => {
    const size = 10_000;

    beforeAll(async () => {
      await sql`insert into monitor_subject (kind, code, name, region_code)
        select 'enterprise', 'E' || lpad(n::text, 6, '0'), '企业' || n, ${regions.linxiaCounty} from generate_series(1, ${size}) as n`.execute(store.db);
    });

    // ASCII names: the files domain tests the first 64 KiB of a CSV as UTF-8 and refuses one whose cut falls inside a character.
    const enterpriseRows = (offset: number) => Array.from({ length: size }, (_, index) => [`E${String(index + 1).padStart(6, '0')}`, `Enterprise ${index + 1}`, offset + (index % 50)]);

    it(`checks and commits ${size} csv rows, counting progress`, async () => {
      const bytes = csv([['subject', 'name', 'mi_headcount'], ...enterpriseRows(100)]);
      const checked = await upload(postAsCoordinator, coordinator, { name: 'enterprises.csv', bytes }, { form: enterpriseFormId });
      expect(checked).toMatchObject({ status: 'checked', errorCount: 0, totalRows: size, processedRows: size, stagedValues: size });
      const committed = await coordinator.post(`/api/monitor/imports/${checked.id}/commit`);
      expect(committed.json()).toMatchObject({ saved: size });
      const rollup = await store.db.selectFrom('monitor_rollup as r').innerJoin('monitor_indicator as i', 'i.id', 'r.indicator_id').select(['r.value_count']).where('i.code', '=', 'mi_headcount').where('r.region_code', '=', regions.linxia).executeTakeFirstOrThrow();
      expect(rollup.value_count).toBe(size);
    }, 120_000);

    it(`checks and commits ${size} xlsx rows from a workbook generated by the template`, async () => {
      const bytes = await fillTemplate(await template(coordinator, '2020-05', enterpriseFormId), (sheet) => {
        for (let row = 3; row < 3 + size; row += 1) sheet.getCell(row, 3).value = 7;
      });
      const checked = await upload(postAsCoordinator, coordinator, { name: 'enterprises.xlsx', bytes }, { form: enterpriseFormId, period: '2020-05' });
      expect(checked).toMatchObject({ status: 'checked', errorCount: 0, totalRows: size, stagedValues: size });
      expect((await coordinator.post(`/api/monitor/imports/${checked.id}/commit`)).json()).toMatchObject({ saved: size });
    }, 120_000);

    it('keeps Chinese text whole in an xlsx whose zip stream cuts characters between chunks', async () => {
      const rows = 2000;
      // long names make the shared strings far larger than one inflated chunk; the figure is text, quoted back in full
      const name = (row: number) => `临夏回族自治州临夏县土桥镇农业产业化龙头企业联合体第${row}号生产经营单位（含积石山保安族东乡族撒拉族自治县分支机构）`;
      const figure = (row: number) => `约${row}人（临夏县土桥镇用工监测点核实后报送）`;
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('企业');
      sheet.addRow(['subject', 'name', 'mi_headcount']);
      for (let row = 2; row <= rows + 1; row += 1) sheet.addRow([`E${String(row - 1).padStart(6, '0')}`, name(row), figure(row)]);
      const bytes = new Uint8Array(await book.xlsx.writeBuffer());
      const checked = await upload(postAsCoordinator, coordinator, { name: '企业用工.xlsx', bytes }, { form: enterpriseFormId, period: '2020-04' });
      expect(checked).toMatchObject({ status: 'checked', totalRows: rows, errorCount: rows, stagedValues: 0 });

      const file = await coordinator.get(`/api/monitor/imports/${checked.id}/errors.xlsx`);
      expect(file.statusCode).toBe(200);
      const errors = new ExcelJS.Workbook();
      await errors.xlsx.load(file.rawPayload as unknown as Parameters<typeof errors.xlsx.load>[0]);
      const messages = new Map<number, string>();
      errors.worksheets[0]?.eachRow((row, number) => {
        if (number > 2) messages.set(Number(row.getCell(1).value), String(row.getCell(5).value) + '|' + String(row.getCell(4).value));
      });
      const wrong = [...Array(rows).keys()].map((index) => index + 2).filter((row) => messages.get(row) !== `“${figure(row)}”不是数字|not_a_number`);
      expect(wrong).toEqual([]);
    }, 120_000);
  });
});

describe.each(engines)('wenbao monitor import on %s', (engine) => {
  const run = promisify(execFile);
  const dir = mkdtempSync(join(tmpdir(), 'wenbao-monitor-import-'));
  let env: Record<string, string>;
  let drop = async () => {};
  const open = () => (engine === 'pglite' ? openStore({ dataDir: env.WENBAO_DATA_DIR }) : openStore({ databaseUrl: env.DATABASE_URL }));

  async function wenbao(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('node', ['bin/wenbao.mjs', ...args], { env: { ...process.env, DATABASE_URL: '', WENBAO_DATA_DIR: '', ...env }, timeout: 120_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  beforeAll(async () => {
    if (engine === 'pglite') env = { WENBAO_DATA_DIR: join(dir, 'pglite') };
    else {
      const name = `wenbao_mi_${randomBytes(5).toString('hex')}`;
      const admin = async (statement: string) => {
        const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await client.connect();
        await client.query(statement).finally(() => client.end());
      };
      await admin(`create database ${name}`);
      const url = new URL(process.env.TEST_DATABASE_URL ?? '');
      url.pathname = `/${name}`;
      env = { DATABASE_URL: url.toString() };
      drop = () => admin(`drop database if exists ${name} with (force)`);
    }
    const store = await open();
    await migrate(store.db);
    await importRegions(systemContext(store), [regions.linxia], { maxLevel: 'county' });
    const indicator = await buildIndicator(store, 'mi_cli_hires', { level: 'county' });
    await buildForm(store, 'mi_cli_county', 'county', [indicator]);
    await store.close();
  });

  afterAll(async () => {
    await drop();
  });

  it('dry-runs with a progress line, names bad cells by row and column, and saves only with --commit', async () => {
    const good = join(dir, 'good.csv');
    writeFileSync(good, `region,name,mi_cli_hires\n${regions.linxiaCounty},临夏县,12\n${regions.hezheng},和政县,30\n`);
    const dry = await wenbao('monitor', 'import', 'mi_cli_county', '2020-06', good);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('dry run: 2 values');
    expect(dry.stderr).toContain('checked 2 rows, 0 errors');

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `region,name,mi_cli_hires\n${regions.linxiaCounty},临夏县,十二\n`);
    const refused = await wenbao('monitor', 'import', 'mi_cli_county', '2020-06', bad, '--commit');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('row 2 column C: “十二”不是数字');

    const saved = await wenbao('monitor', 'import', 'mi_cli_county', '2020-06', good, '--commit');
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('imported 2 values into mi_cli_county for 2020-06');
    const store = await open();
    try {
      const values = await store.db.selectFrom('monitor_value').select(['region_code', 'value', 'source']).orderBy('region_code').execute();
      expect(values.map((row) => [row.region_code, Number(row.value), row.source])).toEqual([
        [regions.linxiaCounty, 12, 'import'],
        [regions.hezheng, 30, 'import'],
      ]);
    } finally {
      await store.close();
    }
  }, 180_000);
});
