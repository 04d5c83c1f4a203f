/**
 * Exact decimal arithmetic for roll-up differences. Values are `numeric` in the database; adding their
 * differences as JavaScript floats would leave 0.30000000000000004 in a sum that is read forever after, so
 * differences are kept as scaled integers and written back as decimal text.
 */

/** A decimal number: `digits` × 10^-`scale`. */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

const decimalPattern = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** The decimal zero. */
export const zero: Decimal = { digits: 0n, scale: 0 };

/** Reads decimal text (`-12.50`) or a finite number; throws a RangeError for anything else. */
export function toDecimal(value: number | string): Decimal {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const match = decimalPattern.exec(text);
  if (!match) throw new RangeError(`not a decimal number: ${text}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = BigInt(`${whole}${fraction}`);
  return { digits: sign === '-' ? -digits : digits, scale: fraction.length };
}

/** True when the text is a plain decimal number (no exponent, no thousands separators). */
export function isDecimalText(text: string): boolean {
  return decimalPattern.test(text.trim());
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  // toFixed avoids exponent notation for small and large magnitudes; 12 places cover every indicator's decimals
  return Number.isInteger(value) ? value.toFixed(0) : value.toFixed(12).replace(/0+$/, '');
}

function rescale(value: Decimal, scale: number): bigint {
  return value.digits * 10n ** BigInt(scale - value.scale);
}

/** a + b, exactly. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { digits: rescale(a, scale) + rescale(b, scale), scale };
}

/** a − b, exactly. */
export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  return addDecimal(a, { digits: -b.digits, scale: b.scale });
}

/** a × b, exactly. */
export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return { digits: a.digits * b.digits, scale: a.scale + b.scale };
}

/** True when the value is zero. */
export function isZero(value: Decimal): boolean {
  return value.digits === 0n;
}

/** The decimal as text the database reads exactly (`-0.05`). */
export function formatDecimal(value: Decimal): string {
  const negative = value.digits < 0n;
  const text = (negative ? -value.digits : value.digits).toString().padStart(value.scale + 1, '0');
  const whole = text.slice(0, text.length - value.scale);
  const fraction = value.scale > 0 ? `.${text.slice(text.length - value.scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
