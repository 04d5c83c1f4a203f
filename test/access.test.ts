/**
 * Signing in and out, lockout, rate limiting, CSRF, passwords and accounts, through the HTTP API on each
 * engine.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/database.ts';
import { engines } from './support/engines.ts';
import { adminPassword, buildTestApp, buildUnit, buildUser, preparedStore, regions, signedIn, TestClient, userPassword } from './support/fixtures.ts';

const strongPassword = 'Fresh-pass-2024';

/** Sends a sign-in attempt from a fresh, anonymous client. */
function attemptSignIn(app: FastifyInstance, username: string, password: string) {
  return new TestClient(app).request('POST', '/api/session/login', { username, password });
}

describe.each(engines)('access on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let unitId: string;
  let admin: TestClient;

  beforeAll(async () => {
    store = await preparedStore(engine);
    // Every test signs in several times from the same address; the rate limit has a test of its own.
    app = await buildTestApp(store, { loginRateLimit: 1000 });
    unitId = await buildUnit(store, regions.linxiaCounty, '临夏县人社局');
    admin = await signedIn(app, 'admin', adminPassword);
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('sign-in', () => {
    it('returns the user and sets an httpOnly, SameSite=Strict session cookie', async () => {
      await buildUser(store, 'signin.ok', 'coordinator', unitId);
      const response = await attemptSignIn(app, 'signin.ok', userPassword);
      expect(response.statusCode).toBe(200);
      expect(response.json().user).toMatchObject({ username: 'signin.ok', mustChangePassword: false });
      const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
      const session = setCookie.find((cookie) => cookie.startsWith('wenbao_session='));
      expect(session).toBeDefined();
      expect(session).toMatch(/;\s*HttpOnly/i);
      expect(session).toMatch(/;\s*SameSite=Strict/i);
      expect(session).toMatch(/;\s*Path=\//i);
    });

    it('gives a wrong password and an unknown username the same generic 401', async () => {
      await buildUser(store, 'signin.wrong', 'coordinator', unitId);
      const wrongPassword = await attemptSignIn(app, 'signin.wrong', 'Not-the-password-1');
      const unknownUser = await attemptSignIn(app, 'nobody.here', 'Not-the-password-1');
      expect(wrongPassword.statusCode).toBe(401);
      expect(unknownUser.statusCode).toBe(401);
      expect(wrongPassword.json()).toEqual(unknownUser.json());
      expect(wrongPassword.json().error.code).toBe('unauthenticated');
    });

    it('refuses a disabled user', async () => {
      const userId = await buildUser(store, 'signin.disabled', 'coordinator', unitId);
      const user = await signedIn(app, 'signin.disabled');
      expect((await admin.patch(`/api/users/${userId}`, { disabled: true })).statusCode).toBe(200);
      expect((await user.refreshSession()).user).toBeNull();
      const refused = await attemptSignIn(app, 'signin.disabled', userPassword);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('unauthenticated');
    });
  });

  describe('abilities', () => {
    it('tells the navigation what the user may do, by role', async () => {
      const reporterUnit = await buildUnit(store, regions.linxiaCounty, '临夏县能力测试局');
      await buildUser(store, 'abilities.reporter', 'reporter', reporterUnit);
      const reporter = await new TestClient(app).signIn('abilities.reporter', userPassword);
      expect((await reporter.get('/api/session')).json().user.abilities).toEqual({
        manageUsers: false,
        manageUnits: false,
        readAudit: false,
        managePlans: false,
        reportOnTasks: true,
        logProblems: true,
        viewMonitor: true,
        enterMonitorValues: true,
        manageMonitor: false,
        manageIndicators: false,
      });
      const admin = await new TestClient(app).signIn('admin', adminPassword);
      expect((await admin.get('/api/session')).json().user.abilities).toMatchObject({ manageUsers: true, managePlans: true, reportOnTasks: false });
    });
  });

  describe('lockout', () => {
    it('locks after 5 wrong passwords, naming the minutes, and lets the user in 16 minutes later', async () => {
      let now = new Date();
      const clockedApp = await buildTestApp(store, { clock: () => now, loginRateLimit: 1000 });
      try {
        await buildUser(store, 'lock.me', 'coordinator', unitId);
        for (let attempt = 1; attempt <= 4; attempt += 1) {
          expect((await attemptSignIn(clockedApp, 'lock.me', `Wrong-pass-${attempt}0`)).statusCode).toBe(401);
        }
        const fifth = await attemptSignIn(clockedApp, 'lock.me', 'Wrong-pass-50');
        expect(fifth.statusCode).toBe(429);
        expect(fifth.json().error.message).toMatch(/已锁定/);
        const locked = await attemptSignIn(clockedApp, 'lock.me', 'Wrong-pass-60');
        expect(locked.statusCode).toBe(429);
        expect(locked.json().error.code).toBe('locked');
        expect(locked.json().error.message).toMatch(/15 分钟/);

        const rightPassword = await attemptSignIn(clockedApp, 'lock.me', userPassword);
        expect(rightPassword.statusCode).toBe(429);
        expect(rightPassword.json().error.code).toBe('locked');

        now = new Date(now.getTime() + 16 * 60_000);
        const later = await attemptSignIn(clockedApp, 'lock.me', userPassword);
        expect(later.statusCode).toBe(200);
        expect(later.json().user.username).toBe('lock.me');
      } finally {
        await clockedApp.close();
      }
    });

    it('answers rate_limited after the allowed number of sign-in attempts', async () => {
      const limitedApp = await buildTestApp(store, { loginRateLimit: 3 });
      try {
        const client = new TestClient(limitedApp);
        for (let attempt = 1; attempt <= 3; attempt += 1) {
          const response = await client.request('POST', '/api/session/login', { username: 'rate.someone', password: 'Wrong-pass-10' });
          expect(response.statusCode).toBe(401);
        }
        const limited = await client.request('POST', '/api/session/login', { username: 'admin', password: adminPassword });
        expect(limited.statusCode).toBe(429);
        expect(limited.json().error.code).toBe('rate_limited');
      } finally {
        await limitedApp.close();
      }
    });
  });

  describe('session', () => {
    it('refuses a write without the x-csrf-token header', async () => {
      await buildUser(store, 'csrf.user', 'coordinator', unitId);
      const client = await signedIn(app, 'csrf.user');
      const body = { name: '无令牌单位', regionCode: regions.linxiaCounty, kind: 'department' };
      const refused = await client.request('POST', '/api/units', body, { csrf: false });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('csrf');
      const listed = await client.get(`/api/units?q=${encodeURIComponent('无令牌单位')}`);
      expect(listed.json().total).toBe(0);
    });

    it('ends the session on logout', async () => {
      await buildUser(store, 'logout.user', 'coordinator', unitId);
      const client = await signedIn(app, 'logout.user');
      expect((await client.get('/api/units')).statusCode).toBe(200);
      expect((await client.post('/api/session/logout')).statusCode).toBe(204);
      expect((await client.refreshSession()).user).toBeNull();
      const units = await client.get('/api/units');
      expect(units.statusCode).toBe(401);
      expect(units.json().error.code).toBe('unauthenticated');
    });

    it('remembers the interface language', async () => {
      await buildUser(store, 'locale.user', 'reporter', unitId);
      const client = await signedIn(app, 'locale.user');
      expect((await client.refreshSession()).user.locale).toBe('zh-CN');
      expect((await client.patch('/api/session/preferences', { locale: 'en' })).statusCode).toBe(204);
      expect((await client.refreshSession()).user.locale).toBe('en');
      const again = await signedIn(app, 'locale.user');
      expect((await again.refreshSession()).user.locale).toBe('en');
    });
  });

  describe('own password', () => {
    it('refuses a change with the wrong current password', async () => {
      await buildUser(store, 'pw.wrong', 'coordinator', unitId);
      const client = await signedIn(app, 'pw.wrong');
      const response = await client.post('/api/session/password', { currentPassword: 'Not-the-password-1', newPassword: strongPassword });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'invalid_input', field: 'currentPassword' });
    });

    it('refuses a weak new password', async () => {
      await buildUser(store, 'pw.weak', 'coordinator', unitId);
      const client = await signedIn(app, 'pw.weak');
      for (const weak of ['short1', 'alllowercaseletters']) {
        const response = await client.post('/api/session/password', { currentPassword: userPassword, newPassword: weak });
        expect(response.statusCode).toBe(400);
        expect(response.json().error).toMatchObject({ code: 'invalid_input', field: 'newPassword' });
      }
    });

    it('changes the password: the old one no longer signs in, the new one does, other sessions end', async () => {
      await buildUser(store, 'pw.change', 'coordinator', unitId);
      const client = await signedIn(app, 'pw.change');
      const otherSession = await signedIn(app, 'pw.change');
      const response = await client.post('/api/session/password', { currentPassword: userPassword, newPassword: strongPassword });
      expect(response.statusCode).toBe(204);
      expect((await client.refreshSession()).user.username).toBe('pw.change');
      expect((await otherSession.refreshSession()).user).toBeNull();
      expect((await attemptSignIn(app, 'pw.change', userPassword)).statusCode).toBe(401);
      expect((await attemptSignIn(app, 'pw.change', strongPassword)).statusCode).toBe(200);
    });
  });

  describe('accounts', () => {
    it('shows a generated first password once and requires changing it', async () => {
      const created = await admin.post('/api/users', {
        username: 'new.clerk',
        displayName: '新办事员',
        grants: [{ role: 'reporter', unitId }],
      });
      expect(created.statusCode).toBe(201);
      const { user, initialPassword } = created.json();
      expect(initialPassword).toMatch(/^.{16}$/);
      expect(user.mustChangePassword).toBe(true);
      const shown = await admin.get(`/api/users/${user.id}`);
      expect(shown.json()).not.toHaveProperty('initialPassword');
      expect(shown.body).not.toContain(initialPassword);

      const clerk = await signedIn(app, 'new.clerk', initialPassword);
      expect((await clerk.refreshSession()).user.mustChangePassword).toBe(true);
    });

    it('resets a password to a temporary one and ends the user’s sessions', async () => {
      const userId = await buildUser(store, 'reset.me', 'coordinator', unitId);
      const user = await signedIn(app, 'reset.me');
      const reset = await admin.post(`/api/users/${userId}/reset-password`);
      expect(reset.statusCode).toBe(200);
      const { temporaryPassword } = reset.json();
      expect(temporaryPassword).toMatch(/^.{16}$/);
      expect((await user.refreshSession()).user).toBeNull();
      expect((await attemptSignIn(app, 'reset.me', userPassword)).statusCode).toBe(401);
      const again = await signedIn(app, 'reset.me', temporaryPassword);
      expect((await again.refreshSession()).user.mustChangePassword).toBe(true);
    });

    it('records user creation and lockout in the audit trail, and never a password hash', async () => {
      const created = await admin.post('/api/users', {
        username: 'audit.subject',
        displayName: '审计对象',
        password: strongPassword,
        grants: [{ role: 'coordinator', unitId }],
      });
      expect(created.statusCode).toBe(201);
      const userId: string = created.json().user.id;
      for (let attempt = 1; attempt <= 5; attempt += 1) await attemptSignIn(app, 'audit.subject', `Wrong-pass-${attempt}0`);

      const trail = await admin.get(`/api/audit?entityType=user&entityId=${userId}`);
      expect(trail.statusCode).toBe(200);
      const actions = trail.json().items.map((entry: { action: string }) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['access.user.create', 'access.user.lock']));

      const rows = await store.db.selectFrom('audit_log').selectAll().execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(JSON.stringify(row)).not.toMatch(/argon2/i);
      const everything = await admin.get('/api/audit?limit=500');
      expect(everything.body).not.toMatch(/argon2/i);
    });
  });
});
