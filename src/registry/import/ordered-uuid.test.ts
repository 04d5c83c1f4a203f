import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderedUuids } from './ordered-uuid.ts';

const uuidV7 = /^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/;

describe('orderedUuids', () => {
  it('draws distinct version 7 uuids whose first 48 bits are the time in milliseconds', () => {
    const instant = Date.UTC(2026, 10, 22, 9, 0, 0);
    const ids = orderedUuids(1000, instant);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(uuidV7);
      expect(Number.parseInt(id.slice(0, 12), 16)).toBe(instant);
    }
    expect(orderedUuids(0)).toEqual([]);
  });

  it('sorts as text in the order of its instants', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 40 }), (earlier, gap) => {
        return (orderedUuids(1, earlier)[0] as string) < (orderedUuids(1, earlier + gap)[0] as string);
      }),
    );
  });
});
