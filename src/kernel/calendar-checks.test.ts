/** Properties of the allocation-free date and identity-number checks against straightforward references. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, isIsoDate } from './periods.ts';
import { parseResidentId, residentIdChecksum } from './resident-id.ts';

function referenceIsIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function referenceChecksum(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, position) => total + weight * Number(first17[position]), 0);
  return '10X98765432'.charAt(sum % 11);
}

const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((list) => list.join(''));
const dateLike = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(
  ([year, month, day]) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
);

describe('calendar checks', () => {
  it('daysInMonth agrees with the calendar of Date', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
      const reference = new Date(0);
      reference.setUTCFullYear(year, month, 0);
      return daysInMonth(year, month) === reference.getUTCDate();
    }));
  });

  it('isIsoDate agrees with a Date-based check on date-shaped and arbitrary text', () => {
    fc.assert(fc.property(fc.oneof(dateLike, fc.string({ maxLength: 12 })), (text) => isIsoDate(text) === referenceIsIsoDate(text)), { numRuns: 2000 });
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2019-02-29')).toBe(false);
    expect(isIsoDate('2020-2-29x')).toBe(false);
    expect(isIsoDate('２０２０-02-01')).toBe(false);
  });
});

describe('GB 11643 check character', () => {
  it('agrees with the weighted sum of the standard', () => {
    fc.assert(fc.property(digits(17), (body) => residentIdChecksum(body) === referenceChecksum(body)), { numRuns: 2000 });
  });

  it('accepts exactly the numbers whose last character is the check character', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 18_000 }), digits(3), fc.constantFrom(...'0123456789X'), (day, sequence, last) => {
        const birth = new Date(Date.UTC(1960, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
        const body = `622921${birth}${sequence}`;
        return parseResidentId(body + last, '2026-01-01').ok === (last === referenceChecksum(body));
      }),
      { numRuns: 2000 },
    );
  });
});
