/** Password hashing with argon2id, the strength rule, and generated passwords. */
import { randomBytes, randomInt } from 'node:crypto';
import argon2 from 'argon2';
import { invalidInput } from '../kernel/errors.ts';

/** OWASP's argon2id baseline: 19 MiB of memory, 2 passes, 1 lane. */
const hashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, hashOptions);
}

/** True when `password` matches the stored hash; a malformed hash never matches. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the user does not exist, so timing does not tell. */
let decoyHash: Promise<string> | null = null;

/** Spends the same time as a real verification, for logins with an unknown username. */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await decoyHash, password);
  return false;
}

/** Refuses passwords that are too short, too long or of a single kind of character. */
export function assertPasswordStrength(password: string, field = 'newPassword'): void {
  if (password.length < 10 || password.length > 128) {
    throw invalidInput(field, { zh: '密码长度应为 10 到 128 个字符。', en: 'A password must be 10 to 128 characters long.' });
  }
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (kinds < 2) {
    throw invalidInput(field, {
      zh: '密码至少应包含字母、数字、符号中的两类。',
      en: 'A password must mix at least two of letters, digits and symbols.',
    });
  }
}

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password of 16 characters without look-alike letters, for first start and resets. */
export function generatePassword(): string {
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
