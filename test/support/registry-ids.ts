/** Valid identity numbers and credit codes for tests and benchmarks, built with the real checksums. */
import { creditCodeChecksum } from '../../src/kernel/credit-code.ts';
import { residentIdChecksum } from '../../src/kernel/resident-id.ts';

/** A valid identity number for a region, birth date (YYYY-MM-DD) and sequence (0–999; odd for men). */
export function residentIdFor(regionCode: string, birthDate: string, sequence: number): string {
  const body = `${regionCode.slice(0, 6)}${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return body + residentIdChecksum(body);
}

/** A valid unified social credit code for an enterprise (91…) of a region, numbered `sequence`. */
export function creditCodeFor(regionCode: string, sequence: number): string {
  const body = `91${regionCode.slice(0, 6)}${String(sequence).padStart(9, '0')}`;
  return body + creditCodeChecksum(body);
}

/** The same identity number with a wrong check character. */
export function withBadChecksum(id: string): string {
  const last = id.charAt(17);
  return id.slice(0, 17) + (last === '0' ? '1' : '0');
}
