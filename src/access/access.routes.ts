/** HTTP routes for the session (sign in and out, own password and language) and for managing accounts. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  changePasswordInput,
  createdUser,
  createUserInput,
  grantInput,
  listUsersQuery,
  loginInput,
  passwordReset,
  preferencesInput,
  sessionView,
  updateUserInput,
  userView,
} from '../contracts/access.contract.ts';
import { pageOf } from '../contracts/common.contract.ts';
import { commonErrors, inTransaction, requireUser, typed } from '../http/route-kit.ts';
import { monitorShellAbilities } from '../monitor/index.ts';
import { plansShellAbilities } from '../plans/index.ts';
import { shellAbilities } from './access.policy.ts';
import { resolveSession, signIn, signOut } from './sessions.service.ts';
import { addGrant, createUser, getUser, grantsOf, listUsers, removeGrant, resetPassword, updateUser, changeOwnPassword, setOwnLocale } from './users.service.ts';

/** The name of the session cookie. */
export const sessionCookie = 'wenbao_session';

const idParams = z.strictObject({ id: z.uuid() });

function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookie, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: process.env.WENBAO_SECURE_COOKIES === 'true',
    path: '/',
    maxAge: 7 * 86_400,
  });
}

async function presentSession(request: FastifyRequest, reply: FastifyReply, userId: string | null) {
  const csrfToken = reply.generateCsrf();
  const user = request.sessionUser;
  if (!userId || !user) return { user: null, csrfToken };
  const grants = (await grantsOf(request.server.services.db, [userId])).map(({ userId: _userId, ...grant }) => grant);
  return {
    user: {
      id: user.userId,
      username: user.username,
      displayName: user.displayName,
      locale: user.locale,
      mustChangePassword: user.mustChangePassword,
      grants,
      abilities: { ...shellAbilities(user), ...plansShellAbilities(user), ...monitorShellAbilities(user) },
    },
    csrfToken,
  };
}

/** Registers the session and account routes under /api. */
export async function accessRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const tags = ['access'];

  app.get(
    '/api/session',
    { config: { public: true }, schema: { tags, summary: 'The signed-in user (or null) and a CSRF token for state-changing requests', response: { 200: sessionView } } },
    async (request, reply) => presentSession(request, reply, request.sessionUser?.userId ?? null),
  );

  app.post(
    '/api/session/login',
    {
      config: { public: true, rateLimit: { max: app.services.loginRateLimit, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Sign in; sets the session cookie', body: loginInput, response: { 200: sessionView, ...commonErrors } },
    },
    async (request, reply) => {
      const outcome = await inTransaction(request, (context) => signIn(context, request.body));
      if ('refusal' in outcome) throw outcome.refusal;
      setSessionCookie(reply, outcome.token);
      request.sessionUser = await resolveSession(app.services.db, outcome.token, app.services.clock());
      return presentSession(request, reply, outcome.userId);
    },
  );

  app.post(
    '/api/session/logout',
    { config: { public: true }, schema: { tags, summary: 'Sign out', response: { 204: z.null(), ...commonErrors } } },
    async (request, reply) => {
      if (request.sessionUser) await signOut(app.services.db, request.sessionUser.sessionKey);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/session/password',
    { schema: { tags, summary: 'Change your own password', body: changePasswordInput, response: { 204: z.null(), ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => changeOwnPassword(context, user.userId, request.body, user.sessionKey));
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/api/session/preferences',
    { schema: { tags, summary: 'Remember your interface language', body: preferencesInput, response: { 204: z.null(), ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => setOwnLocale(context, user.userId, request.body.locale));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Accounts you administer',
        querystring: listUsersQuery,
        response: { 200: pageOf(userView), ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return listUsers(app.services.db, user, { query: request.query.q || undefined, limit: request.query.limit, offset: request.query.offset }, app.services.clock());
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Create an account; without a password one is generated and shown once',
        body: createUserInput,
        response: { 201: createdUser, ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const created = await inTransaction(request, (context) => createUser(context, actor, request.body));
      reply.code(201);
      return { user: await getUser(app.services.db, actor, created.id, app.services.clock()), initialPassword: created.initialPassword };
    },
  );

  app.get(
    '/api/users/:id',
    { schema: { tags, summary: 'One account', params: idParams, response: { 200: userView, ...commonErrors } } },
    async (request) => getUser(app.services.db, requireUser(request), request.params.id, app.services.clock()),
  );

  app.patch(
    '/api/users/:id',
    { schema: { tags, summary: 'Rename, disable or enable an account', params: idParams, body: updateUserInput, response: { 200: userView, ...commonErrors } } },
    async (request) => {
      const actor = requireUser(request);
      await inTransaction(request, (context) => updateUser(context, actor, request.params.id, request.body));
      return getUser(app.services.db, actor, request.params.id, app.services.clock());
    },
  );

  app.post(
    '/api/users/:id/grants',
    { schema: { tags, summary: 'Grant a role on a unit', params: idParams, body: grantInput, response: { 200: userView, ...commonErrors } } },
    async (request) => {
      const actor = requireUser(request);
      await inTransaction(request, (context) => addGrant(context, actor, request.params.id, request.body));
      return getUser(app.services.db, actor, request.params.id, app.services.clock());
    },
  );

  app.delete(
    '/api/users/:id/grants/:grantId',
    {
      schema: { tags, summary: 'Revoke a grant', params: z.strictObject({ id: z.uuid(), grantId: z.uuid() }), response: { 200: userView, ...commonErrors } },
    },
    async (request) => {
      const actor = requireUser(request);
      await inTransaction(request, (context) => removeGrant(context, actor, request.params.id, request.params.grantId));
      return getUser(app.services.db, actor, request.params.id, app.services.clock());
    },
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Reset a password to a generated one, shown once and changed at next sign-in',
        params: idParams,
        response: { 200: passwordReset, ...commonErrors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const temporaryPassword = await inTransaction(request, (context) => resetPassword(context, actor, request.params.id));
      return { temporaryPassword };
    },
  );
}
