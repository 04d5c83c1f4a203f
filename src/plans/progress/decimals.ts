/**
 * Exact decimal arithmetic for splitting a target among regions: the parts must add up to the whole
 * exactly, and 0.1 + 0.2 must equal 0.3, so values are summed as scaled integers, never as binary floats.
 */

const decimalPattern = /^(-)?(\d+)(?:\.(\d+))?$/;

interface Scaled {
  digits: bigint;
  scale: number;
}

const exponentPattern = /^(-?\d+(?:\.\d+)?)e([+-]\d+)$/i;

function parseDecimal(value: number | string): Scaled {
  const text = typeof value === 'number' ? String(value) : value.trim();
  // Numbers print in exponent form beyond 1e21 and below 1e-6 (`2e+21`, `1e-7`).
  const exponent = typeof value === 'number' ? exponentPattern.exec(text) : null;
  const match = decimalPattern.exec(exponent?.[1] ?? text);
  if (!match) throw new RangeError(`not a decimal number: ${String(value)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = BigInt(`${whole}${fraction}`);
  const shift = Number(exponent?.[2] ?? 0);
  const scale = fraction.length - shift;
  const signed = sign ? -digits : digits;
  return scale >= 0 ? { digits: signed, scale } : { digits: signed * 10n ** BigInt(-scale), scale: 0 };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.digits * 10n ** BigInt(scale - value.scale);
}

function formatScaled(digits: bigint, scale: number): string {
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The exact sum of decimal values, written as a plain decimal (`0.1 + 0.2` → `0.3`). */
export function sumDecimals(values: readonly (number | string)[]): string {
  const parsed = values.map(parseDecimal);
  const scale = Math.max(0, ...parsed.map((value) => value.scale));
  return formatScaled(parsed.reduce((sum, value) => sum + rescale(value, scale), 0n), scale);
}

/** True when two decimals are exactly equal (`1.80` = `1.8`). */
export function decimalsEqual(a: number | string, b: number | string): boolean {
  const [left, right] = [parseDecimal(a), parseDecimal(b)];
  const scale = Math.max(left.scale, right.scale);
  return rescale(left, scale) === rescale(right, scale);
}

/** A decimal in its plain written form (`1.80` → `1.8`). */
export function plainDecimal(value: number | string): string {
  return sumDecimals([value]);
}
