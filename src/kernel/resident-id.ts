/**
 * Citizen identity numbers (公民身份号码, GB 11643-1999): six digits of the region where the number was
 * issued, the birth date as YYYYMMDD, a three-digit sequence whose last digit is odd for men and even
 * for women, and an ISO 7064 MOD 11-2 check character that may be `X` (standing for 10).
 */
import type { LocalizedText } from './errors.ts';
import { chinaDate, isIsoDate } from './periods.ts';

/** A well-formed identity number and what its digits say. */
export interface ResidentId {
  id: string;
  regionCode: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/** Why an identity number was refused. */
export type ResidentIdProblem = 'format' | 'birth_date' | 'checksum';

/** The outcome of reading an identity number. */
export type ResidentIdResult =
  | { ok: true; value: ResidentId }
  | { ok: false; reason: ResidentIdProblem; message: LocalizedText };

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';
const bodyPattern = /^\d{17}$/;
const idPattern = /^\d{17}[\dX]$/;

const messages: Record<ResidentIdProblem, LocalizedText> = {
  format: {
    zh: '身份证号码应为18位，前17位为数字，最后一位为数字或X。',
    en: 'A resident identity number has 18 characters: 17 digits, then a digit or X.',
  },
  birth_date: {
    zh: '身份证号码中的出生日期不存在或晚于今天，请核对第7至14位。',
    en: 'The birth date in the identity number (characters 7–14) does not exist or is in the future.',
  },
  checksum: {
    zh: '身份证号码校验位不符，请逐位核对号码。',
    en: 'The identity number’s check character does not match; check each digit.',
  },
};

/** The check character (ISO 7064 MOD 11-2) for the first 17 digits of an identity number. */
export function residentIdChecksum(first17: string): string {
  if (!bodyPattern.test(first17)) throw new RangeError(`expected 17 digits: ${first17}`);
  return checkCharacterOf(first17);
}

/** The check character of a text whose first 17 characters are known to be digits. */
function checkCharacterOf(text: string): string {
  let sum = 0;
  for (let position = 0; position < 17; position += 1) sum += (weights[position] as number) * (text.charCodeAt(position) - 48);
  return checkCharacters.charAt(sum % 11);
}

function refuse(reason: ResidentIdProblem): ResidentIdResult {
  return { ok: false, reason, message: messages[reason] };
}

function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/**
 * Reads an identity number, ignoring surrounding spaces and a lower-case x. `today` (`YYYY-MM-DD`, or
 * an instant read in China's time zone) bounds the birth date; it defaults to now.
 */
export function parseResidentId(input: string, today: string | Date = new Date()): ResidentIdResult {
  const id = input.trim().toUpperCase();
  if (!idPattern.test(id)) return refuse('format');
  const birthDate = birthDateOf(id);
  const latest = typeof today === 'string' ? today : chinaDate(today);
  if (!isIsoDate(birthDate) || birthDate > latest) return refuse('birth_date');
  if (checkCharacterOf(id) !== id.charAt(17)) return refuse('checksum');
  const sex = Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { id, regionCode: id.slice(0, 6), birthDate, sex } };
}

/** True when `input` is a valid identity number (see `parseResidentId`). */
export function isResidentId(input: string, today: string | Date = new Date()): boolean {
  return parseResidentId(input, today).ok;
}

/**
 * Hides the birth date and sequence of an identity number for display: `110101********123X`. Anything
 * not shaped like one keeps only its last two characters, and very short input is hidden entirely.
 */
export function maskResidentId(id: string): string {
  const text = id.trim().toUpperCase();
  if (idPattern.test(text)) return `${text.slice(0, 6)}********${text.slice(14)}`;
  const shown = text.length > 4 ? 2 : 0;
  return '*'.repeat(text.length - shown) + text.slice(text.length - shown);
}
