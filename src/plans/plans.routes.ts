/** HTTP routes for reading plans. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { planDetail, planSummary } from '../contracts/plans.contract.ts';
import { commonErrors, requireUser, typed } from '../http/route-kit.ts';
import { getPlan, listPlans } from './plans.service.ts';

/** Registers the plan routes under /api. */
export async function plansRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const tags = ['plans'];

  app.get(
    '/api/plans',
    { schema: { tags, summary: 'Plans issued in or above your jurisdiction', response: { 200: z.object({ items: z.array(planSummary) }), ...commonErrors } } },
    async (request) => ({ items: await listPlans(app.services.db, requireUser(request)) }),
  );

  app.get(
    '/api/plans/:id',
    {
      schema: {
        tags,
        summary: 'One plan: sections, tasks with their lead and co-units, targets with milestones',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: planDetail, ...commonErrors },
      },
    },
    async (request) => getPlan(app.services.db, requireUser(request), request.params.id),
  );
}
