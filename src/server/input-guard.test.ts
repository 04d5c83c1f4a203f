import { describe, expect, it } from 'vitest';
import { findNulCharacter } from './input-guard.ts';

describe('findNulCharacter', () => {
  it('names the path of the first string holding NUL', () => {
    expect(findNulCharacter({ name: 'ok', contacts: [{ name: 'a' }, { name: 'b\u0000' }] })).toBe('contacts.1.name');
  });

  it('accepts clean input of any shape', () => {
    expect(findNulCharacter({ a: [1, 'x', { b: null, c: true }] })).toBeNull();
    expect(findNulCharacter(undefined)).toBeNull();
  });

  it('calls a bare string body "body"', () => {
    expect(findNulCharacter('\u0000')).toBe('body');
  });
});
