/** HTTP routes for periodic reports: validate → load → authorize → act → present. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageOf } from '../../contracts/common.contract.ts';
import {
  acceptInput,
  acknowledgeInput,
  acknowledgement,
  listReportsQuery,
  myTaskList,
  myTasksQuery,
  periodList,
  punctualityQuery,
  punctualityView,
  reportDetail,
  reportSummary,
  returnInput,
  saveDraftInput,
} from '../../contracts/plan-reports.contract.ts';
import { maxFileBytes } from '../../files/index.ts';
import { commonErrors, inTransaction, requireUser, typed, attachmentDisposition } from '../../http/route-kit.ts';
import { getReport, listReports, myTasks, planPeriods, punctuality, readReportAttachment } from './reports.read.ts';
import { acceptReport, acknowledgeTask, attachToReport, returnReport, saveReportDraft, submitReport } from './reports.service.ts';
import { readSingleUpload } from '../../http/uploads.ts';

const idParams = z.strictObject({ id: z.uuid() });
const tags = ['reports'];

/** Registers the report routes under /api. */
export async function reportsRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { db, clock } = app.services;

  app.get(
    '/api/plans/:id/periods',
    { schema: { tags, summary: 'The reporting periods of a plan with their due dates', params: idParams, response: { 200: periodList, ...commonErrors } } },
    async (request) => planPeriods(db, requireUser(request), request.params.id, clock()),
  );

  app.get(
    '/api/my/tasks',
    {
      schema: {
        tags,
        summary: 'Tasks of the units you report for, with acknowledgement and the report of the period',
        querystring: myTasksQuery,
        response: { 200: myTaskList, ...commonErrors },
      },
    },
    async (request) => ({ items: await myTasks(db, requireUser(request), { planId: request.query.plan, period: request.query.period, now: clock() }) }),
  );

  app.post(
    '/api/tasks/:taskId/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge, for your unit, its responsibility for a task',
        params: z.strictObject({ taskId: z.uuid() }),
        body: acknowledgeInput,
        response: { 200: acknowledgement, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const done = await inTransaction(request, (context) => acknowledgeTask(context, user, request.params.taskId, request.body.unitId));
      return { ...done, acknowledgedAt: done.acknowledgedAt.toISOString() };
    },
  );

  app.put(
    '/api/reports/draft',
    { schema: { tags, summary: 'Create or update the draft (or returned report) of a task, unit and period', body: saveDraftInput, response: { 200: reportDetail, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      const id = await inTransaction(request, (context) => saveReportDraft(context, user, request.body));
      return getReport(db, user, id, clock());
    },
  );

  app.get(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'Reports you may read; status=submitted is the review queue of the plans you manage',
        querystring: listReportsQuery,
        response: { 200: pageOf(reportSummary), ...commonErrors },
      },
    },
    async (request) => {
      const { plan, period, unit, status, limit, offset } = request.query;
      return listReports(db, requireUser(request), { planId: plan, period, unitId: unit, status, limit, offset });
    },
  );

  app.get(
    '/api/reports/:id',
    { schema: { tags, summary: 'One report with its events, figures and attachments', params: idParams, response: { 200: reportDetail, ...commonErrors } } },
    async (request) => getReport(db, requireUser(request), request.params.id, clock()),
  );

  app.post(
    '/api/reports/:id/submit',
    { schema: { tags, summary: 'Submit a draft or returned report', params: idParams, response: { 200: reportDetail, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => submitReport(context, user, request.params.id));
      return getReport(db, user, request.params.id, clock());
    },
  );

  app.post(
    '/api/reports/:id/accept',
    { schema: { tags, summary: 'Accept a submitted report (coordinators of the plan’s region)', params: idParams, body: acceptInput, response: { 200: reportDetail, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => acceptReport(context, user, request.params.id, request.body.comment));
      return getReport(db, user, request.params.id, clock());
    },
  );

  app.post(
    '/api/reports/:id/return',
    { schema: { tags, summary: 'Return a submitted report with what must change', params: idParams, body: returnInput, response: { 200: reportDetail, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => returnReport(context, user, request.params.id, request.body.comment));
      return getReport(db, user, request.params.id, clock());
    },
  );

  app.post(
    '/api/reports/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach one file (multipart field "file"; PDF, Office, images or CSV, at most 10 MB) to a draft or returned report',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: reportDetail, ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const upload = await readSingleUpload(request, maxFileBytes);
      await inTransaction(request, (context) => attachToReport(context, user, request.params.id, upload));
      reply.code(201);
      return getReport(db, user, request.params.id, clock());
    },
  );

  app.get(
    '/api/reports/:id/attachments/:fileId',
    { schema: { tags, summary: 'Download an attachment of a report you may read', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }) } },
    async (request, reply) => {
      const file = await readReportAttachment(db, requireUser(request), request.params.id, request.params.fileId);
      return reply
        .header('content-type', file.content_type)
        .header('content-disposition', attachmentDisposition(file.file_name))
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  app.get(
    '/api/plans/:id/punctuality',
    {
      schema: {
        tags,
        summary: 'Per responsible unit: tasks reported on time, late or missing for a period, and completeness',
        params: idParams,
        querystring: punctualityQuery,
        response: { 200: punctualityView, ...commonErrors },
      },
    },
    async (request) => punctuality(db, requireUser(request), request.params.id, request.query.period, clock()),
  );
}
