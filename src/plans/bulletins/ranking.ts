/**
 * The ranking of a bulletin, IO-free: every region (a county under a prefecture plan, a township under a
 * county plan) gets three scores of 0–100 — target progress against the time schedule, reporting
 * punctuality and problem close-out — and a composite, their weighted sum. A component with nothing to
 * measure scores 100: a region with no problems has closed out all of them, as the rule for problems says,
 * and the same holds for targets and reports, so that no region is marked down for what it was not given.
 */
import type { RankingWeights } from '../../contracts/plan-bulletins.contract.ts';
import { unprocessable } from '../../kernel/errors.ts';

export type { RankingWeights } from '../../contracts/plan-bulletins.contract.ts';

/** The weights used unless a plan or a bulletin sets its own: progress 50%, punctuality 30%, close-out 20%. */
export const defaultRankingWeights: Readonly<RankingWeights> = Object.freeze({ targetProgress: 50, punctuality: 30, problemCloseOut: 20 });

/** One target of a region: the share achieved and the share its time schedule expects, both 0–1 (or above). */
export interface RankedTarget {
  progress: number;
  expected: number;
}

/** What a region is scored on. */
export interface RankingInput {
  regionCode: string;
  regionName: string;
  targets: readonly RankedTarget[];
  /** Reports due in the period: submitted by the due date, after it, or not at all. */
  reports: { onTime: number; late: number; missing: number };
  problems: { closed: number; open: number };
}

/** A region's place in the ranking. */
export interface RankingRow {
  rank: number;
  regionCode: string;
  regionName: string;
  targetProgress: number;
  punctuality: number;
  problemCloseOut: number;
  composite: number;
}

/** Rounds to one decimal, half away from zero, after clearing binary noise (72.45 is 72.5, not 72.4). */
export function roundTenth(value: number): number {
  const tenths = Number((value * 10).toPrecision(12));
  return (Math.sign(tenths) * Math.round(Math.abs(tenths))) / 10;
}

/**
 * Refuses weights that are not three percentages adding up to 100, naming `weights`. Weights come from a
 * request or a plan's settings, so the message says what was given and what is expected.
 */
export function checkWeights(weights: RankingWeights): RankingWeights {
  const parts = [weights.targetProgress, weights.punctuality, weights.problemCloseOut];
  if (parts.some((part) => !Number.isFinite(part) || part < 0 || part > 100)) {
    throw unprocessable('weights', { zh: '权重应为 0 到 100 之间的百分数。', en: 'Each weight must be a percentage from 0 to 100.' });
  }
  const sum = parts.reduce((total, part) => total + part, 0);
  if (Math.abs(sum - 100) > 1e-9) {
    const shown = roundTenth(sum);
    throw unprocessable('weights', {
      zh: `权重（目标进度、报送及时率、问题销号率）之和应为 100%，现为 ${shown}%。`,
      en: `The weights (target progress, punctuality, problem close-out) must add up to 100%; they add up to ${shown}%.`,
    });
  }
  return weights;
}

/** Target progress: the mean over the targets of min(progress ÷ expected, 1) × 100; 100 with none. */
export function targetProgressScore(targets: readonly RankedTarget[]): number {
  if (targets.length === 0) return 100;
  // Nothing expected yet (the schedule still at 0) means the target is on schedule.
  const shares = targets.map((target) => (target.expected <= 0 ? 1 : Math.min(Math.max(target.progress, 0) / target.expected, 1)));
  return (shares.reduce((total, share) => total + share, 0) / shares.length) * 100;
}

/** Punctuality: on-time reports ÷ due reports × 100, a late report counting half; 100 when none was due. */
export function punctualityScore(reports: RankingInput['reports']): number {
  const due = reports.onTime + reports.late + reports.missing;
  if (due === 0) return 100;
  return ((reports.onTime + reports.late / 2) / due) * 100;
}

/** Problem close-out: closed ÷ (closed + open) × 100; 100 when there are none. */
export function closeOutScore(problems: RankingInput['problems']): number {
  const all = problems.closed + problems.open;
  return all === 0 ? 100 : (problems.closed / all) * 100;
}

/**
 * The ranking, best first. Each component and the composite (the weighted sum of the unrounded components)
 * are rounded to 0.1; regions with the same rounded composite share a rank and the next rank skips
 * (1, 2, 2, 4). Ties are listed by region code, so the order never depends on the input's.
 */
export function rankRegions(inputs: readonly RankingInput[], weights: RankingWeights = defaultRankingWeights): RankingRow[] {
  checkWeights(weights);
  const scored = inputs.map((input) => {
    const target = targetProgressScore(input.targets);
    const punctuality = punctualityScore(input.reports);
    const closeOut = closeOutScore(input.problems);
    const composite = (target * weights.targetProgress + punctuality * weights.punctuality + closeOut * weights.problemCloseOut) / 100;
    return {
      rank: 0,
      regionCode: input.regionCode,
      regionName: input.regionName,
      targetProgress: roundTenth(target),
      punctuality: roundTenth(punctuality),
      problemCloseOut: roundTenth(closeOut),
      composite: roundTenth(composite),
    };
  });
  scored.sort((a, b) => b.composite - a.composite || a.regionCode.localeCompare(b.regionCode));
  scored.forEach((row, index) => {
    const previous = scored[index - 1];
    row.rank = previous && previous.composite === row.composite ? previous.rank : index + 1;
  });
  return scored;
}
