/**
 * In-app notifications addressed to units, and the webhook deliveries each one sets off. Other domains
 * (report reminders, returned reports, alerts) call `notifyUnits` inside their own transaction, so a
 * notice exists exactly when the change that caused it was committed.
 */
import type { Kysely, Selectable } from 'kysely';
import type { NotificationView } from '../contracts/notify.contract.ts';
import { webhookEvents, type WebhookEvent } from '../contracts/notify-constants.ts';
import { regionWithin, type Actor } from '../kernel/actor.ts';
import { notFound, unprocessable, type LocalizedText } from '../kernel/errors.ts';
import { regionAncestry } from '../kernel/region-code.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import type { Database, NotificationTable } from '../store/tables.ts';
import { canReadNotification, notifiedUnitIds } from './notify.policy.ts';

const notificationWord = { zh: '通知', en: 'Notification' };

/** What to tell the units, and what to send the webhooks subscribed to the event. */
export interface NotifyUnitsInput {
  /** The units addressed; every user holding a role on one of them sees its notification. */
  unitIds: readonly string[];
  /** What sort of notice this is, for the interface (`report.reminder`): lower case, dots, dashes. */
  kind: string;
  /** A short headline in both interface languages (at most 200 characters). */
  title: LocalizedText;
  /** The text in both interface languages (at most 2000 characters). */
  body: LocalizedText;
  /** The page inside the app the notice leads to (`/plans/…/tasks/…`), if any. */
  link?: string | null | undefined;
  /** The webhook event; each active endpoint subscribed to it gets one delivery per unit in its region. */
  event: WebhookEvent;
  /** The event's data for webhook receivers, built by the caller; stored for delivery, never logged. */
  payload: Record<string, unknown>;
}

/** What `notifyUnits` created. */
export interface NotifyUnitsResult {
  /** One per unit, in the order the units were given (repeats dropped). */
  notificationIds: string[];
  /** Webhook deliveries queued. */
  deliveries: number;
}

/** Refuses a call that breaks the rules; these come from code, not users, so the messages name the input. */
function assertWellFormed(input: NotifyUnitsInput): void {
  const refuse = (field: string, zh: string, en: string) =>
    unprocessable(field, { zh: `通知参数 ${field} 不正确：${zh}`, en: `Notification input ${field}: ${en}` });
  if (!(webhookEvents as readonly string[]).includes(input.event)) throw refuse('event', `未知事件 ${input.event}`, `unknown event ${input.event}`);
  if (!/^[a-z][a-z0-9_.-]{0,49}$/.test(input.kind)) {
    throw refuse('kind', '应为 1 到 50 个小写字母、数字、点或连字符', 'use 1 to 50 lower-case letters, digits, dots or dashes');
  }
  for (const [field, text, limit] of [['title', input.title, 200], ['body', input.body, 2000]] as const) {
    for (const language of ['zh', 'en'] as const) {
      const length = text[language].length;
      const least = field === 'title' ? 1 : 0;
      if (length > limit || length < least) throw refuse(`${field}.${language}`, `长度应为 ${least} 到 ${limit} 个字符`, `must be ${least} to ${limit} characters`);
    }
  }
  if (input.link != null && (!/^\/([^/\\]|$)/.test(input.link) || input.link.length > 500)) {
    throw refuse('link', '应为本系统内以单个 / 开头的路径，最长 500 个字符', 'must be a path inside the app starting with a single /, at most 500 characters');
  }
}

/**
 * Notifies each unit once and queues one webhook delivery per active endpoint that is subscribed to the
 * event and whose region holds the unit. Runs in the caller's transaction; the caller audits its own
 * change, which is what caused the notices (one audit entry per notice would drown the trail).
 */
export async function notifyUnits(context: WriteContext, input: NotifyUnitsInput): Promise<NotifyUnitsResult> {
  assertWellFormed(input);
  const unitIds = [...new Set(input.unitIds)];
  if (unitIds.length === 0) return { notificationIds: [], deliveries: 0 };
  const units = await context.db.selectFrom('unit').select(['id', 'name', 'region_code']).where('id', 'in', unitIds).execute();
  const missing = unitIds.find((id) => !units.some((unit) => unit.id === id));
  if (missing) throw unprocessable('unitIds', { zh: `单位 ${missing} 不存在。`, en: `Unit ${missing} does not exist.` });
  const link = input.link ?? null;
  const created = await context.db
    .insertInto('notification')
    .values(
      units.map((unit) => ({
        unit_id: unit.id,
        region_code: unit.region_code,
        kind: input.kind,
        title_zh: input.title.zh,
        title_en: input.title.en,
        body_zh: input.body.zh,
        body_en: input.body.en,
        link,
        created_at: context.now,
      })),
    )
    .returning(['id', 'unit_id'])
    .execute();
  const notificationOf = new Map(created.map((row) => [row.unit_id, row.id]));
  // An endpoint covers a unit when its region is the unit's region or one above it.
  const regionsAbove = [...new Set(units.flatMap((unit) => regionAncestry(unit.region_code)))];
  const endpoints = await context.db
    .selectFrom('webhook_endpoint')
    .select(['id', 'region_code'])
    .where('active', '=', true)
    .where('region_code', 'in', regionsAbove)
    .where((eb) => eb(eb.val<string>(input.event), '=', eb.fn.any('events')))
    .execute();
  const deliveries = units.flatMap((unit) =>
    endpoints
      .filter((endpoint) => regionWithin(unit.region_code, endpoint.region_code))
      .map((endpoint) => ({
        endpoint_id: endpoint.id,
        event: input.event,
        payload: JSON.stringify({
          notificationId: notificationOf.get(unit.id),
          unit: { id: unit.id, name: unit.name, regionCode: unit.region_code },
          kind: input.kind,
          title: input.title,
          body: input.body,
          link,
          data: input.payload,
        }),
        next_attempt_at: context.now,
        created_at: context.now,
      })),
  );
  if (deliveries.length > 0) await context.db.insertInto('webhook_delivery').values(deliveries).execute();
  return { notificationIds: unitIds.map((id) => notificationOf.get(id) ?? ''), deliveries: deliveries.length };
}

/** Filters for the notification list. */
export interface NotificationFilter {
  unreadOnly: boolean;
  limit: number;
  offset: number;
}

type NotificationRow = Selectable<NotificationTable> & { unit_name: string };

function present(row: NotificationRow, language: 'zh' | 'en'): NotificationView {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    kind: row.kind,
    title: language === 'en' ? row.title_en : row.title_zh,
    body: language === 'en' ? row.body_en : row.body_zh,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

/** The notifications of the units the actor holds roles on, newest first, in the given language. */
export async function listNotifications(db: Kysely<Database>, actor: Actor, filter: NotificationFilter, language: 'zh' | 'en') {
  const unitIds = notifiedUnitIds(actor);
  if (unitIds.length === 0) return { items: [], total: 0, unread: 0 };
  const mine = db.selectFrom('notification').where('notification.unit_id', 'in', unitIds);
  const listed = filter.unreadOnly ? mine.where('notification.read_at', 'is', null) : mine;
  const counts = await mine
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('notification.id').filterWhere('notification.read_at', 'is', null).as('unread'),
    ])
    .executeTakeFirst();
  const rows = await listed
    .innerJoin('unit', 'unit.id', 'notification.unit_id')
    .selectAll('notification')
    .select('unit.name as unit_name')
    .orderBy('notification.created_at', 'desc')
    .orderBy('notification.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const unread = Number(counts?.unread ?? 0);
  return { items: rows.map((row) => present(row, language)), total: filter.unreadOnly ? unread : Number(counts?.total ?? 0), unread };
}

/** Marks a notification read for its unit, recording who read it first; reading it again changes nothing. */
export async function markNotificationRead(context: WriteContext, actor: Actor, id: string): Promise<void> {
  const row = await context.db.selectFrom('notification').select(['id', 'unit_id', 'region_code', 'read_at']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row || !canReadNotification(actor, row.unit_id)) throw notFound(notificationWord);
  if (row.read_at) return;
  await context.db.updateTable('notification').set({ read_at: context.now, read_by: actor.userId }).where('id', '=', id).execute();
  await recordAudit(context, {
    action: 'notify.notification.read',
    entityType: 'notification',
    entityId: id,
    regionCode: row.region_code,
    after: { readAt: context.now.toISOString() },
  });
}

/** One notification as the actor reads it. */
export async function getNotification(db: Kysely<Database>, actor: Actor, id: string, language: 'zh' | 'en'): Promise<NotificationView> {
  const row = await db
    .selectFrom('notification')
    .innerJoin('unit', 'unit.id', 'notification.unit_id')
    .selectAll('notification')
    .select('unit.name as unit_name')
    .where('notification.id', '=', id)
    .executeTakeFirst();
  if (!row || !canReadNotification(actor, row.unit_id)) throw notFound(notificationWord);
  return present(row, language);
}
