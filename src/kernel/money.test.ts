import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { applyRate, capFen, fen, formatMoney, formatYuan, sumFen, yuanToFen, type Rounding } from './money.ts';

const amounts = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const roundings = fc.constantFrom<Rounding>('half_up', 'down', 'up');

describe('fen', () => {
  it('accepts safe integers and refuses the rest', () => {
    expect(fen(123456)).toBe(123456);
    expect(() => fen(1.5)).toThrow(RangeError);
    expect(() => fen(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => fen(Number.NaN)).toThrow(RangeError);
  });
});

describe('yuanToFen', () => {
  it('parses decimal yuan exactly', () => {
    expect(yuanToFen('1234.56')).toBe(123456);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('5')).toBe(500);
    expect(yuanToFen(' -12.3 ')).toBe(-1230);
    expect(Object.is(yuanToFen('-0.00'), 0)).toBe(true);
  });

  it('refuses more than two decimals, non-numbers and decorations', () => {
    for (const text of ['1.234', '', '-', 'abc', '1e3', '.5', '5.', '+5', '1,234.56', '12 元', 'NaN', '0x10']) {
      expect(() => yuanToFen(text), text).toThrow(RangeError);
    }
  });

  it('refuses amounts beyond the safe range', () => {
    expect(() => yuanToFen('90071992547409.92')).toThrow(RangeError);
    expect(yuanToFen('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('round-trips with the plain format', () => {
    fc.assert(fc.property(amounts, (amount) => yuanToFen(formatYuan(amount, { grouping: false, unit: false })) === amount));
  });
});

describe('formatYuan', () => {
  it('groups thousands and adds the unit', () => {
    expect(formatYuan(123456)).toBe('1,234.56 元');
    expect(formatYuan(5)).toBe('0.05 元');
    expect(formatYuan(-123456789)).toBe('-1,234,567.89 元');
    expect(formatYuan(123456789, { grouping: false, unit: false })).toBe('1234567.89');
  });
});

describe('formatMoney', () => {
  it('switches to 万元 and 亿元 in Chinese', () => {
    expect(formatMoney(7_064_500_000_000, 'zh')).toBe('706.45 亿元');
    expect(formatMoney(20_000_000, 'zh')).toBe('20.00 万元');
    expect(formatMoney(1_000_000, 'zh')).toBe('1.00 万元');
    expect(formatMoney(999_999, 'zh')).toBe('9,999.99 元');
    expect(formatMoney(-20_000_000, 'zh')).toBe('-20.00 万元');
    expect(formatMoney(12_345_678_900_000, 'zh')).toBe('1,234.57 亿元');
  });

  it('writes the full figure in English', () => {
    expect(formatMoney(20_000_000, 'en')).toBe('CNY 200,000.00');
    expect(formatMoney(7_064_500_000_000, 'en')).toBe('CNY 70,645,000,000.00');
    expect(formatMoney(-5, 'en')).toBe('CNY -0.05');
  });
});

describe('sumFen', () => {
  it('adds ten 0.1 yuan to exactly 1 yuan', () => {
    expect(sumFen(Array.from({ length: 10 }, () => yuanToFen('0.1')))).toBe(yuanToFen('1'));
  });

  it('survives intermediate totals beyond the safe range', () => {
    expect(sumFen([Number.MAX_SAFE_INTEGER, 1, -2])).toBe(Number.MAX_SAFE_INTEGER - 1);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it('matches BigInt addition', () => {
    const small = fc.array(fc.integer({ min: -1e12, max: 1e12 }));
    fc.assert(fc.property(small, (values) => BigInt(sumFen(values)) === values.reduce((total, value) => total + BigInt(value), 0n)));
  });
});

describe('applyRate', () => {
  it('works out percentages exactly', () => {
    expect(applyRate(123456, 15, 100)).toBe(18518);
    expect(applyRate(10, 15, 100)).toBe(2);
    expect(applyRate(1000, 333, 1000, 'down')).toBe(333);
    expect(applyRate(Number.MAX_SAFE_INTEGER, 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('rounds as asked, the same way on both sides of zero', () => {
    expect([applyRate(25, 1, 10, 'half_up'), applyRate(25, 1, 10, 'down'), applyRate(25, 1, 10, 'up')]).toEqual([3, 2, 3]);
    expect([applyRate(24, 1, 10, 'half_up'), applyRate(21, 1, 10, 'up')]).toEqual([2, 3]);
    expect([applyRate(-25, 1, 10, 'half_up'), applyRate(-25, 1, 10, 'down'), applyRate(-25, 1, 10, 'up')]).toEqual([-3, -2, -3]);
  });

  it('refuses fractional or non-positive denominators', () => {
    expect(() => applyRate(100, 1, 0)).toThrow(RangeError);
    expect(() => applyRate(100, 1.5, 100)).toThrow(RangeError);
    expect(() => applyRate(Number.MAX_SAFE_INTEGER, 2, 1)).toThrow(RangeError);
  });

  it('is monotonic in the amount', () => {
    const rate = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 }));
    const pair = fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -1e12, max: 1e12 }));
    fc.assert(
      fc.property(pair, rate, roundings, ([a, b], [numerator, denominator], rounding) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return applyRate(low, numerator, denominator, rounding) <= applyRate(high, numerator, denominator, rounding);
      }),
    );
  });

  it('stays within one fen of the exact result', () => {
    expect(applyRate(-1, 7, 7001, 'up')).toBe(-1);
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 10_000 }), roundings, (amount, denominator, rounding) => {
        // The exact result in thousandths of a fen, truncated toward zero: it may sit up to one thousandth
        // short of the true value, so the bound is inclusive.
        const exact = (BigInt(amount) * 7n * 1000n) / BigInt(denominator);
        const result = BigInt(applyRate(amount, 7, denominator, rounding)) * 1000n;
        return result - exact <= 1000n && exact - result <= 1000n;
      }),
    );
  });
});

describe('capFen', () => {
  it('limits an amount to the cap', () => {
    expect(capFen(500_000, 300_000)).toBe(300_000);
    expect(capFen(200_000, 300_000)).toBe(200_000);
    expect(() => capFen(0.5, 1)).toThrow(RangeError);
  });
});
