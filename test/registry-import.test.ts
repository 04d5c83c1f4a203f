/**
 * Registry imports: every bad identity number or credit code reported by row and column in both languages,
 * duplicates within the file by row, nothing written when any row is bad, updates counted apart from
 * creations, xlsx as well as csv, progress readable by poll, and a 20,000-row file.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLineRegistryActor, importRegistryFile } from '../src/registry/index.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { buildSignedInUsers, buildTestApp, buildUnit, formUploader, preparedStore, regions, type TestClient } from './support/fixtures.ts';
import { creditCodeFor, residentIdFor, withBadChecksum } from './support/registry-ids.ts';

type Who = 'lxCaseworker' | 'hzCoordinator';

const personHeader = '身份证号,姓名,户籍地区划代码,联系电话,人员类别,类别认定日期';

function csv(lines: string[]): Uint8Array {
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe.each(engines)('registry imports on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let clients: Record<Who, TestClient>;
  let upload: Awaited<ReturnType<typeof formUploader>>;

  const countPersons = async () => Number((await store.db.selectFrom('registry_person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const importPersons = (lines: string[], regionCode: string = regions.linxiaCounty) =>
    upload('/api/registry/imports', { fields: { kind: 'persons', regionCode }, file: { name: '人员.csv', bytes: csv([personHeader, ...lines]) } });

  beforeAll(async () => {
    store = await preparedStore(engine);
    app = await buildTestApp(store, { loginRateLimit: 1000 });
    const lxUnit = await buildUnit(store, regions.linxiaCounty, '临夏县人社局');
    const hzUnit = await buildUnit(store, regions.hezheng, '和政县人社局');
    ({ clients } = await buildSignedInUsers<Who>(store, app, 'imp', { lxCaseworker: ['caseworker', lxUnit], hzCoordinator: ['coordinator', hzUnit] }));
    upload = await formUploader(app, 'imp.lxCaseworker');
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const good: [string, string, string] = [residentIdFor('622921', '1990-01-01', 11), residentIdFor('622921', '1991-02-02', 22), residentIdFor('622921', '1992-03-03', 33)];

  it('reports a bad identity number and a duplicate by row and column, and writes nothing', async () => {
    const response = await importPersons([
      `${good[0]},张一,622921,13900000001,建档立卡贫困劳动力,2019-01-01`,
      `${withBadChecksum(good[1])},张二,622921,,,`,
      `${good[2]},张三,622921,,高校毕业生、退役军人,`,
      `${good[0].toLowerCase()},张一重复,622921,,,`,
      `${good[1]},,622921,,不存在的类别,`,
    ]);
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 3, column: '身份证号', zh: expect.stringContaining('校验位'), en: expect.stringContaining('check character') }),
      expect.objectContaining({ row: 5, column: '身份证号', zh: '与第 2 行重复。', en: 'Duplicates row 2.' }),
      expect.objectContaining({ row: 6, column: '姓名' }),
      expect.objectContaining({ row: 6, column: '人员类别' }),
    ]);
    expect(await countPersons()).toBe(0);
    const staged = await store.db.selectFrom('registry_import_person').select('row_number').execute();
    expect(staged).toEqual([]);
  });

  it('names a missing required column', async () => {
    const response = await upload('/api/registry/imports', { fields: { kind: 'persons', regionCode: regions.linxiaCounty }, file: { name: 'x.csv', bytes: csv(['姓名', '张一']) } });
    expect(response.json().errors[0]).toMatchObject({ row: 1, column: '身份证号' });
  });

  it('creates, then updates on a second import, counting each', async () => {
    const first = (await importPersons([`${good[0]},张一,622921,13900000001,建档立卡贫困劳动力,2019-01-01`, `${good[1]},张二,622921,,,`])).json();
    expect(first).toMatchObject({ status: 'committed', rowsRead: 2, created: 2, updated: 0, errorCount: 0 });
    const second = (await importPersons([`${good[1]},张二改,622921,,登记失业人员,2020-02-01`, `${good[2]},张三,622921,,,`])).json();
    expect(second).toMatchObject({ status: 'committed', created: 1, updated: 1 });
    const renamed = await store.db.selectFrom('registry_person').select(['name', 'sex', 'birth_date']).where('resident_id', '=', good[1] as string).executeTakeFirstOrThrow();
    expect(renamed).toEqual({ name: '张二改', sex: 'female', birth_date: '1991-02-02' });
    const groups = await store.db.selectFrom('registry_person_group').select(['group_code', 'start_date']).orderBy('group_code').execute();
    expect(groups).toEqual([
      { group_code: 'registered_poor', start_date: '2019-01-01' },
      { group_code: 'registered_unemployed', start_date: '2020-02-01' },
    ]);
    const polled = await clients.lxCaseworker.get(`/api/registry/imports/${second.id}`);
    expect(polled.json()).toMatchObject({ status: 'committed', rowsRead: 2 });
    expect((await clients.hzCoordinator.get(`/api/registry/imports/${second.id}`)).statusCode).toBe(404);
  });

  it('refuses rows outside the import region and people registered by another county', async () => {
    const hzUpload = await formUploader(app, 'imp.hzCoordinator');
    const response = await hzUpload('/api/registry/imports', {
      fields: { kind: 'persons', regionCode: regions.hezheng },
      file: { name: 'p.csv', bytes: csv([personHeader, `${good[0]},张一,622925,,,`, `${residentIdFor('622925', '1993-01-01', 1)},和政人,622921,,,`]) },
    });
    const result = response.json();
    expect(result.status).toBe('failed');
    expect(result.errors.map((error: { row: number; column: string }) => [error.row, error.column])).toEqual([[3, '户籍地区划代码']]);
    const second = await hzUpload('/api/registry/imports', { fields: { kind: 'persons', regionCode: regions.hezheng }, file: { name: 'p.csv', bytes: csv([personHeader, `${good[0]},张一,622925,,,`]) } });
    expect(second.json().errors[0]).toMatchObject({ row: 2, column: '身份证号', en: expect.stringContaining('another region') });
    expect((await upload('/api/registry/imports', { fields: { kind: 'persons', regionCode: regions.hezheng }, file: { name: 'p.csv', bytes: csv([personHeader]) } })).statusCode).toBe(403);
  });

  it('imports enterprises from xlsx with their size class, reporting bad credit codes by row', async () => {
    const header = ['统一社会信用代码', '名称', '主体类型', '行业代码', '所在地区划代码', '从业人员', '营业收入（元）', '重点企业'];
    const code = creditCodeFor('622921', 7);
    const bad = await xlsx([header, [code, '甲公司', '企业', 'C13', '622921', 25, '3000000', '是'], [code.slice(0, 17) + (code.endsWith('0') ? '1' : '0'), '乙公司', '企业', 'C', '622921', 1, '1', '否']]);
    const refused = (await upload('/api/registry/imports', { fields: { kind: 'enterprises', regionCode: regions.linxiaCounty }, file: { name: '企业.xlsx', bytes: bad } })).json();
    expect(refused.errors).toEqual([expect.objectContaining({ row: 3, column: '统一社会信用代码' })]);
    const fine = await xlsx([header, [code, '甲公司', '企业', 'C13', '622921', 25, '3000000', '是'], [creditCodeFor('622921', 8), '乙商店', '个体工商户', 'F52', '622921', 3, '500000', '否']]);
    const committed = (await upload('/api/registry/imports', { fields: { kind: 'enterprises', regionCode: regions.linxiaCounty }, file: { name: '企业.xlsx', bytes: fine } })).json();
    expect(committed).toMatchObject({ status: 'committed', created: 2 });
    const rows = await store.db.selectFrom('registry_enterprise').select(['name', 'size_class', 'key_enterprise']).orderBy('name').execute();
    expect(rows).toEqual([
      { name: '乙商店', size_class: 'micro', key_enterprise: false },
      { name: '甲公司', size_class: 'small', key_enterprise: true },
    ]);
  });

  it('imports employment spells for registered persons only, deriving the location class', async () => {
    const header = '身份证号,用工单位,统一社会信用代码,就业地区划代码,开始日期,结束日期,有组织输转,输转机构';
    const unknown = residentIdFor('622921', '1970-01-01', 99);
    const refused = (
      await upload('/api/registry/imports', {
        fields: { kind: 'employment', regionCode: regions.linxiaCounty },
        file: { name: 's.csv', bytes: csv([header, `${good[0]},甲公司,${creditCodeFor('622921', 7)},,2020-01-01,,否,`, `${unknown},某厂,,622925,2020/3/1,,是,临夏县劳务公司`]) },
      })
    ).json();
    expect(refused.errors).toEqual([expect.objectContaining({ row: 3, column: '身份证号', en: expect.stringContaining('not registered') })]);
    const committed = (
      await upload('/api/registry/imports', {
        fields: { kind: 'employment', regionCode: regions.linxiaCounty },
        file: { name: 's.csv', bytes: csv([header, `${good[0]},甲公司,${creditCodeFor('622921', 7)},,2020-01-01,,否,`, `${good[1]},某厂,,532600,2020/3/1,,是,临夏县劳务公司`]) },
      })
    ).json();
    expect(committed).toMatchObject({ status: 'committed', created: 2 });
    const spells = await store.db.selectFrom('registry_employment').select(['employer_name', 'location_class', 'enterprise_id', 'start_date']).orderBy('employer_name').execute();
    expect(spells).toEqual([
      { employer_name: '某厂', location_class: 'out_of_province', enterprise_id: null, start_date: '2020-03-01' },
      { employer_name: '甲公司', location_class: 'in_county', enterprise_id: expect.any(String), start_date: '2020-01-01' },
    ]);
  });

  it('imports 20,000 rows from a stream, reporting progress', async () => {
    const lines = [personHeader];
    for (let index = 0; index < 20_000; index += 1) {
      const day = new Date(Date.UTC(1970, 0, 1) + (index % 15_000) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${residentIdFor('622921', day, 100 + Math.floor(index / 15_000))},人员${index},622921,,${index % 3 === 0 ? '建档立卡贫困劳动力' : ''},`);
    }
    const progress: number[] = [];
    const before = await countPersons();
    const result = await importRegistryFile(
      store.db,
      { actor: commandLineRegistryActor, audit: { id: null, name: 'test' }, userId: null, now: () => new Date() },
      { kind: 'persons', fileName: 'big.csv', format: 'csv', regionCode: regions.linxiaCounty, source: Readable.from([csv(lines)]), onProgress: ({ rowsRead }) => progress.push(rowsRead) },
    );
    expect(result).toMatchObject({ status: 'committed', rowsRead: 20_000, created: 20_000, updated: 0, errorCount: 0 });
    expect(await countPersons()).toBe(before + 20_000);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(20_000);
    // Imported again with new names: a large file takes the bulk merge, which must update, not duplicate.
    const renamed = lines.map((line, index) => (index === 0 ? line : line.replace('人员', '改名')));
    const again = await importRegistryFile(
      store.db,
      { actor: commandLineRegistryActor, audit: { id: null, name: 'test' }, userId: null, now: () => new Date() },
      { kind: 'persons', fileName: 'big.csv', format: 'csv', regionCode: regions.linxiaCounty, source: Readable.from([csv(renamed)]) },
    );
    expect(again).toMatchObject({ status: 'committed', created: 0, updated: 20_000 });
    expect(await countPersons()).toBe(before + 20_000);
    const sample = await store.db.selectFrom('registry_person').select('name').where('resident_id', '=', residentIdFor('622921', '1970-01-01', 100)).executeTakeFirstOrThrow();
    expect(sample.name).toBe('改名0');
  });

  /** 25,000 person rows (more than a bulk load's threshold), with sequence numbers from `sequence` up. */
  const manyPersons = (sequence: number, count = 25_000) =>
    Array.from({ length: count }, (_, index) => {
      const day = new Date(Date.UTC(1975, 0, 1) + (index % 12_500) * 86_400_000).toISOString().slice(0, 10);
      return `${residentIdFor('622921', day, sequence + Math.floor(index / 12_500))},批量${index},622921,,${index % 4 === 0 ? '高校毕业生' : ''},`;
    });
  const importLines = (lines: string[], options: { importId?: string; onProgress?: (rowsRead: number) => void } = {}) =>
    importRegistryFile(
      store.db,
      { actor: commandLineRegistryActor, audit: { id: null, name: 'test' }, userId: null, now: () => new Date() },
      {
        kind: 'persons',
        fileName: 'many.csv',
        format: 'csv',
        regionCode: regions.linxiaCounty,
        source: Readable.from([csv([personHeader, ...lines])]),
        importId: options.importId,
        onProgress: options.onProgress && (({ rowsRead }) => options.onProgress?.(rowsRead)),
      },
    );
  const countGroups = async () => Number((await store.db.selectFrom('registry_person_group').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a bad identity number late in 25,000 rows and leaves the registry as it was', async () => {
    const lines = manyPersons(300);
    lines[22_000] = lines[22_000]?.replace(/^\w{18}/, (id) => withBadChecksum(id)) ?? '';
    const [persons, groups] = [await countPersons(), await countGroups()];
    const progress: number[] = [];
    const result = await importLines(lines, { onProgress: (rowsRead) => progress.push(rowsRead) });
    expect(result).toMatchObject({ status: 'failed', errorCount: 1, created: 0, updated: 0, rowsRead: 25_000 });
    expect(result.errors).toEqual([expect.objectContaining({ row: 22_002, column: '身份证号', en: expect.stringContaining('check character') })]);
    expect([await countPersons(), await countGroups()]).toEqual([persons, groups]);
    // Progress was reported while rows were written, before the bad row was met.
    expect(progress.filter((rowsRead) => rowsRead < 22_000).length).toBeGreaterThan(0);
    // Nothing the bulk load drops is left dropped after the rollback.
    const indexes = await store.db.selectFrom('pg_indexes' as never).select('indexname' as never).where('tablename' as never, '=', 'registry_person' as never).execute();
    expect(indexes.map((row) => (row as { indexname: string }).indexname)).toContain('registry_person_name_idx');
  });

  it('dedups 25,000 rows against the registry and reports a duplicate, an unknown region and a foreign person by row', async () => {
    const lines = manyPersons(500);
    const first = await importLines(lines.slice(0, 1000));
    expect(first).toMatchObject({ status: 'committed', created: 1000 });
    const groups = await countGroups();
    // The first thousand are registered already: updated, not duplicated, their groups kept once.
    const again = await importLines(lines);
    expect(again).toMatchObject({ status: 'committed', created: 24_000, updated: 1000, errorCount: 0 });
    expect(await countGroups()).toBe(groups + 6000);
    const foreign = residentIdFor('622925', '1980-05-05', 7);
    await store.db.insertInto('registry_person').values({ resident_id: foreign, name: '和政人', sex: 'male', birth_date: '1980-05-05', hukou_region_code: '622925' }).execute();
    const persons = await countPersons();
    const bad = [...manyPersons(700), `${foreign},和政人,622921,,,`, `${residentIdFor('622921', '1999-09-09', 9)},无此地,622921999,,,`];
    const refused = await importLines(bad);
    expect(refused.status).toBe('failed');
    expect(refused.errors.map((error) => [error.row, error.column, error.en])).toEqual([
      [25_002, '身份证号', expect.stringContaining('another region')],
      [25_003, '户籍地区划代码', expect.stringContaining('Region 622921999 does not exist')],
    ]);
    expect(await countPersons()).toBe(persons);
    const duplicated = await importLines([...manyPersons(700), lines[3] ?? '', manyPersons(700)[9] ?? '']);
    expect(duplicated.errors).toEqual([expect.objectContaining({ row: 25_003, column: '身份证号', en: 'Duplicates row 11.' })]);
    expect(await countPersons()).toBe(persons);
  });

  it('writes progress where another connection can poll it during the import', async () => {
    const importId = randomUUID();
    const polls: Promise<{ rows_read: number } | undefined>[] = [];
    const result = await importLines(manyPersons(900), {
      importId,
      onProgress: (rowsRead) => {
        if (rowsRead < 25_000) polls.push(store.db.selectFrom('registry_import').select('rows_read').where('id', '=', importId).executeTakeFirst());
      },
    });
    expect(result).toMatchObject({ status: 'committed', created: 25_000 });
    const seen = (await Promise.all(polls)).map((row) => row?.rows_read ?? 0);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((rowsRead) => rowsRead > 0)).toBe(true);
  });
});
