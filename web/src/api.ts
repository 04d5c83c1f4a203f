/**
 * The one way the web app talks to the server: JSON over same-origin fetch, the session cookie, the CSRF
 * header on every write, and `Accept-Language` so the server's error messages come back in the user's language.
 */
import i18n from './i18n/index.ts';

/** A refusal from the server (or a failure to reach it), carrying the server's stable code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** Every field concerned, when the refusal names several (the outliers of a form). */
  readonly fields: string[];

  constructor(status: number, code: string, message: string, field?: string, fields?: string[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.fields = fields ?? (field ? [field] : []);
  }
}

type QueryValue = string | number | boolean | null | undefined;

let csrfToken = '';
const unauthenticatedListeners = new Set<() => void>();

/** Remembers the CSRF token the server issued with the session. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Calls `listener` when a request finds the session gone (401); returns the unsubscribe function. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** The language the server should answer in: the interface language. */
export function requestLocale(): 'zh-CN' | 'en' {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Builds `/api/...?a=1` leaving out empty parameters. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; field?: string; fields?: string[] } };
    if (body.error?.message) {
      return new ApiError(response.status, body.error.code ?? 'unknown', body.error.message, body.error.field, body.error.fields);
    }
  } catch {
    // Not JSON (a proxy error page, say): fall through to a generic message.
  }
  return new ApiError(response.status, 'unexpected', i18n.t('errors.unexpected', { status: response.status }));
}

/** Sends one request and returns the parsed JSON body (undefined for 204); throws `ApiError` on refusal. */
export async function request<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': requestLocale(), ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && !path.startsWith('/api/session')) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Sends files as `multipart/form-data` (one part per entry) and returns the parsed JSON answer. */
export async function upload<T>(path: string, parts: Record<string, Blob | string>, extraHeaders: Record<string, string> = {}): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) form.append(name, value);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': requestLocale(), ...extraHeaders };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!response.ok) throw await errorFrom(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Like `upload`, reporting the share of the body sent (0–1) as it goes: a server that reads the file as a
 * stream reads it as fast as it arrives, so this is also how far the server has read.
 */
export function uploadWithProgress<T>(path: string, parts: Record<string, Blob | string>, onProgress: (sent: number) => void): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) form.append(name, value);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', requestLocale());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.t('errors.network')));
    xhr.onload = () => {
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status });
      if (xhr.status < 200 || xhr.status >= 300) {
        void errorFrom(response).then(reject);
        return;
      }
      resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
    };
    xhr.send(form);
  });
}

/** Shorthands for the HTTP verbs. */
export const api = {
  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return request<T>('GET', apiUrl(path, query));
  },
  post<T>(path: string, body?: unknown): Promise<T> {
    return request<T>('POST', path, body ?? {});
  },
  patch<T>(path: string, body: unknown): Promise<T> {
    return request<T>('PATCH', path, body);
  },
  put<T>(path: string, body: unknown): Promise<T> {
    return request<T>('PUT', path, body);
  },
  delete<T>(path: string): Promise<T> {
    return request<T>('DELETE', path);
  },
};

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
