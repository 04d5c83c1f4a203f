/**
 * A check every request body and query passes before validation: text with a NUL character is refused,
 * naming the field. PostgreSQL cannot store NUL in text, so without this the request would fail deep in
 * the database with a 500 instead of a 400 that says which field is wrong.
 */
import type { FastifyRequest } from 'fastify';
import { invalidInput } from '../kernel/errors.ts';

/** The dotted path of the first string containing NUL inside `value`, or null. */
export function findNulCharacter(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || 'body' : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNulCharacter(item, [...path, String(index)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNulCharacter(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Fastify preValidation hook refusing NUL characters in the body or query string. */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  const field = findNulCharacter(request.body) ?? findNulCharacter(request.query);
  if (field !== null) {
    throw invalidInput(field, { zh: `字段 ${field} 含有不允许的空字符（NUL）。`, en: `Field ${field} contains a NUL character, which is not allowed.` });
  }
}
