import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinColumn, unitSeparator } from './column-text.ts';

describe('joinColumn', () => {
  it('joins values with the unit separator, null as empty text', () => {
    expect(joinColumn(['a', null, 'c', 7])).toBe(`a${unitSeparator}${unitSeparator}c${unitSeparator}7`);
    expect(joinColumn([])).toBe('');
  });

  it('refuses a column whose values hold the separator', () => {
    expect(joinColumn(['a', `b${unitSeparator}c`])).toBeNull();
  });

  it('splits back into the same values (null as empty) whenever it joins', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string(), { nil: null }), { minLength: 1 }), (values) => {
        const joined = joinColumn(values);
        if (joined === null) return values.some((value) => value?.includes(unitSeparator));
        return JSON.stringify(joined.split(unitSeparator)) === JSON.stringify(values.map((value) => value ?? ''));
      }),
    );
  });
});
