/**
 * Masking of personal data before it reaches logs, exports and the audit view. Enough is kept for a
 * caseworker to recognise whose record it is (the operator prefix and last digits of a phone, the
 * region and last digits of an identity number), and secrets are dropped outright.
 */
import { maskResidentId } from './resident-id.ts';

/** Field names (compared without case, `_` or `-`) whose values are phone numbers. */
export const phoneFieldNames = ['phone', 'mobile', 'telephone', 'contactPhone'] as const;

/** Field names (compared the same way) whose values are identity numbers. */
export const identityFieldNames = ['residentId', 'idNumber', 'idCard'] as const;

/** Field names (compared the same way) that are removed entirely. */
export const secretFieldNames = ['password', 'passwordHash'] as const;

const mobilePattern = /^(\+?86|0086)?(1\d{10})$/;
const landlinePattern = /^(0\d{2,3})-(\d{7,8})(-\d{1,6})?$/;

function canonicalName(name: string): string {
  return name.replace(/[_-]/g, '').toLowerCase();
}

const phoneKeys = new Set(phoneFieldNames.map(canonicalName));
const identityKeys = new Set(identityFieldNames.map(canonicalName));
const secretKeys = new Set(secretFieldNames.map(canonicalName));

function maskAllBut(text: string, kept: number): string {
  return '*'.repeat(Math.max(text.length - kept, 0)) + text.slice(Math.max(text.length - kept, 0));
}

// Long-distance codes are 010 (Beijing) and 02x for the largest cities, and four digits elsewhere.
function areaCodeLength(digits: string): number {
  return /^0(10|2\d)/.test(digits) ? 3 : 4;
}

/**
 * Masks a phone number: `13912345678` → `139****5678` (a +86 prefix is kept), `0930-1234567` →
 * `0930-***4567`. Anything else keeps only its last four characters, or nothing if it is that short.
 */
export function maskPhone(phone: string): string {
  const text = phone.trim();
  const compact = text.replace(/[\s-]/g, '');
  const mobile = mobilePattern.exec(compact);
  if (mobile?.[2]) {
    const prefix = mobile[1] ? `${mobile[1]} ` : '';
    return `${prefix}${mobile[2].slice(0, 3)}****${mobile[2].slice(7)}`;
  }
  const landline = landlinePattern.exec(text);
  if (landline) return `${landline[1]}-${maskAllBut(landline[2] ?? '', 4)}${landline[3] ?? ''}`;
  if (/^0\d{9,11}$/.test(compact)) {
    const split = areaCodeLength(compact);
    return `${compact.slice(0, split)}-${maskAllBut(compact.slice(split), 4)}`;
  }
  return maskAllBut(text, text.length > 6 ? 4 : 0);
}

/** Masks a person's name for a reader who should recognise it but not learn it: 张三丰 → 张*丰, 李四 → 李*. */
export function maskPersonName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length <= 1) return characters.join('');
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters[characters.length - 1]}`;
}

type Masker = (text: string) => string;

function maskerFor(key: string, inherited: Masker | null): Masker | null {
  const name = canonicalName(key);
  if (phoneKeys.has(name)) return maskPhone;
  if (identityKeys.has(name)) return maskResidentId;
  return inherited;
}

// `masker` is set below a personal-data field, where every string or number is masked, however nested.
function copyMasked(value: unknown, masker: Masker | null, seen: WeakSet<object>): unknown {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
    return masker ? masker(String(value)) : value;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof value !== 'object' || value === null) return value;
  // Log payloads can be arbitrary objects; a cycle would otherwise recurse until the stack overflows.
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => copyMasked(item, masker, seen))
    : copyRecord(value as Record<string, unknown>, masker, seen);
  seen.delete(value);
  return copy;
}

function copyRecord(record: Record<string, unknown>, masker: Masker | null, seen: WeakSet<object>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    if (!secretKeys.has(canonicalName(key))) copy[key] = copyMasked(item, maskerFor(key, masker), seen);
  }
  return copy;
}

/**
 * A deep copy of JSON-like data with phone numbers and identity numbers masked wherever they appear
 * under a personal-data field name, and passwords and password hashes removed. Names match without
 * regard to case, `_` or `-`, so `contact_phone` and `ID_CARD` are caught as well as `contactPhone`.
 */
export function maskPersonalFields(value: unknown): unknown {
  return copyMasked(value, null, new WeakSet());
}
