/** HTTP routes for applications and their review: validate → load → authorize → act → present. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageOf } from '../contracts/common.contract.ts';
import {
  applicationSummary,
  applicationView,
  createApplicationInput,
  listApplicationsQuery,
  rejectInput,
  reviewNoteInput,
  updateApplicationInput,
} from '../contracts/benefits.contract.ts';
import { maxFileBytes } from '../files/index.ts';
import { commonErrors, inTransaction, requireUser, typed, type SessionUser } from '../http/route-kit.ts';
import { readSingleUpload } from '../http/uploads.ts';
import { getApplication, listApplications } from './applications.read.ts';
import { acceptApplication, approveApplication, passFirstReview, rejectApplication, withdrawApplication } from './applications.review.ts';
import { attachEvidence, createApplication, submitApplication, updateApplication } from './applications.service.ts';

const tags = ['benefits'];
const idParams = z.strictObject({ id: z.uuid() });
const detail = { 200: applicationView, ...commonErrors };

/** Registers the application routes under /api/benefits. */
export async function applicationsRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const present = (user: SessionUser, id: string) => getApplication(app.services.db, user, id);

  app.post(
    '/api/benefits/applications',
    { schema: { tags, summary: 'File a draft application (the registry prefills the facts; the rules decide)', body: createApplicationInput, response: { 201: applicationView, ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      const id = await inTransaction(request, (context) => createApplication(context, user, request.body));
      reply.code(201);
      return present(user, id);
    },
  );

  app.get(
    '/api/benefits/applications',
    { schema: { tags, summary: 'Applications within the jurisdiction, or of the own enterprise', querystring: listApplicationsQuery, response: { 200: pageOf(applicationSummary), ...commonErrors } } },
    async (request) => listApplications(app.services.db, requireUser(request), request.query),
  );

  app.get(
    '/api/benefits/applications/:id',
    { schema: { tags, summary: 'One application with its facts, trace, evidence and review steps', params: idParams, response: detail } },
    async (request) => present(requireUser(request), request.params.id),
  );

  app.patch(
    '/api/benefits/applications/:id',
    { schema: { tags, summary: 'Change a draft’s answers or bank details (decided again)', params: idParams, body: updateApplicationInput, response: detail } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => updateApplication(context, user, request.params.id, request.body));
      return present(user, request.params.id);
    },
  );

  app.post(
    '/api/benefits/applications/:id/evidence/:evidenceId',
    {
      schema: {
        tags,
        summary: 'Attach a file (multipart field "file") as one item of the required evidence',
        params: z.strictObject({ id: z.uuid(), evidenceId: z.string().min(1).max(60) }),
        response: { 201: applicationView, ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const upload = await readSingleUpload(request, maxFileBytes);
      await inTransaction(request, (context) => attachEvidence(context, user, request.params.id, request.params.evidenceId, upload));
      reply.code(201);
      return present(user, request.params.id);
    },
  );

  const step = (path: string, summary: string, act: (context: Parameters<Parameters<typeof inTransaction>[1]>[0], user: SessionUser, id: string, note: string | null) => Promise<unknown>) =>
    app.post(
      `/api/benefits/applications/:id/${path}`,
      { schema: { tags, summary, params: idParams, body: reviewNoteInput, response: detail } },
      async (request) => {
        const user = requireUser(request);
        await inTransaction(request, (context) => act(context, user, request.params.id, request.body.note ?? null));
        return present(user, request.params.id);
      },
    );

  step('submit', 'Submit a draft (受理): required evidence and an eligible decision needed', (context, user, id) => submitApplication(context, user, id));
  step('accept', 'Take a received application into first review (初审)', acceptApplication);
  step('first-review', 'Pass the first review; the application goes to review (审核)', passFirstReview);
  step('approve', 'Approve (by a reviewer other than the first): the grant is recorded', approveApplication);
  step('withdraw', 'Withdraw an application not yet decided', withdrawApplication);

  app.post(
    '/api/benefits/applications/:id/reject',
    { schema: { tags, summary: 'Reject an application under review, with the reason', params: idParams, body: rejectInput, response: detail } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => rejectApplication(context, user, request.params.id, request.body.reason));
      return present(user, request.params.id);
    },
  );
}
