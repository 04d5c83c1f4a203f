/**
 * The notify domain's enumerations as plain lists, so the web app can import them as values without Zod
 * (like `constants.ts`). A domain that raises a new kind of event adds its name here.
 */

/** The events webhook endpoints can subscribe to, named `subject.verb`. */
export const webhookEvents = [
  'task.assigned',
  'report.reminder',
  'report.overdue',
  'report.submitted',
  'report.returned',
  'report.accepted',
  'problem.logged',
  'problem.escalated',
  'problem.supervised',
  'problem.closed',
  'bulletin.published',
  'alert.raised',
] as const;

/** One of the webhook events. */
export type WebhookEvent = (typeof webhookEvents)[number];

/** Where a webhook delivery stands. */
export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const;

/** One of the delivery states. */
export type DeliveryStatus = (typeof deliveryStatuses)[number];
