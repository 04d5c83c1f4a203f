/** HTTP routes for bulletins (通报): validate → load → authorize → act → present. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  bulletinContent,
  bulletinDetail,
  bulletinInput,
  bulletinList,
  bulletinSettingsInput,
  bulletinSettingsView,
  figureKey,
  figureTrace,
} from '../../contracts/plan-bulletins.contract.ts';
import { commonErrors, inTransaction, requireUser, typed, attachmentDisposition } from '../../http/route-kit.ts';
import { bulletinFile, getBulletin, listBulletins, traceFigure, type BulletinFormat } from './bulletins.read.ts';
import { draftBulletin, getBulletinSettings, previewBulletin, publishBulletin, setBulletinWeights } from './bulletins.service.ts';

const idParams = z.strictObject({ id: z.uuid() });
const tags = ['bulletins'];

/** Registers the bulletin routes under /api. */
export async function bulletinsRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { db, clock } = app.services;

  app.post(
    '/api/plans/:id/bulletins/preview',
    {
      schema: {
        tags,
        summary: 'The content of a bulletin for a period, computed now from reports, figures, colours and problems; nothing is saved',
        params: idParams,
        body: bulletinInput,
        response: { 200: bulletinContent, ...commonErrors },
      },
    },
    async (request) => previewBulletin(db, requireUser(request), request.params.id, request.body, clock()),
  );

  app.post(
    '/api/plans/:id/bulletins',
    {
      schema: {
        tags,
        summary: 'Draw up a draft bulletin for a period, keeping its content as computed now',
        params: idParams,
        body: bulletinInput,
        response: { 201: bulletinDetail, ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const id = await inTransaction(request, (context) => draftBulletin(context, user, request.params.id, request.body));
      reply.code(201);
      return getBulletin(db, user, id);
    },
  );

  app.get(
    '/api/plans/:id/bulletins',
    { schema: { tags, summary: 'The bulletins of a plan, newest first (drafts only for its managers and auditors)', params: idParams, response: { 200: bulletinList, ...commonErrors } } },
    async (request) => ({ items: await listBulletins(db, requireUser(request), request.params.id) }),
  );

  app.get(
    '/api/plans/:id/bulletin-settings',
    { schema: { tags, summary: 'The ranking weights a plan’s bulletins use', params: idParams, response: { 200: bulletinSettingsView, ...commonErrors } } },
    async (request) => getBulletinSettings(db, requireUser(request), request.params.id),
  );

  app.put(
    '/api/plans/:id/bulletin-settings',
    {
      schema: { tags, summary: 'Set the ranking weights of a plan’s bulletins (adding up to 100%)', params: idParams, body: bulletinSettingsInput, response: { 200: bulletinSettingsView, ...commonErrors } },
    },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => setBulletinWeights(context, user, request.params.id, request.body.weights));
      return getBulletinSettings(db, user, request.params.id);
    },
  );

  app.get(
    '/api/bulletins/:id',
    { schema: { tags, summary: 'One bulletin with its content', params: idParams, response: { 200: bulletinDetail, ...commonErrors } } },
    async (request) => getBulletin(db, requireUser(request), request.params.id),
  );

  app.post(
    '/api/bulletins/:id/publish',
    { schema: { tags, summary: 'Publish a draft bulletin; a published bulletin never changes', params: idParams, response: { 200: bulletinDetail, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => publishBulletin(context, user, request.params.id));
      return getBulletin(db, user, request.params.id);
    },
  );

  const download = async (id: string, format: BulletinFormat, user: ReturnType<typeof requireUser>, reply: FastifyReply) => {
    const file = await bulletinFile(db, user, id, format);
    return reply.header('content-type', file.contentType).header('content-disposition', attachmentDisposition(file.fileName)).send(file.body);
  };

  app.get(
    '/api/bulletins/:id.docx',
    { schema: { tags, summary: 'The bulletin as a Word document in official-document layout', params: idParams, response: commonErrors } },
    async (request, reply) => download(request.params.id, 'docx', requireUser(request), reply),
  );

  app.get(
    '/api/bulletins/:id.xlsx',
    { schema: { tags, summary: 'The bulletin as a workbook, one sheet per section', params: idParams, response: commonErrors } },
    async (request, reply) => download(request.params.id, 'xlsx', requireUser(request), reply),
  );

  app.get(
    '/api/bulletins/:id/trace/:figureKey',
    {
      schema: {
        tags,
        summary: 'The reports a figure of the bulletin came from',
        params: z.strictObject({ id: z.uuid(), figureKey }),
        response: { 200: figureTrace, ...commonErrors },
      },
    },
    async (request) => traceFigure(db, requireUser(request), request.params.id, request.params.figureKey),
  );
}
