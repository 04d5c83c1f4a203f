/**
 * 不来即享 matching over the current policy catalogue: anonymously from answers (an enterprise with its credit
 * code, a person with answers only), or for a registered person or enterprise with the registry's facts
 * prefilled. Nothing of an anonymous request is stored or logged.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../kernel/actor.ts';
import { AppError, invalidInput, notFound } from '../../kernel/errors.ts';
import { getEnterprise, getPerson } from '../../registry/index.ts';
import { readFact, readFacts, type RawFacts } from '../../rules/facts.ts';
import type { FactSpec, RuleType } from '../../rules/types.ts';
import { beneficiaryKinds } from '../../rules/policy.ts';
import { evaluatePack } from '../../rules/precedence.ts';
import type { Database } from '../../store/tables.ts';
import type { CataloguePack } from '../catalogue.ts';
import { currentPacks } from './current-packs.ts';
import { canMatchEnterprise, canMatchPerson } from './benefits-match.policy.ts';
import { claimableKinds, onceKeys, packQuestions, presentMatches, type Applicant, type FactQuestion, type PolicyMatch } from './match-view.ts';
import { checkedFacts, registryFactsOf } from './subject-evaluation.ts';

/** Every policy's answer for one applicant, the questions of the form, and the facts used when prefilled. */
export interface MatchResult {
  asOf: string;
  applicant: Applicant;
  items: PolicyMatch[];
  questions: Array<FactQuestion & { pack: string }>;
  /** the registry's facts by pack, then by path (once-per keys, which carry identity numbers, left out) */
  facts: Record<string, Record<string, unknown>> | null;
  eligibleSubsidyFen: number;
}

/** An id-like fact an anonymous match fills itself: no grant is made, so no key is needed. */
const anonymousKey = 'anonymous';

/** An 18-digit (or old 15-digit) identity number, valid or not: personal data either way. */
const identityNumberLike = /^(\d{15}|\d{17}[\dXx])$/;

function relevantPacks(catalogue: CataloguePack[], applicant: Applicant): CataloguePack[] {
  return catalogue.filter((entry) => entry.pack.policies.some((policy) => claimableKinds[applicant].includes(policy.beneficiary)));
}

function total(items: PolicyMatch[]): number {
  return items.reduce((sum, item) => sum + (item.status === 'eligible' && item.benefit === 'subsidy' ? (item.amountFen ?? 0) : 0), 0);
}

/**
 * The answers as one pack reads them. Packs share fact paths but not always their choices (each names its own
 * groups): a list keeps the items this pack knows, and a value this pack's type does not take is left out, so
 * its policies ask rather than refuse. Once-per keys are filled: an anonymous match makes no grant.
 */
function answersFor(entry: CataloguePack, answers: RawFacts): RawFacts {
  const own: RawFacts = {};
  for (const [path, value] of Object.entries(answers)) {
    const spec = entry.pack.schema.facts.get(path);
    if (!spec) continue;
    const items = spec.type.kind === 'list' && Array.isArray(value) ? value.filter((item) => fits(path, spec.type.kind === 'list' ? spec.type.of : spec.type, item)) : value;
    if (fits(path, spec.type, items)) own[path] = items;
  }
  for (const key of onceKeys(entry.pack)) own[key] = anonymousKey;
  return own;
}

function fits(path: string, type: RuleType, value: unknown): boolean {
  try {
    readFact(path, type, value);
    return true;
  } catch {
    return false;
  }
}

/** Refuses an answer no pack asks for, or that no pack's type takes, naming it as `answers.<path>`. */
function checkAnswers(catalogue: CataloguePack[], answers: RawFacts): void {
  for (const [path, value] of Object.entries(answers)) {
    const specs = catalogue.flatMap((entry) => entry.pack.schema.facts.get(path) ?? []);
    if (specs.length === 0) throw invalidInput(`answers.${path}`, { zh: `没有「${path}」这个问题`, en: `there is no question "${path}"` });
    // A person never gives an identity number on the public page: it is neither needed nor kept.
    const texts = Array.isArray(value) ? value : [value];
    if (texts.some((text) => typeof text === 'string' && identityNumberLike.test(text.trim()))) {
      throw invalidInput(`answers.${path}`, { zh: '请勿在此填写身份证号码：查询无需身份信息', en: 'do not enter an identity number here: matching needs none' });
    }
    if (specs.some((spec) => fits(path, spec.type, value))) continue;
    try {
      readFact(path, (specs[0] as FactSpec).type, value);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, error.text, `answers.${path}`);
      throw error;
    }
  }
}

/** One question per fact across packs, the choices of every pack that asks it. */
function mergedQuestions(questions: MatchResult['questions']): MatchResult['questions'] {
  const byFact = new Map<string, MatchResult['questions'][number]>();
  for (const question of questions) {
    const seen = byFact.get(question.fact);
    if (!seen) byFact.set(question.fact, { ...question, choices: [...question.choices] });
    else for (const choice of question.choices) if (!seen.choices.includes(choice)) seen.choices.push(choice);
  }
  return [...byFact.values()];
}

/** Matches answers against every policy an applicant may claim; refuses an unknown fact or a wrong type, naming it. */
export async function matchAnswers(db: Kysely<Database>, applicant: Applicant, answers: RawFacts, asOf: string, language: 'zh' | 'en'): Promise<MatchResult> {
  const catalogue = relevantPacks(await currentPacks(db), applicant);
  checkAnswers(catalogue, answers);
  const items: PolicyMatch[] = [];
  const questions: MatchResult['questions'] = [];
  for (const entry of catalogue) {
    const facts = readFacts(entry.pack.schema, answersFor(entry, answers));
    items.push(...presentMatches(entry.pack, entry.versionId, evaluatePack(entry.pack, facts, asOf), claimableKinds[applicant], language));
    questions.push(...packQuestions(entry.pack, claimableKinds[applicant], language, onceKeys(entry.pack)).map((question) => ({ ...question, pack: entry.packId })));
  }
  return { asOf, applicant, items, questions: mergedQuestions(questions), facts: null, eligibleSubsidyFen: total(items) };
}

/** The questions an applicant is asked, one per fact across the catalogue's packs. */
export async function policyQuestions(db: Kysely<Database>, applicant: Applicant, language: 'zh' | 'en'): Promise<MatchResult['questions']> {
  const catalogue = relevantPacks(await currentPacks(db), applicant);
  return mergedQuestions(catalogue.flatMap((entry) => packQuestions(entry.pack, claimableKinds[applicant], language, onceKeys(entry.pack)).map((question) => ({ ...question, pack: entry.packId }))));
}

/** Which registered subject to match. */
export type RegisteredSubject = { person: string } | { enterprise: string };

/**
 * Matches a registered person (a caseworker of their region) or enterprise (a caseworker of its region, or the
 * enterprise's own account), facts prefilled from the registry; 404 for anyone else.
 */
export async function matchRegistered(db: Kysely<Database>, actor: Actor, subject: RegisteredSubject, asOf: string, language: 'zh' | 'en'): Promise<MatchResult> {
  const applicant: Applicant = 'person' in subject ? 'person' : 'enterprise';
  if ('person' in subject) {
    const person = await getPerson(db, actor, subject.person);
    if (!canMatchPerson(actor, person)) throw notFound({ zh: '人员', en: 'Person' });
  } else {
    const enterprise = await getEnterprise(db, actor, subject.enterprise);
    if (!canMatchEnterprise(actor, { regionCode: enterprise.regionCode, unitId: enterprise.unitId ?? null })) throw notFound({ zh: '市场主体', en: 'Enterprise' });
  }
  const id = 'person' in subject ? subject.person : subject.enterprise;
  // A registered person is evaluated with every policy of the pack, as a batch run does: their hire's awards
  // are the employer's to claim, but the caseworker who follows the person sees them all.
  const kinds = applicant === 'person' ? beneficiaryKinds : claimableKinds.enterprise;
  const items: PolicyMatch[] = [];
  const questions: MatchResult['questions'] = [];
  const shown: Record<string, Record<string, unknown>> = {};
  for (const entry of relevantPacks(await currentPacks(db), applicant)) {
    const registry = await registryFactsOf(db, entry.pack, applicant, id, asOf);
    if (!registry) continue;
    const hidden = onceKeys(entry.pack);
    shown[entry.packId] = Object.fromEntries(Object.entries(registry.facts).filter(([path]) => !hidden.has(path)));
    items.push(...presentMatches(entry.pack, entry.versionId, evaluatePack(entry.pack, checkedFacts(entry.pack, registry), asOf), kinds, language));
    questions.push(...packQuestions(entry.pack, kinds, language, new Set([...hidden, ...Object.keys(registry.facts)])).map((question) => ({ ...question, pack: entry.packId })));
  }
  return { asOf, applicant, items, questions: mergedQuestions(questions), facts: shown, eligibleSubsidyFen: total(items) };
}
