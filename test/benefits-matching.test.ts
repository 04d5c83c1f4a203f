/**
 * 不来即享 over HTTP: anonymous matching from answers (no login, bad credit codes and identity numbers refused
 * by field, rate-limited) with explanations for eligible, not eligible and undetermined; signed-in matching with
 * registry facts prefilled; and who may match whom.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/database.ts';
import { buildRunsWorld, type RunsWho } from './support/benefit-runs-world.ts';
import { engines } from './support/engines.ts';
import { buildTestApp, preparedStore, TestClient } from './support/fixtures.ts';
import { creditCodeFor, residentIdFor } from './support/registry-ids.ts';

type Match = { policy: string; status: string; amountFen: number | null; reason: string | null; clauses: string[]; parameters: Array<{ name: string; value: string; reference: string }>; questions: Array<{ fact: string | null; text: string }>; howToApply: string };

function byPolicy(body: { items: Match[] }): Record<string, Match> {
  return Object.fromEntries(body.items.map((item) => [item.policy, item]));
}

describe.each(engines)('benefits matching on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let clients: Record<RunsWho, TestClient>;
  let ids: Awaited<ReturnType<typeof buildRunsWorld>>['ids'];

  beforeAll(async () => {
    store = await preparedStore(engine);
    app = await buildTestApp(store, { loginRateLimit: 1000 });
    ({ clients, ids } = await buildRunsWorld(store, app, 'bm'));
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('benefits.publicMatch', () => {
    const transferred = { 'person.groups': ['建档立卡贫困'], 'transfer.organised': true, 'transfer.scope': '省外', 'transfer.on': '2020-05-01', 'hire.start_date': '2020-05-01' };

    it('answers a person without signing in: eligible with amount, parameters and clauses; undetermined with questions', async () => {
      const response = await new TestClient(app).post('/api/public/policy-match', { applicant: 'person', asOf: '2020-12-31', answers: transferred });
      expect(response.statusCode).toBe(200);
      const items = byPolicy(response.json());
      expect(items['transfer-transport']).toMatchObject({ status: 'eligible', amountFen: 60000 });
      expect(items['transfer-transport']?.parameters[0]).toMatchObject({ name: 'transport_out_of_province', value: '600.00 元' });
      expect(items['transfer-transport']?.clauses).toContain('有组织输转');
      expect(items['transfer-transport']?.howToApply).toContain('四(三)9');
      expect(items['transfer-living']).toMatchObject({ status: 'eligible', amountFen: 150000 });
      // The labour award is the county's to set: it asks, never invents a figure.
      expect(items['transfer-labour-award']?.status).toBe('undetermined');
      expect(items['transfer-labour-award']?.questions[0]?.text).toContain('尚未确定');
      expect(items['startup-subsidy']?.status).toBe('undetermined');
      // Hiring awards are the employer's: a person is not shown them.
      expect(items['sme-local-hiring']).toBeUndefined();
      expect(response.json().eligibleSubsidyFen).toBe(210000);
      expect(response.json().questions.map((question: { fact: string }) => question.fact)).toContain('transfer.organised');
      expect(response.json().questions.map((question: { fact: string }) => question.fact)).not.toContain('person.id');
    });

    it('says the first failing condition in plain Chinese', async () => {
      const response = await new TestClient(app).post('/api/public/policy-match', { applicant: 'person', asOf: '2020-12-31', answers: { ...transferred, 'person.groups': ['高校毕业生'] } });
      const transport = byPolicy(response.json())['transfer-transport'];
      expect(transport?.status).toBe('not_eligible');
      expect(transport?.reason).toContain('属于贫困户或边缘户劳动力');
    });

    it('answers an enterprise with hiring awards and shows what replaced a suppressed one', async () => {
      const response = await new TestClient(app).post('/api/public/policy-match', {
        applicant: 'enterprise',
        creditCode: creditCodeFor('622921', 99),
        asOf: '2020-12-31',
        answers: { 'hire.employer_kind': '企业', 'hire.employer_size': '小型', 'hire.same_county': true, 'hire.start_date': '2020-01-15', 'person.groups': ['建档立卡贫困'], 'person.local': true },
      });
      expect(response.statusCode).toBe(200);
      const items = byPolicy(response.json());
      expect(items['sme-local-hiring']).toMatchObject({ status: 'eligible', amountFen: 100000 });
      expect(items['poor-worker-hiring']).toMatchObject({ status: 'eligible', amountFen: 300000 });
      expect(items['transfer-transport']).toBeUndefined();
    });

    it('refuses a bad credit code naming the field', async () => {
      const bad = creditCodeFor('622921', 99).slice(0, 17) + '0';
      const response = await new TestClient(app).post('/api/public/policy-match', { applicant: 'enterprise', creditCode: bad === creditCodeFor('622921', 99) ? `${bad.slice(0, 17)}1` : bad, answers: {} });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('creditCode');
    });

    it('refuses an identity number, an unknown question and a wrong type, naming the answer', async () => {
      const client = new TestClient(app);
      const withId = await client.post('/api/public/policy-match', { applicant: 'person', answers: { 'person.county': residentIdFor('622921', '1990-05-17', 11) } });
      expect(withId.statusCode).toBe(400);
      expect(withId.json().error.field).toBe('answers.person.county');
      const unknown = await client.post('/api/public/policy-match', { applicant: 'person', answers: { 'person.salary': 5 } });
      expect(unknown.json().error.field).toBe('answers.person.salary');
      const wrongType = await client.post('/api/public/policy-match', { applicant: 'person', answers: { 'transfer.organised': 'maybe' } });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().error.field).toBe('answers.transfer.organised');
      const residentField = await client.post('/api/public/policy-match', { applicant: 'person', residentId: residentIdFor('622921', '1990-05-17', 11), answers: {} });
      expect(residentField.statusCode).toBe(400);
    });

    it('is rate-limited per address', async () => {
      const limited = await buildTestApp(store, { loginRateLimit: 2 });
      try {
        const client = new TestClient(limited);
        const codes: number[] = [];
        for (let attempt = 0; attempt < 3; attempt++) codes.push((await client.post('/api/public/policy-match', { applicant: 'person', answers: {} })).statusCode);
        expect(codes).toEqual([200, 200, 429]);
      } finally {
        await limited.close();
      }
    });
  });

  describe('benefits.match (signed in)', () => {
    it('prefills a person\'s facts from the registry for a caseworker of their county', async () => {
      const response = await clients.lxCaseworker.get(`/api/benefits/match?person=${ids.poorLocal}&asOf=2020-12-31`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.facts['linxia-2020-employment']).toMatchObject({ 'person.groups': ['建档立卡贫困'], 'hire.employer_kind': '企业', 'hire.employer_size': '小型', 'hire.same_county': true, 'hire.start_date': '2020-01-15', 'transfer.scope': '省内' });
      expect(body.facts['linxia-2020-employment']['person.id']).toBeUndefined();
      const items = byPolicy(body);
      expect(items['sme-local-hiring']).toMatchObject({ status: 'eligible', amountFen: 100000 });
      expect(items['transfer-transport']).toMatchObject({ status: 'eligible', amountFen: 30000 });
      // The registry does not say whether the hukou is in Linxia: the answer asks.
      expect(items['poor-worker-hiring']?.status).toBe('undetermined');
      expect(items['poor-worker-hiring']?.questions.map((question) => question.fact)).toContain('person.local');
      expect(body.questions.map((question: { fact: string }) => question.fact)).toContain('person.local');
    });

    it('hides a person from another county\'s caseworker and from a reviewer', async () => {
      expect((await clients.hzCaseworker.get(`/api/benefits/match?person=${ids.poorLocal}`)).statusCode).toBe(404);
      expect((await clients.lxReviewer.get(`/api/benefits/match?person=${ids.poorLocal}`)).statusCode).toBe(404);
    });

    it('lets an enterprise match itself and no other', async () => {
      const own = await clients.firm.get(`/api/benefits/match?enterprise=${ids.firm}&asOf=2020-12-31`);
      expect(own.statusCode).toBe(200);
      expect(own.json().applicant).toBe('enterprise');
      expect((await clients.firm.get(`/api/benefits/match?enterprise=${ids.otherFirm}`)).statusCode).toBe(404);
      expect((await clients.firm.get(`/api/benefits/match?person=${ids.poorLocal}`)).statusCode).toBe(404);
    });

    it('needs a sign-in and exactly one subject', async () => {
      expect((await new TestClient(app).get(`/api/benefits/match?person=${ids.poorLocal}`)).statusCode).toBe(401);
      const both = await clients.lxCaseworker.get(`/api/benefits/match?person=${ids.poorLocal}&enterprise=${ids.firm}`);
      expect(both.statusCode).toBe(400);
      expect(both.json().error.field).toBe('person');
    });
  });
});
