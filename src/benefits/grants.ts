/**
 * The grants ledger: one row per benefit granted, keyed by policy, beneficiary key (resident ID, credit code or
 * the policy's once-per key built from them) and period, and by exclusivity group. The unique constraints, not a
 * prior read, keep anyone from receiving the same benefit twice: of two approvals racing in two counties, the
 * second waits for the first and then finds its row, and is refused naming what was already granted.
 */
import { conflict } from '../kernel/errors.ts';
import { maskResidentId } from '../kernel/resident-id.ts';
import { formatYuan } from '../kernel/money.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';

/** A grant to record. */
export interface GrantInput {
  packId: string;
  policyId: string;
  policyVersionId: string;
  beneficiaryKey: string;
  periodKey: string;
  exclusiveGroup: string | null;
  amountFen: number;
  beneficiaryKind: 'person' | 'enterprise';
  beneficiaryIdNumber: string;
  beneficiaryName: string;
  personId: string | null;
  enterpriseId: string | null;
  regionCode: string;
  applicationId?: string | null;
  /** a batch run the grant came from (benefit_run.id) */
  runId?: string | null;
  bankName?: string | null;
  bankAccount?: string | null;
  accountHolder?: string | null;
}

/**
 * Records a grant in the caller's transaction; throws 409 naming the grant already made for the same policy,
 * beneficiary and period, or for another policy of the same exclusivity group.
 */
export async function recordGrant(context: WriteContext, grant: GrantInput): Promise<string> {
  const row = await context.db
    .insertInto('benefit_grant')
    .values({
      pack_id: grant.packId,
      policy_id: grant.policyId,
      policy_version_id: grant.policyVersionId,
      beneficiary_key: grant.beneficiaryKey,
      period_key: grant.periodKey,
      exclusive_group: grant.exclusiveGroup,
      amount_fen: grant.amountFen,
      beneficiary_kind: grant.beneficiaryKind,
      beneficiary_id_number: grant.beneficiaryIdNumber,
      beneficiary_name: grant.beneficiaryName,
      person_id: grant.personId,
      enterprise_id: grant.enterpriseId,
      region_code: grant.regionCode,
      application_id: grant.applicationId ?? null,
      run_id: grant.runId ?? null,
      bank_name: grant.bankName ?? null,
      bank_account: grant.bankAccount ?? null,
      account_holder: grant.accountHolder ?? null,
      granted_by: context.actor.id,
      granted_at: context.now,
    })
    // Waits for a concurrent insert of the same keys to end, then inserts nothing if that one committed.
    .onConflict((onConflict) => onConflict.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw await alreadyGranted(context, grant);
  await recordAudit(context, {
    action: 'benefits.grant.create',
    entityType: 'benefit_grant',
    entityId: row.id,
    regionCode: grant.regionCode,
    after: { packId: grant.packId, policyId: grant.policyId, periodKey: grant.periodKey, amountFen: grant.amountFen, applicationId: grant.applicationId ?? null, runId: grant.runId ?? null },
  });
  return row.id;
}

async function alreadyGranted(context: WriteContext, grant: GrantInput) {
  const existing = await context.db
    .selectFrom('benefit_grant')
    .select(['policy_id', 'amount_fen', 'region_code', 'granted_at', 'exclusive_group'])
    .where('pack_id', '=', grant.packId)
    .where('beneficiary_key', '=', grant.beneficiaryKey)
    .where('period_key', '=', grant.periodKey)
    .where((eb) => eb.or([eb('policy_id', '=', grant.policyId), ...(grant.exclusiveGroup ? [eb('exclusive_group', '=', grant.exclusiveGroup)] : [])]))
    .orderBy('granted_at')
    .executeTakeFirst();
  const who = /^\d{17}[\dX]/.test(grant.beneficiaryKey) ? maskResidentId(grant.beneficiaryKey.slice(0, 18)) + grant.beneficiaryKey.slice(18) : grant.beneficiaryKey;
  if (!existing) {
    return conflict('grant', { zh: `该受益对象（${who}）已享受过此项待遇。`, en: `This beneficiary (${who}) has already been granted this benefit.` });
  }
  const same = existing.policy_id === grant.policyId;
  const when = existing.granted_at.toISOString().slice(0, 10);
  return conflict('grant', {
    zh: same
      ? `不能重复享受：该受益对象（${who}）已于 ${when} 由 ${existing.region_code} 批准「${existing.policy_id}」${formatYuan(existing.amount_fen)}。`
      : `不重复享受：该受益对象（${who}）已于 ${when} 由 ${existing.region_code} 批准同组（${existing.exclusive_group}）的「${existing.policy_id}」${formatYuan(existing.amount_fen)}。`,
    en: same
      ? `Already granted: ${existing.region_code} granted "${existing.policy_id}" (${formatYuan(existing.amount_fen)}) to this beneficiary (${who}) on ${when}.`
      : `Not combinable: ${existing.region_code} granted "${existing.policy_id}" (${formatYuan(existing.amount_fen)}) of the same group (${existing.exclusive_group}) to this beneficiary (${who}) on ${when}.`,
  });
}
