import { describe, expect, it } from 'vitest';
import { reachRoots, withinReach } from './reach.ts';

describe('monitor reach', () => {
  const grants = [
    { regionCode: '622921', regionName: '临夏县' },
    { regionCode: '622900', regionName: '临夏回族自治州' },
    { regionCode: '500111', regionName: '大足区' },
  ];

  it('keeps the outermost grant regions, widest first', () => {
    expect(reachRoots(grants)).toEqual([
      { code: '622900', name: '临夏回族自治州' },
      { code: '500111', name: '大足区' },
    ]);
  });

  it('holds the subtree of a grant and nothing beside it', () => {
    expect(withinReach(grants, '622921101201')).toBe(true);
    expect(withinReach(grants, '532600')).toBe(false);
  });
});
