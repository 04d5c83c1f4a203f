/**
 * Notifications reach the users of the unit they are addressed to and nobody else; webhook endpoints
 * are managed by administrators within their jurisdiction; deliveries are signed, retried on the
 * backoff schedule, given up after six attempts, and shared by concurrent workers without repeats.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webhookMessage } from '../src/contracts/notify.contract.ts';
import { deliverDueWebhooks, notifyUnits, type NotifyUnitsInput } from '../src/notify/index.ts';
import { platformJobs, startPeriodicJob } from '../src/server/background.ts';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { adminPassword, buildTestApp, buildUnit, buildUser, preparedStore, regions, signedIn, systemContext, TestClient } from './support/fixtures.ts';
import { startReceiver, type Receiver } from './support/webhook-receiver.ts';

const t0 = new Date('2020-06-01T08:00:00.000Z');
const minutes = (count: number) => count * 60_000;
const after = (milliseconds: number, from: Date = t0) => new Date(from.getTime() + milliseconds);

describe.each(engines)('notify on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let receiver: Receiver;
  const units = {} as Record<'linxiaCounty' | 'hezheng' | 'prefecture' | 'wenshan', string>;
  const clients = {} as Record<'lxReporter' | 'lxCoordinator' | 'hzReporter' | 'prefCoordinator' | 'lxAdmin' | 'prefAdmin' | 'platformAdmin', TestClient>;

  /** Notifies units as a domain would, in its own transaction. */
  async function notify(unitIds: string[], overrides: Partial<NotifyUnitsInput> = {}, now: Date = t0) {
    return store.db.transaction().execute((trx) =>
      notifyUnits(
        { ...systemContext(store, now), db: trx },
        {
          unitIds,
          kind: 'report.returned',
          title: { zh: '报告被退回', en: 'Report returned' },
          body: { zh: '请补充就业人数。', en: 'Please add the employment figures.' },
          link: '/plans/p1/tasks/t1',
          event: 'report.returned',
          payload: { reportId: 'r-1', period: '2020-05' },
          ...overrides,
        },
      ),
    );
  }

  async function deliveryRows() {
    return store.db.selectFrom('webhook_delivery').selectAll().orderBy('id').execute();
  }

  /** Creates an endpoint through the API as the platform administrator; returns its id and secret. */
  async function endpoint(path: string, events: string[] = ['report.returned'], regionCode = '532600') {
    const response = await clients.platformAdmin.post('/api/webhooks', { name: `接收 ${path}`, url: receiver.url(path), events, regionCode });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; secret: string };
  }

  beforeAll(async () => {
    store = await preparedStore(engine);
    app = await buildTestApp(store, { loginRateLimit: 1000 });
    receiver = await startReceiver();
    units.linxiaCounty = await buildUnit(store, regions.linxiaCounty, '临夏县人社局');
    units.hezheng = await buildUnit(store, regions.hezheng, '和政县人社局');
    units.prefecture = await buildUnit(store, regions.linxia, '临夏州人社局-test');
    units.wenshan = await buildUnit(store, regions.wenshan, '文山州人社局-test');
    const accounts = {
      lxReporter: ['reporter', units.linxiaCounty],
      lxCoordinator: ['coordinator', units.linxiaCounty],
      hzReporter: ['reporter', units.hezheng],
      prefCoordinator: ['coordinator', units.prefecture],
      lxAdmin: ['admin', units.linxiaCounty],
      prefAdmin: ['admin', units.prefecture],
    } as const;
    for (const [who, [role, unitId]] of Object.entries(accounts) as [keyof typeof accounts, (typeof accounts)[keyof typeof accounts]][]) {
      await buildUser(store, who.toLowerCase(), role, unitId);
      clients[who] = await signedIn(app, who.toLowerCase());
    }
    clients.platformAdmin = await signedIn(app, 'admin', adminPassword);
  });

  afterAll(async () => {
    await receiver?.close();
    await app?.close();
    await store?.close();
  });

  describe('notifications', () => {
    let notificationId: string;
    beforeAll(async () => {
      [notificationId = ''] = (await notify([units.linxiaCounty])).notificationIds;
    });

    it('shows a unit’s notification to every user holding a role on it, in their language', async () => {
      const forReporter = await clients.lxReporter.get('/api/notifications');
      expect(forReporter.statusCode).toBe(200);
      expect(forReporter.json().items[0]).toMatchObject({
        id: notificationId,
        unitId: units.linxiaCounty,
        unitName: '临夏县人社局',
        title: '报告被退回',
        body: '请补充就业人数。',
        link: '/plans/p1/tasks/t1',
        readAt: null,
      });
      const coordinator = clients.lxCoordinator;
      coordinator.language = 'en';
      const forCoordinator = (await coordinator.get('/api/notifications')).json();
      coordinator.language = 'zh-CN';
      expect(forCoordinator.items.find((item: { id: string }) => item.id === notificationId)).toMatchObject({ title: 'Report returned' });
    });

    it('lists newest first, with the unread count', async () => {
      await notify([units.linxiaCounty], { title: { zh: '较新的通知', en: 'Newer' } }, after(minutes(5)));
      const page = (await clients.lxReporter.get('/api/notifications?limit=1')).json();
      expect(page.items.map((item: { title: string }) => item.title)).toEqual(['较新的通知']);
      expect(page.total).toBeGreaterThanOrEqual(2);
      expect(page.unread).toBe(page.total);
    });

    it.each(['hzReporter', 'prefCoordinator'] as const)('hides it from %s, who holds no role on the unit (absent, 404)', async (who) => {
      const list = (await clients[who].get('/api/notifications?limit=500')).json();
      expect(list.items.map((item: { id: string }) => item.id)).not.toContain(notificationId);
      const read = await clients[who].post(`/api/notifications/${notificationId}/read`);
      expect(read.statusCode).toBe(404);
      expect(read.json().error.code).toBe('not_found');
    });

    it('marks it read for the whole unit once, with one audit entry', async () => {
      const read = await clients.lxReporter.post(`/api/notifications/${notificationId}/read`);
      expect(read.statusCode).toBe(200);
      expect(read.json().readAt).not.toBeNull();
      expect((await clients.lxReporter.post(`/api/notifications/${notificationId}/read`)).json().readAt).toBe(read.json().readAt);
      const unread = (await clients.lxCoordinator.get('/api/notifications?unread=true&limit=500')).json();
      expect(unread.items.map((item: { id: string }) => item.id)).not.toContain(notificationId);
      expect(unread.total).toBe(unread.unread);
      const audit = await store.db.selectFrom('audit_log').select('actor_name').where('entity_id', '=', notificationId).execute();
      expect(audit).toEqual([{ actor_name: 'lxreporter' }]);
    });

    it('refuses bad input naming the field: unread flag, limit, unknown parameter', async () => {
      for (const [query, field] of [['unread=yes', 'unread'], ['limit=0', 'limit'], ['secret=1', 'secret']]) {
        const response = await clients.lxReporter.get(`/api/notifications?${query}`);
        expect(response.statusCode).toBe(400);
        expect(response.json().error.field).toBe(field);
      }
    });

    it('refuses an unknown event, a link to another site and an unknown unit', async () => {
      await expect(notify([units.linxiaCounty], { event: 'report.exploded' as never })).rejects.toMatchObject({ field: 'event' });
      await expect(notify([units.linxiaCounty], { link: '//evil.example/phish' })).rejects.toMatchObject({ field: 'link' });
      await expect(notify(['00000000-0000-4000-8000-000000000000'])).rejects.toMatchObject({ field: 'unitIds' });
    });
  });

  describe('webhook endpoints', () => {
    const dingtalk = 'https://oapi.dingtalk.com/robot/send?access_token=tok3n-s3cret';
    let countyEndpoint: { id: string; secret: string };
    let prefectureEndpointId: string;

    beforeAll(async () => {
      const county = await clients.lxAdmin.post('/api/webhooks', { name: '临夏县钉钉', url: dingtalk, events: ['report.returned'], regionCode: regions.linxiaCounty });
      expect(county.statusCode).toBe(201);
      countyEndpoint = county.json();
      const prefecture = await clients.prefAdmin.post('/api/webhooks', { name: '州政务微信', url: 'http://10.0.0.8/bridge', events: ['alert.raised'], regionCode: regions.linxia });
      prefectureEndpointId = prefecture.json().id;
    });

    it('shows the secret once, on creation, and never again', async () => {
      expect(countyEndpoint.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const read = (await clients.lxAdmin.get(`/api/webhooks/${countyEndpoint.id}`)).json();
      expect(read).toMatchObject({ name: '临夏县钉钉', url: dingtalk, events: ['report.returned'], regionCode: regions.linxiaCounty, active: true });
      expect(JSON.stringify(read)).not.toContain(countyEndpoint.secret);
      expect(JSON.stringify((await clients.lxAdmin.get('/api/webhooks')).json())).not.toContain(countyEndpoint.secret);
    });

    it('audits without the secret or the address’s token', async () => {
      const entry = await store.db.selectFrom('audit_log').selectAll().where('entity_id', '=', countyEndpoint.id).executeTakeFirstOrThrow();
      expect(entry.action).toBe('notify.webhook.create');
      expect(entry.after).toMatchObject({ url: 'https://oapi.dingtalk.com/robot/send?…' });
      expect(JSON.stringify(entry)).not.toContain('tok3n-s3cret');
      expect(JSON.stringify(entry)).not.toContain(countyEndpoint.secret);
    });

    it('refuses users who are not administrators (403)', async () => {
      for (const who of ['lxCoordinator', 'prefCoordinator', 'lxReporter'] as const) {
        expect((await clients[who].get('/api/webhooks')).statusCode).toBe(403);
        const create = await clients[who].post('/api/webhooks', { name: 'x', url: 'https://a.example', events: ['alert.raised'], regionCode: regions.linxiaCounty });
        expect(create.statusCode).toBe(403);
        expect((await clients[who].patch(`/api/webhooks/${countyEndpoint.id}`, { active: false })).statusCode).toBe(403);
      }
    });

    it('keeps a county administrator inside the county', async () => {
      const admin = clients.lxAdmin;
      const outside = await admin.post('/api/webhooks', { name: 'x', url: 'https://a.example', events: ['alert.raised'], regionCode: regions.hezheng });
      expect(outside.statusCode).toBe(403);
      expect((await admin.get('/api/webhooks')).json().items.map((item: { id: string }) => item.id)).toEqual([countyEndpoint.id]);
      for (const [method, url, body] of [
        ['GET', `/api/webhooks/${prefectureEndpointId}`, undefined],
        ['PATCH', `/api/webhooks/${prefectureEndpointId}`, { active: false }],
        ['DELETE', `/api/webhooks/${prefectureEndpointId}`, undefined],
        ['GET', `/api/webhooks/${prefectureEndpointId}/deliveries`, undefined],
      ] as const) {
        expect((await admin.request(method, url, body)).statusCode).toBe(404);
      }
      expect((await clients.prefAdmin.get(`/api/webhooks/${prefectureEndpointId}`)).json().active).toBe(true);
    });

    it('lets the prefecture administrator manage the county’s endpoint', async () => {
      const ids = (await clients.prefAdmin.get('/api/webhooks')).json().items.map((item: { id: string }) => item.id);
      expect(ids).toEqual(expect.arrayContaining([countyEndpoint.id, prefectureEndpointId]));
      const changed = await clients.prefAdmin.patch(`/api/webhooks/${countyEndpoint.id}`, { name: '县钉钉', events: ['report.returned', 'alert.raised'], active: false });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ name: '县钉钉', events: ['report.returned', 'alert.raised'], active: false });
    });

    it.each([
      ['an ftp address', { url: 'ftp://files.example/hook' }, 'url'],
      ['text that is not an address', { url: 'not a url' }, 'url'],
      ['an unknown event', { events: ['report.exploded'] }, 'events.0'],
      ['no events', { events: [] }, 'events'],
      ['an unknown field', { secret: 'mine' }, 'secret'],
    ])('refuses %s, naming the field', async (_what, change, field) => {
      const body = { name: '坏的', url: 'https://ok.example/hook', events: ['alert.raised'], regionCode: regions.linxia, ...change };
      const response = await clients.prefAdmin.post('/api/webhooks', body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'invalid_input', field });
      expect(response.json().error.message).toContain(`字段 ${field}`);
    });

    it('explains a refused address in English too', async () => {
      const client = clients.prefAdmin;
      client.language = 'en';
      const response = await client.post('/api/webhooks', { name: 'x', url: 'ftp://files.example', events: ['alert.raised'], regionCode: regions.linxia });
      client.language = 'zh-CN';
      expect(response.json().error.message).toBe('Field url: must be a full address starting with http:// or https://');
    });

    it('refuses an unknown event on change too', async () => {
      const response = await clients.prefAdmin.patch(`/api/webhooks/${prefectureEndpointId}`, { events: ['alert.raised', 'nope'] });
      expect(response.json().error).toMatchObject({ code: 'invalid_input', field: 'events.1' });
    });

    it('deletes an endpoint, after which it is gone', async () => {
      expect((await clients.lxAdmin.delete(`/api/webhooks/${countyEndpoint.id}`)).statusCode).toBe(204);
      expect((await clients.lxAdmin.get(`/api/webhooks/${countyEndpoint.id}`)).statusCode).toBe(404);
      const audit = await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', countyEndpoint.id).orderBy('id').execute();
      expect(audit.map((entry) => entry.action)).toEqual(['notify.webhook.create', 'notify.webhook.update', 'notify.webhook.delete']);
    });
  });

  describe('deliveries', () => {
    beforeEach(async () => {
      // Each test starts with its own endpoints and an empty queue.
      await store.db.updateTable('webhook_endpoint').set({ active: false }).execute();
      await store.db.updateTable('webhook_delivery').set({ status: 'failed' }).where('status', '=', 'pending').execute();
      receiver.delay(0);
    });

    it('queues one delivery per unit for each active endpoint subscribed to the event whose region holds it', async () => {
      const prefecture = await endpoint('/prefecture', ['report.returned'], regions.linxia);
      const county = await endpoint('/county', ['report.returned'], regions.hezheng);
      await endpoint('/other-event', ['alert.raised'], regions.linxia);
      await endpoint('/other-region', ['report.returned'], regions.wenshan);
      const inactive = await endpoint('/inactive', ['report.returned'], regions.linxia);
      await clients.platformAdmin.patch(`/api/webhooks/${inactive.id}`, { active: false });
      const before = (await deliveryRows()).length;
      const result = await notify([units.linxiaCounty, units.hezheng]);
      expect(result.deliveries).toBe(3);
      const queued = (await deliveryRows()).slice(before);
      const pairs = queued.map((row) => [row.endpoint_id, (row.payload as { unit: { id: string } }).unit.id]);
      expect(pairs).toEqual(
        expect.arrayContaining([
          [prefecture.id, units.linxiaCounty],
          [prefecture.id, units.hezheng],
          [county.id, units.hezheng],
        ]),
      );
    });

    it('POSTs the event signed with the endpoint’s secret', async () => {
      const { id, secret } = await endpoint('/signed');
      await notify([units.wenshan]);
      expect(await deliverDueWebhooks(store.db, { now: t0 })).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
      const [request] = receiver.to('/signed');
      const [row] = (await deliveryRows()).filter((candidate) => candidate.endpoint_id === id);
      expect(request?.headers).toMatchObject({
        'content-type': 'application/json',
        'x-wenbao-event': 'report.returned',
        'x-wenbao-delivery': String(row?.id),
        'x-wenbao-signature': `sha256=${createHmac('sha256', secret).update(request?.body ?? '').digest('hex')}`,
      });
      const message = webhookMessage.parse(JSON.parse(request?.body ?? ''));
      expect(message).toMatchObject({
        event: 'report.returned',
        occurredAt: t0.toISOString(),
        payload: { unit: { id: units.wenshan, regionCode: regions.wenshan }, title: { zh: '报告被退回' }, link: '/plans/p1/tasks/t1', data: { reportId: 'r-1' } },
      });
      expect(row).toMatchObject({ status: 'delivered', attempts: 1, last_status: 200, last_error: null, next_attempt_at: null });
      const listed = (await clients.platformAdmin.get(`/api/webhooks/${id}/deliveries`)).json();
      expect(listed.items[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
      expect(JSON.stringify(listed)).not.toContain('r-1');
    });

    it('retries a receiver answering 500 after a minute, and delivers on the second attempt', async () => {
      const { id } = await endpoint('/flaky');
      receiver.answer('/flaky', [500, 200]);
      await notify([units.wenshan]);
      expect(await deliverDueWebhooks(store.db, { now: t0 })).toMatchObject({ attempted: 1, retrying: 1 });
      let [row] = (await deliveryRows()).filter((candidate) => candidate.endpoint_id === id);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_status: 500, last_error: 'HTTP 500', next_attempt_at: after(minutes(1)) });
      expect((await deliverDueWebhooks(store.db, { now: after(minutes(1) - 1) })).attempted).toBe(0);
      expect(await deliverDueWebhooks(store.db, { now: after(minutes(1)) })).toMatchObject({ attempted: 1, delivered: 1 });
      [row] = (await deliveryRows()).filter((candidate) => candidate.endpoint_id === id);
      expect(row).toMatchObject({ status: 'delivered', attempts: 2, last_status: 200, delivered_at: after(minutes(1)) });
      const [first, second] = receiver.to('/flaky');
      expect(second?.body).toBe(first?.body);
      expect(second?.headers['x-wenbao-delivery']).toBe(first?.headers['x-wenbao-delivery']);
    });

    it('waits 1 min, 5 min, 30 min, 2 h and 12 h between attempts and gives up after the sixth', async () => {
      const { id } = await endpoint('/down');
      receiver.answer('/down', [503]);
      await notify([units.wenshan]);
      let now = t0;
      for (const wait of [0, minutes(1), minutes(5), minutes(30), minutes(120), minutes(720)]) {
        now = after(wait, now);
        expect((await deliverDueWebhooks(store.db, { now: after(-1, now) })).attempted).toBe(0);
        expect((await deliverDueWebhooks(store.db, { now })).attempted).toBe(1);
      }
      const [row] = (await deliveryRows()).filter((candidate) => candidate.endpoint_id === id);
      expect(row).toMatchObject({ status: 'failed', attempts: 6, last_status: 503, next_attempt_at: null, delivered_at: null });
      expect((await deliverDueWebhooks(store.db, { now: after(minutes(60 * 48), now) })).attempted).toBe(0);
      expect(receiver.to('/down')).toHaveLength(6);
      const listed = (await clients.platformAdmin.get(`/api/webhooks/${id}/deliveries?status=failed`)).json();
      expect(listed).toMatchObject({ total: 1, items: [{ status: 'failed', attempts: 6, lastError: 'HTTP 503', nextAttemptAt: null }] });
    });

    it('counts a receiver that does not answer in time as a failed attempt', async () => {
      const { id } = await endpoint('/silent');
      await notify([units.wenshan]);
      expect(await deliverDueWebhooks(store.db, { now: t0, timeoutMs: 200 })).toMatchObject({ attempted: 1, retrying: 1 });
      const [row] = (await deliveryRows()).filter((candidate) => candidate.endpoint_id === id);
      expect(row).toMatchObject({ status: 'pending', last_status: null, last_error: 'no answer within 0.2 s' });
    });

    it('leaves the deliveries of a switched-off endpoint queued', async () => {
      const { id } = await endpoint('/paused');
      await notify([units.wenshan]);
      await clients.platformAdmin.patch(`/api/webhooks/${id}`, { active: false });
      expect((await deliverDueWebhooks(store.db, { now: t0 })).attempted).toBe(0);
      await clients.platformAdmin.patch(`/api/webhooks/${id}`, { active: true });
      expect((await deliverDueWebhooks(store.db, { now: t0 })).delivered).toBe(1);
    });

    it('delivers each row exactly once when two workers run at once', async () => {
      await endpoint('/shared');
      receiver.delay(30);
      for (let index = 0; index < 25; index += 1) await notify([units.wenshan]);
      const rounds: number[][] = [];
      for (;;) {
        const results = await Promise.all([0, 1].map(() => deliverDueWebhooks(store.db, { now: t0, batch: 10 })));
        rounds.push(results.map((result) => result.delivered));
        if (results.every((result) => result.attempted === 0)) break;
      }
      expect(rounds[0]).toEqual([10, 10]);
      const ids = receiver.to('/shared').map((request) => request.headers['x-wenbao-delivery']);
      expect(ids).toHaveLength(25);
      expect(new Set(ids).size).toBe(25);
    });

    it.runIf(engine === 'postgres')('skips rows another worker holds instead of waiting for them', async () => {
      await endpoint('/skip');
      for (let index = 0; index < 3; index += 1) await notify([units.wenshan]);
      const [held] = (await deliveryRows()).filter((row) => row.status === 'pending');
      await store.db.transaction().execute(async (trx) => {
        await sql`select id from webhook_delivery where id = ${held?.id} for update`.execute(trx);
        expect(await deliverDueWebhooks(store.db, { now: t0 })).toMatchObject({ attempted: 2, delivered: 2 });
      });
      expect(await deliverDueWebhooks(store.db, { now: t0 })).toMatchObject({ attempted: 1, delivered: 1 });
    });

    it('runs in the background until stopped', async () => {
      await endpoint('/worker');
      await notify([units.wenshan]);
      const [delivery] = platformJobs(store.db);
      const stop = startPeriodicJob({ ...delivery!, intervalMs: 20 }, () => t0);
      for (let waited = 0; receiver.to('/worker').length === 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      await stop();
      expect(receiver.to('/worker')).toHaveLength(1);
    });
  });
});
