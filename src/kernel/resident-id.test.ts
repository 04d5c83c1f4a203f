import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isResidentId, maskResidentId, parseResidentId, residentIdChecksum } from './resident-id.ts';

const today = '2024-06-30';

function withChecksum(first17: string): string {
  return first17 + residentIdChecksum(first17);
}

const birthDates = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-06-30T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10).replaceAll('-', ''));
const bodies = fc
  .tuple(fc.stringMatching(/^\d{6}$/), birthDates, fc.stringMatching(/^\d{3}$/))
  .map(([region, birth, sequence]) => region + birth + sequence);

describe('residentIdChecksum', () => {
  it('gives the published check character of the standard sample', () => {
    expect(residentIdChecksum('11010519491231002')).toBe('X');
  });

  it('matches check characters worked out by hand', () => {
    expect(residentIdChecksum('11010119900307123')).toBe('3');
    expect(residentIdChecksum('44030419850815002')).toBe('7');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => residentIdChecksum('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdChecksum('1101051949123100A')).toThrow(RangeError);
  });
});

describe('parseResidentId', () => {
  it('accepts the published sample and reads its parts', () => {
    const result = parseResidentId('11010519491231002X', today);
    expect(result).toEqual({
      ok: true,
      value: { id: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it('trims and upper-cases a lower-case x', () => {
    const result = parseResidentId('  11010519491231002x ', today);
    expect(result.ok && result.value.id).toBe('11010519491231002X');
  });

  it('reads an odd sequence digit as male', () => {
    const result = parseResidentId(withChecksum('11010119900307123'), today);
    expect(result.ok && result.value.sex).toBe('male');
  });

  it('refuses the wrong shape', () => {
    for (const input of ['', '11010519491231002', '11010519491231002XX', '1101051949123100X2', '110105194912310021A']) {
      const result = parseResidentId(input, today);
      expect(result.ok ? null : result.reason).toBe('format');
    }
  });

  it('refuses a date that does not exist even with a correct check character', () => {
    const result = parseResidentId(withChecksum('11010119990230123'), today);
    expect(result.ok ? null : result.reason).toBe('birth_date');
    expect(result.ok ? null : result.message.zh).toContain('出生日期');
  });

  it('refuses a birth date after today', () => {
    const id = withChecksum('11010120240701123');
    expect(parseResidentId(id, '2024-06-30').ok).toBe(false);
    expect(parseResidentId(id, '2024-07-01').ok).toBe(true);
    expect(parseResidentId(id, new Date('2024-06-30T16:00:00Z')).ok).toBe(true);
    expect(parseResidentId(id, new Date('2024-06-30T15:59:59Z')).ok).toBe(false);
  });

  it('refuses a wrong check character', () => {
    const result = parseResidentId('110105194912310021', today);
    expect(result.ok ? null : result.reason).toBe('checksum');
    expect(result.ok ? null : result.message.en).toMatch(/check character/);
  });

  it('accepts every number built with its checksum', () => {
    fc.assert(fc.property(bodies, (body) => isResidentId(withChecksum(body), today)));
  });

  it('detects any single changed digit in the body', () => {
    const changes = fc.tuple(bodies, fc.nat({ max: 16 }), fc.integer({ min: 1, max: 9 }));
    fc.assert(
      fc.property(changes, ([body, position, shift]) => {
        const id = withChecksum(body);
        const digit = String((Number(id[position]) + shift) % 10);
        const changed = id.slice(0, position) + digit + id.slice(position + 1);
        return !isResidentId(changed, today);
      }),
    );
  });
});

describe('maskResidentId', () => {
  it('keeps the region and the last four characters', () => {
    expect(maskResidentId('11010119900307123X')).toBe('110101********123X');
    expect(maskResidentId('11010519491231002x')).toBe('110105********002X');
  });

  it('keeps only the last two characters of anything else', () => {
    expect(maskResidentId('110101900307123')).toBe('*************23');
    expect(maskResidentId('E12345678')).toBe('*******78');
  });

  it('hides very short input entirely', () => {
    expect(maskResidentId('1234')).toBe('****');
    expect(maskResidentId('')).toBe('');
  });
});
