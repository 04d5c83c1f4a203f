/** HTTP routes for collecting monitoring figures from spreadsheets: template, upload and check, commit, discard. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { monitorFormParams, monitorImportCommitResult, monitorImportParams, monitorImportPeriodQuery, monitorImportView } from '../../contracts/monitor-import.contract.ts';
import { maxFileBytes } from '../../files/index.ts';
import { attachmentDisposition, commonErrors, inTransaction, requestLanguage, requireUser, typed } from '../../http/route-kit.ts';
import { readSingleUpload } from '../../http/uploads.ts';
import { commitImport, createImport, discardImport, formTemplate, getImport, importErrorsWorkbook, startImportCheck } from './import.service.ts';

const tags = ['monitor'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Registers the import routes under /api/monitor. */
export async function monitorImportRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);

  app.get(
    '/api/monitor/forms/:formId/template.xlsx',
    {
      schema: {
        tags,
        summary: 'The xlsx template of a form for a period: one row per region or subject you may file for, prefilled with stored figures',
        params: monitorFormParams,
        querystring: monitorImportPeriodQuery,
        response: { 200: z.any(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const language = requestLanguage(request);
      const { bytes, fileName } = await formTemplate(app.services.db, user, { formId: request.params.formId, period: request.query.period, now: app.services.clock(), language });
      return reply.header('content-type', xlsxType).header('content-disposition', attachmentDisposition(fileName)).send(bytes);
    },
  );

  app.post(
    '/api/monitor/forms/:formId/imports',
    {
      schema: {
        tags,
        summary: 'Upload a filled template (.xlsx or .csv, multipart field `file`): answers at once (202) while the file is checked in the background',
        consumes: ['multipart/form-data'],
        params: monitorFormParams,
        querystring: monitorImportPeriodQuery,
        response: { 202: monitorImportView, ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const upload = await readSingleUpload(request, maxFileBytes);
      const { id, claim } = await inTransaction(request, (context) => createImport(context, user, { formId: request.params.formId, period: request.query.period, upload }));
      const { db, clock } = app.services;
      // Checked in this process once the import is committed; the claim lets another server take over if this one stops.
      void startImportCheck(db, id, claim, clock, (error) => request.log.error({ err: error, importId: id }, 'monitor import check failed'));
      reply.code(202);
      return getImport(db, user, id, requestLanguage(request));
    },
  );

  app.get(
    '/api/monitor/imports/:id',
    {
      schema: { tags, summary: 'An import with its progress and first errors (poll while status is checking)', params: monitorImportParams, response: { 200: monitorImportView, ...commonErrors } },
    },
    async (request) => getImport(app.services.db, requireUser(request), request.params.id, requestLanguage(request)),
  );

  app.get(
    '/api/monitor/imports/:id/errors.xlsx',
    { schema: { tags, summary: 'Every error of an import, by row and column, as xlsx', params: monitorImportParams, response: { 200: z.any(), ...commonErrors } } },
    async (request, reply) => {
      const { bytes, fileName } = await importErrorsWorkbook(app.services.db, requireUser(request), request.params.id);
      return reply.header('content-type', xlsxType).header('content-disposition', attachmentDisposition(fileName)).send(bytes);
    },
  );

  app.post(
    '/api/monitor/imports/:id/commit',
    {
      schema: {
        tags,
        summary: 'Write every staged figure of a checked import without errors, in one transaction (409 otherwise)',
        params: monitorImportParams,
        response: { 200: monitorImportCommitResult, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const result = await inTransaction(request, (context) => commitImport(context, user, request.params.id));
      return { import: await getImport(app.services.db, user, request.params.id, requestLanguage(request)), saved: result.saved };
    },
  );

  app.post(
    '/api/monitor/imports/:id/discard',
    { schema: { tags, summary: 'Discard an import that is not committed', params: monitorImportParams, response: { 200: monitorImportView, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => discardImport(context, user, request.params.id));
      return getImport(app.services.db, user, request.params.id, requestLanguage(request));
    },
  );
}
