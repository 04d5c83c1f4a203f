/**
 * Whether a dashboard figure meets its plan target. A `>=` target on an indicator summed over time
 * (城镇新增就业) is annual and cumulative: the year-to-date total is held against the share of the target the
 * time schedule (时序进度) expects by the period's end. Any other target is held against the period's figure.
 */

/** How a figure stands against its target. */
export type Standing = 'met' | 'behind' | 'unknown';

/** What is compared with a target. */
export interface StandingInput {
  comparator: '>=' | '<=' | '=';
  /** The target in the indicator's unit; null when the units do not convert. */
  goal: number | null;
  /** The schedule's expected share (0–1) by the period's end. */
  expectedShare: number;
  /** Whether the target is cumulative (a `>=` target on an indicator summed over time). */
  cumulative: boolean;
  /** The period's figure. */
  value: number | null;
  /** The year-to-date total (null when the indicator is not summed over time, or nothing is entered). */
  yearToDate: number | null;
}

/** The figure a target is set against, the figure due by now, and the verdict. */
export function targetStanding(input: StandingInput): { compared: number | null; due: number | null; standing: Standing } {
  const compared = input.cumulative ? input.yearToDate : input.value;
  if (input.goal === null) return { compared, due: null, standing: 'unknown' };
  const due = input.cumulative ? Number((input.goal * input.expectedShare).toPrecision(12)) : input.goal;
  if (compared === null) return { compared, due, standing: 'unknown' };
  // binary rounding is forgiven, as warning boundaries forgive it
  const slack = 1e-9 * Math.max(1, Math.abs(due));
  const standing =
    input.comparator === '<=' ? (compared <= due + slack ? 'met' : 'behind')
    : input.comparator === '=' ? (Math.abs(compared - due) <= slack ? 'met' : 'behind')
    : compared >= due - slack ? 'met' : 'behind';
  return { compared, due, standing };
}
