/**
 * The audit trail: every change to business data is written here in the same transaction as the change,
 * with who made it, when, what it touched and the record before and after.
 */
import type { Kysely } from 'kysely';
import type { Database } from './tables.ts';

/** Who a change is attributed to: a user, or a named system actor such as the CLI or first start. */
export interface AuditActor {
  id: string | null;
  name: string;
}

/** What a use case needs to write: the transaction, the actor, the time and the request it serves. */
export interface WriteContext {
  db: Kysely<Database>;
  actor: AuditActor;
  now: Date;
  requestId?: string | undefined;
}

/** One entry of the trail. */
export interface AuditEntry {
  /** Verb in `domain.entity.verb` form, e.g. `org.unit.create`. */
  action: string;
  entityType: string;
  entityId: string;
  /** The region the record belongs to; the trail is scoped by jurisdiction with it. */
  regionCode: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit entry inside the caller's transaction. */
export async function recordAudit(context: WriteContext, entry: AuditEntry): Promise<void> {
  await context.db
    .insertInto('audit_log')
    .values({
      at: context.now,
      actor_id: context.actor.id,
      actor_name: context.actor.name,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      region_code: entry.regionCode,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: context.requestId ?? null,
    })
    .execute();
}
