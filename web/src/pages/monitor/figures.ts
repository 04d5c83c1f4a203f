/** How monitoring figures read on screen: rounded to the indicator's decimals, changes as signed percentages. */

/** `1,234.50` style with `decimals` places; an em dash for a missing figure. */
export function formatFigure(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** The change from `base` to `value` in percent, or null when either is missing or the base is zero. */
export function changePercent(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return ((value - base) / Math.abs(base)) * 100;
}

/** `+3.2%` / `−1.0%`; an em dash when there is no change to show. */
export function formatChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return '—';
  const rounded = Math.round(change * 10) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded).toFixed(1)}%`;
}

/** The colour each alert level is drawn in (IV blue, III yellow, II orange, I red). */
export const levelColours: Record<1 | 2 | 3 | 4, string> = { 4: '#1677ff', 3: '#fadb14', 2: '#fa8c16', 1: '#f5222d' };

/** The levels from the mildest to the most severe, as stored numbers. */
export const levelsMildFirst = [4, 3, 2, 1] as const;

/**
 * A target's value in the indicator's unit: the same unit, or the unit with a Chinese magnitude prefix
 * (`万人` for `人`, `亿元` for `元`); null when the units cannot be compared.
 */
export function targetInIndicatorUnit(target: { value: number; unit: string }, indicatorUnit: string): number | null {
  if (target.unit === indicatorUnit) return target.value;
  const scales: Record<string, number> = { 十: 10, 百: 100, 千: 1_000, 万: 10_000, 十万: 100_000, 百万: 1_000_000, 千万: 10_000_000, 亿: 100_000_000 };
  if (!target.unit.endsWith(indicatorUnit)) return null;
  const scale = scales[target.unit.slice(0, target.unit.length - indicatorUnit.length)];
  return scale === undefined ? null : target.value * scale;
}

/**
 * Whether a value meets a target: `>=` and `<=` compare, `=` asks for the value itself. The schedule share
 * (时序进度) applies to cumulative `>=` targets only: by the period's end `expectedShare` of the target is due.
 */
export function targetStanding(value: number | null, target: { comparator: '>=' | '<=' | '='; value: number; expectedShare: number }): 'met' | 'behind' | 'unknown' {
  if (value === null) return 'unknown';
  if (target.comparator === '<=') return value <= target.value ? 'met' : 'behind';
  if (target.comparator === '=') return value === target.value ? 'met' : 'behind';
  return value >= target.value * target.expectedShare ? 'met' : 'behind';
}
