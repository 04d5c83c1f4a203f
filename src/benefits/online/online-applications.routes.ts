/** HTTP routes of applying online without an account: public, rate-limited, the secret in a header (never in a URL). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { onlineApplicationInput, onlineApplicationView, onlineFiledView, onlineLookupInput, onlineReference } from '../../contracts/online-application.contract.ts';
import { invalidInput } from '../../kernel/errors.ts';
import { maxFileBytes } from '../../files/index.ts';
import { commonErrors, inTransaction, typed } from '../../http/route-kit.ts';
import { readSingleUpload } from '../../http/uploads.ts';
import { attachOnlineEvidence, fileOnline, onlineApplication, submitOnline } from './online-applications.service.ts';

const tags = ['benefits'];
/** The header that carries the secret returned when the application was filed. */
export const applicationSecretHeader = 'x-application-secret';

function secretOf(request: FastifyRequest): string {
  const secret = request.headers[applicationSecretHeader];
  if (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{32}$/.test(secret)) {
    throw invalidInput(applicationSecretHeader, { zh: '缺少申请凭据，请在提交申请的页面继续操作。', en: 'The application secret is missing; continue on the page where you applied.' });
  }
  return secret;
}

/** Registers POST /api/public/applications, its evidence, submit and lookup. */
export async function onlineApplicationsRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const config = { public: true, rateLimit: { max: app.services.loginRateLimit, timeWindow: '1 minute' } };
  const referenceParams = z.strictObject({ reference: onlineReference });
  const view = { 200: onlineApplicationView, ...commonErrors };

  app.post(
    '/api/public/applications',
    { config, schema: { tags, summary: '个人网上申请: a registered person applies for a person’s policy with resident ID, name and phone', body: onlineApplicationInput, response: { 201: onlineFiledView, ...commonErrors } } },
    async (request, reply) => {
      const filed = await inTransaction(request, (context) => fileOnline(context, request.body));
      reply.code(201);
      return { ...(await onlineApplication(app.services.db, filed.reference, { secret: filed.secret })), secret: filed.secret };
    },
  );

  app.post(
    '/api/public/applications/:reference/evidence/:evidenceId',
    {
      config,
      schema: {
        tags,
        summary: 'Add a file (multipart field "file") to the applicant’s draft; the secret in the x-application-secret header',
        params: referenceParams.extend({ evidenceId: z.string().min(1).max(60) }),
        response: view,
      },
    },
    async (request) => {
      const secret = secretOf(request);
      const upload = await readSingleUpload(request, maxFileBytes);
      await inTransaction(request, (context) => attachOnlineEvidence(context, request.params.reference, secret, request.params.evidenceId, upload));
      return onlineApplication(app.services.db, request.params.reference, { secret });
    },
  );

  app.post(
    '/api/public/applications/:reference/submit',
    { config, schema: { tags, summary: 'Submit the applicant’s draft (the secret in the x-application-secret header)', params: referenceParams, response: view } },
    async (request) => {
      const secret = secretOf(request);
      await inTransaction(request, (context) => submitOnline(context, request.params.reference, secret));
      return onlineApplication(app.services.db, request.params.reference, { secret });
    },
  );

  app.post(
    '/api/public/applications/lookup',
    { config, schema: { tags, summary: 'Follow an online application by its reference and the applicant’s resident ID', body: onlineLookupInput, response: view } },
    async (request) => onlineApplication(app.services.db, request.body.reference, { residentId: request.body.residentId }),
  );
}
