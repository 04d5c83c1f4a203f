/**
 * Webhook endpoints: where a region's events are sent (bridges to 政务微信 or 钉钉), managed by the
 * administrators of that region. The signing secret is generated here and shown only once; the audit
 * trail records endpoints without their secret and without the address's query, which for robot
 * webhooks holds an access token.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DeliveryView, ParsedCreateWebhookInput, UpdateWebhookInput, WebhookView } from '../contracts/notify.contract.ts';
import type { DeliveryStatus, WebhookEvent } from '../contracts/notify-constants.ts';
import type { Actor } from '../kernel/actor.ts';
import { forbidden, notFound, unprocessable } from '../kernel/errors.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import type { Database, WebhookEndpointTable } from '../store/tables.ts';
import { canManageWebhook, canUseWebhooks, webhookPrefixes } from './notify.policy.ts';

const endpointWord = { zh: 'Webhook 接收地址', en: 'Webhook endpoint' };

type EndpointRow = Selectable<WebhookEndpointTable> & { region_name: string };

function selectEndpoints(db: Kysely<Database>) {
  return db
    .selectFrom('webhook_endpoint')
    .innerJoin('region', 'region.code', 'webhook_endpoint.region_code')
    .selectAll('webhook_endpoint')
    .select('region.name as region_name');
}

function present(row: EndpointRow): WebhookView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events as WebhookEvent[],
    regionCode: row.region_code,
    regionName: row.region_name,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  };
}

/** The address without its query and fragment, which may carry tokens. */
function addressForAudit(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
}

/** What the audit trail keeps of an endpoint. */
function snapshot(row: Pick<EndpointRow, 'name' | 'url' | 'events' | 'region_code' | 'active'>) {
  return { name: row.name, url: addressForAudit(row.url), events: row.events, regionCode: row.region_code, active: row.active };
}

function assertWebhookUser(actor: Actor): void {
  if (!canUseWebhooks(actor)) throw forbidden();
}

/** Loads an endpoint the actor manages; outside the actor's jurisdiction it does not exist. */
async function loadManagedEndpoint(db: Kysely<Database>, actor: Actor, id: string): Promise<EndpointRow> {
  assertWebhookUser(actor);
  const row = await selectEndpoints(db).where('webhook_endpoint.id', '=', id).executeTakeFirst();
  if (!row || !canManageWebhook(actor, row.region_code)) throw notFound(endpointWord);
  return row;
}

/** The endpoints of the regions the actor administers, by region and name. */
export async function listWebhooks(db: Kysely<Database>, actor: Actor): Promise<WebhookView[]> {
  assertWebhookUser(actor);
  const prefixes = webhookPrefixes(actor);
  const rows = await selectEndpoints(db)
    .where((eb) => eb.or(prefixes.map((prefix) => eb('webhook_endpoint.region_code', 'like', `${prefix}%`))))
    .orderBy('webhook_endpoint.region_code')
    .orderBy('webhook_endpoint.name')
    .execute();
  return rows.map(present);
}

/** One endpoint the actor administers. */
export async function getWebhook(db: Kysely<Database>, actor: Actor, id: string): Promise<WebhookView> {
  return present(await loadManagedEndpoint(db, actor, id));
}

/** Creates an endpoint; returns its id and its signing secret, which is never shown again. */
export async function createWebhook(context: WriteContext, actor: Actor, input: ParsedCreateWebhookInput): Promise<{ id: string; secret: string }> {
  assertWebhookUser(actor);
  const region = await context.db.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst();
  if (!region) {
    throw unprocessable('regionCode', { zh: `行政区划 ${input.regionCode} 不存在。`, en: `Region ${input.regionCode} does not exist.` });
  }
  if (!canManageWebhook(actor, input.regionCode)) throw forbidden();
  const secret = randomBytes(32).toString('base64url');
  const values = { name: input.name, url: input.url, events: [...new Set(input.events)], region_code: input.regionCode, active: input.active };
  const { id } = await context.db
    .insertInto('webhook_endpoint')
    .values({ ...values, secret, created_at: context.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(context, {
    action: 'notify.webhook.create',
    entityType: 'webhook_endpoint',
    entityId: id,
    regionCode: input.regionCode,
    after: snapshot(values),
  });
  return { id, secret };
}

/** Renames an endpoint, changes its events, or switches it on or off. */
export async function updateWebhook(context: WriteContext, actor: Actor, id: string, input: UpdateWebhookInput): Promise<void> {
  const before = await loadManagedEndpoint(context.db, actor, id);
  const after = {
    ...before,
    ...(input.name !== undefined && { name: input.name }),
    ...(input.events !== undefined && { events: [...new Set(input.events)] }),
    ...(input.active !== undefined && { active: input.active }),
  };
  await context.db.updateTable('webhook_endpoint').set({ name: after.name, events: after.events, active: after.active }).where('id', '=', id).execute();
  await recordAudit(context, {
    action: 'notify.webhook.update',
    entityType: 'webhook_endpoint',
    entityId: id,
    regionCode: before.region_code,
    before: snapshot(before),
    after: snapshot(after),
  });
}

/** Deletes an endpoint together with its queued and past deliveries. */
export async function deleteWebhook(context: WriteContext, actor: Actor, id: string): Promise<void> {
  const before = await loadManagedEndpoint(context.db, actor, id);
  await context.db.deleteFrom('webhook_endpoint').where('id', '=', id).execute();
  await recordAudit(context, {
    action: 'notify.webhook.delete',
    entityType: 'webhook_endpoint',
    entityId: id,
    regionCode: before.region_code,
    before: snapshot(before),
  });
}

/** Filters for an endpoint's deliveries. */
export interface DeliveryFilter {
  status?: DeliveryStatus | undefined;
  limit: number;
  offset: number;
}

/** An endpoint's deliveries, newest first, without their payloads. */
export async function listDeliveries(db: Kysely<Database>, actor: Actor, endpointId: string, filter: DeliveryFilter) {
  await loadManagedEndpoint(db, actor, endpointId);
  let query = db.selectFrom('webhook_delivery').where('endpoint_id', '=', endpointId);
  if (filter.status) query = query.where('status', '=', filter.status);
  const counted = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
  const rows = await query
    .select(['id', 'event', 'status', 'attempts', 'next_attempt_at', 'last_status', 'last_error', 'created_at', 'delivered_at'])
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const items: DeliveryView[] = rows.map((row) => ({
    id: row.id,
    event: row.event,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? (row.next_attempt_at?.toISOString() ?? null) : null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  }));
  return { items, total: Number(counted?.total ?? 0) };
}
