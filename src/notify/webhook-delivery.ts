/**
 * Sending queued webhook deliveries. Any number of server processes may run this at once: each claims a
 * batch of due rows with `FOR UPDATE SKIP LOCKED` in a short transaction and pushes their next attempt
 * forward by a lease, then sends outside the transaction (an HTTP call must not hold a database
 * connection, and PGlite has only one). A process that dies mid-send leaves its rows to be claimed again
 * when the lease ends, so delivery is at least once; receivers drop repeats by `x-wenbao-delivery`.
 * Payloads are never logged: they may carry personal data.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/tables.ts';
import { deliveryTimeoutMs, describeFailure, nextAttemptAfter, signatureOf } from './webhook-protocol.ts';

/** How long a claimed row is left to its claimer: well beyond one attempt's timeout. */
const leaseMs = 5 * 60_000;
/** Rows the worker claims per round. */

/** How to run one round of deliveries. */
export interface DeliverOptions {
  /** The current time; retries are scheduled from it. */
  now: Date;
  /** The HTTP client; tests may inject one. */
  fetch?: typeof globalThis.fetch;
  /** Rows claimed in one round. */
  batch?: number;
  /** How long one attempt may take. */
  timeoutMs?: number;
}

/** What one round did. */
export interface DeliverSummary {
  /** Rows claimed and attempted. */
  attempted: number;
  delivered: number;
  /** Failed attempts that will be tried again. */
  retrying: number;
  /** Failed attempts that were the last. */
  failed: number;
}

interface ClaimedDelivery {
  id: number;
  event: string;
  payload: unknown;
  created_at: Date;
  attempts: number;
  url: string;
  secret: string;
}

/** Claims up to `batch` due deliveries of active endpoints, counting the attempt and leasing the rows. */
async function claimDue(db: Kysely<Database>, now: Date, batch: number): Promise<ClaimedDelivery[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('webhook_delivery')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('webhook_endpoint').select('id').whereRef('webhook_endpoint.id', '=', 'webhook_delivery.endpoint_id').where('active', '=', true)),
      )
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('webhook_delivery')
      .from('webhook_endpoint')
      .set({ attempts: sql`webhook_delivery.attempts + 1`, next_attempt_at: new Date(now.getTime() + leaseMs) })
      .whereRef('webhook_endpoint.id', '=', 'webhook_delivery.endpoint_id')
      .where('webhook_delivery.id', 'in', due.map((row) => row.id))
      .returning([
        'webhook_delivery.id',
        'webhook_delivery.event',
        'webhook_delivery.payload',
        'webhook_delivery.created_at',
        'webhook_delivery.attempts',
        'webhook_endpoint.url',
        'webhook_endpoint.secret',
      ])
      .execute();
  });
}

type Outcome = { status: number } | { error: unknown };

/** POSTs one delivery; redirects are not followed, since the signed body must reach the configured address. */
async function send(delivery: ClaimedDelivery, fetch: typeof globalThis.fetch, timeoutMs: number): Promise<Outcome> {
  const body = JSON.stringify({ event: delivery.event, occurredAt: delivery.created_at.toISOString(), payload: delivery.payload });
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-wenbao-event': delivery.event,
        'x-wenbao-delivery': String(delivery.id),
        'x-wenbao-signature': signatureOf(delivery.secret, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer's body is not needed; dropping it frees the connection.
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    return { error };
  }
}

/** Records an attempt's outcome, unless the row was claimed again meanwhile (its lease ran out). */
async function record(db: Kysely<Database>, delivery: ClaimedDelivery, outcome: Outcome, now: Date, timeoutMs: number) {
  const succeeded = 'status' in outcome && outcome.status >= 200 && outcome.status < 300;
  const retryAt = succeeded ? null : nextAttemptAfter(delivery.attempts, now);
  const status = succeeded ? 'delivered' : retryAt ? 'pending' : 'failed';
  await db
    .updateTable('webhook_delivery')
    .set({
      status,
      next_attempt_at: retryAt,
      last_status: 'status' in outcome ? outcome.status : null,
      last_error: succeeded ? null : describeFailure(outcome, timeoutMs).slice(0, 200),
      delivered_at: succeeded ? now : null,
    })
    .where('id', '=', delivery.id)
    .where('attempts', '=', delivery.attempts)
    .where('status', '=', 'pending')
    .execute();
  return status;
}

/**
 * Sends one batch of due deliveries: 2xx marks a delivery delivered; anything else schedules the next
 * attempt after 1 min, 5 min, 30 min, 2 h and 12 h, and the 6th failure marks it failed.
 */
export async function deliverDueWebhooks(db: Kysely<Database>, options: DeliverOptions): Promise<DeliverSummary> {
  const { now, fetch = globalThis.fetch, batch = 20, timeoutMs = deliveryTimeoutMs } = options;
  const claimed = await claimDue(db, now, batch);
  const outcomes = await Promise.all(
    claimed.map(async (delivery) => record(db, delivery, await send(delivery, fetch, timeoutMs), now, timeoutMs)),
  );
  return {
    attempted: claimed.length,
    delivered: outcomes.filter((status) => status === 'delivered').length,
    retrying: outcomes.filter((status) => status === 'pending').length,
    failed: outcomes.filter((status) => status === 'failed').length,
  };
}

