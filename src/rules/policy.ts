/**
 * A policy (惠企惠民政策) as data, and its evaluation for one beneficiary: eligible with the amount in
 * fen and what it rests on (parameters with their 文号, the conditions met, the clause), not eligible
 * with the first condition that fails in plain Chinese, or undetermined with the questions to ask.
 */
import type { LocalizedText } from '../kernel/errors.ts';
import type { Rounding } from '../kernel/money.ts';
import type { PeriodKind } from '../kernel/periods.ts';
import type { Expression } from './ast.ts';
import { factsRead } from './ast.ts';
import { evaluate, unknown, type Environment, type ParameterUse, type Result, type Unknown } from './evaluate.ts';
import type { Facts } from './facts.ts';
import { dateOfDay, roundWhole } from './functions.ts';
import { parameterOn, type Parameter } from './parameters.ts';
import { print } from './printer.ts';
import type { FactsSchema } from './types.ts';

/** A rule written in the language, with its source kept for messages and explanations. */
export interface Rule {
  source: string;
  expression: Expression;
}

/** The legal basis of a policy: the document, its 文号 where it has one, the clause and its words. */
export interface Basis {
  document: string;
  number?: string;
  clause: string;
  quote: string;
}

/** One condition of eligibility, said in words. */
export interface Condition {
  rule: Rule;
  text: LocalizedText;
}

/** A document an application for a policy must carry (or may, when optional), said in words. */
export interface EvidenceItem {
  id: string;
  text: LocalizedText;
  optional: boolean;
}

/** Who receives a benefit. */
export const beneficiaryKinds = ['person', 'hire', 'enterprise', 'agency', 'household'] as const;

/** One of the kinds of beneficiary. */
export type BeneficiaryKind = (typeof beneficiaryKinds)[number];

/** A policy of a pack. */
export interface Policy {
  id: string;
  name: LocalizedText;
  basis: Basis;
  validFrom?: string;
  validTo?: string;
  beneficiary: BeneficiaryKind;
  /** the date that selects the parameter values and must fall within the validity (default: the evaluation date) */
  date?: Rule;
  eligibility: Condition[];
  amount: Rule;
  rounding: Rounding;
  cap?: Rule;
  /** at most once per beneficiary key and period */
  oncePer?: { key: string; period: PeriodKind | 'ever' };
  /** a loan limit or a subsidy paid out: totals of the two are never added together */
  benefit: 'subsidy' | 'loan_limit';
  /** the documents an application must carry; empty when the pack names none */
  evidence: EvidenceItem[];
}

/** What a question for a missing fact or parameter says. */
export interface Question {
  fact?: string;
  parameter?: string;
  text: LocalizedText;
}

/** The result of evaluating one policy for one beneficiary. */
export type Outcome =
  | { status: 'eligible'; amount: number; on: string; parameters: ParameterUse[]; conditions: LocalizedText[]; basis: Basis; capped?: { before: number; cap: number } }
  | { status: 'not_eligible'; reason: LocalizedText; condition?: string; basis: Basis }
  | { status: 'undetermined'; questions: Question[]; basis: Basis };

/** What a policy is evaluated against besides the facts. */
export interface Situation {
  schema: FactsSchema;
  parameters: Map<string, Parameter>;
  /** the evaluation date, `YYYY-MM-DD` */
  asOf: string;
  asOfDay: number;
}

function formatValue(path: string, value: unknown, schema: FactsSchema): string {
  const type = schema.facts.get(path)?.type;
  if (type?.kind === 'date' && typeof value === 'number') return dateOfDay(value);
  if (type?.kind === 'money' && typeof value === 'number') return `${(value / 100).toFixed(2)}元`;
  if (Array.isArray(value)) return value.length ? value.join('、') : '（无）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

function valuesOf(rule: Rule, facts: Facts, schema: FactsSchema): LocalizedText {
  const parts = factsRead(rule.expression)
    .filter((path) => facts.has(path))
    .map((path) => {
      const label = schema.facts.get(path)?.label;
      return { zh: `${label?.zh ?? path}为${formatValue(path, facts.get(path), schema)}`, en: `${label?.en ?? path} is ${formatValue(path, facts.get(path), schema)}` };
    });
  return { zh: parts.map((part) => part.zh).join('，'), en: parts.map((part) => part.en).join(', ') };
}

/** The questions that would settle an unknown value. */
export function questionsFor(pending: Unknown, schema: FactsSchema, parameters: Map<string, Parameter>, county: string | undefined): Question[] {
  const questions: Question[] = [...pending.facts].map((fact) => ({
    fact,
    text: schema.facts.get(fact)?.question ?? { zh: `请提供「${fact}」`, en: `Please give "${fact}"` },
  }));
  for (const name of pending.parameters) {
    const parameter = parameters.get(name);
    const label = parameter?.label ?? { zh: name, en: name };
    questions.push({
      parameter: name,
      text: parameter?.scope === 'county'
        ? { zh: `县（市）${county ?? ''}尚未确定「${label.zh}」`, en: `the county ${county ?? ''} has not set "${label.en}"` }
        : { zh: `评估日期没有「${label.zh}」的取值`, en: `"${label.en}" has no value on the evaluation date` },
    });
  }
  if (questions.length === 0) questions.push({ text: { zh: '金额无法计算（除数为零）', en: 'the amount cannot be computed (division by zero)' } });
  return questions;
}

/** Evaluates one policy for one beneficiary's facts. */
export function evaluatePolicy(policy: Policy, facts: Facts, situation: Situation): Outcome {
  const { schema, parameters } = situation;
  const county = schema.county === undefined ? undefined : (facts.get(schema.county) as string | undefined);
  const used: ParameterUse[] = [];
  let eventDay = situation.asOfDay;
  const environment: Environment = {
    fact: (path) => facts.get(path),
    parameter: (name) => {
      const parameter = parameters.get(name);
      return parameter ? parameterOn(parameter, eventDay, county) : undefined;
    },
    asOf: situation.asOfDay,
    used,
  };
  const basis = policy.basis;
  const undetermined = (pending: Unknown): Outcome => ({ status: 'undetermined', questions: questionsFor(pending, schema, parameters, county), basis });

  // The date is the first condition: unknown, it leaves the outcome open only if no other condition fails.
  let pending: Unknown | undefined;
  if (policy.date) {
    const day = evaluate(policy.date.expression, environment);
    if (unknown(day)) {
      pending = day;
      eventDay = Number.NaN;
    } else {
      eventDay = day as number;
    }
  }
  const eventDate = eventDay === eventDay ? dateOfDay(eventDay) : undefined;
  if (eventDate && ((policy.validFrom && eventDate < policy.validFrom) || (policy.validTo && eventDate > policy.validTo))) {
    return {
      status: 'not_eligible',
      reason: {
        zh: `政策有效期为 ${policy.validFrom ?? '…'} 至 ${policy.validTo ?? '…'}，${eventDate} 不在其内`,
        en: `the policy is in force from ${policy.validFrom ?? '…'} to ${policy.validTo ?? '…'}; ${eventDate} is outside`,
      },
      basis,
    };
  }

  const met: LocalizedText[] = [];
  for (const condition of policy.eligibility) {
    const value: Result = evaluate(condition.rule.expression, environment);
    if (value === false) {
      const values = valuesOf(condition.rule, facts, schema);
      return {
        status: 'not_eligible',
        reason: {
          zh: `不符合「${condition.text.zh}」${values.zh ? `：${values.zh}` : ''}`,
          en: `does not meet "${condition.text.en}"${values.en ? `: ${values.en}` : ''}`,
        },
        condition: print(condition.rule.expression),
        basis,
      };
    }
    if (unknown(value)) pending = pending ? pending.join(value) : value;
    else met.push(condition.text);
  }
  if (pending) return undetermined(pending);

  const raw = evaluate(policy.amount.expression, environment);
  if (unknown(raw)) return undetermined(raw);
  let amount = roundWhole(raw as number, policy.rounding);
  let capped: { before: number; cap: number } | undefined;
  if (policy.cap) {
    const capValue = evaluate(policy.cap.expression, environment);
    if (unknown(capValue)) return undetermined(capValue);
    const cap = roundWhole(capValue as number, policy.rounding);
    if (amount > cap) {
      capped = { before: amount, cap };
      amount = cap;
    }
  }
  const outcome: Outcome = { status: 'eligible', amount, on: eventDate ?? situation.asOf, parameters: used, conditions: met, basis };
  if (capped) outcome.capped = capped;
  return outcome;
}
