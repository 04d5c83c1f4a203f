/**
 * Batch and proactive runs over the registry: a run stopped and resumed gives exactly the items of an
 * uninterrupted one (hash compared); every person's single evaluation agrees with the batch; totals by policy
 * and county; approval by a coordinator only; the newly eligible by jurisdiction; what-if counts and refusals.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyVersion, resumeRun, startRun, stopRun, workRun } from '../src/benefits/index.ts';
import { createPaymentBatch } from '../src/benefits/payments.service.ts';
import { evaluateSubjects, nextSubjects } from '../src/benefits/matching/subject-evaluation.ts';
import { commandLineRegistryActor as systemActor } from '../src/registry/index.ts';
import type { Store } from '../src/store/database.ts';
import { buildRunsWorld, type RunsWho } from './support/benefit-runs-world.ts';
import { engines } from './support/engines.ts';
import { buildTestApp, preparedStore, regions, systemContext, type TestClient } from './support/fixtures.ts';

const pack = 'linxia-2020-employment';

async function finished(client: TestClient, id: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const run = (await client.get(`/api/benefits/runs/${id}`)).json();
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('run did not finish');
}

describe.each(engines)('benefit runs on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let clients: Record<RunsWho, TestClient>;
  let ids: Awaited<ReturnType<typeof buildRunsWorld>>['ids'];
  const input = { kind: 'batch' as const, packId: pack, beneficiary: 'person' as const, regionCode: regions.linxia, asOf: '2020-12-31' };

  beforeAll(async () => {
    store = await preparedStore(engine);
    app = await buildTestApp(store, { loginRateLimit: 1000 });
    ({ clients, ids } = await buildRunsWorld(store, app, 'br'));
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('benefits.runs', () => {
    it('gives the same items after a stop and resume as an uninterrupted run', async () => {
      const whole = await startRun(systemContext(store), systemActor, input);
      expect(await workRun(store.db, whole, { chunkSize: 2 })).toBe(true);
      const stopped = await startRun(systemContext(store), systemActor, input);
      expect(await workRun(store.db, stopped, { chunkSize: 1, maxChunks: 1 })).toBe(false);
      await stopRun(systemContext(store), systemActor, stopped);
      // A stopped run does no work, whoever calls.
      expect(await workRun(store.db, stopped, { chunkSize: 1 })).toBe(false);
      await resumeRun(systemContext(store), systemActor, stopped);
      expect(await workRun(store.db, stopped, { chunkSize: 1 })).toBe(true);
      const hashes = await store.db.selectFrom('benefit_run').select(['id', 'items_hash', 'subjects_done']).where('id', 'in', [whole, stopped]).execute();
      expect(hashes).toHaveLength(2);
      expect(hashes[0]?.items_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hashes[0]?.items_hash).toBe(hashes[1]?.items_hash);
      expect(hashes.map((row) => row.subjects_done)).toEqual([3, 3]);
    });

    it('agrees with single evaluation for every person of the registry', async () => {
      const run = await startRun(systemContext(store), systemActor, input);
      await workRun(store.db, run);
      const row = await store.db.selectFrom('benefit_run').select('pack_version_id').where('id', '=', run).executeTakeFirstOrThrow();
      const { pack: rules } = await policyVersion(store.db, row.pack_version_id);
      const subjects = await nextSubjects(store.db, { beneficiary: 'person', regionCode: regions.linxia, cursor: null }, 100);
      expect(subjects).toHaveLength(3);
      const single = await evaluateSubjects(store.db, rules, 'person', subjects, '2020-12-31');
      const expected = single.flatMap((subject) => [...subject.decisions].filter(([, decision]) => decision.status !== 'not_eligible').map(([policy, decision]) => `${subject.id}|${policy}|${decision.status}|${decision.status === 'undetermined' ? 0 : (decision as { amount: number }).amount}`)).sort();
      const items = await store.db.selectFrom('benefit_run_item').select(['subject_id', 'policy_id', 'status', 'amount_fen']).where('run_id', '=', run).execute();
      expect(items.map((item) => `${item.subject_id}|${item.policy_id}|${item.status}|${item.amount_fen}`).sort()).toEqual(expected);
    });

    it('totals by policy and county, and is approved by a coordinator only', async () => {
      expect((await clients.lxCaseworker.post('/api/benefits/runs', input)).statusCode).toBe(403);
      const started = await clients.prefectureCoordinator.post('/api/benefits/runs', input);
      expect(started.statusCode).toBe(202);
      const run = await finished(clients.prefectureCoordinator, started.json().id);
      expect(run.status).toBe('completed');
      expect(run.abilities.approve).toBe(true);
      const transport = run.totals.filter((total: { policy: string }) => total.policy === 'transfer-transport');
      // 马一 in the province (300元) and 马二 out of it (600元), both of 临夏县.
      expect(transport).toEqual([{ policy: 'transfer-transport', county: '622921', eligible: 2, amountFen: 90000, suppressed: 0, undetermined: 0 }]);
      expect(run.totals.find((total: { policy: string }) => total.policy === 'sme-local-hiring')).toMatchObject({ county: '622921', eligible: 1, amountFen: 100000 });
      // A reader of another county does not see the prefecture's run; a county coordinator may not approve it.
      expect((await clients.hzCaseworker.get(`/api/benefits/runs/${run.id}`)).statusCode).toBe(404);
      expect((await clients.hzCoordinator.post(`/api/benefits/runs/${run.id}/approve`)).statusCode).toBe(404);
      const approved = await clients.prefectureCoordinator.post(`/api/benefits/runs/${run.id}/approve`);
      expect(approved.statusCode).toBe(200);
      expect(approved.json().status).toBe('approved');
      expect((await clients.prefectureCoordinator.post(`/api/benefits/runs/${run.id}/approve`)).statusCode).toBe(409);

      // Handed to payments: every eligible subsidy becomes a grant in a draft batch, once.
      const batchId = await createPaymentBatch(systemContext(store), systemActor, { title: '2020年度批量测算发放', regionCode: regions.linxia, applicationIds: [] });
      const paid = await clients.prefectureCoordinator.post(`/api/benefits/runs/${run.id}/pay`, { batchId });
      expect(paid.statusCode).toBe(200);
      expect(paid.json()).toMatchObject({ status: 'paid', paymentBatchId: batchId });
      const eligible = run.totals.reduce((sum: number, total: { eligible: number }) => sum + total.eligible, 0);
      const grants = await store.db.selectFrom('benefit_grant').select(['amount_fen']).where('run_id', '=', run.id).execute();
      const paidItems = await store.db.selectFrom('benefit_payment_item').select('grant_id').where('batch_id', '=', batchId).execute();
      expect(grants.length).toBe(eligible);
      expect(paidItems.length).toBe(eligible);
      expect((await clients.prefectureCoordinator.post(`/api/benefits/runs/${run.id}/pay`, { batchId })).statusCode).toBe(409);
    });
  });

  describe('benefits.newlyEligible', () => {
    it('lists those eligible now and not in the previous proactive run, by jurisdiction', async () => {
      const proactive = { ...input, kind: 'proactive' as const, asOf: '2020-12-31' };
      const first = await clients.lxCaseworker.post('/api/benefits/runs', { ...proactive, regionCode: regions.linxiaCounty });
      expect(first.statusCode).toBe(202);
      await finished(clients.lxCaseworker, first.json().id);
      const second = await clients.lxCaseworker.post('/api/benefits/runs', { ...proactive, regionCode: regions.linxiaCounty, asOf: '2021-02-28' });
      await finished(clients.lxCaseworker, second.json().id);
      const listed = (await clients.lxCaseworker.get('/api/benefits/newly-eligible')).json().items;
      // By 2021-02-28 马二 has three months out of the province: the living subsidy is new; nothing of 马一's is.
      expect(listed.map((item: { name: string; policy: string }) => `${item.name}:${item.policy}`)).toEqual(['马二:transfer-living']);
      expect(listed[0]).toMatchObject({ county: '622921', amountFen: 150000, beneficiary: 'person' });
      expect((await clients.hzCaseworker.get('/api/benefits/newly-eligible')).json().items).toEqual([]);
    });
  });

  describe('benefits.whatIf', () => {
    const base = { packId: pack, beneficiary: 'person' as const, regionCode: regions.linxia, asOf: '2020-12-31' };

    it('counts the cost of a higher amount by county', async () => {
      const response = await clients.prefectureCoordinator.post('/api/benefits/what-if', { ...base, change: { kind: 'parameter', parameter: 'transport_in_province', value: '400元' } });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.subjects).toBe(3);
      expect(body.differenceFen).toBe(10000);
      expect(body.total).toMatchObject({ gain: 0, lose: 0, change: 1 });
      expect(body.counties.map((line: { county: string }) => line.county)).toEqual(['622921', '622925']);
    });

    it('counts those who gain when a condition is eased (3 months → 1)', async () => {
      const response = await clients.prefectureCoordinator.post('/api/benefits/what-if', {
        ...base,
        change: { kind: 'condition', policy: 'transfer-living', index: 2, when: 'spell_months(hire.start_date, hire.end_date, as_of) >= 1' },
      });
      expect(response.json().total).toMatchObject({ gain: 1, lose: 0, change: 0 });
      expect(response.json().differenceFen).toBe(150000);
    });

    it('refuses a change that does not type-check, with the position and reason', async () => {
      const response = await clients.prefectureCoordinator.post('/api/benefits/what-if', {
        ...base,
        change: { kind: 'condition', policy: 'transfer-living', index: 2, when: 'spell_months(hire.start_date, hire.end_date, as_of) >= 1元' },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.field).toBe('change.when');
      expect(response.json().error.message).toMatch(/第 1 行第 \d+ 列/);
      const money = await clients.prefectureCoordinator.post('/api/benefits/what-if', { ...base, change: { kind: 'parameter', parameter: 'transport_in_province', value: '400' } });
      expect(money.statusCode).toBe(422);
      expect(money.json().error.field).toBe('change.value');
    });

    it('is for coordinators of the region only', async () => {
      expect((await clients.lxCaseworker.post('/api/benefits/what-if', { ...base, regionCode: regions.linxiaCounty, change: { kind: 'parameter', parameter: 'transport_in_province', value: '400元' } })).statusCode).toBe(403);
      expect((await clients.hzCoordinator.post('/api/benefits/what-if', { ...base, change: { kind: 'parameter', parameter: 'transport_in_province', value: '400元' } })).statusCode).toBe(403);
    });
  });
});
