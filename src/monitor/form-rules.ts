/**
 * A form's validation rules as pure functions over the figures filed: `equation` (both sides formulas over
 * the form's codes, equal within a tolerance), `range` (min/max), every indicator marked `required` present
 * (the `required` rule kind is an alias that adds nothing) and `outlier` (a robust z-score against the same region or subject's own history; flagged for
 * confirmation rather than refused outright).
 */
import type { FormRule } from '../contracts/monitor.contract.ts';
import { evaluateFormula, formulaCodes, parseEquation } from './formula.ts';

/** A problem found in the figures of a form. */
export interface RuleIssue {
  kind: FormRule['kind'];
  /** The indicator code the issue is about (the first code of an equation's left side). */
  code: string | null;
  zh: string;
  en: string;
}

/** The robust z-score of `value` against `history`: |x − median| ÷ (1.4826 · MAD); null when MAD is 0 or history is empty. */
export function robustZ(value: number, history: readonly number[]): number | null {
  if (history.length === 0) return null;
  const center = median(history);
  const deviation = median(history.map((past) => Math.abs(past - center)));
  if (deviation === 0) return null;
  return Math.abs(value - center) / (1.4826 * deviation);
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The fewest past figures an outlier test needs: with fewer, a figure is never flagged. */
export const minimumOutlierHistory = 4;

/** Everything the rules look at. */
export interface RuleInput {
  rules: readonly FormRule[];
  /** The form's figures by indicator code (totals), filed now or saved before. */
  values: ReadonlyMap<string, number>;
  /** The form's indicators in order, with whether each is required. */
  indicators: readonly { code: string; required: boolean }[];
  /** Past figures per code for outlier tests, the most recent last. */
  history: ReadonlyMap<string, readonly number[]>;
}

/** The issues that refuse the filing (equation, range, required) and the outliers that need confirmation. */
export function checkFormRules(input: RuleInput): { errors: RuleIssue[]; outliers: RuleIssue[] } {
  const errors: RuleIssue[] = [];
  const outliers: RuleIssue[] = [];
  const values = new Map<string, number | null>(input.values);
  // `required: true` on a form's indicator means what it says, with or without a `required` rule (an alias kept
  // so forms that carry it still load)
  for (const indicator of input.indicators) {
    if (indicator.required && !input.values.has(indicator.code)) {
      errors.push({ kind: 'required', code: indicator.code, zh: `${indicator.code} 为必填项。`, en: `${indicator.code} is required.` });
    }
  }
  for (const rule of input.rules) {
    if (rule.kind === 'required') {
      continue;
    } else if (rule.kind === 'range') {
      const value = input.values.get(rule.indicator);
      if (value === undefined) continue;
      if (rule.min !== null && value < rule.min) errors.push({ kind: 'range', code: rule.indicator, zh: `${rule.indicator} 不能小于 ${rule.min}（填报 ${value}）。`, en: `${rule.indicator} cannot be below ${rule.min} (got ${value}).` });
      if (rule.max !== null && value > rule.max) errors.push({ kind: 'range', code: rule.indicator, zh: `${rule.indicator} 不能大于 ${rule.max}（填报 ${value}）。`, en: `${rule.indicator} cannot be above ${rule.max} (got ${value}).` });
    } else if (rule.kind === 'equation') {
      const equation = parseEquation(rule.expression);
      const left = evaluateFormula(equation.left, values);
      const right = evaluateFormula(equation.right, values);
      // an incomplete equation is the `required` rule's business, not this one's
      if (left.value === null || right.value === null) continue;
      if (Math.abs(left.value - right.value) > rule.tolerance + 1e-9) {
        errors.push({
          kind: 'equation',
          code: formulaCodes(equation.left)[0] ?? null,
          zh: `不满足 ${rule.expression}：左边为 ${round(left.value)}，右边为 ${round(right.value)}。`,
          en: `${rule.expression} does not hold: the left side is ${round(left.value)}, the right side ${round(right.value)}.`,
        });
      }
    } else {
      const codes = rule.indicator === null ? input.indicators.map((indicator) => indicator.code) : [rule.indicator];
      for (const code of codes) {
        const value = input.values.get(code);
        const history = (input.history.get(code) ?? []).slice(-rule.window);
        if (value === undefined || history.length < minimumOutlierHistory) continue;
        const z = robustZ(value, history);
        if (z !== null && z > rule.limit) {
          outliers.push({
            kind: 'outlier',
            code,
            zh: `${code} 的 ${value} 远离其近 ${history.length} 期（中位数 ${round(median(history))}，稳健 z 值 ${round(z)} > ${rule.limit}），请核实后确认。`,
            en: `${value} for ${code} is far from its last ${history.length} periods (median ${round(median(history))}, robust z ${round(z)} > ${rule.limit}); check it and confirm.`,
          });
        }
      }
    }
  }
  return { errors, outliers };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
