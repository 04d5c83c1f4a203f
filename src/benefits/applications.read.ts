/**
 * Reading applications: one with its evidence, review steps and the actor's abilities; lists filtered in SQL by
 * jurisdiction (an enterprise account sees only its own enterprise's). Resident IDs are masked for viewers who
 * may not write the registry there.
 */
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../kernel/actor.ts';
import { escapeLike } from '../kernel/like-pattern.ts';
import { maskPhone } from '../kernel/masking.ts';
import { maskResidentId } from '../kernel/resident-id.ts';
import type { Policy } from '../rules/policy.ts';
import type { Database } from '../store/tables.ts';
import { canMove, type ApplicationState } from './application-states.ts';
import { loadReadable, placeOf } from './applications.service.ts';
import { canEditApplication, canFinalReview, canFirstReview, canReadApplication, canWithdraw, ownEnterpriseUnits, readablePrefixes, seesResidentIds } from './benefits.policy.ts';
import { policyVersion } from './catalogue.ts';
import { onlineFilingOf } from './online/online-applications.service.ts';

/** The beneficiary's ID number as this viewer may see it: a person's resident ID masked unless privileged. */
export function shownIdNumber(actor: Actor, kind: string, idNumber: string, regionCode: string): string {
  return kind === 'person' && !seesResidentIds(actor, regionCode) ? maskResidentId(idNumber) : idNumber;
}

/** Masks resident IDs inside the facts snapshot and trace for a viewer who may not see them. */
function maskedFacts(value: unknown, mask: boolean): unknown {
  if (!mask) return value;
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) => (typeof item === 'string' && /^\d{17}[\dX]/.test(item) ? maskResidentId(item.slice(0, 18)) + item.slice(18) : item));
}

/** One application as the actor may see it; 404 when out of reach. */
export async function getApplication(db: Kysely<Database>, actor: Actor, id: string) {
  const row = await loadReadable(db, actor, id, canReadApplication);
  const { pack } = await policyVersion(db, row.policy_version_id);
  const policy = pack.policies.find((candidate) => candidate.id === row.policy_id) as Policy;
  const files = await db
    .selectFrom('benefit_application_evidence')
    .innerJoin('stored_file', 'stored_file.id', 'benefit_application_evidence.file_id')
    .select(['benefit_application_evidence.evidence_id', 'stored_file.id', 'stored_file.file_name'])
    .where('benefit_application_evidence.application_id', '=', id)
    .orderBy('benefit_application_evidence.added_at')
    .execute();
  const events = await db.selectFrom('benefit_application_event').selectAll().where('application_id', '=', id).orderBy('at').orderBy('sequence').execute();
  const place = placeOf(row);
  const state = row.status as ApplicationState;
  const online = await onlineFilingOf(db, id);
  const mask = row.beneficiary_kind === 'person' || row.person_id !== null ? !seesResidentIds(actor, row.region_code) : false;
  return {
    id: row.id,
    packId: row.pack_id,
    policyId: row.policy_id,
    policyName: policy.name,
    policyVersionId: row.policy_version_id,
    beneficiaryKind: row.beneficiary_kind as 'person' | 'enterprise',
    personId: row.person_id,
    enterpriseId: row.enterprise_id,
    employmentId: row.employment_id,
    beneficiaryIdNumber: shownIdNumber(actor, row.beneficiary_kind, row.beneficiary_id_number, row.region_code),
    beneficiaryName: row.beneficiary_name,
    regionCode: row.region_code,
    asOf: row.as_of,
    status: row.status,
    outcomeStatus: row.outcome_status,
    amountFen: row.amount_fen,
    facts: maskedFacts(row.facts, mask) as Record<string, unknown>,
    trace: maskedFacts(row.outcome, mask) as Record<string, unknown>,
    evidence: policy.evidence.map((item) => ({
      id: item.id,
      text: item.text,
      optional: item.optional,
      files: files.filter((file) => file.evidence_id === item.id).map((file) => ({ id: file.id, fileName: file.file_name })),
    })),
    bankName: row.bank_name,
    bankAccount: row.bank_account,
    accountHolder: row.account_holder,
    decisionReason: row.decision_reason,
    firstReviewerId: row.first_reviewer_id,
    finalReviewerId: row.final_reviewer_id,
    onlineFiling: online && { reference: online.reference, phone: mask ? maskPhone(online.phone) : online.phone },
    events: events.map((event) => ({ fromStatus: event.from_status, toStatus: event.to_status, actorId: event.actor_id, note: event.note, at: event.at.toISOString() })),
    createdAt: row.created_at.toISOString(),
    abilities: {
      edit: canEditApplication(actor, place),
      withdraw: canWithdraw(actor, place),
      accept: canMove(state, 'accept') && canFirstReview(actor, place),
      passFirstReview: canMove(state, 'pass_first_review') && canFirstReview(actor, place),
      approve: canMove(state, 'approve') && canFinalReview(actor, place),
      reject: canMove(state, 'reject') && (state === 'review' ? canFinalReview(actor, place) : canFirstReview(actor, place)),
    },
  };
}

/** Applications the actor may see, newest first: within its jurisdiction, or its own enterprise's. */
export async function listApplications(db: Kysely<Database>, actor: Actor, filter: { status?: string | undefined; policyId?: string | undefined; limit: number; offset: number }) {
  const prefixes = readablePrefixes(actor);
  const units = ownEnterpriseUnits(actor);
  if (prefixes.length === 0 && units.length === 0) return { items: [], total: 0 };
  const base = db
    .selectFrom('benefit_application')
    .leftJoin('registry_enterprise', 'registry_enterprise.id', 'benefit_application.enterprise_id')
    .where((eb) =>
      eb.or([
        ...prefixes.map((prefix) => eb('benefit_application.region_code', 'like', `${escapeLike(prefix)}%`)),
        ...(units.length ? [eb('registry_enterprise.unit_id', 'in', units)] : []),
      ]),
    )
    .$if(filter.status !== undefined, (query) => query.where('benefit_application.status', '=', filter.status as string))
    .$if(filter.policyId !== undefined, (query) => query.where('benefit_application.policy_id', '=', filter.policyId as string));
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('benefit_application')
    .orderBy('benefit_application.created_at', 'desc')
    .orderBy('benefit_application.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const items = [];
  for (const row of rows) {
    const { pack } = await policyVersion(db, row.policy_version_id);
    items.push({
      id: row.id,
      packId: row.pack_id,
      policyId: row.policy_id,
      policyName: pack.policies.find((policy) => policy.id === row.policy_id)?.name ?? { zh: row.policy_id, en: row.policy_id },
      beneficiaryKind: row.beneficiary_kind as 'person' | 'enterprise',
      beneficiaryIdNumber: shownIdNumber(actor, row.beneficiary_kind, row.beneficiary_id_number, row.region_code),
      beneficiaryName: row.beneficiary_name,
      regionCode: row.region_code,
      status: row.status,
      outcomeStatus: row.outcome_status,
      amountFen: row.amount_fen,
      createdAt: row.created_at.toISOString(),
    });
  }
  return { items, total: Number(total) };
}
