/** HTTP route for reading the audit trail. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { isIsoDate } from '../kernel/periods.ts';
import { commonErrors, pageOf, pagingQuery, requireUser, typed } from '../http/route-kit.ts';
import { listAuditEntries } from './audit.service.ts';

const isoDate = z.string().refine(isIsoDate, { message: bilingual('应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD') });

const auditEntry = z.object({
  id: z.number().int(),
  at: z.date(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

/** Registers GET /api/audit. */
export async function auditRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Changes to business data: who, when, what, before and after',
        querystring: z.strictObject({
          actor: z.string().trim().max(64).optional(),
          action: z.string().trim().max(100).optional(),
          entityType: z.string().trim().max(50).optional(),
          entityId: z.string().trim().max(100).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
          ...pagingQuery,
        }),
        response: { 200: pageOf(auditEntry), ...commonErrors },
      },
    },
    async (request) => listAuditEntries(app.services.db, requireUser(request), request.query),
  );
}
