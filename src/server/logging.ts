/**
 * Log settings. Requests are logged with their id, method and path, never their query string, cookies,
 * CSRF token or body: queries and bodies can hold resident IDs and phone numbers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Pino options for the server. */
export function loggerOptions() {
  return {
    level: process.env.WENBAO_LOG_LEVEL ?? 'info',
    redact: { paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, path: request.url.split('?')[0], remoteAddress: request.ip };
      },
      res(reply: FastifyReply) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}
