/**
 * The registries over HTTP: persons with identity numbers masked by role, groups, employment, training and
 * the facts the rules read; zero-employment households; enterprises with their size class; and who sees
 * what — a county never sees another county's people, an enterprise account sees only its own enterprise.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterpriseFacts, personFacts } from '../src/registry/index.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { buildSignedInUsers, buildTestApp, buildUnit, preparedStore, regions, type TestClient } from './support/fixtures.ts';
import { creditCodeFor, residentIdFor, withBadChecksum } from './support/registry-ids.ts';

type Who = 'lxCaseworker' | 'lxReviewer' | 'hzCoordinator' | 'lxReporter' | 'firm';

describe.each(engines)('registry on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let clients: Record<Who, TestClient>;
  let firmUnitId: string;

  beforeAll(async () => {
    store = await preparedStore(engine);
    app = await buildTestApp(store, { loginRateLimit: 1000 });
    const lxUnit = await buildUnit(store, regions.linxiaCounty, '临夏县人社局');
    const hzUnit = await buildUnit(store, regions.hezheng, '和政县人社局');
    firmUnitId = await buildUnit(store, regions.linxiaCounty, '临夏县某某农产品有限公司');
    ({ clients } = await buildSignedInUsers<Who>(store, app, 'reg', {
      lxCaseworker: ['caseworker', lxUnit],
      lxReviewer: ['reviewer', lxUnit],
      hzCoordinator: ['coordinator', hzUnit],
      lxReporter: ['reporter', lxUnit],
      firm: ['enterprise', firmUnitId],
    }));
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const zhangId = residentIdFor('622921', '1990-05-17', 123);

  describe('registry.persons', () => {
    let personId: string;

    it('registers a person, taking sex and birth date from the identity number', async () => {
      const response = await clients.lxCaseworker.post('/api/registry/persons', { residentId: zhangId, name: '张三', phone: '13912345678', employmentIntent: 'seeking_local' });
      expect(response.statusCode).toBe(201);
      const person = response.json();
      personId = person.id;
      expect(person).toMatchObject({ residentId: zhangId, sex: 'male', birthDate: '1990-05-17', hukouRegionCode: '622921', phone: '13912345678', abilities: { seeResidentId: true } });
    });

    it('refuses an identity number with a wrong check character, naming the field', async () => {
      const response = await clients.lxCaseworker.post('/api/registry/persons', { residentId: withBadChecksum(residentIdFor('622921', '1991-01-01', 2)), name: '李四' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('residentId');
    });

    it('refuses a second registration of the same identity number', async () => {
      const response = await clients.lxCaseworker.post('/api/registry/persons', { residentId: zhangId.toLowerCase(), name: '张三' });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.field).toBe('residentId');
    });

    it('masks the identity number and phone for a reviewer', async () => {
      const person = (await clients.lxReviewer.get(`/api/registry/persons/${personId}`)).json();
      expect(person.residentId).toBe(`622921********${zhangId.slice(14)}`);
      expect(person.phone).toBe('139****5678');
      expect(person.abilities).toEqual({ update: false, seeResidentId: false });
      const list = (await clients.lxReviewer.get('/api/registry/persons?q=张')).json();
      expect(list.items[0].residentId).not.toContain('19900517');
    });

    it('finds a person by full identity number but never by part of one', async () => {
      expect((await clients.lxCaseworker.get(`/api/registry/persons?q=${zhangId}`)).json().total).toBe(1);
      const partial = await clients.lxCaseworker.get(`/api/registry/persons?q=${zhangId.slice(0, 10)}`);
      expect(partial.statusCode).toBe(400);
      expect(partial.json().error.field).toBe('q');
    });

    it('hides a county’s people from another county, answering 404', async () => {
      expect((await clients.hzCoordinator.get(`/api/registry/persons/${personId}`)).statusCode).toBe(404);
      expect((await clients.hzCoordinator.get('/api/registry/persons')).json().total).toBe(0);
      expect((await clients.hzCoordinator.patch(`/api/registry/persons/${personId}`, { name: '王五' })).statusCode).toBe(404);
    });

    it('refuses writes by a reviewer and any reading by a reporter', async () => {
      expect((await clients.lxReviewer.patch(`/api/registry/persons/${personId}`, { name: '王五' })).statusCode).toBe(403);
      expect((await clients.lxReporter.get(`/api/registry/persons/${personId}`)).statusCode).toBe(404);
      expect((await clients.hzCoordinator.post('/api/registry/persons', { residentId: residentIdFor('622921', '1985-03-03', 5), name: '赵六' })).statusCode).toBe(403);
    });

    it('keeps groups, employment and training as dated intervals and derives the facts from them', async () => {
      await clients.lxCaseworker.post(`/api/registry/persons/${personId}/groups`, { group: 'registered_poor', startDate: '2019-01-01' });
      await clients.lxCaseworker.post(`/api/registry/persons/${personId}/groups`, { group: 'graduate', startDate: '2018-07-01', endDate: '2019-06-30' });
      await clients.lxCaseworker.post(`/api/registry/persons/${personId}/employment`, { employerName: '临夏县扶贫车间', employerRegionCode: '622921', startDate: '2019-10-01', endDate: '2019-12-31' });
      const spell = await clients.lxCaseworker.post(`/api/registry/persons/${personId}/employment`, { employerName: '临夏县扶贫车间', employerRegionCode: '622921', startDate: '2020-01-01', organisedTransfer: true, transferAgency: '临夏县劳务公司' });
      expect(spell.statusCode).toBe(200);
      const training = await clients.lxCaseworker.post(`/api/registry/persons/${personId}/training`, { course: '电工', institution: '临夏县职校', startDate: '2019-03-01', endDate: '2019-04-30', certificate: '电工证' });
      expect(training.json().training).toHaveLength(1);
      expect(spell.json().employment[1]).toMatchObject({ locationClass: 'in_county', organisedTransfer: true });
      const facts = await personFacts(store.db, personId, '2020-03-31');
      expect(facts).toMatchObject({ groups: ['registered_poor'], employed: true, monthsWithEmployer: 6, age: 29, trainingsCompleted: 1, certificates: 1 });
      expect((await personFacts(store.db, personId, '2020-03-30'))?.monthsWithEmployer).toBe(5);
    });

    it('refuses an end date before the start date', async () => {
      const response = await clients.lxCaseworker.post(`/api/registry/persons/${personId}/groups`, { group: 'veteran', startDate: '2020-01-01', endDate: '2019-01-01' });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.field).toBe('endDate');
    });
  });

  describe('registry.households', () => {
    it('derives zero-employment households from members of working age and their spells', async () => {
      const household = (await clients.lxCaseworker.post('/api/registry/households', { code: 'LX-0001', regionCode: regions.linxiaCounty })).json();
      const elder = (await clients.lxCaseworker.post('/api/registry/households', { code: 'LX-0002', regionCode: regions.linxiaCounty })).json();
      const members = [residentIdFor('622921', '1980-02-02', 11), residentIdFor('622921', '1982-08-08', 22)];
      const ids: string[] = [];
      for (const [index, residentId] of members.entries()) {
        const person = await clients.lxCaseworker.post('/api/registry/persons', { residentId, name: `成员${index}`, householdId: household.id });
        ids.push(person.json().id);
      }
      await clients.lxCaseworker.post('/api/registry/persons', { residentId: residentIdFor('622921', '1940-01-01', 33), name: '老人', householdId: elder.id });
      const zero = (await clients.lxCaseworker.get('/api/registry/households?zeroEmployment=true&onDate=2020-06-30')).json();
      expect(zero.items.map((item: { code: string }) => item.code)).toEqual(['LX-0001']);
      expect(zero.items[0]).toMatchObject({ workingAgeMembers: 2, employedMembers: 0, zeroEmployment: true });
      await clients.lxCaseworker.post(`/api/registry/persons/${ids[0]}/employment`, { employerName: '某公司', startDate: '2020-06-01' });
      expect((await clients.lxCaseworker.get('/api/registry/households?zeroEmployment=true&onDate=2020-06-30')).json().total).toBe(0);
      expect((await clients.lxCaseworker.get('/api/registry/households?zeroEmployment=true&onDate=2020-05-31')).json().total).toBe(1);
      expect((await clients.hzCoordinator.get('/api/registry/households')).json().total).toBe(0);
      const detail = (await clients.lxCaseworker.get(`/api/registry/households/${household.id}?onDate=2020-06-30`)).json();
      expect(detail.members).toHaveLength(2);
    });
  });

  describe('registry.enterprises', () => {
    let firmId: string;
    let otherId: string;

    it('registers an enterprise and computes its size class by the 2011 standard', async () => {
      const response = await clients.lxCaseworker.post('/api/registry/enterprises', {
        creditCode: creditCodeFor('622921', 1),
        name: '临夏县某某农产品有限公司',
        kind: 'enterprise',
        industry: 'C13',
        regionCode: regions.linxiaCounty,
        establishedOn: '2019-01-15',
        employees: 25,
        revenueFen: 3_000_000_00,
        unitId: firmUnitId,
      });
      expect(response.statusCode).toBe(201);
      firmId = response.json().id;
      expect(response.json().sizeClass).toBe('small');
      const grown = await clients.lxCaseworker.patch(`/api/registry/enterprises/${firmId}`, { employees: 300, revenueFen: 20_000_000_00 });
      expect(grown.json().sizeClass).toBe('medium');
      otherId = (
        await clients.lxCaseworker.post('/api/registry/enterprises', { creditCode: creditCodeFor('622921', 2), name: '另一家公司', kind: 'individual_business', industry: 'F52', regionCode: regions.linxiaCounty })
      ).json().id;
      const facts = await enterpriseFacts(store.db, firmId, '2020-01-15');
      expect(facts).toMatchObject({ sizeClass: 'medium', monthsOfOperation: 12, registeredEmployees: 0 });
    });

    it('refuses a credit code with a wrong check character, naming the field', async () => {
      const code = creditCodeFor('622921', 3);
      const bad = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
      const response = await clients.lxCaseworker.post('/api/registry/enterprises', { creditCode: bad, name: '错码公司', kind: 'enterprise', industry: 'C', regionCode: regions.linxiaCounty });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('creditCode');
    });

    it('shows an enterprise account only its own enterprise', async () => {
      const list = (await clients.firm.get('/api/registry/enterprises')).json();
      expect(list.items.map((item: { id: string }) => item.id)).toEqual([firmId]);
      expect((await clients.firm.get(`/api/registry/enterprises/${otherId}`)).statusCode).toBe(404);
      expect((await clients.firm.get(`/api/registry/enterprises/${firmId}`)).json().abilities.update).toBe(false);
      expect((await clients.firm.patch(`/api/registry/enterprises/${firmId}`, { keyEnterprise: true })).statusCode).toBe(403);
      expect((await clients.firm.get('/api/registry/persons')).json().total).toBe(0);
    });

    it('hides enterprises from another county', async () => {
      expect((await clients.hzCoordinator.get('/api/registry/enterprises')).json().total).toBe(0);
      expect((await clients.hzCoordinator.get(`/api/registry/enterprises/${firmId}`)).statusCode).toBe(404);
    });
  });
});
