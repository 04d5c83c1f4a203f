/**
 * Money is a whole number of fen (分, 1/100 yuan) from the form field to the database and back, so
 * subsidy totals add up to the fen. Yuan appear only as text at the edges: parsed exactly from decimal
 * strings, never through a float, and formatted for people. Rates are integer fractions worked out
 * with BigInt, so 15% of any amount is exact before the one rounding step.
 */

/** An amount of money in fen: a safe integer, negative for refunds and corrections. */
export type Fen = number;

/** How `applyRate` rounds a result that falls between two fen; each mode treats negatives like positives. */
export type Rounding = 'half_up' | 'down' | 'up';

const fenPerWan = 1_000_000;
const fenPerYi = 10_000_000_000;
const yuanPattern = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** The amount, after checking that it is a whole number of fen within the safe integer range. */
export function fen(amount: number): Fen {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not a whole number of fen: ${amount}`);
  return amount;
}

function fenOfBigInt(amount: bigint): Fen {
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount out of range: ${amount} fen`);
  }
  // `+ 0` turns a negative zero into zero, so -0.00 yuan compares and prints as 0.
  return Number(amount) + 0;
}

/**
 * Reads a yuan amount written as plain decimal text (`1234.56`, `0.1`, `-5`) into fen, exactly.
 * Throws a RangeError for anything else, including more than two decimals, grouping commas and units.
 */
export function yuanToFen(text: string): Fen {
  const match = yuanPattern.exec(text.trim());
  if (!match) throw new RangeError(`not a yuan amount with at most two decimals: ${text}`);
  const [, minus, whole = '0', fraction = ''] = match;
  const magnitude = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return fenOfBigInt(minus ? -magnitude : magnitude);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

function decimalText(hundredths: number, grouping: boolean): string {
  const magnitude = Math.abs(hundredths);
  const whole = String(Math.floor(magnitude / 100));
  const fraction = String(magnitude % 100).padStart(2, '0');
  return `${hundredths < 0 ? '-' : ''}${grouping ? groupThousands(whole) : whole}.${fraction}`;
}

/** Options for `formatYuan`: thousands separators and the ` 元` suffix, both on by default. */
export interface YuanFormat {
  grouping?: boolean;
  unit?: boolean;
}

/** Writes fen as yuan: `1,234.56 元`, or `1234.56` with grouping and unit off (which `yuanToFen` reads back). */
export function formatYuan(amount: Fen, options: YuanFormat = {}): string {
  const text = decimalText(fen(amount), options.grouping ?? true);
  return options.unit ?? true ? `${text} 元` : text;
}

/**
 * Writes an amount for reports. In Chinese, large sums switch to 万元 and 亿元 as officials read them
 * (`20.00 万元`, `706.45 亿元`); in English the full figure is clearer than a translated unit
 * (`CNY 200,000.00`).
 */
export function formatMoney(amount: Fen, locale: 'zh' | 'en'): string {
  fen(amount);
  if (locale === 'en') return `CNY ${decimalText(amount, true)}`;
  const magnitude = Math.abs(amount);
  if (magnitude >= fenPerYi) return `${decimalText(applyRate(amount, 1, fenPerYi / 100), true)} 亿元`;
  if (magnitude >= fenPerWan) return `${decimalText(applyRate(amount, 1, fenPerWan / 100), true)} 万元`;
  return `${decimalText(amount, true)} 元`;
}

/** The sum of the amounts, computed without losing fen however many there are. */
export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0n;
  for (const value of values) total += BigInt(fen(value));
  return fenOfBigInt(total);
}

function divideRounded(dividend: bigint, divisor: bigint, rounding: Rounding): bigint {
  const quotient = dividend / divisor;
  const remainder = dividend % divisor;
  if (remainder === 0n) return quotient;
  const awayFromZero = dividend < 0n ? quotient - 1n : quotient + 1n;
  const absolute = (value: bigint): bigint => (value < 0n ? -value : value);
  if (rounding === 'up') return awayFromZero;
  if (rounding === 'half_up' && 2n * absolute(remainder) >= divisor) return awayFromZero;
  return quotient;
}

/**
 * `amount × numerator / denominator`, rounded once to whole fen: a 15% subsidy is `applyRate(x, 15, 100)`.
 * `half_up` rounds halves away from zero (四舍五入), `down` truncates towards zero, `up` rounds away from it.
 */
export function applyRate(amount: Fen, numerator: number, denominator: number, rounding: Rounding = 'half_up'): Fen {
  fen(amount);
  if (!Number.isSafeInteger(numerator)) throw new RangeError(`rate numerator must be an integer: ${numerator}`);
  if (!Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`rate denominator must be a positive integer: ${denominator}`);
  }
  return fenOfBigInt(divideRounded(BigInt(amount) * BigInt(numerator), BigInt(denominator), rounding));
}

/** The amount, but no more than `cap` (a subsidy limited to a per-person ceiling). */
export function capFen(amount: Fen, cap: Fen): Fen {
  return Math.min(fen(amount), fen(cap));
}
