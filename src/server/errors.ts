/**
 * The one error handler. Whatever went wrong, the client gets `{ error: { code, message, field? } }` with
 * the right status and a message in its language; unexpected errors are logged and answered with a
 * generic 500 that never leaks internals.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, pickLanguage, type LocalizedText } from '../kernel/errors.ts';
import { requestLanguage } from '../http/route-kit.ts';

export { requestLanguage };

const chineseMessages = z.locales.zhCN().localeError;
const englishMessages = z.locales.en().localeError;

interface ValidationEntry {
  keyword: string;
  instancePath: string;
  message: string;
  params?: Record<string, unknown>;
}

/** Turns the first schema violation into a field name and a message in both languages. */
function describeValidation(entry: ValidationEntry): { field: string; text: LocalizedText } {
  const path = entry.instancePath.split('/').filter(Boolean);
  const keys = entry.params?.keys;
  const field = entry.keyword === 'unrecognized_keys' && Array.isArray(keys) ? [...path, String(keys[0])].join('.') : path.join('.');
  const issue = { code: entry.keyword, path, ...entry.params } as Parameters<typeof chineseMessages>[0];
  const render = (map: typeof chineseMessages, fallback: string) => {
    const rendered = map(issue);
    return (typeof rendered === 'string' ? rendered : rendered?.message) ?? fallback;
  };
  // A custom message from a refinement (e.g. "must be a 6, 9 or 12 digit division code") is more precise.
  const custom = entry.keyword === 'custom' || entry.keyword === 'invalid_format' && entry.params?.format === 'regex';
  const en = custom ? pickLanguage(entry.message, 'en') : render(englishMessages, entry.message);
  const zh = custom ? pickLanguage(entry.message, 'zh') : render(chineseMessages, entry.message);
  const label = field || 'body';
  return { field: label, text: { zh: `字段 ${label}：${zh}`, en: `Field ${label}: ${en}` } };
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: string, text: LocalizedText, field?: string, fields?: string[]) {
  const message = text[requestLanguage(request)];
  return reply.status(status).send({ error: { code, message, ...(field ? { field } : {}), ...(fields ? { fields } : {}) } });
}

/** Fastify's error handler for the whole app. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return send(reply, request, error.status, error.code, error.text, error.field, error.fields);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const { field, text } = describeValidation(error.validation[0] as unknown as ValidationEntry);
    return send(reply, request, 400, 'invalid_input', text, field);
  }
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return send(reply, request, 403, 'csrf', {
      zh: '安全令牌无效或已过期，请刷新页面后重试。',
      en: 'The security token is missing or expired; reload the page and try again.',
    });
  }
  if (error.statusCode === 429) {
    return send(reply, request, 429, 'rate_limited', { zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; please wait a moment and try again.' });
  }
  if (error.statusCode === 413) {
    return send(reply, request, 413, 'too_large', { zh: '提交的内容过大。', en: 'The request body is too large.' });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Malformed JSON, wrong content type and similar protocol errors from Fastify itself.
    return send(reply, request, error.statusCode, 'invalid_input', {
      zh: `请求格式不正确：${error.message}`,
      en: `The request is malformed: ${error.message}`,
    });
  }
  request.log.error({ err: loggableError(error) }, 'unexpected error');
  return send(reply, request, 500, 'internal', {
    zh: `服务器内部错误，请稍后再试（请求编号 ${request.id}）。`,
    en: `Internal server error; please try again later (request id ${request.id}).`,
  });
}

/**
 * What of an unexpected error may be logged. Database errors carry the statement's parameters (PGlite)
 * or the offending values in their message and detail, which can be resident IDs or phone numbers: for
 * them only the SQLSTATE, constraint and stack are kept.
 */
export function loggableError(error: Error & { code?: unknown; constraint?: unknown }) {
  const isDatabaseError = typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code);
  return isDatabaseError
    ? { type: error.name, sqlState: error.code, constraint: error.constraint, stack: error.stack?.split('\n').slice(1).join('\n') }
    : { type: error.name, message: error.message, code: error.code, stack: error.stack };
}
