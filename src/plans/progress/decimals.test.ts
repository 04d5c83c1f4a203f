import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimalsEqual, plainDecimal, sumDecimals } from './decimals.ts';

describe('sumDecimals', () => {
  it('adds decimals exactly', () => {
    expect(sumDecimals([0.1, 0.2])).toBe('0.3');
    expect(sumDecimals([0.3, 0.25, 0.2, 0.2, 0.25, 0.2, 0.2, 0.2])).toBe('1.8');
    expect(sumDecimals(['1.80', 0])).toBe('1.8');
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals([-0.5, 0.25])).toBe('-0.25');
    expect(sumDecimals([1e-7, 2e21])).toBe('2000000000000000000000.0000001');
  });

  it('agrees with integer addition on whole numbers', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 })), (values) => sumDecimals(values) === String(values.reduce((a, b) => a + b, 0))));
  });

  it('refuses what is not a number', () => {
    expect(() => sumDecimals([Number.NaN])).toThrow(RangeError);
    expect(() => sumDecimals(['1,5'])).toThrow(RangeError);
  });
});

describe('decimalsEqual', () => {
  it('compares exact values whatever their written scale', () => {
    expect(decimalsEqual('1.80', 1.8)).toBe(true);
    expect(decimalsEqual(sumDecimals([0.1, 0.2]), 0.3)).toBe(true);
    expect(decimalsEqual(1.7, '1.8')).toBe(false);
    expect(decimalsEqual(1.8000001, '1.8')).toBe(false);
    expect(plainDecimal('14.98410')).toBe('14.9841');
  });
});
