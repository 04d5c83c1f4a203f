/** Puts a server refusal next to the form field it names, when the form has that field; runs a form's writes. */
import { useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from './api.ts';

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

/** What `useSubmit` gives back. */
export interface Submitting {
  /** True while a write is under way. */
  busy: boolean;
  /** The last refusal that no field showed. */
  error: string | null;
  clearError: () => void;
  /** Runs `write`; true when it succeeded. */
  run: (write: () => Promise<void>) => Promise<boolean>;
}

/**
 * Runs a form's (or a panel's) writes one at a time: a refusal naming one of `fields` of `form` goes next to
 * that field, any other to `error`.
 */
export function useSubmit(form?: FormInstance, fields: readonly string[] = []): Submitting {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(write: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await write();
      return true;
    } catch (failure) {
      if (!form || !showFieldError(form, failure, fields)) setError(errorMessage(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, clearError: () => setError(null), run };
}
