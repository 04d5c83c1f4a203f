/** Puts a server refusal next to the form field it names, when the form has that field. */
import type { FormInstance } from 'antd';
import { ApiError } from './api.ts';

/** `contacts.0.phone` or `contacts[0].phone` → `['contacts', 0, 'phone']`. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Marks the field the error names, if it is one of `fields` (top-level names); returns true when it did,
 * so the caller shows the message elsewhere otherwise.
 */
export function showFieldError(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const path = fieldPath(error.field);
  if (!fields.includes(String(path[0]))) return false;
  form.setFields([{ name: path, errors: [error.message] }]);
  return true;
}
