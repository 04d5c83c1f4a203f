/**
 * The time schedule (时序进度) of a target and its progress against it, as pure functions over dates
 * (`YYYY-MM-DD`) and numbers. A schedule runs linearly from (plan start, 0) through each milestone to
 * (deadline, 1); progress is what the latest accepted figure says.
 */
import { isIsoDate } from '../../kernel/periods.ts';

const millisecondsPerDay = 86_400_000;

/** How a target compares its figure with its value. */
export type Comparator = '>=' | '<=' | '=';

/** A staged milestone: a share of the target (0.5 = 50%) or an absolute value due by a date; either may be missing. */
export interface ScheduleMilestone {
  by: string;
  share?: number | null | undefined;
  value?: number | null | undefined;
}

/** What the time schedule of a target depends on. */
export interface ScheduleTarget {
  /** The plan's start: nothing is expected before it. */
  start: string;
  deadline: string;
  /** The target value, which converts milestones given as values into shares. */
  value: number;
  milestones: readonly ScheduleMilestone[];
}

/** A reported cumulative figure for a target as of a date. */
export interface Figure {
  /** The end of the period the figure is for. */
  asOf: string;
  value: number;
  /** Only accepted figures count toward progress. */
  accepted: boolean;
  /** When it was recorded; breaks ties between figures as of the same day (the later correction wins). */
  recordedAt?: Date | undefined;
}

/** A target's progress as of a date. */
export interface TargetProgress {
  /** The latest accepted figure, or null when none is as old as the date. */
  figure: number | null;
  figureAsOf: string | null;
  /**
   * The share achieved: figure ÷ value for `>=` (may pass 1); for a limit (`<=`) 1 while the figure is within
   * it and 0 once it is broken; for `=` 1 when reached, else the share of the way there.
   */
  progress: number;
  /** True when the target is reached (for a limit: held, with a figure to show it). */
  met: boolean;
}

/** The day number of a date, counted from 1970-01-01. */
export function dayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / millisecondsPerDay;
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The share a milestone stands for, or null when it gives neither a share nor a usable value. */
function milestoneShare(milestone: ScheduleMilestone, targetValue: number): number | null {
  if (milestone.share !== null && milestone.share !== undefined) return milestone.share;
  if (milestone.value !== null && milestone.value !== undefined && targetValue !== 0) return milestone.value / targetValue;
  return null;
}

/**
 * The share of the target expected by `date`: 0 up to the start, interpolated linearly between the start,
 * each milestone with a share or value, and the deadline, and 1 from the deadline on. Milestones that only
 * describe (text without a figure) or fall outside the start–deadline span do not shape the schedule.
 */
export function expectedShare(target: ScheduleTarget, date: string): number {
  const day = dayNumber(date);
  const start = dayNumber(target.start);
  const deadline = dayNumber(target.deadline);
  if (day >= deadline) return 1;
  if (day <= start) return 0;
  const points: { day: number; share: number }[] = [{ day: start, share: 0 }];
  for (const milestone of target.milestones) {
    const share = milestoneShare(milestone, target.value);
    const by = dayNumber(milestone.by);
    if (share === null || by < start || by > deadline) continue;
    points.push({ day: by, share: Math.min(1, Math.max(0, share)) });
  }
  points.push({ day: deadline, share: 1 });
  points.sort((a, b) => a.day - b.day);
  let previous = points[0] ?? { day: start, share: 0 };
  for (const point of points.slice(1)) {
    if (day <= point.day) {
      if (point.day === previous.day) return point.share;
      return previous.share + ((point.share - previous.share) * (day - previous.day)) / (point.day - previous.day);
    }
    previous = point;
  }
  return 1;
}

/** The latest accepted figure as of `date`: the latest period end, then the latest recorded. */
export function latestFigure(figures: readonly Figure[], date: string): Figure | null {
  let latest: Figure | null = null;
  for (const figure of figures) {
    if (!figure.accepted || figure.asOf > date) continue;
    const later =
      latest === null ||
      figure.asOf > latest.asOf ||
      (figure.asOf === latest.asOf && (figure.recordedAt?.getTime() ?? 0) >= (latest.recordedAt?.getTime() ?? 0));
    if (later) latest = figure;
  }
  return latest;
}

/** Equality of reported decimals, forgiving binary rounding. */
function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * A target's progress as of `date` from its figures. A limit (`<=`, e.g. an unemployment rate) is on track
 * while its latest figure stays within it; with no figure yet it counts as held until the deadline, and as
 * unmet after it. Other targets with no figure have made no progress.
 */
export function targetProgress(
  target: { comparator: Comparator; value: number; deadline: string },
  figures: readonly Figure[],
  date: string,
): TargetProgress {
  const latest = latestFigure(figures, date);
  const figure = latest?.value ?? null;
  const figureAsOf = latest?.asOf ?? null;
  if (target.comparator === '<=') {
    if (figure === null) return { figure, figureAsOf, progress: date > target.deadline ? 0 : 1, met: false };
    const held = figure <= target.value || sameNumber(figure, target.value);
    return { figure, figureAsOf, progress: held ? 1 : 0, met: held };
  }
  if (figure === null) return { figure, figureAsOf, progress: 0, met: false };
  if (target.comparator === '>=') {
    const met = figure >= target.value || sameNumber(figure, target.value);
    const progress = target.value === 0 ? (met ? 1 : 0) : figure / target.value;
    return { figure, figureAsOf, progress: met ? Math.max(progress, 1) : progress, met };
  }
  if (sameNumber(figure, target.value)) return { figure, figureAsOf, progress: 1, met: true };
  const partial = target.value > 0 && figure >= 0 && figure < target.value ? figure / target.value : 0;
  return { figure, figureAsOf, progress: partial, met: false };
}
