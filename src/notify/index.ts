/** Notify: in-app notifications addressed to units and outgoing webhooks. Other domains use only what is exported here. */
export { notifyRoutes } from './notify.routes.ts';
export { notifyUnits, listNotifications, markNotificationRead, type NotifyUnitsInput, type NotifyUnitsResult } from './notifications.service.ts';
export { createWebhook, updateWebhook, deleteWebhook, listWebhooks, listDeliveries } from './webhooks.service.ts';
export { deliverDueWebhooks, type DeliverOptions, type DeliverSummary } from './webhook-delivery.ts';
export { signatureOf, retryDelaysMs, maxAttempts } from './webhook-protocol.ts';
export { webhookEvents, type WebhookEvent } from '../contracts/notify-constants.ts';
export type { WebhookMessage } from '../contracts/notify.contract.ts';
