/**
 * Colours of targets and tasks (红黄蓝绿), computed by rules that each plan may tune. A target is green
 * while it keeps up with its time schedule, yellow when it slips a little, red when it slips a lot or misses
 * its deadline, and blue when it is unfinished close to its deadline. Red is sticky: it clears only once the
 * shortfall is made up, so a target cannot flicker out of red by drifting just under the threshold.
 */

import { colourValues, type Colour } from '../../contracts/plan-progress-constants.ts';
import type { LocalizedText } from '../../kernel/errors.ts';

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

/** A colour with the reason for it, in both interface languages. */
export interface ColourDecision {
  colour: Colour;
  reason: LocalizedText;
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
  /** What it concerns, for the reason: a unit and period, e.g. `临夏县人民政府2020年6月` / `2020-06 临夏县人民政府`. */
  label: LocalizedText;
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

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

/**
 * The colour of a target as of a day, given the colour it had before (null when never judged), its
 * progress (share achieved, 1 = complete), the share its schedule expects, and the days left to its
 * deadline (0 on the deadline day, negative after it). The reason is worded as a bulletin would put it.
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
  const decide = (colour: Colour, zh: string, en: string): TargetColourDecision => ({ colour, slip, reason: { zh, en } });
  if (daysToDeadline < 0 && !complete) {
    return decide('red', `已过完成时限${-daysToDeadline}天仍未完成，完成进度${percent(progress)}`, `deadline passed ${days(-daysToDeadline)} ago unmet: progress ${percent(progress)}`);
  }
  if (slip > rules.redSlip) return decide('red', `滞后时序进度${points(slip)}个百分点（超过${rules.redSlip}个百分点）`, `slip ${points(slip)} points > ${rules.redSlip}`);
  if (previous === 'red' && progress < expected) {
    return decide(
      'red',
      `红色保持至差距补足：完成进度${percent(progress)}，低于时序进度${percent(expected)}`,
      `red until made up: progress ${percent(progress)} < schedule ${percent(expected)}`,
    );
  }
  // A slip says more than a near deadline: a slipping target stays yellow; blue marks one on schedule
  // whose deadline is close.
  if (slip > rules.yellowSlip) return decide('yellow', `滞后时序进度${points(slip)}个百分点（超过${rules.yellowSlip}个百分点）`, `slip ${points(slip)} points > ${rules.yellowSlip}`);
  if (!complete && daysToDeadline <= rules.blueDays) {
    return daysToDeadline === 0
      ? decide('blue', `今日为完成时限，完成进度${percent(progress)}`, `deadline today, progress ${percent(progress)}`)
      : decide('blue', `距完成时限${daysToDeadline}天（不超过${rules.blueDays}天），完成进度${percent(progress)}`, `deadline in ${days(daysToDeadline)} ≤ ${rules.blueDays}, progress ${percent(progress)}`);
  }
  if (slip <= 0) {
    return decide('green', `按时序推进：完成进度${percent(progress)}，不低于时序进度${percent(expected)}`, `on schedule: progress ${percent(progress)} ≥ schedule ${percent(expected)}`);
  }
  return decide('green', `滞后时序进度${points(slip)}个百分点（未超过${rules.yellowSlip}个百分点）`, `slip ${points(slip)} points ≤ ${rules.yellowSlip}`);
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
const colourNames: Record<Colour, LocalizedText> = {
  green: { zh: '绿色', en: 'green' },
  blue: { zh: '蓝色', en: 'blue' },
  yellow: { zh: '黄色', en: 'yellow' },
  red: { zh: '红色', en: 'red' },
};

/** Why a report signal colours its task: 临夏县人民政府2020年6月报告逾期未报送 / report missing past due: 2020-06 临夏县人民政府. */
function signalText(signal: ReportSignal): LocalizedText {
  switch (signal.kind) {
    case 'missing':
      return { zh: `${signal.label.zh}报告逾期未报送`, en: `report missing past due: ${signal.label.en}` };
    case 'late':
      return { zh: `${signal.label.zh}报告逾期报送`, en: `report late: ${signal.label.en}` };
    case 'delayed':
      return { zh: `${signal.label.zh}报告进展滞后`, en: `report says delayed: ${signal.label.en}` };
  }
}

const causesShown = 3;

/**
 * A task's colour: the worst of its targets' colours and of its report signals (a report missing past its
 * due date → red; a late report or one saying `delayed` → yellow). The reason names what made it so, the
 * first three causes of the worst colour and how many more there are.
 */
export function taskColour(targets: readonly { label: string; colour: Colour }[], signals: readonly ReportSignal[]): ColourDecision {
  const causes = [
    ...targets.map((target) => ({
      colour: target.colour,
      text: { zh: `“${target.label}”目标为${colourNames[target.colour].zh}`, en: `target ${target.label} ${colourNames[target.colour].en}` },
    })),
    ...signals.map((signal) => ({ colour: signalColour[signal.kind], text: signalText(signal) })),
  ];
  const colour = worstColour(causes.map((cause) => cause.colour));
  if (causes.length === 0) return { colour, reason: { zh: '未关联量化目标，报送无异常', en: 'no targets and no report signals' } };
  if (colour === 'green') return { colour, reason: { zh: '关联目标均为绿色，报送无异常', en: 'every target green, no report signals' } };
  const worst = causes.filter((cause) => cause.colour === colour).map((cause) => cause.text);
  const shown = worst.slice(0, causesShown);
  const zh = shown.map((text) => text.zh).join('；');
  const en = shown.map((text) => text.en).join('; ');
  if (worst.length <= causesShown) return { colour, reason: { zh, en } };
  return { colour, reason: { zh: `${zh}等${worst.length}项`, en: `${en}; and ${worst.length - causesShown} more` } };
}
