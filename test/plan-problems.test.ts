/**
 * The problem ledger (问题台账): logging by a unit, a liaison officer and an enterprise; assignment, progress,
 * escalation county → prefecture → province 专班; 挂牌督办 by hand and by the 2000万元 rule; 销号 only with
 * evidence and a second coordinator's sign-off; 回头看; and who sees what.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemDetail, ProblemListItem, ProblemSummary } from '../src/contracts/plan-problems.contract.ts';
import { creditCodeChecksum, systemActor, type Role } from '../src/kernel/index.ts';
import { createUnit, findUnitsByName } from '../src/org/index.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { buildSeedPlans, buildSignedInUsers, buildTestApp, formUploader, preparedStore, regions, systemContext, TestClient } from './support/fixtures.ts';

const pdf = Buffer.from('%PDF-1.4\n% 佐证材料\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const validCreditCode = (() => {
  const first17 = '91622921MA71ABCDE';
  return `${first17}${creditCodeChecksum(first17)}`;
})();

/** A session that posts one file (multipart), which the JSON test client does not. */
async function uploader(app: FastifyInstance, username: string) {
  const post = await formUploader(app, username);
  return (url: string, fileName: string, bytes: Buffer) => post(url, { file: { name: fileName, bytes } });
}

type Who = 'lxReporter' | 'lxCaseworker' | 'lxCoord' | 'lxCoord2' | 'lxAuditor' | 'hzCoord' | 'prefCoord' | 'provCoord' | 'entA' | 'entB';

describe.each(engines)('the problem ledger on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let now = new Date('2020-06-15T12:00:00Z');
  const clients = {} as Record<Who, TestClient>;
  const userIds = {} as Record<Who, string>;
  const units = {} as Record<string, string>;
  let linxiaPlanId = '';
  let linxiaTaskId = '';

  /** A unit found by name in its region, or created. */
  async function ensureUnit(regionCode: string, name: string, kind: 'government' | 'department' | 'enterprise') {
    const [found] = (await findUnitsByName(store.db, name, regionCode)).filter((unit) => unit.region_code === regionCode);
    return found?.id ?? createUnit(systemContext(store), systemActor, { name, regionCode, kind, aliases: [], contacts: [] });
  }

  const log = (who: Who, body: Record<string, unknown>) =>
    clients[who].post('/api/problems', { category: 'materials', title: '原料供应不上', description: '上游企业停产，原料断供。', ...body });
  async function logged(who: Who, body: Record<string, unknown> = {}): Promise<ProblemDetail> {
    const response = await log(who, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }
  const act = (who: Who, id: string, step: string, body: Record<string, unknown> = {}) => clients[who].post(`/api/problems/${id}/${step}`, body);
  const uploads = {} as Record<Who, Awaited<ReturnType<typeof uploader>>>;

  beforeAll(async () => {
    store = await preparedStore(engine);
    linxiaPlanId = (await buildSeedPlans(store, ['linxia-2020-employment']))['linxia-2020-employment'] as string;
    linxiaTaskId = (await store.db.selectFrom('plan_task').select('id').where('plan_id', '=', linxiaPlanId).limit(1).executeTakeFirstOrThrow()).id;
    app = await buildTestApp(store, { loginRateLimit: 1000, clock: () => (now = new Date(now.getTime() + 1000)) });
    units.lxGov = await ensureUnit(regions.linxiaCounty, '临夏县人民政府', 'government');
    units.hzGov = await ensureUnit(regions.hezheng, '和政县人民政府', 'government');
    units.prefGov = await ensureUnit(regions.linxia, '临夏回族自治州人民政府', 'government');
    units.provGov = await ensureUnit('620000', '甘肃省人民政府', 'government');
    units.lxBureau = await ensureUnit(regions.linxiaCounty, '临夏县人力资源和社会保障局', 'department');
    units.hzBureau = await ensureUnit(regions.hezheng, '和政县人力资源和社会保障局', 'department');
    units.prefBureau = await ensureUnit(regions.linxia, '临夏州工业和信息化局', 'department');
    units.provBureau = await ensureUnit('620000', '甘肃省工业和信息化厅', 'department');
    units.entA = await ensureUnit(regions.linxiaCounty, '临夏县甲食品有限公司', 'enterprise');
    units.entB = await ensureUnit(regions.linxiaCounty, '临夏县乙建材有限公司', 'enterprise');
    const accounts: Record<Who, [Role, string]> = {
      lxReporter: ['reporter', units.lxBureau],
      lxCaseworker: ['caseworker', units.lxBureau],
      lxCoord: ['coordinator', units.lxBureau],
      lxCoord2: ['coordinator', units.lxGov],
      lxAuditor: ['auditor', units.lxBureau],
      hzCoord: ['coordinator', units.hzBureau],
      prefCoord: ['coordinator', units.prefBureau],
      provCoord: ['coordinator', units.provBureau],
      entA: ['enterprise', units.entA],
      entB: ['enterprise', units.entB],
    };
    const built = await buildSignedInUsers(store, app, 'problems', accounts);
    Object.assign(userIds, built.ids);
    Object.assign(clients, built.clients);
    for (const who of ['lxCaseworker', 'lxCoord', 'entA', 'hzCoord'] as const) uploads[who] = await uploader(app, `problems.${who}`);
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  describe('problems.log', () => {
    it('logs a unit’s problem with a WT number, owned by the county government, with a created event', async () => {
      const problem = await logged('lxReporter');
      expect(problem.number).toMatch(/^WT-2020-\d{6}$/);
      expect(problem).toMatchObject({
        status: 'open',
        reporterKind: 'unit',
        regionCode: regions.linxiaCounty,
        ownerLevel: 'county',
        ownerUnit: { id: units.lxGov, name: '临夏县人民政府' },
        deadline: '2020-07-15',
        flagged: false,
        overdue: false,
      });
      expect(problem.history.map((event) => event.kind)).toEqual(['created']);
      const next = await logged('lxReporter');
      expect(Number(next.number.slice(-6))).toBe(Number(problem.number.slice(-6)) + 1);
    });

    it('lets a liaison officer (caseworker) log on behalf of an enterprise, with its credit code', async () => {
      const problem = await logged('lxCaseworker', { enterpriseName: '临夏县丙服装厂', enterpriseCreditCode: validCreditCode.toLowerCase(), category: 'labour' });
      expect(problem).toMatchObject({ reporterKind: 'liaison', enterpriseName: '临夏县丙服装厂', enterpriseCreditCode: validCreditCode });
    });

    it('lets an enterprise log its own problem', async () => {
      const problem = await logged('entA', { category: 'finance' });
      expect(problem).toMatchObject({ reporterKind: 'enterprise', enterpriseName: '临夏县甲食品有限公司', ownerUnit: { id: units.lxGov } });
      expect(problem.reportedBy.unit?.id).toBe(units.entA);
    });

    it('links a problem to a plan task it concerns', async () => {
      const problem = await logged('lxReporter', { taskId: linxiaTaskId });
      expect(problem).toMatchObject({ planId: linxiaPlanId, taskId: linxiaTaskId });
    });

    it.each([
      ['an unknown category', { category: 'weather' }, 400, 'category'],
      ['a negative amount', { amountFen: -1 }, 400, 'amountFen'],
      ['an amount in fractions of a fen', { amountFen: 10.5 }, 400, 'amountFen'],
      ['an invalid credit code', { enterpriseName: '某企业', enterpriseCreditCode: '91622921MA71ABCDE0' }, 422, 'enterpriseCreditCode'],
      ['a deadline in the past', { deadline: '2020-06-14' }, 422, 'deadline'],
      ['a region outside the unit', { regionCode: regions.hezheng }, 422, 'regionCode'],
      ['an owner unit of another region', { ownerUnitId: '00000000-0000-0000-0000-000000000000' }, 422, 'ownerUnitId'],
      ['an unknown field', { urgent: true }, 400, 'urgent'],
    ])('refuses %s, naming the field', async (_label, body, status, field) => {
      const response = await log('lxReporter', body);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().error.field).toBe(field);
    });

    it('refuses a task that does not exist, naming taskId', async () => {
      const response = await log('lxReporter', { planId: linxiaPlanId, taskId: '00000000-0000-0000-0000-000000000000' });
      expect([response.statusCode, response.json().error.field]).toEqual([422, 'taskId']);
    });

    it('refuses an auditor, who reads and writes nothing', async () => {
      expect((await log('lxAuditor', {})).statusCode).toBe(403);
    });
  });

  describe('the 挂牌督办 rule (剩余无分歧账款大于2000万元)', () => {
    it.each([
      [199_999_999, false],
      [200_000_000, false],
      [200_000_001, true],
    ])('arrears of %i fen: flagged %s', async (amountFen, flagged) => {
      const problem = await logged('lxReporter', { category: 'arrears', amountFen });
      expect(problem.flagged).toBe(flagged);
      expect(problem.flagSource).toBe(flagged ? 'rule' : null);
      expect(problem.history.map((event) => event.kind)).toEqual(flagged ? ['created', 'flagged'] : ['created']);
    });

    it('flags wage arrears (用工) over the threshold too, but not other categories', async () => {
      expect((await logged('lxCaseworker', { category: 'labour', amountFen: 250_000_000, enterpriseName: '某建筑公司' })).flagged).toBe(true);
      expect((await logged('lxReporter', { category: 'finance', amountFen: 250_000_000 })).flagged).toBe(false);
    });

    it('applies on change: flags when the amount rises past it, lifts its own flag when it falls back', async () => {
      const problem = await logged('lxReporter', { category: 'arrears', amountFen: 100_000_000 });
      const raised = await clients.lxCoord.patch(`/api/problems/${problem.id}`, { amountFen: 300_000_000 });
      expect(raised.json()).toMatchObject({ flagged: true, flagSource: 'rule' });
      const lowered = await clients.lxCoord.patch(`/api/problems/${problem.id}`, { amountFen: 150_000_000 });
      expect(lowered.json()).toMatchObject({ flagged: false, flagSource: null });
      expect((lowered.json() as ProblemDetail).history.map((event) => event.kind)).toEqual(['created', 'flagged', 'unflagged']);
    });

    it('lets only coordinators flag and unflag by hand, with a reason', async () => {
      const problem = await logged('lxReporter');
      expect((await act('lxReporter', problem.id, 'flag', { reason: '情况特别复杂' })).statusCode).toBe(403);
      const missing = await act('lxCoord', problem.id, 'flag', {});
      expect([missing.statusCode, missing.json().error.field]).toEqual([400, 'reason']);
      const flagged = await act('lxCoord', problem.id, 'flag', { reason: '情况特别复杂的拖欠主体' });
      expect(flagged.json()).toMatchObject({ flagged: true, flagSource: 'manual', flagReason: '情况特别复杂的拖欠主体' });
      expect((await act('lxCoord', problem.id, 'flag', { reason: '再次' })).statusCode).toBe(409);
      expect((await act('lxCoord', problem.id, 'unflag', { reason: '已化解' })).json()).toMatchObject({ flagged: false });
    });
  });

  describe('the lifecycle', () => {
    it('runs log → assign → progress → evidence → resolve → 销号 → 回头看 → reopen, every step in history and audit', async () => {
      const problem = await logged('lxReporter', { category: 'transport' });
      const assigned = await act('lxCoord', problem.id, 'assign', { assigneeUserId: userIds.lxCaseworker, comment: '请对接物流企业' });
      expect(assigned.json()).toMatchObject({ status: 'in_progress', assignee: { id: userIds.lxCaseworker } });
      expect((await act('lxCaseworker', problem.id, 'progress', { comment: '已协调运输车辆' })).statusCode).toBe(200);

      const early = await act('lxCaseworker', problem.id, 'resolve', { resolution: '已开通绿色通道' });
      expect([early.statusCode, early.json().error.field]).toEqual([422, 'evidence']);
      const attached = await uploads.lxCaseworker(`/api/problems/${problem.id}/evidence`, '通行证.pdf', pdf);
      expect(attached.statusCode, attached.body).toBe(201);
      const [evidence] = (attached.json() as ProblemDetail).evidence;
      expect(evidence).toMatchObject({ fileName: '通行证.pdf', contentType: 'application/pdf' });
      const resolved = await act('lxCaseworker', problem.id, 'resolve', { resolution: '已开通绿色通道' });
      expect(resolved.json()).toMatchObject({ status: 'resolved', resolution: '已开通绿色通道', resolvedBy: { id: userIds.lxCaseworker } });

      expect((await act('lxCaseworker', problem.id, 'close', {})).statusCode).toBe(403);
      const closed = await act('lxCoord', problem.id, 'close', { comment: '电话核实属实' });
      expect(closed.statusCode, closed.body).toBe(200);
      expect(closed.json()).toMatchObject({ status: 'closed', verifiedBy: { id: userIds.lxCoord }, followUpOn: '2020-07-15' });

      const download = await clients.lxReporter.get(`/api/problems/${problem.id}/evidence/${evidence?.fileId}`);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.rawPayload.equals(pdf)).toBe(true);

      const holds = await act('lxCoord', problem.id, 'follow-up', { outcome: 'holds', comment: '电话回访，企业反映运输已恢复' });
      expect(holds.json()).toMatchObject({ status: 'closed', followUpOn: null });
      const reopened = await act('lxCoord', problem.id, 'follow-up', { outcome: 'reopen', comment: '回访发现再次断运' });
      expect(reopened.json()).toMatchObject({ status: 'reopened', resolution: null, verifiedBy: null, closedAt: null });
      const stale = await act('lxCaseworker', problem.id, 'resolve', { resolution: '再次协调' });
      expect([stale.statusCode, stale.json().error.field]).toEqual([422, 'evidence']);

      const history = (reopened.json() as ProblemDetail).history;
      expect(history.map((event) => event.kind)).toEqual([
        'created', 'assigned', 'progress', 'resolved', 'verified', 'closed', 'follow_up', 'follow_up', 'reopened',
      ]);
      expect(history.filter((event) => event.kind === 'follow_up').map((event) => event.outcome)).toEqual(['holds', 'reopen']);
      const actions = await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', problem.id).orderBy('id').execute();
      expect(actions.map((entry) => entry.action)).toEqual([
        'plans.problem.log',
        'plans.problem.assign',
        'plans.problem.progress',
        'plans.problem.evidence.attach',
        'plans.problem.resolve',
        'plans.problem.close',
        'plans.problem.follow-up',
        'plans.problem.follow-up',
      ]);
    });

    it('refuses 销号 by the coordinator who resolved it, and accepts another coordinator’s', async () => {
      const problem = await logged('lxReporter');
      await uploads.lxCoord(`/api/problems/${problem.id}/evidence`, '协调记录.pdf', pdf);
      expect((await act('lxCoord', problem.id, 'resolve', { resolution: '已协调供货' })).statusCode).toBe(200);
      const own = await act('lxCoord', problem.id, 'close', {});
      expect(own.statusCode).toBe(403);
      expect(own.json().error.message).toContain('解决人以外');
      const other = await act('lxCoord2', problem.id, 'close', { followUpOn: '2020-09-01' });
      expect(other.json()).toMatchObject({ status: 'closed', followUpOn: '2020-09-01' });
    });

    it('closes only a resolved problem, resolved by those who handle it, and lifts 挂牌督办 on 销号', async () => {
      const problem = await logged('lxReporter', { category: 'arrears', amountFen: 300_000_000 });
      expect((await act('lxCoord', problem.id, 'close', {})).statusCode).toBe(409);
      await uploads.lxCoord(`/api/problems/${problem.id}/evidence`, '还款凭证.pdf', pdf);
      expect((await act('lxCaseworker', problem.id, 'resolve', { resolution: '已全部清偿' })).statusCode).toBe(403);
      expect((await act('lxCoord', problem.id, 'resolve', { resolution: '已全部清偿' })).statusCode).toBe(200);
      const closed = await act('lxCoord2', problem.id, 'close', {});
      expect(closed.json()).toMatchObject({ status: 'closed', flagged: false });
      const reopened = await act('lxCoord', problem.id, 'reopen', { reason: '企业投诉仍有欠款' });
      expect(reopened.json()).toMatchObject({ status: 'reopened', flagged: true, flagSource: 'rule' });
      expect((await act('lxCoord', problem.id, 'reopen', {})).statusCode).toBe(400);
    });

    it('refuses a file whose content does not match its name, naming file', async () => {
      const problem = await logged('lxReporter');
      const response = await uploads.lxCaseworker(`/api/problems/${problem.id}/evidence`, 'tool.pdf', Buffer.from('MZ\x90\x00binary'));
      expect([response.statusCode, response.json().error.field]).toEqual([422, 'file']);
    });
  });

  describe('escalation', () => {
    it('goes county → prefecture → province with reasons, and no further', async () => {
      const problem = await logged('lxReporter', { category: 'land' });
      expect((await act('lxCoord', problem.id, 'escalate', {})).json().error.field).toBe('reason');
      expect((await act('lxReporter', problem.id, 'escalate', { reason: '跨县域' })).statusCode).toBe(403);
      const toPrefecture = await act('lxCoord', problem.id, 'escalate', { reason: '涉及跨县域用地调整' });
      expect(toPrefecture.json()).toMatchObject({ ownerLevel: 'prefecture', ownerUnit: { id: units.prefGov } });
      expect((await act('lxCoord', problem.id, 'escalate', { reason: '再报' })).statusCode).toBe(403);
      const wrongUnit = await act('prefCoord', problem.id, 'escalate', { reason: '需省级协调', ownerUnitId: units.prefBureau });
      expect([wrongUnit.statusCode, wrongUnit.json().error.field]).toEqual([422, 'ownerUnitId']);
      const toProvince = await act('prefCoord', problem.id, 'escalate', { reason: '需省级协调', ownerUnitId: units.provBureau });
      expect(toProvince.json()).toMatchObject({ ownerLevel: 'province', ownerUnit: { id: units.provBureau } });
      const beyond = await act('provCoord', problem.id, 'escalate', { reason: '再上报' });
      expect([beyond.statusCode, beyond.json().error.field]).toEqual([422, 'ownerLevel']);

      const escalations = (toProvince.json() as ProblemDetail).history.filter((event) => event.kind === 'escalated');
      expect(escalations.map((event) => [event.fromLevel, event.toLevel, event.comment])).toEqual([
        ['county', 'prefecture', '涉及跨县域用地调整'],
        ['prefecture', 'province', '需省级协调'],
      ]);
      expect((await clients.provCoord.get(`/api/problems/${problem.id}`)).statusCode).toBe(200);
      expect((await act('prefCoord', problem.id, 'flag', { reason: '省级承办后州级不能挂牌' })).statusCode).toBe(403);
      expect((await act('provCoord', problem.id, 'flag', { reason: '省专班挂牌督办' })).statusCode).toBe(200);
    });
  });

  describe('notices', () => {
    it('tells the unit that owns an escalated problem, and the province unit when it is put under supervision', async () => {
      const problem = await logged('lxReporter', { category: 'transport', title: '物流通道受阻（通知测试）' });
      await act('lxCoord', problem.id, 'escalate', { reason: '跨县域运输协调' });
      await act('prefCoord', problem.id, 'escalate', { reason: '需省级协调', ownerUnitId: units.provBureau });
      await act('provCoord', problem.id, 'flag', { reason: '省专班挂牌督办' });
      const titles = (await clients.provCoord.get('/api/notifications?limit=50')).json().items.map((item: { title: string }) => item.title);
      expect(titles).toContain(`问题上报至本单位 ${problem.number}：物流通道受阻（通知测试）`);
      expect(titles).toContain(`挂牌督办 ${problem.number}：物流通道受阻（通知测试）`);
      const neighbour = (await clients.hzCoord.get('/api/notifications?limit=50')).json().items.map((item: { title: string }) => item.title);
      expect(neighbour.some((title: string) => title.includes(problem.number))).toBe(false);
    });
  });

  describe('jurisdiction', () => {
    it('hides a county’s problems from another county, in lists, summaries, detail and evidence', async () => {
      const problem = await logged('lxReporter', { category: 'energy' });
      const upload = await uploads.lxCaseworker(`/api/problems/${problem.id}/evidence`, '用电.pdf', pdf);
      const fileId = (upload.json() as ProblemDetail).evidence[0]?.fileId;
      expect((await clients.hzCoord.get(`/api/problems/${problem.id}`)).statusCode).toBe(404);
      expect((await clients.hzCoord.get(`/api/problems/${problem.id}/evidence/${fileId}`)).statusCode).toBe(404);
      expect((await act('hzCoord', problem.id, 'flag', { reason: '越权' })).statusCode).toBe(404);
      expect((await uploads.hzCoord(`/api/problems/${problem.id}/evidence`, 'x.pdf', pdf)).statusCode).toBe(404);
      const list = (await clients.hzCoord.get('/api/problems?limit=500')).json();
      expect(list.items.map((item: ProblemListItem) => item.regionCode).every((code: string) => code === regions.hezheng)).toBe(true);
      expect(((await clients.hzCoord.get('/api/problems/summary')).json() as ProblemSummary).total).toBe(list.total);
    });

    it('shows the prefecture the problems of its counties', async () => {
      const hezheng = await logged('hzCoord', { category: 'sales' });
      const linxia = await logged('lxReporter', { category: 'sales' });
      const ids = (await clients.prefCoord.get('/api/problems?category=sales&limit=500')).json().items.map((item: ProblemListItem) => item.id);
      expect(ids).toEqual(expect.arrayContaining([hezheng.id, linxia.id]));
    });

    it('shows an enterprise only the problems it logged, and answers 404 for the rest', async () => {
      const own = await logged('entA', { category: 'policy' });
      const others = await logged('lxReporter', { category: 'policy', enterpriseName: '临夏县甲食品有限公司' });
      const list = (await clients.entA.get('/api/problems?limit=500')).json();
      expect(list.items.every((item: ProblemListItem) => item.reporterKind === 'enterprise')).toBe(true);
      expect(list.items.map((item: ProblemListItem) => item.id)).toContain(own.id);
      expect((await clients.entA.get(`/api/problems/${others.id}`)).statusCode).toBe(404);
      expect((await clients.entB.get(`/api/problems/${own.id}`)).statusCode).toBe(404);
      expect((await clients.entB.get('/api/problems?limit=500')).json().total).toBe(0);
      expect((await act('entA', own.id, 'escalate', { reason: '想上报' })).statusCode).toBe(403);
      expect((await uploads.entA(`/api/problems/${own.id}/evidence`, '欠款证明.pdf', pdf)).statusCode).toBe(201);
    });

    it('refuses anonymous readers', async () => {
      expect((await new TestClient(app).get('/api/problems')).statusCode).toBe(401);
    });
  });

  describe('lists and summary', () => {
    it('filters by status, flagged, region and plan, and counts the same problems in the summary', async () => {
      const flagged = (await clients.prefCoord.get('/api/problems?flagged=true&limit=500')).json();
      expect(flagged.items.every((item: ProblemListItem) => item.flagged)).toBe(true);
      const byPlan = (await clients.prefCoord.get(`/api/problems?plan=${linxiaPlanId}`)).json();
      expect(byPlan.items.map((item: ProblemListItem) => item.taskId)).toEqual([linxiaTaskId]);
      const summary: ProblemSummary = (await clients.prefCoord.get(`/api/problems/summary?region=${regions.linxiaCounty}`)).json();
      const all = (await clients.prefCoord.get(`/api/problems?region=${regions.linxiaCounty}&limit=500`)).json();
      expect(summary.total).toBe(all.total);
      expect(Object.values(summary.byStatus).reduce((sum, count) => sum + count, 0)).toBe(summary.total);
      const closed = (await clients.prefCoord.get(`/api/problems?region=${regions.linxiaCounty}&status=closed`)).json();
      expect(summary.byStatus.closed).toBe(closed.total);
      expect(summary.flagged).toBe(all.items.filter((item: ProblemListItem) => item.flagged).length);
    });

    it('counts a problem overdue once its deadline has passed and until it is closed', async () => {
      now = new Date('2020-06-15T14:30:00Z'); // 22:30 in China
      const problem = await logged('lxReporter', { deadline: '2020-06-15' });
      expect(problem.overdue).toBe(false);
      now = new Date('2020-06-15T17:00:00Z'); // 01:00 on the 16th in China
      expect((await clients.lxReporter.get(`/api/problems/${problem.id}`)).json().overdue).toBe(true);
      const overdue = (await clients.lxCoord.get('/api/problems?overdue=true&limit=500')).json();
      expect(overdue.items.map((item: ProblemListItem) => item.id)).toContain(problem.id);
      const summary: ProblemSummary = (await clients.lxCoord.get('/api/problems/summary')).json();
      expect(summary.overdue).toBe(overdue.total);
    });
  });
});
