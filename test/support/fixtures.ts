/**
 * Builders for integration tests: a prepared database with two prefectures down to townships, accounts
 * with roles on units, and an HTTP client that keeps cookies and sends the CSRF token like the web app.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createUser, ensureAdministrator } from '../../src/access/index.ts';
import { systemActor, type Role } from '../../src/kernel/actor.ts';
import { createUnit, importRegions } from '../../src/org/index.ts';
import { loadPlanPack, readPlanPack } from '../../src/plans/index.ts';
import type { CreateIndicatorInput, IndicatorView } from '../../src/contracts/monitor.contract.ts';
import { createForm, createIndicator } from '../../src/monitor/index.ts';
import { buildApp } from '../../src/server/app.ts';
import type { WriteContext } from '../../src/store/audit.ts';
import type { Engine, Store } from '../../src/store/database.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openTestStore } from './engines.ts';

export const adminPassword = 'Admin-pass-2020';
export const userPassword = 'User-pass-2020';

/** Region codes used throughout the tests. */
export const regions = {
  linxia: '622900',
  linxiaCounty: '622921',
  hezheng: '622925',
  wenshan: '532600',
} as const;

/** A write context for setting up data as the system. */
export function systemContext(store: Store, now = new Date()): WriteContext {
  return { db: store.db, actor: { id: null, name: 'test:setup' }, now };
}

/** A migrated database with 临夏州 and 文山州 down to townships, and the admin account. */
export async function preparedStore(engine: Engine): Promise<Store> {
  const store = await openTestStore(engine);
  await migrate(store.db);
  const context = systemContext(store);
  await importRegions(context, [regions.linxia, regions.wenshan], { maxLevel: 'township' });
  await ensureAdministrator(context, adminPassword);
  return store;
}

/** Creates a unit as the system; returns its id. */
export async function buildUnit(store: Store, regionCode: string, name: string, kind: 'department' | 'government' = 'department'): Promise<string> {
  return createUnit(systemContext(store), systemActor, { name, regionCode, kind, aliases: [], contacts: [] });
}

/** Creates an account with one role on a unit; returns its id. */
export async function buildUser(store: Store, username: string, role: Role, unitId: string): Promise<string> {
  const created = await createUser(systemContext(store), systemActor, {
    username,
    displayName: username,
    password: userPassword,
    grants: [{ role, unitId }],
  });
  return created.id;
}

/** An HTTP client over `app.inject` that keeps cookies and sends the CSRF token on writes. */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | null = null;
  language: 'zh-CN' | 'en' = 'zh-CN';

  constructor(readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  /** Sends a request; writes carry the CSRF token unless `csrf: false`. */
  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    options: { csrf?: boolean; rawBody?: string; headers?: Record<string, string>; form?: FormUpload } = {},
  ) {
    const write = method !== 'GET';
    if (write && options.csrf !== false && !this.csrfToken) await this.refreshSession();
    const headers: Record<string, string> = { cookie: this.cookieHeader(), 'accept-language': this.language, ...options.headers };
    if (write && options.csrf !== false && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
    const multipart = options.form && multipartBody(options.form);
    if (multipart) headers['content-type'] = multipart.contentType;
    const response = await this.app.inject({
      method,
      url,
      headers,
      ...(multipart ? { payload: multipart.payload } : options.rawBody !== undefined ? { payload: options.rawBody } : body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    this.remember(response);
    return response;
  }

  /** Posts a multipart form (fields and at most one file) with the session, the CSRF token and any extra headers. */
  upload(url: string, form: FormUpload, headers: Record<string, string> = {}) {
    return this.request('POST', url, undefined, { form, headers });
  }

  /** Reads /api/session and keeps its CSRF token. */
  async refreshSession() {
    const response = await this.request('GET', '/api/session');
    this.csrfToken = response.json().csrfToken;
    return response.json();
  }

  /** Signs in; throws when refused. */
  async signIn(username: string, password: string): Promise<this> {
    const response = await this.request('POST', '/api/session/login', { username, password });
    if (response.statusCode !== 200) throw new Error(`sign-in of ${username} refused: ${response.body}`);
    this.csrfToken = response.json().csrfToken;
    return this;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

/** The app over a prepared store, silent, with an optional clock. */
export async function buildTestApp(store: Store, options: { clock?: () => Date; loginRateLimit?: number } = {}) {
  return buildApp({ store, logger: false, webDir: null, ...options });
}

/** A client signed in as `username` (with the builders' password unless another is given). */
export async function signedIn(app: FastifyInstance, username: string, password: string = userPassword): Promise<TestClient> {
  return new TestClient(app).signIn(username, password);
}

/** A reported figure for a target (in `target_figure`), accepted unless told otherwise; returns its id. */
export async function buildTargetFigure(
  store: Store,
  figure: { targetId: string; regionCode: string; asOf: string; value: number; unitId: string; accepted?: boolean; recordedAt?: Date; period?: string },
): Promise<string> {
  const { id } = await store.db
    .insertInto('target_figure')
    .values({
      target_id: figure.targetId,
      region_code: figure.regionCode,
      period: figure.period ?? figure.asOf.slice(0, 7),
      as_of: figure.asOf,
      value: figure.value,
      unit_id: figure.unitId,
      accepted: figure.accepted ?? true,
      recorded_at: figure.recordedAt ?? new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A multipart form: text fields and at most one file (sent in the field `file`). */
export interface FormUpload {
  fields?: Record<string, string>;
  file?: { name: string; bytes: Uint8Array };
}

/** A multipart/form-data body of the form's fields and its file (in the field `file`). */
export function multipartBody(form: FormUpload): { contentType: string; payload: Buffer } {
  const boundary = `----wenbao-form-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(form.fields ?? {}).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  if (form.file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${form.file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.from(form.file.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, payload: Buffer.concat(parts) };
}

/** Signs `username` in and returns a function that posts multipart forms with the session and CSRF token. */
export async function formUploader(app: FastifyInstance, username: string, password: string = userPassword) {
  const jar = new Map<string, string>();
  const keep = (response: LightMyRequestResponse) => {
    for (const cookie of response.cookies as { name: string; value: string }[]) jar.set(cookie.name, cookie.value);
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const session = await app.inject({ method: 'GET', url: '/api/session' });
  keep(session);
  const login = await app.inject({
    method: 'POST',
    url: '/api/session/login',
    headers: { cookie: cookie(), 'x-csrf-token': session.json().csrfToken, 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password }),
  });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${username} refused: ${login.body}`);
  keep(login);
  const csrfToken: string = login.json().csrfToken;
  return (url: string, form: FormUpload, language: 'zh-CN' | 'en' = 'zh-CN') => {
    const { contentType, payload } = multipartBody(form);
    return app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookie(), 'x-csrf-token': csrfToken, 'accept-language': language, 'content-type': contentType },
      payload,
    });
  };
}

/** Loads the seed plan packs `packs/plans/<key>.yaml` as the system, one transaction each; returns the plans' ids by key. */
export async function buildSeedPlans(store: Store, keys: readonly string[]): Promise<Record<string, string>> {
  const context = systemContext(store);
  for (const key of keys) {
    await store.db.transaction().execute((trx) => loadPlanPack({ ...context, db: trx }, readPlanPack(`packs/plans/${key}.yaml`), key));
  }
  const rows = await store.db.selectFrom('plan').select(['id', 'key']).where('key', 'in', keys).execute();
  return Object.fromEntries(rows.map((row) => [row.key, row.id]));
}

/** The id of the unit with exactly this name. */
export async function unitIdByName(store: Store, name: string): Promise<string> {
  return (await store.db.selectFrom('unit').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/** The id of task `number` of the plan with this key. */
export async function taskIdOf(store: Store, planKey: string, number: string): Promise<string> {
  const row = await store.db
    .selectFrom('plan_task')
    .innerJoin('plan', 'plan.id', 'plan_task.plan_id')
    .select('plan_task.id')
    .where('plan.key', '=', planKey)
    .where('plan_task.number', '=', number)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Accounts named `<prefix>.<who>`, each with one role on one unit, with their ids and a client signed in as each. */
export async function buildSignedInUsers<Who extends string>(
  store: Store,
  app: FastifyInstance,
  prefix: string,
  grants: Record<Who, [Role, string]>,
): Promise<{ ids: Record<Who, string>; clients: Record<Who, TestClient> }> {
  const ids = {} as Record<Who, string>;
  const clients = {} as Record<Who, TestClient>;
  for (const [who, [role, unitId]] of Object.entries(grants) as [Who, [Role, string]][]) {
    ids[who] = await buildUser(store, `${prefix}.${who}`, role, unitId);
    clients[who] = await signedIn(app, `${prefix}.${who}`);
  }
  return { ids, clients };
}

/**
 * The reporting world the report and bulletin tests share: 大足区 down to townships, the Dazu and Linxia
 * employment plans loaded, the units they name, and a Dazu coordinating office to hold coordinator roles.
 */
export async function buildReportingWorld(store: Store) {
  await importRegions(systemContext(store), ['500111'], { maxLevel: 'township' });
  const seeded = await buildSeedPlans(store, ['dazu-2020-stable-employment', 'linxia-2020-employment']);
  const unit = (name: string) => unitIdByName(store, name);
  return {
    plans: { dazu: seeded['dazu-2020-stable-employment'] as string, linxia: seeded['linxia-2020-employment'] as string },
    units: {
      hr: await unit('大足区人力资源和社会保障局'),
      finance: await unit('大足区财政局'),
      fund: await unit('大足区金融发展服务中心'),
      economy: await unit('大足区经济和信息化委员会'),
      office: await buildUnit(store, '500111', '大足区就业工作领导小组办公室'),
      linxiaCounty: await unit('临夏县人民政府'),
      hezheng: await unit('和政县人民政府'),
      prefectureHr: await unit('临夏州人力资源和社会保障局'),
    },
  };
}

/**
 * The monitoring world: villages of 临夏县 and 和政县 under the prepared prefectures, and a catalogue with one
 * indicator of each aggregation kind — registered unemployed and labour force (sum, last value) with the
 * unemployment rate as their formula, new jobs (sum over time), household income (mean), pork price weighted
 * by sales, unsold produce by commodity — and the monitored enterprises' monthly headcount form.
 */
export async function buildMonitorWorld(store: Store) {
  const context = systemContext(store);
  await importRegions(context, [regions.linxiaCounty, regions.hezheng], { maxLevel: 'village' });
  const children = async (parent: string) =>
    (await store.db.selectFrom('region').select('code').where('parent_code', '=', parent).orderBy('code').execute()).map((row) => row.code);
  const [townshipA, townshipB] = await children(regions.linxiaCounty);
  const [villageA1, villageA2] = await children(townshipA!);
  const [villageB1] = await children(townshipB!);
  const [hezhengTownship] = await children(regions.hezheng);
  const [hezhengVillage] = await children(hezhengTownship!);
  const base = { valueType: 'integer', frequency: 'month', entryLevel: 'village', subjectKind: null, weightIndicator: null, formula: null, breakdownDimension: null, breakdownCategories: [], decimals: 0, description: null, source: null, dashboardPosition: null } satisfies Partial<CreateIndicatorInput>;
  const indicator = (input: Partial<CreateIndicatorInput> & Pick<CreateIndicatorInput, 'code' | 'nameZh' | 'unit' | 'regionAggregation' | 'timeAggregation'>) =>
    createIndicator(context, systemActor, { ...base, nameEn: input.code, ...input } as CreateIndicatorInput);
  const indicators = {
    unemployed: await indicator({ code: 'registered_unemployed', nameZh: '登记失业人数', unit: '人', regionAggregation: 'sum', timeAggregation: 'last' }),
    labourForce: await indicator({ code: 'labour_force', nameZh: '劳动力', unit: '人', regionAggregation: 'sum', timeAggregation: 'last' }),
    newJobs: await indicator({ code: 'new_jobs', nameZh: '城镇新增就业', unit: '人', regionAggregation: 'sum', timeAggregation: 'sum', dashboardPosition: 1 }),
    income: await indicator({ code: 'household_income', nameZh: '户均收入', unit: '元', valueType: 'decimal', decimals: 2, regionAggregation: 'mean', timeAggregation: 'mean' }),
    sales: await indicator({ code: 'pork_sales', nameZh: '猪肉销量', unit: '公斤', regionAggregation: 'sum', timeAggregation: 'sum' }),
    produce: await indicator({ code: 'unsold_produce', nameZh: '滞销农产品', unit: '吨', regionAggregation: 'sum', timeAggregation: 'last', breakdownDimension: 'commodity', breakdownCategories: ['potato', 'apple'] }),
  };
  const derived = {
    rate: await indicator({ code: 'registered_unemployment_rate', nameZh: '城镇登记失业率', unit: '%', valueType: 'percent', decimals: 2, regionAggregation: 'formula', timeAggregation: 'last', formula: 'registered_unemployed / labour_force * 100', dashboardPosition: 2 }),
    price: await indicator({ code: 'pork_price', nameZh: '猪肉价格', unit: '元/公斤', valueType: 'decimal', decimals: 2, regionAggregation: 'weighted_mean', timeAggregation: 'mean', weightIndicator: 'pork_sales' }),
  };
  const enterprise: Partial<CreateIndicatorInput> = { ...base, entryLevel: 'subject', subjectKind: 'enterprise', regionAggregation: 'sum', timeAggregation: 'last' };
  const headcount = {} as Record<'start' | 'hires' | 'separations' | 'end', IndicatorView>;
  for (const [key, code, nameZh] of [['start', 'headcount_start', '期初人数'], ['hires', 'hires', '新招人数'], ['separations', 'separations', '离职人数'], ['end', 'headcount_end', '期末人数']] as const) {
    headcount[key] = await createIndicator(context, systemActor, { ...enterprise, code, nameZh, nameEn: code, unit: '人' } as CreateIndicatorInput);
  }
  const form = await createForm(context, systemActor, {
    code: 'enterprise_monthly',
    nameZh: '企业用工月报',
    nameEn: 'Enterprise monthly headcount',
    reporterLevel: 'subject',
    subjectKind: 'enterprise',
    frequency: 'month',
    scopeRegionCode: regions.linxia,
    dueDays: 10,
    graceDays: 5,
    indicators: ['headcount_start', 'hires', 'separations', 'headcount_end'].map((code) => ({ code, required: true })),
    rules: [
      { kind: 'required' },
      { kind: 'equation', expression: 'headcount_end = headcount_start + hires - separations', tolerance: 0 },
      { kind: 'range', indicator: 'hires', min: 0, max: null },
      { kind: 'outlier', indicator: 'hires', limit: 3.5, window: 12 },
    ],
    source: null,
  });
  return {
    regions: { townshipA: townshipA!, townshipB: townshipB!, villageA1: villageA1!, villageA2: villageA2!, villageB1: villageB1!, hezhengTownship: hezhengTownship!, hezhengVillage: hezhengVillage! },
    indicators: { ...indicators, ...derived },
    headcount,
    form,
  };
}
