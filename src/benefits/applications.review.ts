/**
 * The review of an application: a reviewer takes it into first review (初审) and passes it on; a second reviewer
 * approves (审核) or rejects it with a reason; whoever may file it may withdraw it until it is decided. At
 * approval the decision is taken again with the rule version it was filed under, so a policy suppressed by a
 * higher one of its exclusivity group (就高不就低) is refused, and the grant is written to the ledger in the
 * same transaction (its unique keys refuse a second grant, across counties and concurrent approvals).
 */
import type { Actor } from '../kernel/actor.ts';
import { hasRoleIn } from '../kernel/actor.ts';
import { conflict, forbidden } from '../kernel/errors.ts';
import type { Policy } from '../rules/policy.ts';
import type { WriteContext } from '../store/audit.ts';
import { decideApplication, exclusiveGroupOf, type SnapshotFact } from './application-decision.ts';
import { nextState, type ApplicationState } from './application-states.ts';
import { canFinalReview, canFirstReview, canReadApplication, canWithdraw, reviewingRoles } from './benefits.policy.ts';
import { policyVersion } from './catalogue.ts';
import { recordGrant } from './grants.ts';
import { loadReadable, moveApplication, placeOf, refuseUnlessEligible } from './applications.service.ts';

async function loadForReview(context: WriteContext, actor: Actor, id: string) {
  return loadReadable(context.db, actor, id, canReadApplication, true);
}

/** Takes a received application into first review (受理 → 初审). */
export async function acceptApplication(context: WriteContext, actor: Actor, id: string, note: string | null): Promise<void> {
  const row = await loadForReview(context, actor, id);
  const to = nextState(row.status as ApplicationState, 'accept');
  if (!canFirstReview(actor, placeOf(row))) throw forbidden();
  await moveApplication(context, row, to, actor.userId, note);
}

/** Passes the first review (初审 → 审核); the reviewer is recorded and may not do the final review. */
export async function passFirstReview(context: WriteContext, actor: Actor, id: string, note: string | null): Promise<void> {
  const row = await loadForReview(context, actor, id);
  const to = nextState(row.status as ApplicationState, 'pass_first_review');
  if (!canFirstReview(actor, placeOf(row))) throw forbidden();
  await moveApplication(context, row, to, actor.userId, note, { first_reviewer_id: actor.userId });
}

function refuseSameReviewer(actor: Actor, place: ReturnType<typeof placeOf>): void {
  if (canFinalReview(actor, place)) return;
  if (hasRoleIn(actor, reviewingRoles, place.regionCode)) {
    throw forbidden({ zh: '初审人不能同时担任审核人，请由另一位审核人审核。', en: 'The first reviewer may not also do the final review; another reviewer must.' });
  }
  throw forbidden();
}

/** Approves an application in review: exclusivity checked again, the grant recorded, the decision kept. */
export async function approveApplication(context: WriteContext, actor: Actor, id: string, note: string | null): Promise<string> {
  const row = await loadForReview(context, actor, id);
  const to = nextState(row.status as ApplicationState, 'approve');
  refuseSameReviewer(actor, placeOf(row));
  const { pack } = await policyVersion(context.db, row.policy_version_id);
  const policy = pack.policies.find((candidate) => candidate.id === row.policy_id) as Policy;
  const decision = decideApplication({ pack, versionId: row.policy_version_id, policy, snapshot: row.facts as Record<string, SnapshotFact>, asOf: row.as_of, beneficiaryIdNumber: row.beneficiary_id_number });
  if (decision.trace.status === 'suppressed') {
    const reason = decision.trace.reason ?? { zh: '', en: '' };
    throw conflict('policyId', { zh: `不重复享受，不能批准：${reason.zh}`, en: `Not combinable, cannot approve: ${reason.en}` });
  }
  refuseUnlessEligible(decision.trace);
  if (decision.grantKey === null || decision.periodKey === null || decision.trace.amountFen === null) {
    throw conflict('grant', { zh: '无法确定限享一次的受益对象，不能批准。', en: 'The once-only key of the beneficiary is unknown; cannot approve.' });
  }
  const grantId = await recordGrant(context, {
    packId: row.pack_id,
    policyId: row.policy_id,
    policyVersionId: row.policy_version_id,
    beneficiaryKey: decision.grantKey,
    periodKey: decision.periodKey,
    exclusiveGroup: exclusiveGroupOf(pack, row.policy_id),
    amountFen: decision.trace.amountFen,
    beneficiaryKind: row.beneficiary_kind as 'person' | 'enterprise',
    beneficiaryIdNumber: row.beneficiary_id_number,
    beneficiaryName: row.beneficiary_name,
    personId: row.person_id,
    enterpriseId: row.enterprise_id,
    regionCode: row.region_code,
    applicationId: row.id,
    bankName: row.bank_name,
    bankAccount: row.bank_account,
    accountHolder: row.account_holder,
  });
  await moveApplication(context, row, to, actor.userId, note, { final_reviewer_id: actor.userId, decided_at: context.now });
  return grantId;
}

/** Rejects an application at any review step, with the reason (required). */
export async function rejectApplication(context: WriteContext, actor: Actor, id: string, reason: string): Promise<void> {
  const row = await loadForReview(context, actor, id);
  const to = nextState(row.status as ApplicationState, 'reject');
  const place = placeOf(row);
  if (row.status === 'review') refuseSameReviewer(actor, place);
  else if (!canFirstReview(actor, place)) throw forbidden();
  await moveApplication(context, row, to, actor.userId, reason, { decision_reason: reason, decided_at: context.now });
}

/** Withdraws an application that is not yet decided (by whoever may file it). */
export async function withdrawApplication(context: WriteContext, actor: Actor, id: string, note: string | null): Promise<void> {
  const row = await loadForReview(context, actor, id);
  const to = nextState(row.status as ApplicationState, 'withdraw');
  if (!canWithdraw(actor, placeOf(row))) throw forbidden();
  await moveApplication(context, row, to, actor.userId, note);
}
