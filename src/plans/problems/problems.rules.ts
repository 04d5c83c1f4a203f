/**
 * The pure rules of the problem ledger: which 专班 level owns a problem and where it goes on escalation, the
 * 挂牌督办 rule, overdue, ledger numbers and date arithmetic. No I/O, unit-tested beside this file.
 */
import type { OwnerLevel, ProblemCategory, ProblemStatus } from '../../contracts/plan-problems-constants.ts';
import { regionAncestry, regionLevel } from '../../kernel/region-code.ts';

/**
 * 挂牌督办 threshold: 2000万元 in fen. Source: 《临夏州关于保市场主体的工作方案》四、(三)10 “建立挂牌督办制度”
 * (seed 004, plan pack `linxia-2020-market-entities`): “对剩余无分歧账款大于2000万元和情况特别复杂的拖欠主体，
 * 实行挂牌督办销号管理”. The text says 大于 (more than), so exactly 2000万元 is not flagged by the rule.
 */
export const arrearsFlagThresholdFen = 200_000_000;

/**
 * The categories the threshold applies to: 清欠 (arrears owed to enterprises), which the source names, and
 * 用工 (wage arrears), which the platform treats the same way.
 */
export const ruleFlagCategories: readonly ProblemCategory[] = ['arrears', 'labour'];

/** The reason recorded when the rule flags a problem. */
export const ruleFlagReason = '拖欠金额大于2000万元，按《临夏州关于保市场主体的工作方案》四、(三)10 挂牌督办';

/** Days a new problem is given when the reporter sets no deadline. */
export const defaultDeadlineDays = 30;

/** Days after closing (销号) when the 回头看 is due, unless the verifier gives a date. */
export const followUpDays = 30;

/** The facts the 挂牌督办 rule looks at. */
export interface RuleFacts {
  category: ProblemCategory;
  amountFen: number | null;
  status: ProblemStatus;
}

/** True when the 挂牌督办 rule holds for a problem that is still being handled. */
export function ruleFlagApplies(facts: RuleFacts): boolean {
  return (
    facts.status !== 'closed' &&
    ruleFlagCategories.includes(facts.category) &&
    facts.amountFen !== null &&
    facts.amountFen > arrearsFlagThresholdFen
  );
}

/**
 * What the rule does on a change from `before` (null when the problem is new) to `after`: it flags when the
 * rule starts to hold, and lifts only its own flag when the rule stops holding. Firing on the change rather
 * than on the state keeps a coordinator's decision to lift a rule flag until the facts change again.
 */
export function ruleFlagChange(
  before: RuleFacts | null,
  after: RuleFacts,
  current: { flagged: boolean; flagSource: 'manual' | 'rule' | null },
): 'flag' | 'unflag' | null {
  const held = before !== null && ruleFlagApplies(before);
  const holds = ruleFlagApplies(after);
  if (holds && !held && !current.flagged) return 'flag';
  if (!holds && held && current.flagged && current.flagSource === 'rule') return 'unflag';
  return null;
}

/**
 * The names the division tables give to placeholder regions that no 专班 sits at: the 市辖区 and 县 of the
 * municipalities (重庆市大足区 reports straight to 重庆市) and the counties administered by a province directly.
 */
export const placeholderRegionNames: readonly string[] = ['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'];

/** The 专班 level that first owns a problem in this region, or null for the country as a whole. */
export function ownerLevelOf(regionCode: string): OwnerLevel | null {
  const level = regionLevel(regionCode);
  if (level === 'country') return null;
  if (level === 'province' || level === 'prefecture') return level;
  return 'county';
}

/** The level above, or null above the province. */
export function nextOwnerLevel(level: OwnerLevel): OwnerLevel | null {
  return level === 'county' ? 'prefecture' : level === 'prefecture' ? 'province' : null;
}

/** The region at `level` that contains `regionCode` (its county, prefecture or province). */
export function regionAtLevel(regionCode: string, level: OwnerLevel): string {
  const found = regionAncestry(regionCode).find((code) => regionLevel(code) === level);
  if (!found) throw new RangeError(`${regionCode} has no ${level} above it`);
  return found;
}

/** True when a problem is past its deadline on `today` and not closed. */
export function isOverdue(deadline: string, status: ProblemStatus, today: string): boolean {
  return status !== 'closed' && deadline < today;
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

/** The ledger number of a problem: `WT-2020-000123`, from the year it was logged and its sequence number. */
export function problemNumber(year: string, sequence: number): string {
  return `WT-${year}-${String(sequence).padStart(6, '0')}`;
}
