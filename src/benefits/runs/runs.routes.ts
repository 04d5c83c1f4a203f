/** HTTP routes of batch and proactive runs, the newly eligible, and what-if: validate → load → authorize → act → present. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { newlyEligibleItem, runView, startRunInput, whatIfInput, whatIfResult } from '../../contracts/benefit-matching.contract.ts';
import { commonErrors, inTransaction, requireUser, typed } from '../../http/route-kit.ts';
import { newlyEligible } from './newly-eligible.service.ts';
import { approveRun, getRun, resumeRun, startRun, stopRun, workRun } from './runs.service.ts';
import { payRun } from './run-payment.ts';
import { tryChange } from './what-if.service.ts';

const tags = ['benefits'];
const idParams = z.strictObject({ id: z.uuid() });

/** Works a run in this process after the answer has gone; a run left unfinished is resumed from its cursor by any server. */
function workInBackground(instance: FastifyInstance, runId: string): void {
  workRun(instance.services.db, runId).catch((error: unknown) => instance.log.warn({ runId, error: (error as Error).name }, 'benefit run stopped by an error'));
}

/** Registers the run, newly-eligible and what-if routes under /api/benefits. */
export async function runsRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const view = { 200: runView, ...commonErrors };

  app.post('/api/benefits/runs', { schema: { tags, summary: 'Start a batch or proactive run of a pack over a region', body: startRunInput, response: { 202: runView, ...commonErrors } } }, async (request, reply) => {
    const user = requireUser(request);
    const id = await inTransaction(request, (context) => startRun(context, user, request.body));
    workInBackground(instance, id);
    reply.code(202);
    return getRun(app.services.db, user, id);
  });

  app.get('/api/benefits/runs/:id', { schema: { tags, summary: 'A run with its progress and totals by policy and county', params: idParams, response: view } }, async (request) =>
    getRun(app.services.db, requireUser(request), request.params.id),
  );

  app.post('/api/benefits/runs/:id/stop', { schema: { tags, summary: 'Stop a running run (its cursor is kept)', params: idParams, response: view } }, async (request) => {
    const user = requireUser(request);
    await inTransaction(request, (context) => stopRun(context, user, request.params.id));
    return getRun(app.services.db, user, request.params.id);
  });

  app.post('/api/benefits/runs/:id/resume', { schema: { tags, summary: 'Continue a stopped run from its cursor', params: idParams, response: view } }, async (request) => {
    const user = requireUser(request);
    await inTransaction(request, (context) => resumeRun(context, user, request.params.id));
    workInBackground(instance, request.params.id);
    return getRun(app.services.db, user, request.params.id);
  });

  app.post('/api/benefits/runs/:id/approve', { schema: { tags, summary: 'Approve a completed batch run (coordinator)', params: idParams, response: view } }, async (request) => {
    const user = requireUser(request);
    await inTransaction(request, (context) => approveRun(context, user, request.params.id));
    return getRun(app.services.db, user, request.params.id);
  });

  app.post(
    '/api/benefits/runs/:id/pay',
    { schema: { tags, summary: 'Grant an approved run\'s eligible subsidies and add them to a draft payment batch', params: idParams, body: z.strictObject({ batchId: z.uuid() }), response: view } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => payRun(context, user, request.params.id, request.body.batchId));
      return getRun(app.services.db, user, request.params.id);
    },
  );

  app.get('/api/benefits/newly-eligible', { schema: { tags, summary: 'Persons and enterprises newly eligible since the previous proactive run', response: { 200: z.object({ items: z.array(newlyEligibleItem) }), ...commonErrors } } }, async (request) => ({
    items: await newlyEligible(app.services.db, requireUser(request)),
  }));

  app.post('/api/benefits/what-if', { schema: { tags, summary: 'What-if (资金测算): the cost of changing a parameter or a condition, by county', body: whatIfInput, response: { 200: whatIfResult, ...commonErrors } } }, async (request) =>
    tryChange(app.services.db, requireUser(request), request.body),
  );
}
