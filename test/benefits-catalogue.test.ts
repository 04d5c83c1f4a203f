/**
 * The policy catalogue (each pack version recorded once, by content) and the registry's facts as a pack's
 * schema asks for them: what the registry holds is given, what it does not is missing and asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsForEnterprise, factsForPerson, loadPolicyPacks, policyCatalogue, policyVersion, recordPolicyPack } from '../src/benefits/index.ts';
import { addEmployment, addPersonGroup, commandLineRegistryActor as registrar, createEnterprise, createPerson } from '../src/registry/index.ts';
import { readFacts } from '../src/rules/facts.ts';
import { evaluatePack } from '../src/rules/precedence.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { preparedStore, regions, systemContext } from './support/fixtures.ts';
import { creditCodeFor, residentIdFor } from './support/registry-ids.ts';

describe.each(engines)('benefits catalogue on %s', (engine) => {
  let store: Store;

  beforeAll(async () => {
    store = await preparedStore(engine);
  });

  afterAll(async () => {
    await store.close();
  });

  describe('benefits.catalogue', () => {
    it('records each pack version once and names it by id', async () => {
      const first = await loadPolicyPacks(systemContext(store));
      expect(first.versionsCreated.length).toBeGreaterThan(0);
      expect((await loadPolicyPacks(systemContext(store))).versionsCreated).toEqual([]);
      const catalogue = await policyCatalogue(store.db);
      const linxia = catalogue.find((entry) => entry.packId === 'linxia-2020-employment');
      expect(linxia?.pack.policies.map((policy) => policy.id)).toContain('poor-worker-hiring');
      expect(linxia?.sha256).toMatch(/^[0-9a-f]{64}$/);
      const again = await policyVersion(store.db, linxia?.versionId ?? '');
      expect(again.pack).toBe(linxia?.pack);
    });

    it('makes changed content a new version and keeps the old one readable', async () => {
      const before = (await policyCatalogue(store.db)).find((entry) => entry.packId === 'linxia-2020-employment');
      const document = structuredClone(before?.pack ? (await store.db.selectFrom('benefit_policy_version').select('document').where('id', '=', before.versionId).executeTakeFirstOrThrow()).document : {}) as Record<string, unknown>;
      document.version = 2;
      const { versionId, created } = await recordPolicyPack(systemContext(store, new Date(Date.now() + 1000)), document, 'changed');
      expect(created).toBe(true);
      const current = (await policyCatalogue(store.db)).find((entry) => entry.packId === 'linxia-2020-employment');
      expect(current?.versionId).toBe(versionId);
      expect(current?.version).toBe('2');
      expect((await policyVersion(store.db, before?.versionId ?? '')).version).toBe('1');
    });

    it('refuses a pack that does not type-check, naming the place', async () => {
      const bad = { pack: 'bad', title: { zh: '坏', en: 'bad' }, facts: { id: 's', fields: {} }, policies: [{ id: 'p', name: { zh: 'p', en: 'p' }, basis: { document: 'd', clause: 'c', quote: 'q' }, beneficiary: 'person', eligibility: [], amount: '3000' }] };
      await expect(recordPolicyPack(systemContext(store), bad, 'bad')).rejects.toMatchObject({ field: 'policies.p.amount' });
    });
  });

  describe('benefits.registryFacts', () => {
    it('gives what the registry holds about a person and a hire, leaving the rest to be asked', async () => {
      const context = systemContext(store);
      const enterpriseId = await createEnterprise(context, registrar, {
        creditCode: creditCodeFor('622921', 7), name: '临夏县某某食品有限公司', kind: 'enterprise', industry: 'C13', regionCode: regions.linxiaCounty,
        establishedOn: '2018-03-01', employees: 25, revenueFen: 300_000_000, keyEnterprise: false, monitoredSample: false,
      });
      const residentId = residentIdFor('622921', '1990-05-17', 41);
      const personId = await createPerson(context, registrar, { residentId, name: '马五' });
      await addPersonGroup(context, registrar, personId, { group: 'registered_poor', startDate: '2019-01-01' });
      await addEmployment(context, registrar, personId, { enterpriseId, startDate: '2020-01-15', organisedTransfer: false });
      const found = await factsForPerson(store.db, personId, '2020-12-31', 'linxia-person-hire');
      expect(found?.facts).toEqual({
        'person.id': residentId,
        'person.county': '622921',
        'person.groups': ['建档立卡贫困'],
        'person.returned_migrant': false,
        'hire.id': `${residentId}|${creditCodeFor('622921', 7)}`,
        'hire.employer_kind': '企业',
        'hire.employer_size': '小型',
        'hire.same_county': true,
        'hire.start_date': '2020-01-15',
        'transfer.organised': false,
      });
      const catalogue = await policyCatalogue(store.db);
      const pack = catalogue.find((entry) => entry.packId === 'linxia-2020-employment')?.pack;
      if (!pack || !found) throw new Error('no pack');
      const decisions = evaluatePack(pack, readFacts(pack.schema, found.facts), '2020-12-31');
      expect(decisions.get('sme-local-hiring')).toMatchObject({ status: 'eligible', amount: 100_000 });
      const poor = decisions.get('poor-worker-hiring');
      expect(poor?.status).toBe('undetermined');
      expect(poor?.status === 'undetermined' && poor.questions.map((question) => question.fact)).toContain('person.local');
    });

    it('gives an enterprise’s facts in the words of an enterprise schema', async () => {
      const enterprise = await store.db.selectFrom('registry_enterprise').select(['id', 'credit_code']).executeTakeFirstOrThrow();
      const found = await factsForEnterprise(store.db, enterprise.id, '2020-12-31', 'linxia-market-entity');
      expect(found?.facts).toMatchObject({ 'enterprise.id': enterprise.credit_code, 'enterprise.county': '622921', 'enterprise.kind': '企业', 'enterprise.size': '小型' });
      expect(found?.facts['enterprise.hardship']).toBeUndefined();
    });

    it('answers null for a person or enterprise that does not exist', async () => {
      expect(await factsForPerson(store.db, '00000000-0000-4000-8000-000000000000', '2020-12-31', 'linxia-person-hire')).toBeNull();
      expect(await factsForEnterprise(store.db, '00000000-0000-4000-8000-000000000000', '2020-12-31', 'linxia-person-hire')).toBeNull();
    });
  });
});
