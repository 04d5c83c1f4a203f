/** How monitoring figures read on screen: rounded to the indicator's decimals, changes as signed percentages. */
import type { TargetStanding } from '../../../../src/contracts/monitor-constants.ts';

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
 * The label of the server's verdict on a target: a cumulative target (its year to date against the time
 * schedule) is on or behind schedule, any other target met or not.
 */
export function standingLabel(target: { cumulative: boolean; standing: TargetStanding }): TargetStanding | 'onSchedule' | 'behindSchedule' {
  if (!target.cumulative || target.standing === 'unknown') return target.standing;
  return target.standing === 'met' ? 'onSchedule' : 'behindSchedule';
}
