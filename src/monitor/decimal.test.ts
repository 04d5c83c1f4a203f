import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDecimal, formatDecimal, isDecimalText, multiplyDecimal, subtractDecimal, toDecimal } from './decimal.ts';

describe('decimal', () => {
  it('adds without binary rounding error', () => {
    expect(formatDecimal(addDecimal(toDecimal('0.1'), toDecimal('0.2')))).toBe('0.3');
    expect(formatDecimal(subtractDecimal(toDecimal(12.5), toDecimal('12.75')))).toBe('-0.25');
    expect(formatDecimal(multiplyDecimal(toDecimal('1.5'), toDecimal('-0.02')))).toBe('-0.030');
  });

  it('reads numbers and plain decimal text only', () => {
    expect(formatDecimal(toDecimal(-3))).toBe('-3');
    expect(formatDecimal(toDecimal(0.000001))).toBe('0.000001');
    expect(isDecimalText('12.5')).toBe(true);
    expect(isDecimalText('1e5')).toBe(false);
    expect(isDecimalText('1,000')).toBe(false);
    expect(() => toDecimal('abc')).toThrow(RangeError);
    expect(() => toDecimal(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips integers and keeps a + b − b = a (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 6 }), fc.integer(), fc.integer({ min: 0, max: 6 }), (a, scaleA, b, scaleB) => {
        const left = { digits: BigInt(a), scale: scaleA };
        const right = { digits: BigInt(b), scale: scaleB };
        expect(Number(formatDecimal(subtractDecimal(addDecimal(left, right), right)))).toBeCloseTo(a / 10 ** scaleA, 9);
        expect(toDecimal(formatDecimal(left))).toEqual(left);
      }),
    );
  });
});
