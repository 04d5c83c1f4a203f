/**
 * What an application rests on, decided by the rules engine alone (no IO): the facts snapshot (the registry's
 * prefill with the applicant's answers over it, each fact with its source), the policy's decision after
 * precedence for those facts, and the trace a decision keeps — inputs, rule version, parameter values and
 * clauses — with the grants-ledger keys the application would take.
 */
import { AppError, invalidInput, type LocalizedText } from '../kernel/errors.ts';
import { formatPeriod, periodOf } from '../kernel/periods.ts';
import { readFacts, type RawFacts } from '../rules/facts.ts';
import type { Pack } from '../rules/pack.ts';
import type { Policy } from '../rules/policy.ts';
import { evaluatePack, type Decision } from '../rules/precedence.ts';

/** One fact of the snapshot: its value as given, where it came from, and the registry's value an answer replaced. */
export interface SnapshotFact {
  value: unknown;
  source: 'registry' | 'answer';
  registryValue?: unknown;
}

/** The trace kept with an application: enough to explain and re-check the decision. */
export interface DecisionTrace {
  status: 'eligible' | 'not_eligible' | 'undetermined' | 'suppressed';
  amountFen: number | null;
  /** the policy's date (selects parameter values) */
  on: string | null;
  asOf: string;
  ruleVersionId: string;
  packId: string;
  packVersion: string;
  policyId: string;
  /** the facts the engine read, by path */
  inputs: Record<string, unknown>;
  parameters: { name: string; value: number | string | boolean; from?: string; reference: string }[];
  conditions: LocalizedText[];
  basis: Policy['basis'];
  capped?: { before: number; cap: number };
  reason?: LocalizedText;
  questions?: { fact?: string; parameter?: string; text: LocalizedText }[];
  replacedBy?: string;
}

/** The outcome of deciding one application. */
export interface ApplicationDecision {
  snapshot: Record<string, SnapshotFact>;
  trace: DecisionTrace;
  /** the grants-ledger keys: once-per key value (or the beneficiary's ID number) and period */
  grantKey: string | null;
  periodKey: string | null;
}

/** The facts merged from the registry and the answers; answers are checked against the schema, naming `answers.<path>`. */
export function snapshotOf(pack: Pack, prefill: RawFacts, answers: RawFacts): Record<string, SnapshotFact> {
  try {
    readFacts(pack.schema, answers);
  } catch (error) {
    if (error instanceof AppError && error.field) throw invalidInput(`answers.${error.field}`, error.text);
    throw error;
  }
  const snapshot: Record<string, SnapshotFact> = {};
  for (const [path, value] of Object.entries(prefill)) snapshot[path] = { value, source: 'registry' };
  for (const [path, value] of Object.entries(answers)) {
    if (value === undefined || value === null || value === '') continue;
    const registry = snapshot[path];
    snapshot[path] = registry ? { value, source: 'answer', registryValue: registry.value } : { value, source: 'answer' };
  }
  return snapshot;
}

/** Decides the policy for the snapshot: the whole pack is evaluated so that exclusivity groups apply. */
export function decideApplication(input: {
  pack: Pack;
  versionId: string;
  policy: Policy;
  snapshot: Record<string, SnapshotFact>;
  asOf: string;
  /** the beneficiary's resident ID or credit code: the ledger key of a policy without a once-per key */
  beneficiaryIdNumber: string;
}): ApplicationDecision {
  const { pack, policy, snapshot, asOf } = input;
  const raw: RawFacts = Object.fromEntries(Object.entries(snapshot).map(([path, fact]) => [path, fact.value]));
  const facts = readFacts(pack.schema, raw);
  const decision = evaluatePack(pack, facts, asOf).get(policy.id) as Decision;
  const trace: DecisionTrace = {
    status: decision.status,
    amountFen: decision.status === 'eligible' || decision.status === 'suppressed' ? decision.amount : null,
    on: decision.status === 'eligible' ? decision.on : null,
    asOf,
    ruleVersionId: input.versionId,
    packId: pack.id,
    packVersion: pack.version,
    policyId: policy.id,
    inputs: raw,
    parameters: decision.status === 'eligible' ? decision.parameters.map((use) => ({ ...use })) : [],
    conditions: decision.status === 'eligible' ? decision.conditions : [],
    basis: policy.basis,
  };
  if (decision.status === 'eligible' && decision.capped) trace.capped = decision.capped;
  if (decision.status === 'not_eligible') trace.reason = decision.reason;
  if (decision.status === 'undetermined') trace.questions = decision.questions;
  if (decision.status === 'suppressed') {
    trace.reason = decision.reason;
    if (decision.replacedBy) trace.replacedBy = decision.replacedBy;
  }
  let grantKey: string | null = null;
  let periodKey: string | null = null;
  const on = decision.status === 'eligible' ? decision.on : asOf;
  if (policy.oncePer) {
    const key = facts.get(policy.oncePer.key);
    if (key !== undefined) {
      grantKey = String(key);
      periodKey = policy.oncePer.period === 'ever' ? 'ever' : formatPeriod(periodOf(policy.oncePer.period, on));
    }
  } else {
    grantKey = input.beneficiaryIdNumber;
    periodKey = 'ever';
  }
  return { snapshot, trace, grantKey, periodKey };
}

/** The exclusivity group (不重复享受) a policy belongs to, if any. */
export function exclusiveGroupOf(pack: Pack, policyId: string): string | null {
  return pack.groups.find((group) => group.policies.includes(policyId))?.id ?? null;
}
