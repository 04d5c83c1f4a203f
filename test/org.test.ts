/**
 * The region tree and units through the HTTP API: browsing and searching regions, creating and changing
 * units with their aliases and contacts, masking of contact phones, the audit of changes, and paging.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { adminPassword, buildTestApp, buildUnit, buildUser, preparedStore, regions, signedIn, type TestClient } from './support/fixtures.ts';

interface RegionView {
  code: string;
  name: string;
  level: string;
  childCount: number;
}

const contacts = [
  { name: '马主任', title: '主任', phone: '13912345678', email: 'ma@example.cn' },
  { name: '何科长', title: null, phone: '0930-1234567', email: null },
];

describe.each(engines)('org on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: TestClient;
  let prefCoordinator: TestClient;
  let countyCoordinator: TestClient;
  let countyReporter: TestClient;

  beforeAll(async () => {
    store = await preparedStore(engine);
    app = await buildTestApp(store, { loginRateLimit: 1000 });
    const prefectureUnit = await buildUnit(store, regions.linxia, '临夏州人社局');
    const countyUnit = await buildUnit(store, regions.linxiaCounty, '临夏县人社局');
    await buildUser(store, 'org.pref', 'coordinator', prefectureUnit);
    await buildUser(store, 'org.county', 'coordinator', countyUnit);
    await buildUser(store, 'org.reporter', 'reporter', countyUnit);
    admin = await signedIn(app, 'admin', adminPassword);
    prefCoordinator = await signedIn(app, 'org.pref');
    countyCoordinator = await signedIn(app, 'org.county');
    countyReporter = await signedIn(app, 'org.reporter');
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  /** Creates a unit through the API as `client`; fails the test unless it is created. */
  async function createUnit(client: TestClient, body: Record<string, unknown>) {
    const response = await client.post('/api/units', { kind: 'department', ...body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  describe('regions', () => {
    it('lists the provinces when no parent is given', async () => {
      const response = await countyReporter.get('/api/regions');
      expect(response.statusCode).toBe(200);
      const items: RegionView[] = response.json().items;
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: '620000', name: '甘肃省', level: 'province' }),
          expect.objectContaining({ code: '530000', name: '云南省', level: 'province' }),
        ]),
      );
      for (const item of items) expect(item.level).toBe('province');
    });

    it('lists 临夏州’s eight county-level regions, each with children', async () => {
      const items: RegionView[] = (await countyReporter.get(`/api/regions?parent=${regions.linxia}`)).json().items;
      expect(items.map((item) => item.code)).toEqual(['622901', '622921', '622922', '622923', '622924', '622925', '622926', '622927']);
      expect(items.map((item) => item.name)).toEqual(expect.arrayContaining(['临夏市', '临夏县', '和政县']));
      for (const item of items) {
        expect(item.level).toBe('county');
        expect(item.childCount).toBeGreaterThan(0);
      }
    });

    it('shows a region with its ancestors from the country down', async () => {
      const response = await countyReporter.get(`/api/regions/${regions.linxiaCounty}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ code: '622921', name: '临夏县', level: 'county', parentCode: '622900' });
      expect(response.json().ancestors).toEqual([
        { code: '000000', name: '全国' },
        { code: '620000', name: '甘肃省' },
        { code: '622900', name: '临夏回族自治州' },
      ]);
    });

    it('finds a region by part of its name', async () => {
      const items: RegionView[] = (await countyReporter.get(`/api/regions?q=${encodeURIComponent('和政')}`)).json().items;
      expect(items).toContainEqual(expect.objectContaining({ code: '622925', name: '和政县' }));
      for (const item of items) expect(item.name).toContain('和政');
    });

    it('answers 404 for a well-formed code that is not in the tree', async () => {
      const response = await countyReporter.get('/api/regions/622999');
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    });
  });

  describe('units', () => {
    it('creates a unit with aliases and contacts, phones unmasked for its manager', async () => {
      const created = await createUnit(countyCoordinator, {
        name: '临夏县人力资源和社会保障局劳动监察大队',
        regionCode: regions.linxiaCounty,
        kind: 'institution',
        aliases: ['县劳动监察大队', '劳动监察大队'],
        contacts,
      });
      expect(created).toMatchObject({ regionCode: '622921', regionName: '临夏县', kind: 'institution' });
      expect(created.aliases).toEqual(['劳动监察大队', '县劳动监察大队'].sort());
      expect(created.contacts).toEqual(contacts);
      expect(created.abilities).toEqual({ update: true, manageAliases: true, manageContacts: true });
      const read = (await countyCoordinator.get(`/api/units/${created.id}`)).json();
      expect(read.contacts).toEqual(contacts);
    });

    it('masks contact phones for a county reporter reading a prefecture unit', async () => {
      const unit = await createUnit(prefCoordinator, { name: '临夏州就业服务局', regionCode: regions.linxia, contacts });
      const managed = (await prefCoordinator.get(`/api/units/${unit.id}`)).json();
      expect(managed.contacts[0].phone).toBe('13912345678');

      const response = await countyReporter.get(`/api/units/${unit.id}`);
      expect(response.statusCode).toBe(200);
      const read = response.json();
      expect(read.abilities.manageContacts).toBe(false);
      expect(read.contacts.map((contact: { phone: string }) => contact.phone)).toEqual(['139****5678', '0930-***4567']);
      expect(read.contacts[0]).toMatchObject({ name: '马主任', title: '主任' });
      expect(response.body).not.toContain('13912345678');
    });

    it('records a rename in the audit trail with the name before and after', async () => {
      const unit = await createUnit(countyCoordinator, { name: '临夏县扶贫办', regionCode: regions.linxiaCounty });
      const renamed = await countyCoordinator.patch(`/api/units/${unit.id}`, { name: '临夏县乡村振兴局' });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().name).toBe('临夏县乡村振兴局');

      const trail = (await admin.get(`/api/audit?entityType=unit&entityId=${unit.id}&action=org.unit.update`)).json();
      expect(trail.total).toBe(1);
      const [entry] = trail.items;
      expect(entry).toMatchObject({ actorName: 'org.county', regionCode: '622921', requestId: renamed.headers['x-request-id'] });
      expect(entry.before.name).toBe('临夏县扶贫办');
      expect(entry.after.name).toBe('临夏县乡村振兴局');
    });

    it('masks contact phones in the audit trail', async () => {
      const unit = await createUnit(countyCoordinator, { name: '临夏县民政局', regionCode: regions.linxiaCounty, contacts });
      const response = await admin.get(`/api/audit?entityId=${unit.id}&action=org.unit.create`);
      const [entry] = response.json().items;
      expect(entry.after.contacts.map((contact: { phone: string }) => contact.phone)).toEqual(['139****5678', '0930-***4567']);
      expect(response.body).not.toContain('13912345678');
    });

    it('treats % and _ in a search as plain characters', async () => {
      await createUnit(countyCoordinator, { name: '临夏县100%就业服务站', regionCode: regions.linxiaCounty });
      const search = async (query: string) => (await countyCoordinator.get(`/api/units?q=${encodeURIComponent(query)}`)).json();
      expect((await search('%')).items.map((item: { name: string }) => item.name)).toEqual(['临夏县100%就业服务站']);
      expect((await search('_')).total).toBe(0);
    });

    it('refuses to make a unit its own parent', async () => {
      const unit = await createUnit(countyCoordinator, { name: '临夏县就业局', regionCode: regions.linxiaCounty });
      const response = await countyCoordinator.patch(`/api/units/${unit.id}`, { parentUnitId: unit.id });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.field).toBe('parentUnitId');
    });

    // Bug: updateUnit refuses only a unit that is its own parent; A → B → A is accepted, so the unit tree
    // can hold cycles that anything walking up parent_unit_id never leaves.
    it('refuses a parent that would close a cycle', async () => {
      const upper = await createUnit(countyCoordinator, { name: '临夏县甲单位', regionCode: regions.linxiaCounty });
      const lower = await createUnit(countyCoordinator, { name: '临夏县乙单位', regionCode: regions.linxiaCounty, parentUnitId: upper.id });
      const response = await countyCoordinator.patch(`/api/units/${upper.id}`, { parentUnitId: lower.id });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.field).toBe('parentUnitId');
    });

    it('adds and removes an alias, and finds the unit by it in between', async () => {
      const unit = await createUnit(countyCoordinator, { name: '临夏县市场监督管理局', regionCode: regions.linxiaCounty });
      const search = async () => (await countyCoordinator.get(`/api/units?q=${encodeURIComponent('县市监局')}`)).json();
      expect((await search()).total).toBe(0);

      const added = await countyCoordinator.post(`/api/units/${unit.id}/aliases`, { alias: '县市监局' });
      expect(added.statusCode).toBe(200);
      expect(added.json().aliases).toEqual(['县市监局']);
      const found = await search();
      expect(found.total).toBe(1);
      expect(found.items[0]).toMatchObject({ id: unit.id, aliases: ['县市监局'] });

      const [{ id: aliasId }] = added.json().aliasList;
      const removed = await countyCoordinator.delete(`/api/units/${unit.id}/aliases/${aliasId}`);
      expect(removed.statusCode).toBe(200);
      expect(removed.json().aliases).toEqual([]);
      expect((await search()).total).toBe(0);
      expect((await countyCoordinator.delete(`/api/units/${unit.id}/aliases/${aliasId}`)).statusCode).toBe(404);
    });

    it('replaces the contacts with the given list, in order', async () => {
      const unit = await createUnit(countyCoordinator, { name: '临夏县统计局', regionCode: regions.linxiaCounty, contacts });
      const replacement = [
        { name: '苏科员', title: '科员', phone: '13800001111', email: null },
        { name: '马主任', title: '主任', phone: '13912345678', email: 'ma@example.cn' },
      ];
      const replaced = await countyCoordinator.put(`/api/units/${unit.id}/contacts`, { contacts: replacement });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json().contacts).toEqual(replacement);
      expect((await countyCoordinator.get(`/api/units/${unit.id}`)).json().contacts).toEqual(replacement);

      const emptied = await countyCoordinator.put(`/api/units/${unit.id}/contacts`, { contacts: [] });
      expect(emptied.json().contacts).toEqual([]);
      const actions = (await admin.get(`/api/audit?entityId=${unit.id}`)).json().items.map((entry: { action: string }) => entry.action);
      expect(actions.filter((action: string) => action === 'org.unit.contacts.replace')).toHaveLength(2);
    });

    it('finds a unit by an alias given at creation', async () => {
      const unit = await createUnit(countyCoordinator, { name: '临夏县人民政府办公室', regionCode: regions.linxiaCounty, kind: 'government', aliases: ['县政府办'] });
      const found = (await countyReporter.get(`/api/units?q=${encodeURIComponent('县政府办')}`)).json();
      expect(found.items.map((item: { id: string }) => item.id)).toEqual([unit.id]);
      expect(found.total).toBe(1);
    });

    it('pages through units with limit and offset, reporting the total', async () => {
      const names = ['永靖县单位1', '永靖县单位2', '永靖县单位3', '永靖县单位4', '永靖县单位5'];
      for (const name of names) await createUnit(prefCoordinator, { name, regionCode: '622923' });
      const page = async (limit: number, offset: number) => (await prefCoordinator.get(`/api/units?region=622923&limit=${limit}&offset=${offset}`)).json();

      const first = await page(2, 0);
      const second = await page(2, 2);
      const last = await page(2, 4);
      expect([first.total, second.total, last.total]).toEqual([5, 5, 5]);
      expect([first.items.length, second.items.length, last.items.length]).toEqual([2, 2, 1]);
      const paged = [...first.items, ...second.items, ...last.items].map((item: { name: string }) => item.name);
      expect(paged).toEqual(names);
      expect((await page(2, 10)).items).toEqual([]);
      expect((await prefCoordinator.get('/api/units?limit=0')).statusCode).toBe(400);
    });
  });
});
