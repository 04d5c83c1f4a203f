import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertTarget, unitConversion } from './target-units.ts';

describe('unitConversion', () => {
  it('converts a target in 万人 to an indicator in 人', () => {
    const conversion = unitConversion('万人', '人');
    expect(conversion.factor).toBe(10_000);
    expect(convertTarget(1.8, conversion.factor!)).toBe(18_000);
  });

  it('converts between 元, 万元 and 亿元, and between 吨 and 万吨', () => {
    expect(unitConversion('亿元', '万元').factor).toBe(10_000);
    expect(unitConversion('万元', '元').factor).toBe(10_000);
    expect(unitConversion('元', '亿元').factor).toBe(1e-8);
    expect(unitConversion('万吨', '吨').factor).toBe(10_000);
  });

  it('takes the same unit, full-width per cent and spaces as they are', () => {
    expect(unitConversion('%', '%').factor).toBe(1);
    expect(unitConversion('％', '%').factor).toBe(1);
    expect(unitConversion(' 个 ', '个').factor).toBe(1);
  });

  it('refuses units of different kinds or without a known factor, saying why', () => {
    const mixed = unitConversion('万人', '吨');
    expect(mixed.factor).toBeNull();
    expect(mixed.reason?.zh).toContain('万人');
    expect(mixed.reason?.en).toContain('"吨"');
    expect(unitConversion('万亩', '亩').factor).toBeNull();
    expect(unitConversion('人（户）', '人').factor).toBeNull();
    expect(unitConversion('', '人').reason?.en).toContain('no unit');
  });

  it('converts there and back to the same figure', () => {
    const units = ['人', '万人', '元', '万元', '亿元', '吨', '万吨', '%'];
    fc.assert(
      fc.property(fc.constantFrom(...units), fc.constantFrom(...units), fc.integer({ min: 0, max: 1_000_000 }), (from, to, value) => {
        const there = unitConversion(from, to);
        const back = unitConversion(to, from);
        expect(there.factor === null).toBe(back.factor === null);
        if (there.factor !== null && back.factor !== null) expect(convertTarget(convertTarget(value, there.factor), back.factor)).toBeCloseTo(value, 6);
      }),
    );
  });
});
