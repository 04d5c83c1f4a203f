import { describe, it, expect } from 'vitest';
import {
  isRegionCode,
  normalizeRegionCode,
  parentRegionCode,
  regionAncestry,
  regionLevel,
  regionPrefix,
  rootRegionCode,
} from './region-code.ts';

describe('region codes', () => {
  it('recognises 6, 9 and 12 digit codes only', () => {
    expect(isRegionCode('532600')).toBe(true);
    expect(isRegionCode('622921101')).toBe(true);
    expect(isRegionCode('622921101001')).toBe(true);
    expect(isRegionCode('5326')).toBe(false);
    expect(isRegionCode('53260a')).toBe(false);
  });

  it('reads the level from the structure', () => {
    expect(regionLevel('000000')).toBe('country');
    expect(regionLevel('530000')).toBe('province');
    expect(regionLevel('532600')).toBe('prefecture');
    expect(regionLevel('500111')).toBe('county');
    expect(regionLevel('622921101')).toBe('township');
    expect(regionLevel('622921101001')).toBe('village');
    expect(() => regionLevel('53')).toThrow(RangeError);
  });

  it('gives the significant prefix', () => {
    expect(regionPrefix('000000')).toBe('');
    expect(regionPrefix('530000')).toBe('53');
    expect(regionPrefix('532600')).toBe('5326');
    expect(regionPrefix('500111')).toBe('500111');
    expect(regionPrefix('622921101')).toBe('622921101');
  });

  it('gives the parent', () => {
    expect(parentRegionCode('000000')).toBeNull();
    expect(parentRegionCode('530000')).toBe(rootRegionCode);
    expect(parentRegionCode('532600')).toBe('530000');
    expect(parentRegionCode('500111')).toBe('500100');
    expect(parentRegionCode('622921101')).toBe('622921');
    expect(parentRegionCode('622921101001')).toBe('622921101');
  });

  it('lists the ancestry from the country down', () => {
    expect(regionAncestry('000000')).toEqual(['000000']);
    expect(regionAncestry('622921101001')).toEqual(['000000', '620000', '622900', '622921', '622921101', '622921101001']);
  });

  it('normalises short and full codes', () => {
    expect(normalizeRegionCode('53')).toBe('530000');
    expect(normalizeRegionCode(' 5326 ')).toBe('532600');
    expect(normalizeRegionCode('622921101')).toBe('622921101');
    expect(normalizeRegionCode('12345')).toBeNull();
    expect(normalizeRegionCode('53a')).toBeNull();
  });
});
