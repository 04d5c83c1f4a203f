/**
 * Payment batches over HTTP: approved applications gathered into a batch, submitted and approved by a
 * coordinator other than the submitter, exported as a spreadsheet read back with ExcelJS (amounts in 元 exact
 * to the fen, IDs masked for viewers who may not see them), each item recorded as paid, then clawed back with
 * a reason and never more than was paid; a grant paid in one batch only; other counties kept out.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyCatalogue, recordPolicyPack } from '../src/benefits/index.ts';
import type { Store } from '../src/store/database.ts';
import { buildApplicationsWorld, evidencePdf, type ApplicationsWho } from './support/applications-world.ts';
import { engines } from './support/engines.ts';
import { systemContext, type TestClient } from './support/fixtures.ts';

type World = Awaited<ReturnType<typeof buildApplicationsWorld>>;

async function readSheet(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(engines)('benefit payments on %s', (engine) => {
  let world: World;
  let store: Store;
  let app: FastifyInstance;
  let clients: Record<ApplicationsWho, TestClient>;
  const approved: string[] = [];

  async function approve(client: TestClient, upload: World['upload']['firm'], body: Record<string, unknown>): Promise<string> {
    const created = await client.post('/api/benefits/applications', body);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    for (const item of created.json().evidence) await upload(`/api/benefits/applications/${id}/evidence/${item.id}`, { file: { name: 'e.pdf', bytes: evidencePdf } });
    for (const [who, step] of [[client, 'submit'], [clients.lxReviewer, 'accept'], [clients.lxReviewer, 'first-review'], [clients.lxReviewer2, 'approve']] as const) {
      const response = await who.post(`/api/benefits/applications/${id}/${step}`);
      expect(response.statusCode, response.body).toBe(200);
    }
    return id;
  }

  beforeAll(async () => {
    world = await buildApplicationsWorld(engine);
    ({ store, app, clients } = world);
    // A county that pays the out-of-province transport subsidy with fen: 600.35元, to hold the export exact.
    const current = (await policyCatalogue(store.db)).find((entry) => entry.packId === 'linxia-2020-employment');
    const document = (await store.db.selectFrom('benefit_policy_version').select('document').where('id', '=', current?.versionId ?? '').executeTakeFirstOrThrow()).document as { parameters: Record<string, { values: { value: string }[] }> };
    const changed = structuredClone(document);
    (changed.parameters.transport_out_of_province?.values[0] as { value: string }).value = '600.35元';
    await recordPolicyPack(systemContext(store, new Date('2021-03-01T01:45:00Z')), changed, 'test fen amounts');
    approved.push(await approve(clients.firm, world.upload.firm, { packId: 'linxia-2020-employment', policyId: 'sme-local-hiring', enterpriseId: world.firmId, personId: world.workerId, asOf: '2021-03-01', bankName: '甘肃银行临夏分行', bankAccount: '6228480012345678', accountHolder: '临夏县某某食品有限公司' }));
    for (const migrant of world.migrants.slice(0, 2)) {
      approved.push(await approve(clients.lxCaseworker, world.upload.lxCaseworker, { packId: 'linxia-2020-employment', policyId: 'transfer-transport', personId: migrant.id, asOf: '2020-12-31' }));
    }
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  let batchId: string;

  it('gathers approved applications into a draft batch, and a grant into one batch only', async () => {
    const created = await clients.lxCaseworker.post('/api/benefits/payment-batches', { title: '2021年第1批就业补贴', regionCode: '622921', applicationIds: approved });
    expect(created.statusCode).toBe(201);
    batchId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', totalFen: 200_000 + 2 * 60_035 });
    expect(created.json().items).toHaveLength(3);
    const again = await clients.lxCaseworker.post('/api/benefits/payment-batches', { title: '重复', regionCode: '622921', applicationIds: [approved[0]] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.field).toBe('grantId');
    const unapproved = await clients.lxCaseworker.post('/api/benefits/payment-batches', { title: '未批准', regionCode: '622921', applicationIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unapproved.statusCode).toBe(422);
    expect(unapproved.json().error.field).toBe('applicationIds[0]');
  });

  it('is approved by a coordinator, not by a caseworker, and not before it is submitted', async () => {
    expect((await clients.lxCoordinator.post(`/api/benefits/payment-batches/${batchId}/approve`)).statusCode).toBe(409);
    expect((await clients.lxCaseworker.post(`/api/benefits/payment-batches/${batchId}/submit`)).statusCode).toBe(200);
    expect((await clients.lxCaseworker.post(`/api/benefits/payment-batches/${batchId}/approve`)).statusCode).toBe(403);
    expect((await clients.lxReviewer.post(`/api/benefits/payment-batches/${batchId}/approve`)).statusCode).toBe(403);
    expect((await clients.hzCaseworker.post(`/api/benefits/payment-batches/${batchId}/approve`)).statusCode).toBe(404);
    const approvedBatch = await clients.lxCoordinator.post(`/api/benefits/payment-batches/${batchId}/approve`);
    expect(approvedBatch.statusCode).toBe(200);
    expect(approvedBatch.json()).toMatchObject({ status: 'approved', approvedBy: world.ids.lxCoordinator });
  });

  it('exports the batch with amounts exact to the fen, the policy and its 文号', async () => {
    const response = await clients.lxCoordinator.get(`/api/benefits/payment-batches/${batchId}/export.xlsx`);
    expect(response.statusCode).toBe(200);
    const rows = await readSheet(response.rawPayload);
    expect(rows[1]).toEqual(['序号', '受益对象', '证件号码', '开户银行', '银行账号', '户名', '金额（元）', '政策', '文号']);
    const items = rows.slice(2, -1);
    expect(items).toHaveLength(3);
    const firm = items.find((row) => row[1] === '临夏县某某食品有限公司');
    expect(firm?.slice(2, 6)).toEqual([world.firmCode, '甘肃银行临夏分行', '6228480012345678', '临夏县某某食品有限公司']);
    expect(firm?.[8]).toContain('四(二)6');
    const fen = items.map((row) => Math.round((row[6] as number) * 100));
    expect(fen.sort((a, b) => a - b)).toEqual([60_035, 60_035, 200_000]);
    const total = rows.at(-1) ?? [];
    expect(Math.round((total[6] as number) * 100)).toBe(320_070);
    expect(items.map((row) => row[2])).toContain(world.migrants[0]?.residentId);
  });

  it('masks resident IDs in the export for a reviewer', async () => {
    const rows = await readSheet((await clients.lxReviewer.get(`/api/benefits/payment-batches/${batchId}/export.xlsx`)).rawPayload);
    const ids = rows.slice(2, -1).map((row) => String(row[2]));
    expect(ids.filter((id) => id.startsWith('622921********'))).toHaveLength(2);
    expect(ids.join()).not.toContain(world.migrants[0]?.residentId ?? 'none');
  });

  it('records payments per item and claws back no more than was paid, with audit', async () => {
    const batch = (await clients.lxCoordinator.get(`/api/benefits/payment-batches/${batchId}`)).json();
    const item = batch.items.find((entry: { amountFen: number }) => entry.amountFen === 200_000);
    const url = `/api/benefits/payment-batches/${batchId}/items/${item.id}`;
    expect((await clients.lxCaseworker.post(`${url}/paid`, { paidOn: '2021-03-10', reference: 'GS20210310001' })).statusCode).toBe(403);
    const early = await clients.lxCoordinator.post(`${url}/clawbacks`, { amountFen: 100, reason: '未支付' });
    expect(early.statusCode).toBe(409);
    const paid = await clients.lxCoordinator.post(`${url}/paid`, { paidOn: '2021-03-10', reference: 'GS20210310001' });
    expect(paid.statusCode).toBe(200);
    expect(paid.json().paidFen).toBe(200_000);
    expect((await clients.lxCoordinator.post(`${url}/paid`, { paidOn: '2021-03-11', reference: 'again' })).statusCode).toBe(409);
    const tooMuch = await clients.lxCoordinator.post(`${url}/clawbacks`, { amountFen: 200_001, reason: '骗取补贴' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.field).toBe('amountFen');
    const noReason = await clients.lxCoordinator.post(`${url}/clawbacks`, { amountFen: 50_000 });
    expect(noReason.json().error.field).toBe('reason');
    const clawed = await clients.lxCoordinator.post(`${url}/clawbacks`, { amountFen: 150_000, reason: '职工实际在岗不满1年，按半年标准追回差额' });
    expect(clawed.statusCode).toBe(201);
    expect(clawed.json().clawedBackFen).toBe(150_000);
    const rest = await clients.lxCoordinator.post(`${url}/clawbacks`, { amountFen: 50_001, reason: '再追回' });
    expect(rest.statusCode).toBe(400);
    const audit = await store.db.selectFrom('audit_log').select(['action']).where('entity_id', '=', item.id).execute();
    expect(audit.map((entry) => entry.action).sort()).toEqual(['benefits.payment.clawback', 'benefits.payment.paid']);
  });

  it('keeps batches within the jurisdiction', async () => {
    expect((await clients.hzCaseworker.get(`/api/benefits/payment-batches/${batchId}`)).statusCode).toBe(404);
    expect((await clients.hzCaseworker.get('/api/benefits/payment-batches')).json().items).toEqual([]);
    expect((await clients.firm.get(`/api/benefits/payment-batches/${batchId}`)).statusCode).toBe(404);
    expect((await clients.lxReviewer.get('/api/benefits/payment-batches')).json().items).toHaveLength(1);
    const refused = await clients.hzCaseworker.post('/api/benefits/payment-batches', { title: '越权', regionCode: '622921', applicationIds: [] });
    expect(refused.statusCode).toBe(403);
  });
});
