/** Accounts: creating users, granting roles on units, disabling, resetting and changing passwords. */
import type { Kysely } from 'kysely';
import type { CreateUserInput, GrantInput, Role, UpdateUserInput } from '../contracts/access.contract.ts';
import type { Actor } from '../kernel/actor.ts';
import { containing } from '../kernel/like-pattern.ts';
import { conflict, forbidden, invalidInput, notFound, unprocessable } from '../kernel/errors.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import { isUniqueViolation } from '../store/errors.ts';
import type { Database } from '../store/tables.ts';
import { administeredPrefixes, canGrantIn, canManageUser } from './access.policy.ts';
import { assertPasswordStrength, generatePassword, hashPassword, verifyPassword } from './passwords.ts';

const userWord = { zh: '用户', en: 'User' };

function grantsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('role_grant')
    .innerJoin('unit', 'unit.id', 'role_grant.unit_id')
    .innerJoin('region', 'region.code', 'unit.region_code')
    .select([
      'role_grant.id',
      'role_grant.user_id',
      'role_grant.role',
      'role_grant.unit_id',
      'unit.name as unit_name',
      'unit.region_code',
      'region.name as region_name',
    ]);
}

/** The grants of the given users, with unit and region names. */
export async function grantsOf(db: Kysely<Database>, userIds: string[]) {
  if (userIds.length === 0) return [];
  const rows = await grantsQuery(db).where('role_grant.user_id', 'in', userIds).orderBy('role_grant.created_at').execute();
  return rows.map((row) => ({
    userId: row.user_id,
    id: row.id,
    role: row.role as Role,
    unitId: row.unit_id,
    unitName: row.unit_name,
    regionCode: row.region_code,
    regionName: row.region_name,
  }));
}

const userColumns = ['id', 'username', 'display_name', 'locale', 'disabled', 'locked_until', 'must_change_password', 'created_at'] as const;

async function presentUsers(db: Kysely<Database>, rows: { id: string; username: string; display_name: string; locale: string; disabled: boolean; locked_until: Date | null; must_change_password: boolean; created_at: Date }[], now: Date) {
  const grants = await grantsOf(db, rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    locale: row.locale === 'en' ? ('en' as const) : ('zh-CN' as const),
    disabled: row.disabled,
    locked: Boolean(row.locked_until && row.locked_until > now),
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at.toISOString(),
    grants: grants.filter((grant) => grant.userId === row.id).map(({ userId: _userId, ...grant }) => grant),
  }));
}

/** The accounts the actor administers: every grant inside the actor's jurisdiction, filtered in SQL. */
export async function listUsers(db: Kysely<Database>, actor: Actor, filter: { query?: string | undefined; limit: number; offset: number }, now: Date) {
  const prefixes = administeredPrefixes(actor);
  if (prefixes.length === 0) return { items: [], total: 0 };
  const everywhere = prefixes.includes('');
  let query = db.selectFrom('app_user');
  if (!everywhere) {
    query = query
      .where(({ exists, selectFrom }) => exists(selectFrom('role_grant').select('role_grant.id').whereRef('role_grant.user_id', '=', 'app_user.id')))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('role_grant')
              .innerJoin('unit', 'unit.id', 'role_grant.unit_id')
              .select('role_grant.id')
              .whereRef('role_grant.user_id', '=', 'app_user.id')
              .where((eb) => eb.and(prefixes.map((prefix) => eb('unit.region_code', 'not like', `${prefix}%`)))),
          ),
        ),
      );
  }
  if (filter.query) {
    const pattern = containing(filter.query.toLowerCase());
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['username']), 'like', pattern), eb('display_name', 'like', pattern)]));
  }
  const counted = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
  const rows = await query.select(userColumns).orderBy('username').limit(filter.limit).offset(filter.offset).execute();
  return { items: await presentUsers(db, rows, now), total: Number(counted?.total ?? 0) };
}

/** One account the actor administers (404 otherwise: an account's existence is not shown outside). */
export async function getUser(db: Kysely<Database>, actor: Actor, id: string, now: Date) {
  const row = await db.selectFrom('app_user').select(userColumns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(userWord);
  const [user] = await presentUsers(db, [row], now);
  if (!user || !canManageUser(actor, user.grants)) throw notFound(userWord);
  return user;
}

function snapshot(user: Awaited<ReturnType<typeof getUser>>) {
  return {
    username: user.username,
    displayName: user.displayName,
    disabled: user.disabled,
    grants: user.grants.map((grant) => ({ role: grant.role, unitId: grant.unitId, unitName: grant.unitName })),
  };
}

async function auditUser(context: WriteContext, action: string, user: Awaited<ReturnType<typeof getUser>>, before?: unknown, after?: unknown) {
  await recordAudit(context, {
    action,
    entityType: 'user',
    entityId: user.id,
    regionCode: user.grants[0]?.regionCode ?? null,
    before,
    after: after ?? snapshot(user),
  });
}

/** Loads the unit a grant names and checks the actor may grant roles there. */
async function assertGrantable(db: Kysely<Database>, actor: Actor, grant: GrantInput, field: string): Promise<void> {
  const unit = await db.selectFrom('unit').select('region_code').where('id', '=', grant.unitId).executeTakeFirst();
  if (!unit) throw unprocessable(field, { zh: '所选单位不存在。', en: 'The chosen unit does not exist.' });
  if (!canGrantIn(actor, unit.region_code)) {
    throw forbidden({ zh: '只能在您管辖范围内的单位上授予角色。', en: 'You can grant roles only on units inside your jurisdiction.' });
  }
}

/** Creates an account; returns its id and, when none was given, the generated first password. */
export async function createUser(context: WriteContext, actor: Actor, input: CreateUserInput) {
  for (const [index, grant] of input.grants.entries()) await assertGrantable(context.db, actor, grant, `grants.${index}.unitId`);
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generated ?? '';
  if (input.password !== undefined) assertPasswordStrength(input.password, 'password');
  const duplicate = () => conflict('username', { zh: `用户名“${input.username}”已被使用。`, en: `The username "${input.username}" is taken.` });
  const taken = await context.db
    .selectFrom('app_user')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
    .executeTakeFirst();
  if (taken) throw duplicate();
  const { id } = await context.db
    .insertInto('app_user')
    .values({
      username: input.username,
      display_name: input.displayName,
      password_hash: await hashPassword(password),
      must_change_password: generated !== undefined,
      created_at: context.now,
      updated_at: context.now,
      password_changed_at: context.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicate() : error;
    });
  const unique = input.grants.filter(
    (grant, index) => input.grants.findIndex((other) => other.role === grant.role && other.unitId === grant.unitId) === index,
  );
  await context.db
    .insertInto('role_grant')
    .values(unique.map((grant) => ({ user_id: id, role: grant.role, unit_id: grant.unitId, created_at: context.now })))
    .execute();
  const created = await getUser(context.db, actor, id, context.now);
  await auditUser(context, 'access.user.create', created);
  return { id, initialPassword: generated };
}

/** Renames, disables or re-enables an account; disabling ends its sessions. */
export async function updateUser(context: WriteContext, actor: Actor, id: string, input: UpdateUserInput): Promise<void> {
  const before = await getUser(context.db, actor, id, context.now);
  if (input.disabled === true && id === actor.userId) {
    throw unprocessable('disabled', { zh: '不能停用自己的账户。', en: 'You cannot disable your own account.' });
  }
  await context.db
    .updateTable('app_user')
    .set({
      ...(input.displayName !== undefined && { display_name: input.displayName }),
      ...(input.disabled !== undefined && { disabled: input.disabled }),
      updated_at: context.now,
    })
    .where('id', '=', id)
    .execute();
  if (input.disabled) await context.db.deleteFrom('user_session').where('user_id', '=', id).execute();
  const after = await getUser(context.db, actor, id, context.now);
  await auditUser(context, 'access.user.update', after, snapshot(before));
}

/** Grants a role on a unit. */
export async function addGrant(context: WriteContext, actor: Actor, userId: string, grant: GrantInput): Promise<void> {
  const before = await getUser(context.db, actor, userId, context.now);
  await assertGrantable(context.db, actor, grant, 'unitId');
  if (before.grants.some((existing) => existing.role === grant.role && existing.unitId === grant.unitId)) {
    throw conflict('role', { zh: '该用户已在此单位拥有此角色。', en: 'The user already holds this role on this unit.' });
  }
  await context.db.insertInto('role_grant').values({ user_id: userId, role: grant.role, unit_id: grant.unitId, created_at: context.now }).execute();
  const after = await getUser(context.db, actor, userId, context.now);
  await auditUser(context, 'access.grant.add', after, snapshot(before));
}

/** Revokes one grant; the last grant cannot be removed (disable the account instead). */
export async function removeGrant(context: WriteContext, actor: Actor, userId: string, grantId: string): Promise<void> {
  const before = await getUser(context.db, actor, userId, context.now);
  const grant = before.grants.find((candidate) => candidate.id === grantId);
  if (!grant) throw notFound({ zh: '授权', en: 'Grant' });
  if (before.grants.length === 1) {
    throw unprocessable('grantId', { zh: '不能移除最后一个角色，如需停用请停用账户。', en: 'Cannot remove the last role; disable the account instead.' });
  }
  await context.db.deleteFrom('role_grant').where('id', '=', grantId).execute();
  await context.db.deleteFrom('user_session').where('user_id', '=', userId).execute();
  const after = await getUser(context.db, actor, userId, context.now);
  await auditUser(context, 'access.grant.remove', after, snapshot(before));
}

/** Sets a new random password that must be changed at the next sign-in, unlocks, and ends sessions. */
export async function resetPassword(context: WriteContext, actor: Actor, userId: string, newPassword?: string): Promise<string> {
  const user = await getUser(context.db, actor, userId, context.now);
  if (newPassword !== undefined) assertPasswordStrength(newPassword);
  const password = newPassword ?? generatePassword();
  await context.db
    .updateTable('app_user')
    .set({
      password_hash: await hashPassword(password),
      must_change_password: newPassword === undefined,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: context.now,
      updated_at: context.now,
    })
    .where('id', '=', userId)
    .execute();
  await context.db.deleteFrom('user_session').where('user_id', '=', userId).execute();
  await auditUser(context, 'access.user.reset_password', user, undefined, { passwordReset: true });
  return password;
}

/** Changes the signed-in user's own password after checking the current one; other sessions end. */
export async function changeOwnPassword(
  context: WriteContext,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  keepSessionKey: string,
): Promise<void> {
  const row = await context.db.selectFrom('app_user').select(['password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw invalidInput('currentPassword', { zh: '当前密码不正确。', en: 'The current password is wrong.' });
  }
  assertPasswordStrength(input.newPassword);
  if (input.newPassword === input.currentPassword) {
    throw invalidInput('newPassword', { zh: '新密码不能与当前密码相同。', en: 'The new password must differ from the current one.' });
  }
  await context.db
    .updateTable('app_user')
    .set({ password_hash: await hashPassword(input.newPassword), must_change_password: false, password_changed_at: context.now, updated_at: context.now })
    .where('id', '=', userId)
    .execute();
  await context.db.deleteFrom('user_session').where('user_id', '=', userId).where('token_hash', '<>', keepSessionKey).execute();
  await recordAudit(context, { action: 'access.user.change_password', entityType: 'user', entityId: userId, regionCode: null, after: { passwordChanged: true } });
}

/** Remembers the user's interface language. */
export async function setOwnLocale(context: WriteContext, userId: string, locale: 'zh-CN' | 'en'): Promise<void> {
  await context.db.updateTable('app_user').set({ locale, updated_at: context.now }).where('id', '=', userId).execute();
}

/** Finds an account id by username (for the command line). */
export async function findUserId(db: Kysely<Database>, username: string): Promise<string | null> {
  const row = await db
    .selectFrom('app_user')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return row?.id ?? null;
}
