/**
 * Reading the audit trail. Entries are filtered by jurisdiction in SQL: an auditor of a county sees the
 * changes to that county's records; entries without a region (accounts without grants, sign-in events)
 * are visible to those whose jurisdiction is the whole country. Personal data is masked for display.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../kernel/actor.ts';
import { startingWith } from '../kernel/like-pattern.ts';
import { forbidden } from '../kernel/errors.ts';
import { maskPersonalFields } from '../kernel/masking.ts';
import type { Database } from '../store/tables.ts';
import { auditPrefixes } from './audit.policy.ts';

/** Filters for the audit trail. */
export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** Inclusive calendar dates, Asia/Shanghai. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** A page of audit entries the actor may read, newest first. */
export async function listAuditEntries(db: Kysely<Database>, actor: Actor, filter: AuditFilter) {
  const prefixes = auditPrefixes(actor);
  if (prefixes.length === 0) throw forbidden();
  let query = db.selectFrom('audit_log');
  if (!prefixes.includes('')) {
    query = query.where((eb) => eb.or(prefixes.map((prefix) => eb('region_code', 'like', `${prefix}%`))));
  }
  if (filter.actor) query = query.where('actor_name', '=', filter.actor);
  if (filter.action) query = query.where('action', 'like', startingWith(filter.action));
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.from) query = query.where('at', '>=', new Date(`${filter.from}T00:00:00+08:00`));
  if (filter.to) query = query.where('at', '<', new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000));
  const counted = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
  const rows = await query.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
  return {
    total: Number(counted?.total ?? 0),
    items: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorName: row.actor_name,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      regionCode: row.region_code,
      before: maskPersonalFields(row.before) ?? null,
      after: maskPersonalFields(row.after) ?? null,
      requestId: row.request_id,
    })),
  };
}
