/**
 * Assembles the HTTP server: security plugins (cookies, CSRF, rate limits), the session hook, OpenAPI,
 * every domain's routes, health checks and the web app. Building the app does no I/O beyond reading the
 * shared cookie secret, so tests build as many as they like against one database.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { accessRoutes, resolveSession, sessionCookie } from '../access/index.ts';
import { auditRoutes } from '../audit/index.ts';
import { maxFileBytes } from '../files/index.ts';
import { monitorImportRoutes, monitorRoutes, warningsRoutes } from '../monitor/index.ts';
import { notifyRoutes } from '../notify/index.ts';
import { orgRoutes } from '../org/index.ts';
import { bulletinsRoutes, importRoutes, plansRoutes, problemsRoutes, progressRoutes, reportsRoutes } from '../plans/index.ts';
import { registryRoutes } from '../registry/index.ts';
import { applicationsRoutes, benefitMatchingRoutes, paymentsRoutes } from '../benefits/index.ts';
import type { AppServices } from '../http/route-kit.ts';
import { sharedSecret } from '../store/secrets.ts';
import type { Store } from '../store/database.ts';
import { handleError, requestLanguage } from './errors.ts';
import { unauthenticated } from '../kernel/errors.ts';
import { refuseNulCharacters } from './input-guard.ts';
import { loggerOptions } from './logging.ts';

/** How to build the app. */
export interface AppOptions {
  store: Store;
  clock?: () => Date;
  /** Pino logging to stdout, to a given stream (tests read it), or false for silence. */
  logger?: boolean | { stream: NodeJS.WritableStream };
  /** The built web app to serve; defaults to web/dist when it exists. */
  webDir?: string | null;
  /** Requests per minute to the sign-in route from one address. */
  loginRateLimit?: number;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Builds the Fastify app with every route registered; call `listen` or `inject` on it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store } = options;
  const services: AppServices = {
    db: store.db,
    clock: options.clock ?? (() => new Date()),
    loginRateLimit: options.loginRateLimit ?? Number(process.env.WENBAO_LOGIN_RATE_LIMIT ?? 10),
  };
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : ({ ...loggerOptions(), ...(typeof options.logger === 'object' && { stream: options.logger.stream }) } as FastifyServerOptions['logger']),
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.WENBAO_TRUST_PROXY === 'true',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorate('services', services);
  app.decorateRequest('sessionUser', null);
  app.addHook('preValidation', refuseNulCharacters);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie, { secret: await sharedSecret(store.db, 'cookie') });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'wenbao_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/' },
    getToken: (request) => request.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(fastifyRateLimit, { global: false });
  // Uploads (report attachments, imports): one file per request, streamed, within the files domain's limit.
  await app.register(fastifyMultipart, { limits: { fileSize: maxFileBytes, files: 1 } });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookie];
    if (token) request.sessionUser = await resolveSession(services.db, token, services.clock());
  });
  // Anonymous requests to any API route not marked public are refused before their input is read, so
  // the answer is the same 401 whatever was sent.
  app.addHook('onRequest', async (request) => {
    const isApi = request.url.startsWith('/api/') && !request.url.startsWith('/api/docs');
    if (isApi && !request.sessionUser && request.routeOptions.url !== undefined && !request.routeOptions.config.public) {
      throw unauthenticated();
    }
  });
  // Every state-changing API request carries the CSRF token, sign-in included (login CSRF).
  app.addHook('onRequest', (request, reply, done) => {
    if (safeMethods.has(request.method) || !request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Wenbao (稳保) API',
        version: '0.1.0',
        description:
          'Every state-changing request needs the `x-csrf-token` header from GET /api/session; errors are `{ error: { code, message, field? } }`.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(store.db);
      return { status: 'ready', engine: store.engine };
    } catch {
      return reply.code(503).send({ error: { code: 'unavailable', message: 'database unavailable' } });
    }
  });

  await app.register(accessRoutes);
  await app.register(orgRoutes);
  await app.register(auditRoutes);
  await app.register(plansRoutes);
  await app.register(reportsRoutes);
  await app.register(problemsRoutes);
  await app.register(progressRoutes);
  await app.register(importRoutes);
  await app.register(bulletinsRoutes);
  await app.register(notifyRoutes);
  await app.register(monitorRoutes);
  await app.register(monitorImportRoutes);
  await app.register(warningsRoutes);
  await app.register(registryRoutes);
  await app.register(benefitMatchingRoutes);
  await app.register(applicationsRoutes);
  await app.register(paymentsRoutes);

  await serveWebApp(app, options.webDir === undefined ? resolve('web/dist') : options.webDir);
  return app;
}

/** Serves the built single-page app, answering unknown non-API paths with its index page. */
async function serveWebApp(app: FastifyInstance, webDir: string | null): Promise<void> {
  const hasWebApp = webDir !== null && existsSync(resolve(webDir, 'index.html'));
  // wildcard: files built after start-up (a rebuild while serving) are found too.
  if (hasWebApp) await app.register(fastifyStatic, { root: resolve(webDir), wildcard: true });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isPage = !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (hasWebApp && isPage && (request.method === 'GET' || request.method === 'HEAD')) return reply.sendFile('index.html');
    const message = { zh: `没有这个接口或页面：${request.method} ${path}`, en: `No such route: ${request.method} ${path}` };
    return reply.code(404).send({ error: { code: 'not_found', message: message[requestLanguage(request)] } });
  });
}
