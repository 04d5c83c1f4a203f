/**
 * Evaluating a pack's policies for one beneficiary, then applying precedence: in an exclusivity group
 * (不重复享受) one member is kept by the group's strategy and the others are suppressed, each saying what
 * replaced it and why; a policy limited to once per beneficiary and period is suppressed when the ledger
 * already holds a grant for the same key and period.
 */
import type { LocalizedText } from '../kernel/errors.ts';
import { formatYuan } from '../kernel/money.ts';
import { formatPeriod, periodOf } from '../kernel/periods.ts';
import type { Facts } from './facts.ts';
import type { ExclusiveGroup, Pack } from './pack.ts';
import { evaluatePolicy, type Outcome, type Policy, type Question, type Situation } from './policy.ts';

/** A policy's outcome after precedence: its own outcome, or suppressed with what replaced it and why. */
export type Decision =
  | Outcome
  | { status: 'suppressed'; amount: number; replacedBy?: string; reason: LocalizedText };

/** Grants already made, as `policy|key|period` strings; evaluation adds the grants it decides. */
export type Ledger = Set<string>;

/** The situation of a pack at an evaluation date. */
export function situationOf(pack: Pack, asOf: string): Situation {
  return { schema: pack.schema, parameters: pack.parameters, asOf, asOfDay: Date.UTC(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)) - 1, Number(asOf.slice(8, 10))) / 86_400_000 };
}

const strategyWords: Record<ExclusiveGroup['strategy'], LocalizedText> = {
  higher: { zh: '按就高不就低原则', en: 'taking the higher (就高不就低)' },
  priority: { zh: '按优先顺序', en: 'by priority' },
  first_match: { zh: '按首个符合者', en: 'taking the first match' },
};

function nameOf(pack: Pack, id: string): LocalizedText {
  return pack.policies.find((policy) => policy.id === id)?.name ?? { zh: id, en: id };
}

/** Applies one exclusivity group to the members' outcomes, in place. */
export function applyGroup(pack: Pack, group: ExclusiveGroup, decisions: Map<string, Decision>): void {
  const members = group.policies.map((id) => ({ id, decision: decisions.get(id) as Decision }));
  const eligible = members.filter((member) => member.decision.status === 'eligible');
  if (eligible.length === 0) return;
  let winner: (typeof members)[number] | undefined;
  let blocking: typeof members = [];
  if (group.strategy === 'higher') {
    blocking = members.filter((member) => member.decision.status === 'undetermined');
    for (const member of eligible) {
      if (!winner || (member.decision as { amount: number }).amount > (winner.decision as { amount: number }).amount) winner = member;
    }
  } else {
    for (const member of members) {
      if (member.decision.status === 'eligible') {
        winner = member;
        break;
      }
      if (member.decision.status === 'undetermined' && group.strategy === 'priority') blocking.push(member);
    }
  }
  if (blocking.length > 0) {
    // A member that may yet qualify could displace the others: until it is settled, so are they.
    const questions: Question[] = blocking.flatMap((member) => (member.decision as { questions: Question[] }).questions);
    for (const member of eligible) {
      decisions.set(member.id, {
        status: 'undetermined',
        basis: (member.decision as Outcome).basis,
        questions: [
          {
            text: {
              zh: `与「${blocking.map((other) => nameOf(pack, other.id).zh).join('、')}」不重复享受（${group.basis}），须先确定后者`,
              en: `not combinable with "${blocking.map((other) => nameOf(pack, other.id).en).join('", "')}" (${group.basis}); that must be settled first`,
            },
          },
          ...questions,
        ],
      });
    }
    return;
  }
  if (!winner) return;
  const kept = winner;
  const keptAmount = (kept.decision as { amount: number }).amount;
  for (const member of eligible) {
    if (member === kept) continue;
    const amount = (member.decision as { amount: number }).amount;
    const words = strategyWords[group.strategy];
    const comparison = group.strategy === 'higher' ? `（${formatYuan(keptAmount)} ≥ ${formatYuan(amount)}）` : '';
    decisions.set(member.id, {
      status: 'suppressed',
      amount,
      replacedBy: kept.id,
      reason: {
        zh: `与「${nameOf(pack, kept.id).zh}」不重复享受，${words.zh}享受后者${comparison}；依据：${group.basis}`,
        en: `not combinable with "${nameOf(pack, kept.id).en}"; ${words.en} it is kept${comparison.replace('（', ' (').replace('）', ')')}; basis: ${group.basis}`,
      },
    });
  }
}

/** The ledger key of a grant: policy, beneficiary key and period. */
export function grantKey(policy: Policy, key: string, on: string): string {
  const period = !policy.oncePer || policy.oncePer.period === 'ever' ? 'ever' : formatPeriod(periodOf(policy.oncePer.period, on));
  return `${policy.id}|${key}|${period}`;
}

/** Evaluates every policy of the pack for one beneficiary and applies precedence and once-per limits. */
export function evaluatePack(pack: Pack, facts: Facts, asOf: string, ledger: Ledger = new Set()): Map<string, Decision> {
  const situation = situationOf(pack, asOf);
  const decisions = new Map<string, Decision>();
  for (const policy of pack.policies) decisions.set(policy.id, evaluatePolicy(policy, facts, situation));
  for (const group of pack.groups) applyGroup(pack, group, decisions);
  for (const policy of pack.policies) {
    const decision = decisions.get(policy.id) as Decision;
    if (decision.status !== 'eligible' || !policy.oncePer) continue;
    const key = facts.get(policy.oncePer.key);
    // Without the key the limit cannot be checked, and a grant that might repeat is not made.
    if (key === undefined) {
      decisions.set(policy.id, { status: 'undetermined', basis: decision.basis, questions: [{ fact: policy.oncePer.key, text: pack.schema.facts.get(policy.oncePer.key)?.question ?? { zh: policy.oncePer.key, en: policy.oncePer.key } }] });
      continue;
    }
    const grant = grantKey(policy, String(key), decision.on);
    if (ledger.has(grant)) {
      decisions.set(policy.id, {
        status: 'suppressed',
        amount: decision.amount,
        reason: { zh: `同一受益对象在同一期间已享受过「${policy.name.zh}」（限享一次）`, en: `"${policy.name.en}" was already granted to this beneficiary in the same period (once only)` },
      });
    } else {
      ledger.add(grant);
    }
  }
  return decisions;
}
