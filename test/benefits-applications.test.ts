/**
 * Applications over HTTP: filed by an enterprise for its own hire or by a caseworker on a person's behalf, with
 * the registry's facts, the amount and the trace stored; evidence required before submission; 受理 → 初审 → 审核 →
 * approved | rejected with illegal moves refused; separation of duties; jurisdiction; and the grants ledger:
 * no double grant across two counties or under concurrent approvals, exclusivity (就高不就低) at approval.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/database.ts';
import { buildApplicationsWorld, evidencePdf, type ApplicationsWho } from './support/applications-world.ts';
import { engines } from './support/engines.ts';
import type { TestClient } from './support/fixtures.ts';

type World = Awaited<ReturnType<typeof buildApplicationsWorld>>;
type Uploader = World['upload']['firm'];

describe.each(engines)('benefit applications on %s', (engine) => {
  let world: World;
  let store: Store;
  let app: FastifyInstance;
  let clients: Record<ApplicationsWho, TestClient>;

  beforeAll(async () => {
    world = await buildApplicationsWorld(engine);
    ({ store, app, clients } = world);
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  async function attachAll(upload: Uploader, id: string, evidence: { id: string; optional: boolean }[]) {
    for (const item of evidence.filter((entry) => !entry.optional)) {
      const response = await upload(`/api/benefits/applications/${id}/evidence/${item.id}`, { file: { name: `${item.id}.pdf`, bytes: evidencePdf } });
      expect(response.statusCode).toBe(201);
    }
  }

  /** Files, evidences and submits a transport-subsidy application for a migrant; returns its id. */
  async function transportApplication(client: TestClient, upload: Uploader, personId: string): Promise<string> {
    const created = await client.post('/api/benefits/applications', { packId: 'linxia-2020-employment', policyId: 'transfer-transport', personId, asOf: '2020-12-31' });
    expect(created.statusCode).toBe(201);
    await attachAll(upload, created.json().id, created.json().evidence);
    expect((await client.post(`/api/benefits/applications/${created.json().id}/submit`)).statusCode).toBe(200);
    return created.json().id;
  }

  async function throughFirstReview(first: TestClient, id: string) {
    expect((await first.post(`/api/benefits/applications/${id}/accept`)).statusCode).toBe(200);
    expect((await first.post(`/api/benefits/applications/${id}/first-review`, { note: '材料齐全' })).statusCode).toBe(200);
  }

  describe('benefits.applications.create', () => {
    it('files an enterprise’s hiring award from the registry with the amount and the trace', async () => {
      const response = await clients.firm.post('/api/benefits/applications', { packId: 'linxia-2020-employment', policyId: 'sme-local-hiring', enterpriseId: world.firmId, personId: world.workerId, asOf: '2021-03-01', bankName: '甘肃银行', bankAccount: '6228480012345678', accountHolder: '临夏县某某食品有限公司' });
      expect(response.statusCode).toBe(201);
      const application = response.json();
      expect(application).toMatchObject({ status: 'draft', outcomeStatus: 'eligible', amountFen: 200_000, beneficiaryKind: 'enterprise', beneficiaryIdNumber: world.firmCode });
      expect(application.facts['hire.start_date']).toEqual({ value: '2020-01-15', source: 'registry' });
      expect(application.trace).toMatchObject({ ruleVersionId: application.policyVersionId, policyId: 'sme-local-hiring', amountFen: 200_000, basis: { clause: '四(二)6' } });
      expect(application.trace.parameters).toEqual([expect.objectContaining({ name: 'sme_hire_one_year', value: 200_000 })]);
      expect(application.trace.conditions.map((condition: { zh: string }) => condition.zh)).toContain('稳定就业半年以上');
      expect(application.trace.inputs['hire.employer_size']).toBe('小型');
      const stored = await store.db.selectFrom('benefit_application').select(['outcome', 'policy_version_id']).where('id', '=', application.id).executeTakeFirstOrThrow();
      expect((stored.outcome as { ruleVersionId: string }).ruleVersionId).toBe(stored.policy_version_id);
    });

    it('asks what the registry does not hold, and decides again when the draft is answered', async () => {
      const created = await clients.firm.post('/api/benefits/applications', { packId: 'linxia-2020-employment', policyId: 'poor-worker-hiring', enterpriseId: world.firmId, personId: world.workerId, asOf: '2020-12-31' });
      expect(created.json()).toMatchObject({ outcomeStatus: 'undetermined', amountFen: null });
      expect(created.json().trace.questions.map((question: { fact: string }) => question.fact)).toEqual(['person.local']);
      const refused = await clients.firm.post(`/api/benefits/applications/${created.json().id}/submit`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.field).toBe('answers.person.local');
      const answered = await clients.firm.patch(`/api/benefits/applications/${created.json().id}`, { answers: { 'person.local': true } });
      expect(answered.json()).toMatchObject({ outcomeStatus: 'eligible', amountFen: 300_000 });
      expect((await clients.lxReviewer.patch(`/api/benefits/applications/${created.json().id}`, { answers: {} })).statusCode).toBe(404);
      expect((await clients.firm.post(`/api/benefits/applications/${created.json().id}/withdraw`)).json().status).toBe('withdrawn');
    });

    it('refuses an answer of the wrong type, naming it', async () => {
      const response = await clients.firm.post('/api/benefits/applications', { packId: 'linxia-2020-employment', policyId: 'poor-worker-hiring', enterpriseId: world.firmId, personId: world.workerId, answers: { 'person.local': 'perhaps' } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('answers.person.local');
    });

    it('lets an enterprise file only for its own enterprise, and a caseworker only within the county', async () => {
      const body = { packId: 'linxia-2020-employment', policyId: 'sme-local-hiring', enterpriseId: world.firmId, personId: world.workerId };
      expect((await clients.otherFirm.post('/api/benefits/applications', body)).statusCode).toBe(404);
      expect((await clients.hzCaseworker.post('/api/benefits/applications', body)).statusCode).toBe(404);
      expect((await clients.lxReviewer.post('/api/benefits/applications', body)).statusCode).toBe(404);
      expect((await clients.lxCaseworker.post('/api/benefits/applications', body)).statusCode).toBe(201);
    });
  });

  describe('benefits.applications.review', () => {
    let id: string;

    it('cannot submit while required evidence is missing, and names the item', async () => {
      const created = await clients.firm.post('/api/benefits/applications', { packId: 'linxia-2020-employment', policyId: 'poor-worker-hiring', enterpriseId: world.firmId, personId: world.workerId, asOf: '2021-03-01', answers: { 'person.local': true } });
      expect(created.json()).toMatchObject({ outcomeStatus: 'eligible', amountFen: 500_000 });
      id = created.json().id;
      const refused = await clients.firm.post(`/api/benefits/applications/${id}/submit`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.field).toBe('evidence.poverty-registration');
      expect(refused.json().error.message).toContain('劳动合同');
      const unknown = await world.upload.firm(`/api/benefits/applications/${id}/evidence/photos`, { file: { name: 'a.pdf', bytes: evidencePdf } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.field).toBe('evidenceId');
      await attachAll(world.upload.firm, id, created.json().evidence);
      const submitted = await clients.firm.post(`/api/benefits/applications/${id}/submit`);
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json().status).toBe('received');
      expect(submitted.json().evidence.every((item: { files: unknown[] }) => item.files.length === 1)).toBe(true);
    });

    it('refuses moves out of order with 409', async () => {
      expect((await clients.lxReviewer.post(`/api/benefits/applications/${id}/approve`)).statusCode).toBe(409);
      expect((await clients.lxReviewer.post(`/api/benefits/applications/${id}/first-review`)).statusCode).toBe(409);
      expect((await clients.firm.post(`/api/benefits/applications/${id}/submit`)).statusCode).toBe(409);
    });

    it('keeps the applicant and other counties out of the review', async () => {
      expect((await clients.firm.post(`/api/benefits/applications/${id}/accept`)).statusCode).toBe(403);
      expect((await clients.hzReviewer.post(`/api/benefits/applications/${id}/accept`)).statusCode).toBe(404);
      expect((await clients.hzReviewer.get(`/api/benefits/applications/${id}`)).statusCode).toBe(404);
    });

    it('does not let the first reviewer also approve', async () => {
      await throughFirstReview(clients.lxReviewer, id);
      const same = await clients.lxReviewer.post(`/api/benefits/applications/${id}/approve`);
      expect(same.statusCode).toBe(403);
      expect(same.json().error.message).toContain('初审人不能同时担任审核人');
      const approved = await clients.lxReviewer2.post(`/api/benefits/applications/${id}/approve`);
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', finalReviewerId: world.ids.lxReviewer2 });
      expect(approved.json().events.map((event: { toStatus: string }) => event.toStatus)).toEqual(['draft', 'received', 'first_review', 'review', 'approved']);
      expect((await clients.lxReviewer2.post(`/api/benefits/applications/${id}/approve`)).statusCode).toBe(409);
      expect((await clients.firm.post(`/api/benefits/applications/${id}/withdraw`)).statusCode).toBe(409);
      const grant = await store.db.selectFrom('benefit_grant').selectAll().where('application_id', '=', id).executeTakeFirstOrThrow();
      expect(grant).toMatchObject({ policy_id: 'poor-worker-hiring', amount_fen: 500_000, beneficiary_key: `${world.workerResidentId}|${world.firmCode}`, period_key: 'ever', exclusive_group: 'poor-hiring-or-workshop' });
    });

    it('rejects only with a reason, and lets the applicant withdraw before a decision', async () => {
      const first = await transportApplication(clients.lxCaseworker, world.upload.lxCaseworker, world.migrants[2]?.id ?? '');
      const noReason = await clients.lxReviewer.post(`/api/benefits/applications/${first}/reject`, {});
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.field).toBe('reason');
      const rejected = await clients.lxReviewer.post(`/api/benefits/applications/${first}/reject`, { reason: '输转证明与登记信息不符' });
      expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: '输转证明与登记信息不符' });
      const second = await transportApplication(clients.lxCaseworker, world.upload.lxCaseworker, world.migrants[2]?.id ?? '');
      const withdrawn = await clients.lxCaseworker.post(`/api/benefits/applications/${second}/withdraw`, { note: '重复申请' });
      expect(withdrawn.json().status).toBe('withdrawn');
      expect((await clients.lxReviewer.post(`/api/benefits/applications/${second}/accept`)).statusCode).toBe(409);
    });
  });

  describe('benefits.grants', () => {
    it('never grants the same benefit twice, even when two counties approve it', async () => {
      const migrant = world.migrants[0]?.id ?? '';
      const lx = await transportApplication(clients.lxCaseworker, world.upload.lxCaseworker, migrant);
      const hz = await transportApplication(clients.hzCaseworker, world.upload.hzCaseworker, migrant);
      expect((await clients.hzCaseworker.get(`/api/benefits/applications/${hz}`)).json()).toMatchObject({ regionCode: '622925', amountFen: 60_000 });
      await throughFirstReview(clients.lxReviewer, lx);
      await throughFirstReview(clients.hzReviewer, hz);
      expect((await clients.lxReviewer2.post(`/api/benefits/applications/${lx}/approve`)).statusCode).toBe(200);
      const second = await clients.hzReviewer2.post(`/api/benefits/applications/${hz}/approve`);
      expect(second.statusCode).toBe(409);
      expect(second.json().error.field).toBe('grant');
      expect(second.json().error.message).toContain('transfer-transport');
      expect(second.json().error.message).toContain('622921');
      expect((await clients.hzReviewer.get(`/api/benefits/applications/${hz}`)).json().status).toBe('review');
    });

    it('lets only one of two concurrent approvals succeed', async () => {
      const migrant = world.migrants[1]?.id ?? '';
      const lx = await transportApplication(clients.lxCaseworker, world.upload.lxCaseworker, migrant);
      const hz = await transportApplication(clients.hzCaseworker, world.upload.hzCaseworker, migrant);
      await throughFirstReview(clients.lxReviewer, lx);
      await throughFirstReview(clients.hzReviewer, hz);
      const results = await Promise.all([clients.lxReviewer2.post(`/api/benefits/applications/${lx}/approve`), clients.hzReviewer2.post(`/api/benefits/applications/${hz}/approve`)]);
      expect(results.map((result) => result.statusCode).sort()).toEqual([200, 409]);
      const refused = results.find((result) => result.statusCode === 409);
      expect(refused?.json().error.message).toMatch(/transfer-transport/);
      const grants = await store.db.selectFrom('benefit_grant').select('id').where('policy_id', '=', 'transfer-transport').where('person_id', '=', migrant).execute();
      expect(grants).toHaveLength(1);
    });

    it('enforces exclusivity at approval: a second member of a group is refused', async () => {
      // The worker already holds the poor-worker award for this hire; the workshop award (4000元, higher) was
      // filed on other answers, and approving it would give both members of the 就高不就低 group.
      const created = await clients.firm.post('/api/benefits/applications', {
        packId: 'linxia-2020-employment', policyId: 'workshop-hiring', enterpriseId: world.firmId, personId: world.workerId, asOf: '2020-09-01',
        answers: { 'hire.employer_kind': '扶贫车间', 'hire.workshop_poor_workers': 60, 'person.local': true },
      });
      expect(created.json()).toMatchObject({ outcomeStatus: 'eligible', amountFen: 400_000 });
      expect(created.json().facts['hire.employer_kind']).toEqual({ value: '扶贫车间', source: 'answer', registryValue: '企业' });
      await attachAll(world.upload.firm, created.json().id, created.json().evidence);
      expect((await clients.firm.post(`/api/benefits/applications/${created.json().id}/submit`)).statusCode).toBe(200);
      await throughFirstReview(clients.lxReviewer, created.json().id);
      const refused = await clients.lxReviewer2.post(`/api/benefits/applications/${created.json().id}/approve`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('poor-hiring-or-workshop');
    });

    it('does not let the lower member of a group be submitted when the higher one applies (就高不就低)', async () => {
      const created = await clients.firm.post('/api/benefits/applications', {
        packId: 'linxia-2020-employment', policyId: 'poor-worker-hiring', enterpriseId: world.firmId, personId: world.workerId, asOf: '2020-09-01',
        answers: { 'hire.employer_kind': '扶贫车间', 'hire.workshop_poor_workers': 60, 'person.local': true },
      });
      expect(created.json().outcomeStatus).toBe('suppressed');
      expect(created.json().trace.replacedBy).toBe('workshop-hiring');
      await attachAll(world.upload.firm, created.json().id, created.json().evidence);
      const refused = await clients.firm.post(`/api/benefits/applications/${created.json().id}/submit`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.message).toContain('就高不就低');
    });
  });

  describe('benefits.applications.list', () => {
    it('lists by jurisdiction in SQL and masks resident IDs for reviewers', async () => {
      const lx = (await clients.lxReviewer.get('/api/benefits/applications?policyId=transfer-transport')).json();
      expect(lx.total).toBeGreaterThan(0);
      expect(lx.items.every((item: { regionCode: string }) => item.regionCode === '622921')).toBe(true);
      expect(lx.items[0].beneficiaryIdNumber).toMatch(/^622921\*{8}/);
      const caseworker = (await clients.lxCaseworker.get('/api/benefits/applications?policyId=transfer-transport')).json();
      expect(caseworker.items[0].beneficiaryIdNumber).not.toContain('*');
      const hz = (await clients.hzReviewer.get('/api/benefits/applications')).json();
      expect(hz.items.every((item: { regionCode: string }) => item.regionCode === '622925')).toBe(true);
      const firm = (await clients.firm.get('/api/benefits/applications')).json();
      expect(firm.total).toBeGreaterThan(0);
      expect(firm.items.every((item: { beneficiaryName: string }) => item.beneficiaryName === '临夏县某某食品有限公司')).toBe(true);
      expect((await clients.otherFirm.get('/api/benefits/applications')).json().total).toBe(0);
    });
  });
});
