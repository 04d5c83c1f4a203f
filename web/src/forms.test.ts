import { describe, it, expect } from 'vitest';
import { fieldPath } from './forms.ts';
import { cleanContacts } from './pages/org/contacts.ts';

describe('forms.fieldPath', () => {
  it('reads dotted and bracketed paths into form name paths', () => {
    expect(fieldPath('name')).toEqual(['name']);
    expect(fieldPath('contacts.0.phone')).toEqual(['contacts', 0, 'phone']);
    expect(fieldPath('contacts[1].email')).toEqual(['contacts', 1, 'email']);
  });
});

describe('contacts.cleanContacts', () => {
  it('trims values and leaves empty optional fields out', () => {
    expect(cleanContacts([{ name: ' 张三 ', title: '', phone: ' 13800000000 ', email: undefined }])).toEqual([
      { name: '张三', phone: '13800000000' },
    ]);
    expect(cleanContacts(undefined)).toEqual([]);
  });
});
