/** HTTP routes for target progress, colour history, allocation and colour rules: validate → load → authorize → act → present. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { allocationInput, allocationView, colourHistory, colourHistoryQuery, colourRules, planProgress, progressQuery } from '../../contracts/plan-progress.contract.ts';
import { chinaDate } from '../../kernel/periods.ts';
import { commonErrors, inTransaction, requestLanguage, requireUser, typed } from '../../http/route-kit.ts';
import { allocateTarget } from './allocation.service.ts';
import { setColourRules } from './colour-rules.service.ts';
import { getPlanProgress, listColourHistory } from './progress.service.ts';

const planParams = z.strictObject({ id: z.uuid() });

/** Registers the progress routes under /api/plans/:id. */
export async function progressRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const tags = ['plans'];

  app.get(
    '/api/plans/:id/progress',
    {
      schema: {
        tags,
        summary: 'Targets against their time schedule (时序进度) with figures, slip and colour; task colours; reasons in the request’s language',
        params: planParams,
        querystring: progressQuery,
        response: { 200: planProgress, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const asOf = request.query.asOf ?? chinaDate(app.services.clock());
      return getPlanProgress(app.services.db, user, request.params.id, asOf, requestLanguage(request));
    },
  );

  app.get(
    '/api/plans/:id/colour-history',
    {
      schema: {
        tags,
        summary: 'Colour changes of the plan’s targets and tasks with their reasons (in the request’s language), newest first',
        params: planParams,
        querystring: colourHistoryQuery,
        response: { 200: colourHistory, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const filter = { entityId: request.query.entity, limit: request.query.limit };
      const items = await listColourHistory(app.services.db, user, request.params.id, filter, requestLanguage(request));
      return { items };
    },
  );

  app.put(
    '/api/plans/:id/targets/:targetId/allocation',
    {
      schema: {
        tags,
        summary: 'Split a target among the regions one level below it; the parts must add up to the target',
        params: z.strictObject({ id: z.uuid(), targetId: z.uuid() }),
        body: allocationInput,
        response: { 200: allocationView, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id, targetId } = request.params;
      return inTransaction(request, (context) => allocateTarget(context, user, targetId, request.body.parts, { planId: id }));
    },
  );

  app.put(
    '/api/plans/:id/colour-rules',
    {
      schema: {
        tags,
        summary: 'Set the plan’s colour thresholds and judge its colours again under them',
        params: planParams,
        body: colourRules,
        response: { 200: colourRules, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { rules } = await inTransaction(request, (context) => setColourRules(context, user, request.params.id, request.body));
      return rules;
    },
  );
}
