/**
 * Signing in and out. A session is a random token in an httpOnly cookie; the database keeps only its
 * SHA-256. Five wrong passwords in a row lock the account for fifteen minutes, and the message says so;
 * a wrong password or an unknown user get the same generic answer.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Grant, Role } from '../kernel/actor.ts';
import { AppError } from '../kernel/errors.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import type { Database } from '../store/tables.ts';
import { verifyAgainstDecoy, verifyPassword } from './passwords.ts';

/** How long a session lasts without use, and at most. */
export const sessionIdleMinutes = 8 * 60;
const sessionMaxDays = 7;
/** Wrong passwords in a row before the account locks, and for how long. */
export const lockoutThreshold = 5;
export const lockoutMinutes = 15;

/** Hash of a session token, the only form in which it is stored. */
export function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function badCredentials(): AppError {
  return new AppError('unauthenticated', { zh: '用户名或密码不正确。', en: 'Wrong username or password.' }, 'password');
}

function accountLocked(until: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError('locked', {
    zh: `密码连续错误 ${lockoutThreshold} 次，账户已锁定，请 ${minutes} 分钟后再试，或请管理员重置密码。`,
    en: `The account is locked after ${lockoutThreshold} wrong passwords; try again in ${minutes} minutes or ask an administrator to reset it.`,
  });
}

/**
 * Checks a username and password and opens a session; returns the cookie token. The failure count is
 * committed even when the login is refused, so the caller must not roll this transaction back on error:
 * it returns the refusal instead of throwing it.
 */
export async function signIn(
  context: WriteContext,
  credentials: { username: string; password: string },
): Promise<{ token: string; userId: string } | { refusal: AppError }> {
  const { db, now } = context;
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'password_hash', 'disabled', 'failed_logins', 'locked_until'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', credentials.username.toLowerCase()))
    .executeTakeFirst();
  if (!user) {
    await verifyAgainstDecoy(credentials.password);
    return { refusal: badCredentials() };
  }
  if (user.locked_until && user.locked_until > now) return { refusal: accountLocked(user.locked_until, now) };
  const valid = await verifyPassword(user.password_hash, credentials.password);
  if (!valid || user.disabled) {
    const failures = user.failed_logins + 1;
    const locks = failures >= lockoutThreshold;
    await db
      .updateTable('app_user')
      .set({ failed_logins: locks ? 0 : failures, locked_until: locks ? new Date(now.getTime() + lockoutMinutes * 60_000) : null })
      .where('id', '=', user.id)
      .execute();
    if (!locks) return { refusal: badCredentials() };
    await recordAudit({ ...context, actor: { id: user.id, name: user.username } }, {
      action: 'access.user.lock',
      entityType: 'user',
      entityId: user.id,
      regionCode: null,
      after: { lockedForMinutes: lockoutMinutes },
    });
    return { refusal: accountLocked(new Date(now.getTime() + lockoutMinutes * 60_000), now) };
  }
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('user_session')
    .values({
      token_hash: sessionKey(token),
      user_id: user.id,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + sessionMaxDays * 86_400_000),
    })
    .execute();
  return { token, userId: user.id };
}

/** Ends one session. */
export async function signOut(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', key).execute();
}

/** The user behind a session cookie, with their grants, or null when it is unknown, expired or idle. */
export async function resolveSession(db: Kysely<Database>, token: string, now: Date) {
  const key = sessionKey(token);
  const session = await db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select([
      'user_session.last_seen_at',
      'user_session.expires_at',
      'app_user.id',
      'app_user.username',
      'app_user.display_name',
      'app_user.locale',
      'app_user.disabled',
      'app_user.must_change_password',
    ])
    .where('user_session.token_hash', '=', key)
    .executeTakeFirst();
  if (!session) return null;
  const idleLimit = new Date(now.getTime() - sessionIdleMinutes * 60_000);
  if (session.disabled || session.expires_at <= now || session.last_seen_at < idleLimit) {
    await signOut(db, key);
    return null;
  }
  // Touch at most once a minute: a busy user should not turn every read into a write.
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) {
    await db.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', key).execute();
  }
  return {
    userId: session.id,
    username: session.username,
    displayName: session.display_name,
    locale: session.locale === 'en' ? ('en' as const) : ('zh-CN' as const),
    mustChangePassword: session.must_change_password,
    sessionKey: key,
    grants: await loadGrants(db, session.id),
  };
}

/** A user's role grants with the region of each unit. */
export async function loadGrants(db: Kysely<Database>, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grant')
    .innerJoin('unit', 'unit.id', 'role_grant.unit_id')
    .select(['role_grant.role', 'role_grant.unit_id', 'unit.region_code'])
    .where('role_grant.user_id', '=', userId)
    .execute();
  return rows.map((row) => ({ role: row.role as Role, unitId: row.unit_id, regionCode: row.region_code }));
}
