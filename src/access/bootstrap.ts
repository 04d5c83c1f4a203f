/**
 * First start: the platform's own unit at the root of the region tree, and an administrator on it. The
 * password comes from WENBAO_ADMIN_PASSWORD or is generated and returned to be printed once.
 */
import { systemActor } from '../kernel/actor.ts';
import { rootRegionCode } from '../kernel/region-code.ts';
import type { WriteContext } from '../store/audit.ts';
import { createUser } from './users.service.ts';

/** The name of the unit that operates the platform itself. */
export const platformUnitName = '稳保平台管理';

/** Creates the platform unit if it is missing; returns its id. */
export async function ensurePlatformUnit(context: WriteContext): Promise<string> {
  const existing = await context.db
    .selectFrom('unit')
    .select('id')
    .where('region_code', '=', rootRegionCode)
    .where('name', '=', platformUnitName)
    .executeTakeFirst();
  if (existing) return existing.id;
  const { id } = await context.db
    .insertInto('unit')
    .values({ region_code: rootRegionCode, name: platformUnitName, kind: 'other', created_at: context.now, updated_at: context.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Creates the `admin` account when there is no account at all. Returns the password to print when one
 * was generated, `null` when an account already existed or the password came from the environment.
 */
export async function ensureAdministrator(context: WriteContext, password: string | undefined): Promise<{ created: boolean; generatedPassword: string | null }> {
  const anyUser = await context.db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { created: false, generatedPassword: null };
  const unitId = await ensurePlatformUnit(context);
  const created = await createUser(context, systemActor, {
    username: 'admin',
    displayName: '系统管理员',
    password,
    grants: [{ role: 'admin', unitId }],
  });
  return { created: true, generatedPassword: created.initialPassword ?? null };
}
