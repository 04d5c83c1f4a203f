import { describe, expect, it } from 'vitest';
import { containing, startingWith } from './like-pattern.ts';

describe('LIKE patterns', () => {
  it('takes wildcard characters literally', () => {
    expect(containing('50%_x')).toBe('%50\\%\\_x%');
    expect(startingWith('org.unit')).toBe('org.unit%');
    expect(containing('a\\b')).toBe('%a\\\\b%');
  });
});
