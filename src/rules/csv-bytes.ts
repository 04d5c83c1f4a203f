/** Byte-level helpers of the CSV reader: field kinds, delimiters, calendar day numbers, enum lookup slots. */
import type { RuleType } from './types.ts';

/** Byte values the reader looks for. */
export const comma = 0x2c;
export const newline = 0x0a;
export const carriageReturn = 0x0d;

/** The fast-path kind of each type. */
export const kindCodes: Record<RuleType['kind'], number> = { number: 1, months: 2, money: 3, date: 4, boolean: 5, enum: 6, list: 7, string: 8 };
/** The fast-path kinds, by name. */
export const [kindNumber, kindMonths, kindMoney, kindDate, kindBoolean, kindEnum, kindList, kindString] = [1, 2, 3, 4, 5, 6, 7, 8];

/** True for a byte that ends a field. */
export function isDelimiter(byte: number): boolean {
  return byte === comma || byte === newline || byte === carriageReturn;
}

/** The day number of a proleptic Gregorian date (days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The first slot to probe for a value: from its length and two of its bytes, so the bytes are read once (to confirm). */
export function choiceSlot(length: number, middle: number, last: number): number {
  return (Math.imul(length, 0x9e3779b1) ^ Math.imul(middle, 0x85ebca6b) ^ Math.imul(last, 0xc2b2ae35)) >>> 26;
}

/** An open-addressed table of 64 slots holding each choice's index + 1. */
export function choiceTable(choices: Array<{ bytes: Uint8Array }>): Int32Array {
  const table = new Int32Array(64);
  choices.forEach((choice, index) => {
    const length = choice.bytes.length;
    let slot = choiceSlot(length, choice.bytes[length >> 1] ?? 0, choice.bytes[length - 1] ?? 0);
    while (table[slot] !== 0) slot = (slot + 1) & 63;
    table[slot] = index + 1;
  });
  return table;
}

