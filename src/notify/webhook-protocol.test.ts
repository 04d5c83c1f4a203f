import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeFailure, maxAttempts, nextAttemptAfter, signatureOf } from './webhook-protocol.ts';

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of the body with the secret', () => {
    const expected = createHmac('sha256', 'key').update('{"a":1}').digest('hex');
    expect(signatureOf('key', '{"a":1}')).toBe(`sha256=${expected}`);
  });

  it('changes with the secret and with the body', () => {
    expect(signatureOf('key', 'body')).not.toBe(signatureOf('other', 'body'));
    expect(signatureOf('key', 'body')).not.toBe(signatureOf('key', 'body '));
  });
});

describe('webhook retries', () => {
  const now = new Date('2020-06-01T00:00:00Z');
  const minutesAfter = (attempts: number) => ((nextAttemptAfter(attempts, now)?.getTime() ?? Number.NaN) - now.getTime()) / 60_000;

  it('waits 1 min, 5 min, 30 min, 2 h and 12 h after the 1st to 5th failure', () => {
    expect([1, 2, 3, 4, 5].map(minutesAfter)).toEqual([1, 5, 30, 120, 720]);
  });

  it('gives up after the 6th failed attempt', () => {
    expect(maxAttempts).toBe(6);
    expect(nextAttemptAfter(6, now)).toBeNull();
    expect(nextAttemptAfter(7, now)).toBeNull();
  });
});

describe('webhook failure descriptions', () => {
  it('names the status, the timeout or the network error code, nothing else', () => {
    expect(describeFailure({ status: 500 })).toBe('HTTP 500');
    expect(describeFailure({ error: Object.assign(new Error('x'), { name: 'TimeoutError' }) })).toBe('no answer within 10 s');
    expect(describeFailure({ error: new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }) })).toBe('network error ECONNREFUSED');
    expect(describeFailure({ error: new Error('secret detail: 110101199003070011') })).toBe('network error');
  });
});
