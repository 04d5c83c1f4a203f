/** HTTP routes of the problem ledger (问题台账): validate → load → authorize → act → present. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  assignProblemInput,
  closeProblemInput,
  escalateProblemInput,
  flagProblemInput,
  followUpInput,
  listProblemsQuery,
  logProblemInput,
  problemDetail,
  problemListItem,
  problemSummary,
  problemSummaryQuery,
  recordProgressInput,
  reopenProblemInput,
  resolveProblemInput,
  reviseProblemInput,
} from '../../contracts/plan-problems.contract.ts';
import { commonErrors, inTransaction, pageOf, requireUser, typed, type SessionUser, attachmentDisposition } from '../../http/route-kit.ts';
import type { WriteContext } from '../../store/audit.ts';
import { attachEvidence, recordFollowUp, reopenProblem, resolveProblem, verifyAndCloseProblem } from './problems.closeout.ts';
import { logProblem, reviseProblem } from './problems.log.ts';
import { getProblem, listProblems, readEvidenceFile, summarizeProblems } from './problems.queries.ts';
import { assignProblem, escalateProblem, flagProblem, recordProgress, unflagProblem } from './problems.workflow.ts';
import { readSingleUpload } from '../../http/uploads.ts';
import { maxFileBytes } from '../../files/index.ts';

const tags = ['problems'];
const idParams = z.strictObject({ id: z.uuid() });
const detailResponse = { 200: problemDetail, ...commonErrors };

/** Registers the problem routes under /api. */
export async function problemsRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const present = (user: SessionUser, id: string) => getProblem(app.services.db, user, id, app.services.clock());

  app.get(
    '/api/problems',
    {
      schema: {
        tags,
        summary: 'Problems in your jurisdiction (or logged by your enterprise), filtered and paged',
        querystring: listProblemsQuery,
        response: { 200: pageOf(problemListItem), ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { status, category, flagged, overdue, region, plan, limit, offset } = request.query;
      const filter = {
        status,
        category,
        flagged: flagged === undefined ? undefined : flagged === 'true',
        overdue: overdue === undefined ? undefined : overdue === 'true',
        regionCode: region,
        planId: plan,
        limit,
        offset,
      };
      return listProblems(app.services.db, user, filter, app.services.clock());
    },
  );

  app.get(
    '/api/problems/summary',
    {
      schema: {
        tags,
        summary: 'Counts by status, category and level, flagged and overdue, for bulletins and the board',
        querystring: problemSummaryQuery,
        response: { 200: problemSummary, ...commonErrors },
      },
    },
    async (request) =>
      summarizeProblems(app.services.db, requireUser(request), { regionCode: request.query.region, planId: request.query.plan }, app.services.clock()),
  );

  app.post(
    '/api/problems',
    { schema: { tags, summary: 'Log a problem (问题台账)', body: logProblemInput, response: { 201: problemDetail, ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      const id = await inTransaction(request, (context) => logProblem(context, user, request.body));
      reply.code(201);
      return present(user, id);
    },
  );

  app.get(
    '/api/problems/:id',
    { schema: { tags, summary: 'One problem with its history and evidence', params: idParams, response: detailResponse } },
    async (request) => present(requireUser(request), request.params.id),
  );

  app.patch(
    '/api/problems/:id',
    { schema: { tags, summary: 'Correct a problem’s facts', params: idParams, body: reviseProblemInput, response: detailResponse } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => reviseProblem(context, user, request.params.id, request.body));
      return present(user, request.params.id);
    },
  );

  /** A workflow step: the use case runs in one transaction, then the problem is presented again. */
  function step<T extends z.ZodType>(path: string, summary: string, body: T, act: (context: WriteContext, user: SessionUser, id: string, input: z.output<T>) => Promise<void>) {
    app.post(
      `/api/problems/:id/${path}`,
      { schema: { tags, summary, params: idParams, body, response: detailResponse } },
      async (request) => {
        const user = requireUser(request);
        await inTransaction(request, (context) => act(context, user, request.params.id, request.body as z.output<T>));
        return present(user, request.params.id);
      },
    );
  }

  step('assign', 'Assign the problem to a person', assignProblemInput, assignProblem);
  step('progress', 'Record progress', recordProgressInput, (context, user, id, input) => recordProgress(context, user, id, input.comment));
  step('escalate', 'Escalate to the 专班 one level up', escalateProblemInput, escalateProblem);
  step('flag', 'Put under 挂牌督办', flagProblemInput, (context, user, id, input) => flagProblem(context, user, id, input.reason));
  step('unflag', 'Lift 挂牌督办', flagProblemInput, (context, user, id, input) => unflagProblem(context, user, id, input.reason));
  step('resolve', 'Mark resolved (evidence attached first)', resolveProblemInput, (context, user, id, input) => resolveProblem(context, user, id, input.resolution));
  step('close', 'Verify and close (销号)', closeProblemInput, verifyAndCloseProblem);
  step('reopen', 'Reopen a resolved or closed problem', reopenProblemInput, (context, user, id, input) => reopenProblem(context, user, id, input.reason));
  step('follow-up', 'Record a 回头看', followUpInput, recordFollowUp);

  app.post(
    '/api/problems/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Attach an evidence file (multipart/form-data, field "file", at most 10 MB)',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: problemDetail, ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const upload = await readSingleUpload(request, maxFileBytes);
      await inTransaction(request, (context) => attachEvidence(context, user, request.params.id, upload));
      reply.code(201);
      return present(user, request.params.id);
    },
  );

  app.get(
    '/api/problems/:id/evidence/:fileId',
    { schema: { tags, summary: 'Download an evidence file', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }) } },
    async (request, reply) => {
      const file = await readEvidenceFile(app.services.db, requireUser(request), request.params.id, request.params.fileId);
      return reply
        .header('content-type', file.content_type)
        .header('content-disposition', attachmentDisposition(file.file_name))
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
}
