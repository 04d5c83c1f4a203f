/**
 * GB/T 2260 administrative division codes, extended as the statistics bureau does to 9 digits for
 * townships and 12 for villages. A code's structure alone gives its level, its parent and its
 * significant prefix; the prefix is what makes "everything inside this region" a cheap `LIKE 'prefix%'`.
 * `000000` stands for the whole country, the one root above the provinces.
 */

/** The code of the country as a whole, the root of the region tree. */
export const rootRegionCode = '000000';

/** Levels of the hierarchy, from the country down to the village. */
export const regionLevels = ['country', 'province', 'prefecture', 'county', 'township', 'village'] as const;

/** One of the region levels. */
export type RegionLevel = (typeof regionLevels)[number];

const codePattern = /^(\d{6}|\d{9}|\d{12})$/;

/** True when `code` has the shape of a region code (6, 9 or 12 digits). */
export function isRegionCode(code: string): boolean {
  return codePattern.test(code);
}

function assertRegionCode(code: string): void {
  if (!isRegionCode(code)) throw new RangeError(`not a region code: ${code}`);
}

/** The level a code stands for. */
export function regionLevel(code: string): RegionLevel {
  assertRegionCode(code);
  if (code.length === 12) return 'village';
  if (code.length === 9) return 'township';
  if (code === rootRegionCode) return 'country';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'prefecture';
  return 'county';
}

/** The digits that every code inside this region starts with (`532600` → `5326`; the country → ``). */
export function regionPrefix(code: string): string {
  switch (regionLevel(code)) {
    case 'country':
      return '';
    case 'province':
      return code.slice(0, 2);
    case 'prefecture':
      return code.slice(0, 4);
    default:
      return code;
  }
}

/** The code of the region directly above, or null for the country. */
export function parentRegionCode(code: string): string | null {
  switch (regionLevel(code)) {
    case 'country':
      return null;
    case 'province':
      return rootRegionCode;
    case 'prefecture':
      return `${code.slice(0, 2)}0000`;
    case 'county':
      return `${code.slice(0, 4)}00`;
    case 'township':
      return code.slice(0, 6);
    case 'village':
      return code.slice(0, 9);
  }
}

/** The codes from the country down to and including `code`. */
export function regionAncestry(code: string): string[] {
  const chain: string[] = [];
  for (let current: string | null = code; current !== null; current = parentRegionCode(current)) chain.unshift(current);
  return chain;
}

/**
 * Normalises the short codes the statistics tables use (`53`, `5326`) and full codes to the 6/9/12-digit
 * form; returns null when the input is not a code at all.
 */
export function normalizeRegionCode(input: string): string | null {
  const code = input.trim();
  if (!/^\d+$/.test(code)) return null;
  if (code.length === 2) return `${code}0000`;
  if (code.length === 4) return `${code}00`;
  return isRegionCode(code) ? code : null;
}
