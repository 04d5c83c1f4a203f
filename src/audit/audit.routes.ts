/** HTTP route for reading the audit trail. */
import type { FastifyInstance } from 'fastify';
import { auditEntry, auditQuery } from '../contracts/audit.contract.ts';
import { pageOf } from '../contracts/common.contract.ts';
import { commonErrors, requireUser, typed } from '../http/route-kit.ts';
import { listAuditEntries } from './audit.service.ts';

/** Registers GET /api/audit. */
export async function auditRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Changes to business data: who, when, what, before and after',
        querystring: auditQuery,
        response: { 200: pageOf(auditEntry), ...commonErrors },
      },
    },
    async (request) => listAuditEntries(app.services.db, requireUser(request), request.query),
  );
}
