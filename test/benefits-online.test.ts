/**
 * Applying online without an account (个人网上申请): a registered person applies with resident ID, name and
 * phone; adds evidence and submits with the secret returned once; follows the application by reference and
 * resident ID; the caseworkers of the hukou region receive it with the reference and the phone. Bad input is
 * refused naming the field, and a refused filing leaves nothing behind.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/database.ts';
import { buildApplicationsWorld, evidencePdf, type ApplicationsWho } from './support/applications-world.ts';
import { engines } from './support/engines.ts';
import { buildTestApp, TestClient } from './support/fixtures.ts';
import { residentIdFor } from './support/registry-ids.ts';

type World = Awaited<ReturnType<typeof buildApplicationsWorld>>;

describe.each(engines)('online applications on %s', (engine) => {
  let world: World;
  let store: Store;
  let app: FastifyInstance;
  let clients: Record<ApplicationsWho, TestClient>;
  let applicant: TestClient;
  let migrant: { id: string; residentId: string };

  const filing = () => ({ packId: 'linxia-2020-employment', policyId: 'transfer-transport', residentId: migrant.residentId, name: '移民61', phone: '13912345678' });
  const applicationCount = async () => Number((await store.db.selectFrom('benefit_application').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count);

  beforeAll(async () => {
    world = await buildApplicationsWorld(engine);
    ({ store, app, clients } = world);
    applicant = new TestClient(app);
    migrant = world.migrants[0] as { id: string; residentId: string };
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('filing', () => {
    it('refuses bad input naming the field, and a refused filing writes nothing', async () => {
      const before = await applicationCount();
      const badId = await applicant.post('/api/public/applications', { ...filing(), residentId: migrant.residentId.slice(0, 17) + (migrant.residentId.endsWith('1') ? '2' : '1') });
      expect(badId.statusCode).toBe(400);
      expect(badId.json().error.field).toBe('residentId');
      const badPhone = await applicant.post('/api/public/applications', { ...filing(), phone: '1391234567' });
      expect(badPhone.statusCode).toBe(400);
      expect(badPhone.json().error.field).toBe('phone');
      const unknown = await applicant.post('/api/public/applications', { ...filing(), policyId: 'no-such-policy' });
      expect(unknown.statusCode).toBe(404);
      const enterprisePolicy = await applicant.post('/api/public/applications', { ...filing(), policyId: 'sme-local-hiring' });
      expect(enterprisePolicy.statusCode).toBe(422);
      expect(enterprisePolicy.json().error).toMatchObject({ field: 'policyId' });
      expect(enterprisePolicy.json().error.message).toContain('单位账号');
      expect(await applicationCount()).toBe(before);
    });

    it('is rate-limited per address, lookups included', async () => {
      const limited = await buildTestApp(store, { loginRateLimit: 2 });
      try {
        const client = new TestClient(limited);
        const codes: number[] = [];
        for (let attempt = 0; attempt < 3; attempt++) codes.push((await client.post('/api/public/applications/lookup', { reference: 'WB2345678923', residentId: migrant.residentId })).statusCode);
        expect(codes).toEqual([404, 404, 429]);
      } finally {
        await limited.close();
      }
    });

    it('gives the same refusal for a wrong name as for a resident ID nobody registered', async () => {
      const wrongName = await applicant.post('/api/public/applications', { ...filing(), name: '移民62' });
      const unregistered = await applicant.post('/api/public/applications', { ...filing(), residentId: residentIdFor('622921', '1990-01-01', 99) });
      expect(wrongName.statusCode).toBe(422);
      expect(unregistered.statusCode).toBe(422);
      expect(wrongName.json().error).toEqual(unregistered.json().error);
      expect(wrongName.json().error.field).toBe('residentId');
    });

    it('files a draft decided from the registry, with a reference, the evidence asked for and the secret once', async () => {
      // The registry says 省外 (600元); an answer cannot change what the registry holds, and another pack's facts are left out.
      const answers = { 'transfer.scope': '省内', 'enterprise.employees': 3 };
      const response = await applicant.post('/api/public/applications', { ...filing(), answers, bankName: '甘肃银行', bankAccount: '6228480012345678', accountHolder: '移民61' });
      expect(response.statusCode).toBe(201);
      const filed = response.json();
      expect(filed.reference).toMatch(/^WB[2-9A-HJ-NP-Z]{10}$/);
      expect(filed.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(filed).toMatchObject({ status: 'draft', outcomeStatus: 'eligible', amountFen: 60_000, beneficiaryName: '移**1', reason: null });
      expect(filed.evidence.map((item: { id: string; given: number }) => [item.id, item.given])).toEqual([['transfer-record', 0], ['poverty-registration', 0]]);
      const stored = await store.db.selectFrom('benefit_online_filing').selectAll().where('reference', '=', filed.reference).executeTakeFirstOrThrow();
      expect(stored.secret_sha256).not.toContain(filed.secret);
      const application = await store.db.selectFrom('benefit_application').select(['filed_by', 'region_code', 'person_id']).where('id', '=', stored.application_id).executeTakeFirstOrThrow();
      expect(application).toEqual({ filed_by: null, region_code: '622921', person_id: migrant.id });
      const kept = await store.db.selectFrom('benefit_application').select('answers').where('id', '=', stored.application_id).executeTakeFirstOrThrow();
      expect(kept.answers).toEqual({});
    });
  });

  describe('evidence, submission and following it', () => {
    let reference: string;
    let secret: string;
    const withSecret = (value: string = secret) => ({ 'x-application-secret': value });

    beforeAll(async () => {
      const filed = (await applicant.post('/api/public/applications', filing())).json();
      ({ reference, secret } = filed);
    });

    it('refuses to submit while evidence is missing, naming the first item', async () => {
      const response = await applicant.request('POST', `/api/public/applications/${reference}/submit`, {}, { headers: withSecret() });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.field).toBe('evidence.transfer-record');
    });

    it('answers 404 to a wrong secret and 400 naming the header to none', async () => {
      const wrong = await applicant.request('POST', `/api/public/applications/${reference}/submit`, {}, { headers: withSecret('A'.repeat(32)) });
      expect(wrong.statusCode).toBe(404);
      const none = await applicant.post(`/api/public/applications/${reference}/submit`);
      expect(none.statusCode).toBe(400);
      expect(none.json().error.field).toBe('x-application-secret');
      const upload = await applicant.upload(`/api/public/applications/${reference}/evidence/transfer-record`, { file: { name: 'a.pdf', bytes: evidencePdf } }, withSecret('B'.repeat(32)));
      expect(upload.statusCode).toBe(404);
    });

    it('takes the evidence and the submission with the secret, then refuses more evidence', async () => {
      for (const item of ['transfer-record', 'poverty-registration']) {
        const response = await applicant.upload(`/api/public/applications/${reference}/evidence/${item}`, { file: { name: `${item}.pdf`, bytes: evidencePdf } }, withSecret());
        expect(response.statusCode).toBe(200);
        expect(response.json().evidence.find((entry: { id: string }) => entry.id === item).given).toBe(1);
      }
      const unknownItem = await applicant.upload(`/api/public/applications/${reference}/evidence/no-such-item`, { file: { name: 'x.pdf', bytes: evidencePdf } }, withSecret());
      expect(unknownItem.statusCode).toBe(400);
      expect(unknownItem.json().error.field).toBe('evidenceId');
      const submitted = await applicant.request('POST', `/api/public/applications/${reference}/submit`, {}, { headers: withSecret() });
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json()).toMatchObject({ status: 'received', statusName: { zh: '已受理' } });
      const late = await applicant.upload(`/api/public/applications/${reference}/evidence/transfer-record`, { file: { name: 'late.pdf', bytes: evidencePdf } }, withSecret());
      expect(late.statusCode).toBe(422);
      expect(late.json().error.field).toBe('status');
    });

    it('is received by the hukou county’s caseworkers with the reference and the phone, and followed by the applicant', async () => {
      const list = await clients.lxCaseworker.get('/api/benefits/applications?status=received');
      const listed = list.json().items.find((item: { beneficiaryName: string }) => item.beneficiaryName === '移民61');
      expect(listed).toBeDefined();
      const detail = (await clients.lxCaseworker.get(`/api/benefits/applications/${listed.id}`)).json();
      expect(detail.onlineFiling).toEqual({ reference, phone: '13912345678' });
      expect(detail.events[0]).toMatchObject({ toStatus: 'draft', actorId: null });
      expect((await clients.hzReviewer.get(`/api/benefits/applications/${listed.id}`)).statusCode).toBe(404);

      expect((await clients.lxReviewer.post(`/api/benefits/applications/${listed.id}/accept`)).statusCode).toBe(200);
      const followed = await new TestClient(app).post('/api/public/applications/lookup', { reference: reference.toLowerCase(), residentId: migrant.residentId });
      expect(followed.statusCode).toBe(200);
      expect(followed.json()).toMatchObject({ status: 'first_review', amountFen: 60_000 });
      expect(followed.json().steps.map((step: { status: string }) => step.status)).toEqual(['draft', 'received', 'first_review']);
      expect(JSON.stringify(followed.json())).not.toContain('13912345678');
    });

    it('answers 404 to a lookup with another person’s resident ID, and 400 to a malformed reference', async () => {
      const other = world.migrants[1] as { residentId: string };
      const wrong = await applicant.post('/api/public/applications/lookup', { reference, residentId: other.residentId });
      expect(wrong.statusCode).toBe(404);
      const malformed = await applicant.post('/api/public/applications/lookup', { reference: 'WB0000000000', residentId: migrant.residentId });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.field).toBe('reference');
    });
  });
});
