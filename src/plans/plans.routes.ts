/** HTTP routes for reading plans and setting their reporting schedule. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { planDetail, planSummary } from '../contracts/plans.contract.ts';
import { commonErrors, inTransaction, requireUser, typed } from '../http/route-kit.ts';
import { packSchedule } from './plan-pack.schema.ts';
import { setPlanSchedule } from './plans.schedule.ts';
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

  app.put(
    '/api/plans/:id/schedule',
    {
      schema: {
        tags,
        summary: 'Set the reporting schedule (monthly or quarterly on day N, fixed dated periods, or none); coordinators of the plan region',
        params: z.strictObject({ id: z.uuid() }),
        body: z.strictObject({ schedule: packSchedule }),
        response: { 200: planDetail, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => setPlanSchedule(context, user, request.params.id, request.body.schedule));
      return getPlan(app.services.db, user, request.params.id);
    },
  );
}
