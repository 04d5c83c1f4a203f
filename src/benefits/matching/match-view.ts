/**
 * 不来即享: what one enterprise or person is told about every policy of a pack — eligible with the amount,
 * the parameter values and the clauses it rests on; not eligible with the first failing condition; undetermined
 * with the questions to answer; suppressed with what replaced it — and how to apply. Pure: the decisions
 * come from the engine's `evaluatePack`, the facts from the caller.
 */
import type { LocalizedText } from '../../kernel/errors.ts';
import { formatYuan } from '../../kernel/money.ts';
import { factsRead } from '../../rules/ast.ts';
import { dateOfDay } from '../../rules/functions.ts';
import type { Pack } from '../../rules/pack.ts';
import type { BeneficiaryKind, Policy } from '../../rules/policy.ts';
import type { Decision } from '../../rules/precedence.ts';
import type { RuleType } from '../../rules/types.ts';

/** Who asks: an enterprise (for itself and the people it hires) or a person. */
export type Applicant = 'enterprise' | 'person';

/** The beneficiary kinds of policies an applicant may claim: hiring and placement awards go to employers and agencies. */
export const claimableKinds: Record<Applicant, readonly BeneficiaryKind[]> = {
  enterprise: ['enterprise', 'hire', 'agency'],
  person: ['person', 'household'],
};

/** One parameter value an eligible amount used, as shown. */
export interface ParameterShown {
  name: string;
  label: string;
  value: string;
  reference: string;
  from: string | null;
}

/** One policy's answer for the applicant. */
export interface PolicyMatch {
  pack: string;
  packVersion: string;
  policy: string;
  name: string;
  beneficiary: BeneficiaryKind;
  benefit: Policy['benefit'];
  status: Decision['status'];
  /** fen: the amount granted (eligible) or the amount given way (suppressed) */
  amountFen: number | null;
  basis: { document: string; number: string | null; clause: string; quote: string };
  parameters: ParameterShown[];
  /** the conditions met (eligible) */
  clauses: string[];
  /** why not: the failing condition (not eligible) or what replaced it (suppressed) */
  reason: string | null;
  replacedBy: string | null;
  questions: Array<{ fact: string | null; text: string }>;
  howToApply: string;
}

/** One question of a pack's facts schema, for the form that gathers answers. */
export interface FactQuestion {
  fact: string;
  label: string;
  question: string;
  type: RuleType['kind'];
  /** the choices of an enum, or of the items of a list of enums */
  choices: string[];
}

function pick(text: LocalizedText, language: 'zh' | 'en'): string {
  return text[language];
}

function shownValue(type: RuleType | undefined, value: number | string | boolean, language: 'zh' | 'en'): string {
  if (type?.kind === 'money' && typeof value === 'number') return formatYuan(value);
  if (type?.kind === 'date' && typeof value === 'number') return dateOfDay(value);
  if (typeof value === 'boolean') return language === 'zh' ? (value ? '是' : '否') : String(value);
  return String(value);
}

/** How to apply for a policy, said from its basis and beneficiary. */
export function howToApply(policy: Policy, language: 'zh' | 'en'): string {
  const document = policy.basis.number ? `${policy.basis.document}（${policy.basis.number}）` : policy.basis.document;
  const who = policy.beneficiary === 'person' || policy.beneficiary === 'household' ? { zh: '本人', en: 'the person' } : { zh: '单位', en: 'the employer or agency' };
  return language === 'zh'
    ? `由${who.zh}登录稳保在线申请，或向所在县（市）人力资源和社会保障部门申请；依据《${document}》第${policy.basis.clause}条`
    : `${who.en} applies online after signing in to Wenbao, or at the county human-resources and social-security bureau; basis: ${document}, clause ${policy.basis.clause}`;
}

/** The answers for every policy of a pack for the given beneficiary kinds, in the pack's order. */
export function presentMatches(pack: Pack, version: string, decisions: Map<string, Decision>, kinds: readonly BeneficiaryKind[], language: 'zh' | 'en'): PolicyMatch[] {
  const matches: PolicyMatch[] = [];
  for (const policy of pack.policies) {
    if (!kinds.includes(policy.beneficiary)) continue;
    const decision = decisions.get(policy.id);
    if (!decision) continue;
    const match: PolicyMatch = {
      pack: pack.id,
      packVersion: version,
      policy: policy.id,
      name: pick(policy.name, language),
      beneficiary: policy.beneficiary,
      benefit: policy.benefit,
      status: decision.status,
      amountFen: null,
      basis: { document: policy.basis.document, number: policy.basis.number ?? null, clause: policy.basis.clause, quote: policy.basis.quote },
      parameters: [],
      clauses: [],
      reason: null,
      replacedBy: null,
      questions: [],
      howToApply: howToApply(policy, language),
    };
    if (decision.status === 'eligible') {
      match.amountFen = decision.amount;
      match.clauses = decision.conditions.map((condition) => pick(condition, language));
      match.parameters = decision.parameters.map((use) => {
        const parameter = pack.parameters.get(use.name.split('@')[0] as string);
        return {
          name: use.name,
          label: parameter ? pick(parameter.label, language) : use.name,
          value: shownValue(parameter?.type, use.value, language),
          reference: use.reference,
          from: use.from ?? null,
        };
      });
    } else if (decision.status === 'not_eligible') {
      match.reason = pick(decision.reason, language);
    } else if (decision.status === 'undetermined') {
      match.questions = decision.questions.map((question) => ({ fact: question.fact ?? question.parameter ?? null, text: pick(question.text, language) }));
    } else {
      match.amountFen = decision.amount;
      match.reason = pick(decision.reason, language);
      match.replacedBy = decision.replacedBy ?? null;
    }
    matches.push(match);
  }
  return matches;
}

/** The facts the policies of a pack for the given kinds read, as questions in schema order, leaving out the `hidden` ones. */
export function packQuestions(pack: Pack, kinds: readonly BeneficiaryKind[], language: 'zh' | 'en', hidden: ReadonlySet<string> = new Set()): FactQuestion[] {
  const read = new Set<string>();
  for (const policy of pack.policies) {
    if (!kinds.includes(policy.beneficiary)) continue;
    const rules = [policy.amount, policy.cap, policy.date, ...policy.eligibility.map((condition) => condition.rule)];
    for (const rule of rules) if (rule) for (const path of factsRead(rule.expression)) read.add(path);
  }
  const questions: FactQuestion[] = [];
  for (const [path, spec] of pack.schema.facts) {
    if (!read.has(path) || hidden.has(path)) continue;
    const type = spec.type;
    const choices = type.kind === 'enum' ? type.values : type.kind === 'list' && type.of.kind === 'enum' ? type.of.values : [];
    questions.push({ fact: path, label: pick(spec.label, language), question: pick(spec.question, language), type: type.kind, choices });
  }
  return questions;
}

/** The facts that only key once-per limits (ids): an anonymous match fills them, as no grant is made. */
export function onceKeys(pack: Pack): Set<string> {
  return new Set(pack.policies.flatMap((policy) => (policy.oncePer ? [policy.oncePer.key] : [])));
}
