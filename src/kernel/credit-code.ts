/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015), the 18-character identifier of every
 * enterprise, institution and social organisation: the registration authority, the entity type, the
 * six-digit region code of the registering office, the nine-character organisation code, and a check
 * character. Letters I, O, Z, S and V are never used, so they cannot be confused with 1, 0, 2, 5 and U.
 */
import type { LocalizedText } from './errors.ts';

/** A well-formed credit code and what its positions say. */
export interface CreditCode {
  code: string;
  registrationAuthority: string;
  entityType: string;
  regionCode: string;
}

/** Why a credit code was refused. */
export type CreditCodeProblem = 'format' | 'charset' | 'checksum';

/** The outcome of reading a credit code. */
export type CreditCodeResult =
  | { ok: true; value: CreditCode }
  | { ok: false; reason: CreditCodeProblem; message: LocalizedText };

/** The 31 characters a credit code is written with, in the order that gives each its value. */
export const creditCodeCharacters = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const shapePattern = /^[0-9A-Z]{2}\d{6}[0-9A-Z]{10}$/;

const messages: Record<CreditCodeProblem, LocalizedText> = {
  format: {
    zh: '统一社会信用代码应为18位，其中第3至8位为行政区划数字。',
    en: 'A unified social credit code has 18 characters, with the region code in digits at positions 3–8.',
  },
  charset: {
    zh: '统一社会信用代码不使用字母 I、O、Z、S、V，请核对是否误写为数字 1、0、2、5 或字母 U。',
    en: 'Unified social credit codes never use the letters I, O, Z, S or V; check for 1, 0, 2, 5 or U.',
  },
  checksum: {
    zh: '统一社会信用代码校验位不符，请逐位核对代码。',
    en: 'The credit code’s check character does not match; check each character.',
  },
};

function characterValue(character: string): number {
  return creditCodeCharacters.indexOf(character);
}

function usesCharset(text: string): boolean {
  return [...text].every((character) => characterValue(character) >= 0);
}

/** The check character for the first 17 characters of a credit code. */
export function creditCodeChecksum(first17: string): string {
  if (first17.length !== 17 || !usesCharset(first17)) throw new RangeError(`expected 17 credit-code characters: ${first17}`);
  const sum = weights.reduce((total, weight, position) => total + weight * characterValue(first17.charAt(position)), 0);
  return creditCodeCharacters.charAt((31 - (sum % 31)) % 31);
}

function refuse(reason: CreditCodeProblem): CreditCodeResult {
  return { ok: false, reason, message: messages[reason] };
}

/** Reads a credit code, ignoring surrounding spaces and letter case. */
export function parseCreditCode(input: string): CreditCodeResult {
  const code = input.trim().toUpperCase();
  if (!shapePattern.test(code)) return refuse('format');
  if (!usesCharset(code)) return refuse('charset');
  if (creditCodeChecksum(code.slice(0, 17)) !== code.charAt(17)) return refuse('checksum');
  const value = { code, registrationAuthority: code.charAt(0), entityType: code.charAt(1), regionCode: code.slice(2, 8) };
  return { ok: true, value };
}

/** True when `input` is a valid credit code (see `parseCreditCode`). */
export function isCreditCode(input: string): boolean {
  return parseCreditCode(input).ok;
}
