/**
 * What-if (资金测算): a pack with one parameter value or one condition changed, type-checked like any rule,
 * and the comparison of two evaluations of the same beneficiaries — the cost difference, how many gain, lose
 * or change amount, by county. Pure: the caller evaluates the registry under both packs.
 */
import { unprocessable } from '../../kernel/errors.ts';
import type { Expression } from '../../rules/ast.ts';
import { checkAs } from '../../rules/checker.ts';
import { RuleError } from '../../rules/errors.ts';
import { dayOfDate } from '../../rules/functions.ts';
import type { Pack } from '../../rules/pack.ts';
import type { DatedValue, Parameter } from '../../rules/parameters.ts';
import { parse } from '../../rules/parser.ts';
import type { Policy } from '../../rules/policy.ts';
import type { RuleType } from '../../rules/types.ts';

/** One change to try: a parameter's value (from a date, or throughout), or one condition of a policy. */
export type Change =
  | { kind: 'parameter'; parameter: string; value: string; from?: string | undefined }
  | { kind: 'condition'; policy: string; index: number; when: string };

function refuseRule(field: string, error: unknown): never {
  if (error instanceof RuleError) throw unprocessable(field, { zh: `${field}：${error.text.zh}`, en: `${field}: ${error.text.en}` });
  throw error;
}

/** Reads a parameter value written in the language (`4000元`, `3`, `date('2020-06-30')`) as the parameter's type. */
export function readLiteral(source: string, type: RuleType, field: string): number | string | boolean {
  let expression: Expression;
  try {
    expression = parse(source);
  } catch (error) {
    refuseRule(field, error);
  }
  const negative = expression.kind === 'unary' && expression.operator === '-';
  const inner = expression.kind === 'unary' && negative ? expression.operand : expression;
  const sign = negative ? -1 : 1;
  if (type.kind === 'money' && inner.kind === 'money') return sign * inner.fen;
  if ((type.kind === 'number' || type.kind === 'months') && inner.kind === 'number' && (type.kind === 'number' || Number.isInteger(inner.value))) return sign * inner.value;
  if (type.kind === 'date' && inner.kind === 'date' && !negative) return dayOfDate(inner.value);
  if (type.kind === 'boolean' && inner.kind === 'boolean' && !negative) return inner.value;
  if (type.kind === 'enum' && inner.kind === 'string' && !negative && type.values.includes(inner.value)) return inner.value;
  if (type.kind === 'string' && inner.kind === 'string' && !negative) return inner.value;
  throw unprocessable(field, {
    zh: `${field}：「${source}」不是 ${type.kind} 类型的值${type.kind === 'money' ? '（金额写作 4000元）' : ''}`,
    en: `${field}: "${source}" is not a ${type.kind} value${type.kind === 'money' ? ' (money is written 4000元)' : ''}`,
  });
}

function changedValues(values: DatedValue[], value: number | string | boolean, from: string | undefined): DatedValue[] {
  const reference = '资金测算（假设） / what-if';
  if (from === undefined) return [{ fromDay: -Infinity, value, reference }];
  const fromDay = dayOfDate(from);
  return [...values.filter((dated) => dated.fromDay < fromDay), { from, fromDay, value, reference }];
}

/** The pack with the change made; refused with the field, the position in the rule and the reason. */
export function applyChange(pack: Pack, change: Change): Pack {
  if (change.kind === 'parameter') {
    const parameter = pack.parameters.get(change.parameter);
    if (!parameter) throw unprocessable('change.parameter', { zh: `政策包 ${pack.id} 没有参数「${change.parameter}」`, en: `the pack ${pack.id} has no parameter "${change.parameter}"` });
    const value = readLiteral(change.value, parameter.type, 'change.value');
    if (parameter.range && typeof value === 'number' && (value < parameter.range[0] || value > parameter.range[1])) {
      throw unprocessable('change.value', { zh: 'change.value：超出文件规定的范围', en: 'change.value: outside the range the source sets' });
    }
    const changed: Parameter = { ...parameter, values: parameter.values, counties: parameter.counties };
    if (parameter.scope === 'general') changed.values = changedValues(parameter.values, value, change.from);
    else changed.counties = new Map([...parameter.counties].map(([county, values]) => [county, changedValues(values, value, change.from)]));
    return { ...pack, parameters: new Map([...pack.parameters, [parameter.name, changed]]) };
  }
  const index = pack.policies.findIndex((policy) => policy.id === change.policy);
  const policy = pack.policies[index];
  if (!policy) throw unprocessable('change.policy', { zh: `政策包 ${pack.id} 没有政策「${change.policy}」`, en: `the pack ${pack.id} has no policy "${change.policy}"` });
  const condition = policy.eligibility[change.index];
  if (!condition) throw unprocessable('change.index', { zh: `政策「${policy.id}」没有第 ${change.index + 1} 项条件`, en: `the policy "${policy.id}" has no condition ${change.index + 1}` });
  let expression: Expression;
  try {
    expression = parse(change.when);
    const scope = { schema: pack.schema, parameters: new Map([...pack.parameters].map(([name, parameter]) => [name, parameter.type])) };
    checkAs(expression, change.when, scope, 'boolean', { zh: '条件', en: 'a condition' });
  } catch (error) {
    refuseRule('change.when', error);
  }
  const eligibility = policy.eligibility.map((existing, position) => (position === change.index ? { ...existing, rule: { source: change.when, expression } } : existing));
  const changed: Policy = { ...policy, eligibility };
  return { ...pack, policies: pack.policies.map((existing, position) => (position === index ? changed : existing)) };
}

/** The granted amount of each policy for one beneficiary: a map of policy id to fen (granted only). */
export type Grants = Map<string, number>;

/** One county's line of a comparison. */
export interface WhatIfLine {
  county: string;
  /** fen under the current rules and under the change */
  before: number;
  after: number;
  gain: number;
  lose: number;
  change: number;
}

/** Accumulates the difference between two evaluations of the same beneficiaries. */
export class WhatIfTally {
  private readonly lines = new Map<string, WhatIfLine>();

  /** Adds one beneficiary's grants before and after the change. */
  add(county: string, before: Grants, after: Grants): void {
    let line = this.lines.get(county);
    if (!line) {
      line = { county, before: 0, after: 0, gain: 0, lose: 0, change: 0 };
      this.lines.set(county, line);
    }
    const policies = new Set([...before.keys(), ...after.keys()]);
    for (const policy of policies) {
      const was = before.get(policy);
      const now = after.get(policy);
      if (was !== undefined) line.before += was;
      if (now !== undefined) line.after += now;
      if (was === undefined && now !== undefined) line.gain += 1;
      else if (was !== undefined && now === undefined) line.lose += 1;
      else if (was !== now) line.change += 1;
    }
  }

  /** The lines by county code, and the total. */
  result(): { counties: WhatIfLine[]; total: WhatIfLine } {
    const counties = [...this.lines.values()].sort((a, b) => (a.county < b.county ? -1 : a.county > b.county ? 1 : 0));
    const total: WhatIfLine = { county: 'total', before: 0, after: 0, gain: 0, lose: 0, change: 0 };
    for (const line of counties) {
      total.before += line.before;
      total.after += line.after;
      total.gain += line.gain;
      total.lose += line.lose;
      total.change += line.change;
    }
    return { counties, total };
  }
}
