/** The wire shapes of notifications and webhooks, and of the message a webhook receiver gets. */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { pageOf, pagingQuery, timestamp } from './common.contract.ts';
import { deliveryStatuses, webhookEvents } from './notify-constants.ts';
import { regionCode } from './org.contract.ts';

/** `GET /api/notifications`: only unread ones with `unread=true`, newest first, paged. */
export const notificationsQuery = z.strictObject({ unread: z.enum(['true', 'false']).optional(), ...pagingQuery });

/** A notification in the reader's language. */
export const notificationView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path inside the app the notification leads to. */
  link: z.string().nullable(),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});

/** The answer to `GET /api/notifications`: a page, and how many are unread in all. */
export const notificationPage = pageOf(notificationView).extend({ unread: z.number().int() });

/** True for an absolute http:// or https:// address with a host. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const webhookUrl = z
  .string()
  .trim()
  .max(500)
  .refine(isHttpUrl, { message: bilingual('应为以 http:// 或 https:// 开头的完整网址', 'must be a full address starting with http:// or https://') });
const webhookName = z.string().trim().min(1).max(100);
const eventList = z.array(z.enum(webhookEvents)).min(1).max(webhookEvents.length);

/** `POST /api/webhooks`. */
export const createWebhookInput = z.strictObject({
  name: webhookName,
  url: webhookUrl,
  events: eventList,
  /** The endpoint receives the events of the units inside this region. */
  regionCode,
  active: z.boolean().default(true),
});

/** `PATCH /api/webhooks/:id`. */
export const updateWebhookInput = z.strictObject({
  name: webhookName.optional(),
  events: eventList.optional(),
  active: z.boolean().optional(),
});

/** A webhook endpoint as its administrators see it; the secret is never shown again after creation. */
export const webhookView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.enum(webhookEvents)),
  regionCode: z.string(),
  regionName: z.string(),
  active: z.boolean(),
  createdAt: timestamp,
});

/** The answer to `POST /api/webhooks`: the endpoint and, this once, its signing secret. */
export const createdWebhook = webhookView.extend({ secret: z.string() });

/** `GET /api/webhooks/:id/deliveries`. */
export const deliveriesQuery = z.strictObject({ status: z.enum(deliveryStatuses).optional(), ...pagingQuery });

/** One delivery of an event to an endpoint; the payload itself is not shown, it may hold personal data. */
export const deliveryView = z.object({
  id: z.number().int(),
  event: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: timestamp.nullable(),
  /** The HTTP status of the last attempt, when the receiver answered. */
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: timestamp,
  deliveredAt: timestamp.nullable(),
});

const bilingualText = z.object({ zh: z.string(), en: z.string() });

/**
 * The JSON body POSTed to a webhook endpoint. Headers: `x-wenbao-event`, `x-wenbao-delivery` (the delivery
 * id: a retry repeats it, so receivers can drop duplicates) and `x-wenbao-signature: sha256=<hex>`, the
 * HMAC-SHA256 of the raw body with the endpoint's secret.
 */
export const webhookMessage = z.object({
  event: z.enum(webhookEvents),
  occurredAt: timestamp,
  payload: z.object({
    notificationId: z.string(),
    unit: z.object({ id: z.string(), name: z.string(), regionCode: z.string() }),
    kind: z.string(),
    title: bilingualText,
    body: bilingualText,
    link: z.string().nullable(),
    /** What the raising domain attached to the event. */
    data: z.record(z.string(), z.unknown()),
  }),
});

/** Query of `GET /api/notifications`. */
export type NotificationsQuery = z.input<typeof notificationsQuery>;
/** A notification in the reader's language. */
export type NotificationView = z.output<typeof notificationView>;
/** `POST /api/webhooks` as the client sends it. */
export type CreateWebhookInput = z.input<typeof createWebhookInput>;
/** `POST /api/webhooks` after validation. */
export type ParsedCreateWebhookInput = z.output<typeof createWebhookInput>;
/** `PATCH /api/webhooks/:id`. */
export type UpdateWebhookInput = z.output<typeof updateWebhookInput>;
/** A webhook endpoint. */
export type WebhookView = z.output<typeof webhookView>;
/** One delivery of an event. */
export type DeliveryView = z.output<typeof deliveryView>;
/** The body a webhook receiver gets. */
export type WebhookMessage = z.output<typeof webhookMessage>;
