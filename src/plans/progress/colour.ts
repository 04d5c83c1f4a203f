/**
 * Colours of targets and tasks (红黄蓝绿), computed by rules that each plan may tune. A target is green
 * while it keeps up with its time schedule, yellow when it slips a little, red when it slips a lot or misses
 * its deadline, and blue when it is unfinished close to its deadline. Red is sticky: it clears only once the
 * shortfall is made up, so a target cannot flicker out of red by drifting just under the threshold.
 */

import { colourValues, type Colour } from '../../contracts/plan-progress-constants.ts';

export type { Colour } from '../../contracts/plan-progress-constants.ts';

/** The colours, from the mildest to the worst. */
export const colours = colourValues;

/** The thresholds a plan sets for its colours. */
export interface ColourRules {
  /** Slip (percentage points behind schedule) above which a target turns yellow. */
  yellowSlip: number;
  /** Slip above which a target turns red. */
  redSlip: number;
  /** Days before the deadline from which an unfinished target turns blue. */
  blueDays: number;
}

/** The rules a plan uses unless it sets its own. */
export const defaultColourRules: Readonly<ColourRules> = Object.freeze({ yellowSlip: 5, redSlip: 15, blueDays: 30 });

/** A colour with the reason for it, in one technical line. */
export interface ColourDecision {
  colour: Colour;
  reason: string;
}

/** A target's colour, its reason, and the slip it was judged on. */
export interface TargetColourDecision extends ColourDecision {
  /** Percentage points behind schedule (negative when ahead). */
  slip: number;
}

/** How far a report signal pulls a task's colour. */
export type ReportSignalKind = 'missing' | 'late' | 'delayed';

/** Something a task's reports say about it: a report missing past its due date, one submitted late, or one reporting delay. */
export interface ReportSignal {
  kind: ReportSignalKind;
  /** What it concerns, for the reason: a period and unit, e.g. `2020-06 临夏县人民政府`. */
  label: string;
}

/** The rules a plan stores (possibly partial, or null), completed with the defaults. */
export function colourRulesOf(stored: unknown): ColourRules {
  const given = stored !== null && typeof stored === 'object' ? (stored as Partial<Record<keyof ColourRules, unknown>>) : {};
  const pick = (key: keyof ColourRules) => (typeof given[key] === 'number' && Number.isFinite(given[key]) ? given[key] : defaultColourRules[key]);
  return { yellowSlip: pick('yellowSlip'), redSlip: pick('redSlip'), blueDays: pick('blueDays') };
}

/** Percentage points of the target by which progress trails the schedule, rounded off binary noise. */
export function slipPoints(progress: number, expected: number): number {
  return Math.round((expected - progress) * 100 * 1e6) / 1e6;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function points(slip: number): string {
  return slip.toFixed(1);
}

/**
 * The colour of a target as of a day, given the colour it had before (null when never judged), its
 * progress (share achieved, 1 = complete), the share its schedule expects, and the days left to its
 * deadline (0 on the deadline day, negative after it).
 */
export function targetColour(
  previous: Colour | null,
  progress: number,
  expected: number,
  daysToDeadline: number,
  rules: ColourRules = defaultColourRules,
): TargetColourDecision {
  const slip = slipPoints(progress, expected);
  const complete = progress >= 1;
  if (daysToDeadline < 0 && !complete) {
    return { colour: 'red', slip, reason: `deadline passed ${-daysToDeadline} days ago unmet: progress ${percent(progress)}` };
  }
  if (slip > rules.redSlip) return { colour: 'red', slip, reason: `slip ${points(slip)} points > ${rules.redSlip}` };
  if (previous === 'red' && progress < expected) {
    return { colour: 'red', slip, reason: `red until made up: progress ${percent(progress)} < schedule ${percent(expected)}` };
  }
  // A slip says more than a near deadline: a slipping target stays yellow; blue marks one on schedule
  // whose deadline is close.
  if (slip > rules.yellowSlip) return { colour: 'yellow', slip, reason: `slip ${points(slip)} points > ${rules.yellowSlip}` };
  if (!complete && daysToDeadline <= rules.blueDays) {
    return { colour: 'blue', slip, reason: `deadline in ${daysToDeadline} days ≤ ${rules.blueDays}, progress ${percent(progress)}` };
  }
  if (slip <= 0) return { colour: 'green', slip, reason: `on schedule: progress ${percent(progress)} ≥ schedule ${percent(expected)}` };
  return { colour: 'green', slip, reason: `slip ${points(slip)} points ≤ ${rules.yellowSlip}` };
}

/** How bad a colour is: red > yellow > blue > green. */
export function colourRank(colour: Colour): number {
  return colours.indexOf(colour);
}

/** The worst of some colours; green when there are none. */
export function worstColour(list: Iterable<Colour>): Colour {
  let worst: Colour = 'green';
  for (const colour of list) if (colourRank(colour) > colourRank(worst)) worst = colour;
  return worst;
}

const signalColour: Record<ReportSignalKind, Colour> = { missing: 'red', late: 'yellow', delayed: 'yellow' };
const signalWords: Record<ReportSignalKind, string> = { missing: 'report missing past due', late: 'report late', delayed: 'report says delayed' };

/**
 * A task's colour: the worst of its targets' colours and of its report signals (a report missing past its
 * due date → red; a late report or one saying `delayed` → yellow). The reason names what made it so.
 */
export function taskColour(targets: readonly { label: string; colour: Colour }[], signals: readonly ReportSignal[]): ColourDecision {
  const causes = [
    ...targets.map((target) => ({ colour: target.colour, text: `target ${target.label} ${target.colour}` })),
    ...signals.map((signal) => ({ colour: signalColour[signal.kind], text: `${signalWords[signal.kind]}: ${signal.label}` })),
  ];
  const colour = worstColour(causes.map((cause) => cause.colour));
  if (causes.length === 0) return { colour, reason: 'no targets and no report signals' };
  if (colour === 'green') return { colour, reason: 'every target green, no report signals' };
  const worst = causes.filter((cause) => cause.colour === colour).map((cause) => cause.text);
  const shown = worst.slice(0, 3).join('; ');
  return { colour, reason: worst.length > 3 ? `${shown}; and ${worst.length - 3} more` : shown };
}
