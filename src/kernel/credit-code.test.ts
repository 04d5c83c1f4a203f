import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { creditCodeCharacters, creditCodeChecksum, isCreditCode, parseCreditCode } from './credit-code.ts';

const sample = '91350100M000100Y43';
const codeCharacter = fc.constantFrom(...creditCodeCharacters);
const bodies = fc
  .tuple(
    fc.string({ unit: codeCharacter, minLength: 2, maxLength: 2 }),
    fc.stringMatching(/^\d{6}$/),
    fc.string({ unit: codeCharacter, minLength: 9, maxLength: 9 }),
  )
  .map((parts) => parts.join(''));

describe('creditCodeChecksum', () => {
  it('gives the check character of a real code', () => {
    expect(creditCodeChecksum(sample.slice(0, 17))).toBe('3');
  });

  it('refuses bodies of the wrong length or with unused letters', () => {
    expect(() => creditCodeChecksum('91350100M000100Y')).toThrow(RangeError);
    expect(() => creditCodeChecksum('91350100M000100I4')).toThrow(RangeError);
  });
});

describe('parseCreditCode', () => {
  it('accepts a real code and reads its parts', () => {
    expect(parseCreditCode(sample)).toEqual({
      ok: true,
      value: { code: sample, registrationAuthority: '9', entityType: '1', regionCode: '350100' },
    });
  });

  it('trims and upper-cases', () => {
    const result = parseCreditCode(' 91350100m000100y43 ');
    expect(result.ok && result.value.code).toBe(sample);
  });

  it('refuses a corrupted code by its checksum', () => {
    const result = parseCreditCode('91350100M000100Y44');
    expect(result.ok ? null : result.reason).toBe('checksum');
    expect(result.ok ? null : result.message.zh).toContain('校验位');
  });

  it('refuses the wrong shape', () => {
    for (const input of ['', '91350100M000100Y4', '91350100M000100Y433', '913501A0M000100Y43', '91350100M000100Y4-']) {
      const result = parseCreditCode(input);
      expect(result.ok ? null : result.reason).toBe('format');
    }
  });

  it('refuses letters the standard never uses', () => {
    for (const letter of 'IOZSV') {
      const result = parseCreditCode(`91350100M000100${letter}43`);
      expect(result.ok ? null : result.reason).toBe('charset');
    }
  });

  it('accepts every body followed by its checksum', () => {
    fc.assert(fc.property(bodies, (body) => isCreditCode(body + creditCodeChecksum(body))));
  });

  it('detects every single-character substitution', () => {
    const substitute = fc.constantFrom(...`${creditCodeCharacters}IOZSV`);
    fc.assert(
      fc.property(bodies, fc.nat({ max: 17 }), substitute, (body, position, character) => {
        const code = body + creditCodeChecksum(body);
        fc.pre(code[position] !== character);
        const changed = code.slice(0, position) + character + code.slice(position + 1);
        return !isCreditCode(changed);
      }),
      { numRuns: 1000 },
    );
  });
});
