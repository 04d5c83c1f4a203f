/** HTTP routes for notifications and webhook endpoints: validate → load → authorize → act → present. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pageOf } from '../contracts/common.contract.ts';
import {
  createdWebhook,
  createWebhookInput,
  deliveriesQuery,
  deliveryView,
  notificationPage,
  notificationsQuery,
  notificationView,
  updateWebhookInput,
  webhookView,
} from '../contracts/notify.contract.ts';
import { commonErrors, inTransaction, requireUser, typed, requestLanguage } from '../http/route-kit.ts';
import { getNotification, listNotifications, markNotificationRead } from './notifications.service.ts';
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, updateWebhook } from './webhooks.service.ts';

const idParams = z.strictObject({ id: z.uuid() });


/** Registers the notification and webhook routes under /api. */
export async function notifyRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);

  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Notifications of the units you hold roles on, newest first',
        querystring: notificationsQuery,
        response: { 200: notificationPage, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { unread, limit, offset } = request.query;
      return listNotifications(app.services.db, user, { unreadOnly: unread === 'true', limit, offset }, requestLanguage(request));
    },
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark a notification read for its unit',
        params: idParams,
        response: { 200: notificationView, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => markNotificationRead(context, user, request.params.id));
      return getNotification(app.services.db, user, request.params.id, requestLanguage(request));
    },
  );

  const tags = ['webhooks'];

  app.get(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: 'Webhook endpoints of the regions you administer',
        response: { 200: z.object({ items: z.array(webhookView) }), ...commonErrors },
      },
    },
    async (request) => ({ items: await listWebhooks(app.services.db, requireUser(request)) }),
  );

  app.post(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: 'Add a webhook endpoint; its signing secret is shown in this answer only',
        body: createWebhookInput,
        response: { 201: createdWebhook, ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { id, secret } = await inTransaction(request, (context) => createWebhook(context, user, request.body));
      reply.code(201);
      return { ...(await getWebhook(app.services.db, user, id)), secret };
    },
  );

  app.get(
    '/api/webhooks/:id',
    { schema: { tags, summary: 'One webhook endpoint', params: idParams, response: { 200: webhookView, ...commonErrors } } },
    async (request) => getWebhook(app.services.db, requireUser(request), request.params.id),
  );

  app.patch(
    '/api/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Rename a webhook endpoint, change its events, or switch it on or off',
        params: idParams,
        body: updateWebhookInput,
        response: { 200: webhookView, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => updateWebhook(context, user, request.params.id, request.body));
      return getWebhook(app.services.db, user, request.params.id);
    },
  );

  app.delete(
    '/api/webhooks/:id',
    {
      schema: { tags, summary: 'Delete a webhook endpoint and its deliveries', params: idParams, response: { 204: z.null(), ...commonErrors } },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => deleteWebhook(context, user, request.params.id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Recent deliveries to a webhook endpoint, newest first (payloads are not shown)',
        params: idParams,
        querystring: deliveriesQuery,
        response: { 200: pageOf(deliveryView), ...commonErrors },
      },
    },
    async (request) => listDeliveries(app.services.db, requireUser(request), request.params.id, request.query),
  );
}
