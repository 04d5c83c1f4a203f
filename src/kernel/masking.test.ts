import { describe, it, expect } from 'vitest';
import { maskPersonalFields, maskPersonName, maskPhone } from './masking.ts';

describe('maskPhone', () => {
  it('keeps the operator prefix and last four digits of a mobile number', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone(' 139-1234-5678 ')).toBe('139****5678');
    expect(maskPhone('+86 139 1234 5678')).toBe('+86 139****5678');
  });

  it('keeps the area code and last four digits of a landline', () => {
    expect(maskPhone('0930-1234567')).toBe('0930-***4567');
    expect(maskPhone('010-12345678')).toBe('010-****5678');
    expect(maskPhone('010-12345678-801')).toBe('010-****5678-801');
    expect(maskPhone('09301234567')).toBe('0930-***4567');
    expect(maskPhone('02112345678')).toBe('021-****5678');
  });

  it('keeps only the last four characters of anything else', () => {
    expect(maskPhone('12345678')).toBe('****5678');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('')).toBe('');
  });
});

describe('maskPersonalFields', () => {
  it('masks personal fields at any depth and drops secrets', () => {
    const input = {
      name: '张三',
      phone: '13912345678',
      residentId: '11010519491231002X',
      passwordHash: '$argon2id$...',
      household: [{ Mobile: '13800001111', idCard: '11010119900307123X', password: 'secret' }],
      unit: { contactPhone: '0930-1234567', telephone: null },
    };
    expect(maskPersonalFields(input)).toEqual({
      name: '张三',
      phone: '139****5678',
      residentId: '110105********002X',
      household: [{ Mobile: '138****1111', idCard: '110101********123X' }],
      unit: { contactPhone: '0930-***4567', telephone: null },
    });
  });

  it('matches names regardless of case, underscores and hyphens', () => {
    const input = { CONTACT_PHONE: '13912345678', id_number: '11010519491231002X', 'password-hash': 'x', IDCARD: 'E12345678' };
    expect(maskPersonalFields(input)).toEqual({
      CONTACT_PHONE: '139****5678',
      id_number: '110105********002X',
      IDCARD: '*******78',
    });
  });

  it('masks every value below a personal field, including numbers', () => {
    expect(maskPersonalFields({ phone: [13912345678, { home: '010-12345678' }] })).toEqual({
      phone: ['139****5678', { home: '010-****5678' }],
    });
  });

  it('leaves the input untouched and other values as they are', () => {
    const input = { phone: '13912345678', at: new Date('2020-01-01T00:00:00Z'), count: 3, ok: true };
    const output = maskPersonalFields(input) as typeof input;
    expect(input.phone).toBe('13912345678');
    expect(output).toEqual({ phone: '139****5678', at: new Date('2020-01-01T00:00:00Z'), count: 3, ok: true });
    expect(output.at).not.toBe(input.at);
    expect(maskPersonalFields('13912345678')).toBe('13912345678');
    expect(maskPersonalFields(null)).toBeNull();
  });

  it('copies shared objects and survives cycles', () => {
    const shared = { phone: '13912345678' };
    const cyclic: Record<string, unknown> = { a: shared, b: shared };
    cyclic.self = cyclic;
    expect(maskPersonalFields(cyclic)).toEqual({ a: { phone: '139****5678' }, b: { phone: '139****5678' }, self: '[Circular]' });
  });
});

describe('maskPersonName', () => {
  it('keeps the first and last characters of a name of three or more, and only the first of two', () => {
    expect(maskPersonName('张三丰')).toBe('张*丰');
    expect(maskPersonName('欧阳娜娜')).toBe('欧**娜');
    expect(maskPersonName('李四')).toBe('李*');
    expect(maskPersonName('王')).toBe('王');
  });

  it('counts characters, not UTF-16 units, and ignores surrounding spaces', () => {
    expect(maskPersonName(' 𠮷田一 ')).toBe('𠮷*一');
  });
});
