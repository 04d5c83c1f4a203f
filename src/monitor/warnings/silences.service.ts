/**
 * Silences: a rule quietened in a region's subtree for a stated reason until an expiry. While one is in
 * force the rule raises no new alert there; expired or revoked silences do nothing and stay listed.
 */
import type { Kysely } from 'kysely';
import type { CreateSilenceInput, SilenceView } from '../../contracts/monitor-warnings.contract.ts';
import { inJurisdictionOrAbove, jurisdictionOrAbove, type Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts';
import { regionAncestry } from '../../kernel/region-code.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import type { Database } from '../../store/tables.ts';
import { canManageSilence, canReadRule } from './warnings.policy.ts';

const silenceWord = { zh: '静默', en: 'Silence' };

/** The silence in force now for the rule over this region (its own or an ancestor's subtree), if any. */
export async function activeSilence(db: Kysely<Database>, ruleId: string, regionCode: string, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('monitor_silence')
    .select('id')
    .where('rule_id', '=', ruleId)
    .where('region_code', 'in', regionAncestry(regionCode))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.id ?? null;
}

function snapshot(row: { rule_id: string; region_code: string; reason: string; expires_at: Date; revoked_at: Date | null }) {
  return { ruleId: row.rule_id, regionCode: row.region_code, reason: row.reason, expiresAt: row.expires_at.toISOString(), revokedAt: row.revoked_at?.toISOString() ?? null };
}

/** Silences a rule in a region's subtree until `expiresAt` (in the future); returns the silence's id. */
export async function createSilence(context: WriteContext, actor: Actor, input: CreateSilenceInput): Promise<string> {
  const rule = await context.db.selectFrom('monitor_warning_rule').select(['id', 'scope_region_code']).where('id', '=', input.ruleId).executeTakeFirst();
  if (!rule || !canReadRule(actor, rule.scope_region_code)) throw unprocessable('ruleId', { zh: '预警规则不存在。', en: 'The warning rule does not exist.' });
  const region = await context.db.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst();
  if (!region) throw unprocessable('regionCode', { zh: `行政区划 ${input.regionCode} 不存在。`, en: `Region ${input.regionCode} does not exist.` });
  if (!canManageSilence(actor, input.regionCode)) throw forbidden();
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt.getTime() <= context.now.getTime()) {
    throw unprocessable('expiresAt', { zh: '静默的截止时间须在将来。', en: 'A silence must expire in the future.' });
  }
  const { id } = await context.db
    .insertInto('monitor_silence')
    .values({ rule_id: input.ruleId, region_code: input.regionCode, reason: input.reason, expires_at: expiresAt, created_by: context.actor.id, created_at: context.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = await context.db.selectFrom('monitor_silence').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  await recordAudit(context, { action: 'monitor.silence.create', entityType: 'monitor_silence', entityId: id, regionCode: input.regionCode, after: snapshot(after) });
  return id;
}

/** Revokes a silence before its expiry. */
export async function revokeSilence(context: WriteContext, actor: Actor, id: string): Promise<void> {
  const before = await context.db.selectFrom('monitor_silence').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!before || !inJurisdictionOrAbove(actor, before.region_code)) throw notFound(silenceWord);
  if (!canManageSilence(actor, before.region_code)) throw forbidden();
  if (before.revoked_at !== null || before.expires_at.getTime() <= context.now.getTime()) {
    throw conflict('status', { zh: '该静默已撤销或已过期。', en: 'The silence is already revoked or expired.' });
  }
  await context.db.updateTable('monitor_silence').set({ revoked_at: context.now }).where('id', '=', id).execute();
  await recordAudit(context, { action: 'monitor.silence.revoke', entityType: 'monitor_silence', entityId: id, regionCode: before.region_code, before: snapshot(before), after: snapshot({ ...before, revoked_at: context.now }) });
}

/** Filters of the silence list. */
export interface SilenceFilter {
  ruleId?: string | undefined;
  /** One silence only (to present it after a change). */
  silenceId?: string | undefined;
  /** Only those in force at `now`. */
  activeOnly: boolean;
  limit: number;
  offset: number;
}

/**
 * Silences in or above the actor's jurisdiction (a county sees the prefecture's silence that covers it),
 * filtered and paged in SQL.
 */
export async function listSilences(db: Kysely<Database>, actor: Actor, filter: SilenceFilter, now: Date): Promise<{ items: SilenceView[]; total: number }> {
  const { prefixes, ancestors } = jurisdictionOrAbove(actor);
  let query = db
    .selectFrom('monitor_silence as silence')
    .innerJoin('monitor_warning_rule as rule', 'rule.id', 'silence.rule_id')
    .innerJoin('region', 'region.code', 'silence.region_code')
    .leftJoin('app_user', 'app_user.id', 'silence.created_by');
  if (!prefixes.includes('')) {
    query = query.where((eb) =>
      eb.or([...prefixes.map((prefix) => eb('silence.region_code', 'like', `${prefix}%`)), ...(ancestors.length > 0 ? [eb('silence.region_code', 'in', ancestors)] : [])]),
    );
  }
  if (filter.ruleId) query = query.where('silence.rule_id', '=', filter.ruleId);
  if (filter.silenceId) query = query.where('silence.id', '=', filter.silenceId);
  if (filter.activeOnly) query = query.where('silence.revoked_at', 'is', null).where('silence.expires_at', '>', now);
  const counted = await query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirst();
  const rows = await query
    .selectAll('silence')
    .select(['rule.code as rule_code', 'region.name as region_name', 'app_user.display_name as created_by_name'])
    .orderBy('silence.created_at', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return {
    total: Number(counted?.total ?? 0),
    items: rows.map((row) => {
      const inForce = row.revoked_at === null && row.expires_at.getTime() > now.getTime();
      return {
        id: row.id,
        ruleId: row.rule_id,
        ruleCode: row.rule_code,
        regionCode: row.region_code,
        regionName: row.region_name,
        reason: row.reason,
        expiresAt: row.expires_at.toISOString(),
        createdBy: row.created_by_name,
        createdAt: row.created_at.toISOString(),
        revokedAt: row.revoked_at?.toISOString() ?? null,
        active: inForce,
        abilities: { revoke: inForce && canManageSilence(actor, row.region_code) },
      };
    }),
  };
}
