/**
 * What every domain's routes share: the request's actor, the database, a transaction that carries the
 * audit context, and the one error shape. Domains import this; it knows nothing of any domain.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { errorBody } from '../contracts/common.contract.ts';
import type { Locale } from '../contracts/constants.ts';
import { unauthenticated } from '../kernel/errors.ts';
import type { Actor } from '../kernel/actor.ts';
import type { WriteContext } from '../store/audit.ts';
import type { Database } from '../store/tables.ts';

/** The shared wire pieces, defined in the contracts; re-exported so routes find them beside `commonErrors`. */
export { errorBody, pageOf, pagingQuery } from '../contracts/common.contract.ts';

/** The signed-in user behind a request, as the server's session hook found them. */
export interface SessionUser extends Actor {
  displayName: string;
  locale: Locale;
  mustChangePassword: boolean;
  /** The hash of the session token, so the session itself can be ended or rotated. */
  sessionKey: string;
}

/** What the server gives every domain plugin. */
export interface AppServices {
  db: Kysely<Database>;
  /** The current time; tests inject a fixed or moving clock. */
  clock: () => Date;
  /** Sign-in attempts allowed per minute from one address. */
  loginRateLimit: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answers anonymous requests; every other API route refuses them before reading their input. */
    public?: boolean;
  }
  interface FastifyInstance {
    services: AppServices;
  }
  interface FastifyRequest {
    /** Null for anonymous requests. */
    sessionUser: SessionUser | null;
  }
}

/** The app with the Zod type provider applied. */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/** The signed-in user, or a 401 refusal. */
export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.sessionUser) throw unauthenticated();
  return request.sessionUser;
}

/** Runs a write use case in one transaction with the request's actor and id for the audit trail. */
export async function inTransaction<T>(request: FastifyRequest, work: (context: WriteContext) => Promise<T>): Promise<T> {
  const { db, clock } = request.server.services;
  const user = request.sessionUser;
  return db.transaction().execute((trx) =>
    work({
      db: trx,
      actor: user ? { id: user.userId, name: user.username } : { id: null, name: 'anonymous' },
      now: clock(),
      requestId: request.id,
    }),
  );
}

/** Response schemas for the refusals most routes can give. */
export const commonErrors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
  429: errorBody,
} as const;

/** The language a request asked for: the user's choice, else Accept-Language, else Chinese. */
export function requestLanguage(request: FastifyRequest): 'zh' | 'en' {
  const header = request.headers['accept-language'];
  if (typeof header === 'string' && header.trim().toLowerCase().startsWith('en')) return 'en';
  if (typeof header === 'string' && header.trim().toLowerCase().startsWith('zh')) return 'zh';
  return request.sessionUser?.locale === 'en' ? 'en' : 'zh';
}

/**
 * A `content-disposition` for a download: an ASCII fallback name and the UTF-8 one in `filename*`
 * (RFC 6266 / RFC 5987), so Chinese file names arrive intact.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
