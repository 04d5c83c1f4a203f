/**
 * The rules of sending a webhook, free of I/O: how a body is signed, how long to wait before the next
 * attempt, and how a failure is summarised without echoing what the receiver said.
 */
import { createHmac } from 'node:crypto';

/** Waits after the 1st … 5th failed attempt: 1 min, 5 min, 30 min, 2 h, 12 h. */
export const retryDelaysMs = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000] as const;

/** Attempts after which a delivery is given up as failed. */
export const maxAttempts = retryDelaysMs.length + 1;

/** How long one attempt may take before it counts as failed. */
export const deliveryTimeoutMs = 10_000;

/** The value of `x-wenbao-signature`: `sha256=` and the hex HMAC-SHA256 of the exact body sent. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** When to try again after `attempts` failed attempts, or null when the delivery is to be given up. */
export function nextAttemptAfter(attempts: number, now: Date): Date | null {
  const delay = retryDelaysMs[attempts - 1];
  return attempts >= maxAttempts || delay === undefined ? null : new Date(now.getTime() + delay);
}

/**
 * A short description of why an attempt failed, for administrators: the status or the kind of network
 * error. Never the response body nor the request, which could carry personal data.
 */
export function describeFailure(outcome: { status: number } | { error: unknown }, timeoutMs: number = deliveryTimeoutMs): string {
  if ('status' in outcome) return `HTTP ${outcome.status}`;
  const error = outcome.error as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  if (error?.name === 'TimeoutError' || error?.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const code = error?.cause?.code ?? error?.code;
  return typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? `network error ${code}` : 'network error';
}
