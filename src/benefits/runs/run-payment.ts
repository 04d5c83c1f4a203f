/**
 * Handing an approved batch run to payments: each eligible subsidy item becomes a grant in the ledger (whose
 * unique keys refuse a benefit already granted, by application or by another run, with 409) and the grants join a
 * draft payment batch through `addToPaymentBatch` — all in the caller's transaction, so nothing is half-handed.
 */
import { formatPeriod, periodOf } from '../../kernel/periods.ts';
import type { Actor } from '../../kernel/actor.ts';
import { conflict, notFound } from '../../kernel/errors.ts';
import { evaluatePack } from '../../rules/precedence.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import { recordGrant } from '../grants.ts';
import { canApproveRun } from '../matching/benefits-match.policy.ts';
import { packVersion } from '../matching/current-packs.ts';
import { checkedFacts, registryFactsOf, type Beneficiary } from '../matching/subject-evaluation.ts';
import { addToPaymentBatch } from '../payments.service.ts';

/** Grants the approved run's eligible subsidies and adds them to a draft payment batch; returns the number added. */
export async function payRun(context: WriteContext, actor: Actor, runId: string, batchId: string): Promise<number> {
  const run = await context.db.selectFrom('benefit_run').selectAll().where('id', '=', runId).forUpdate().executeTakeFirst();
  if (!run || !canApproveRun(actor, run.region_code)) throw notFound({ zh: '测算批次', en: 'Run' });
  if (run.status !== 'approved') throw conflict('status', { zh: '只有已审批的批量测算可以交付支付', en: 'only an approved batch run can be handed to payments' });
  const entry = await packVersion(context.db, run.pack_version_id);
  const { pack } = entry;
  const subsidies = new Set(pack.policies.filter((policy) => policy.benefit === 'subsidy').map((policy) => policy.id));
  const items = await context.db.selectFrom('benefit_run_item').select(['subject_id', 'policy_id', 'amount_fen']).where('run_id', '=', runId).where('status', '=', 'eligible').orderBy('subject_id').orderBy('policy_id').execute();
  const grantIds: string[] = [];
  const beneficiary = run.beneficiary as Beneficiary;
  let subjectId: string | null = null;
  let subject: Awaited<ReturnType<typeof registryFactsOf>> = null;
  let decisions: ReturnType<typeof evaluatePack> = new Map();
  for (const item of items) {
    if (!subsidies.has(item.policy_id)) continue;
    if (item.subject_id !== subjectId) {
      subjectId = item.subject_id;
      subject = await registryFactsOf(context.db, pack, beneficiary, item.subject_id, run.as_of);
      if (subject) decisions = evaluatePack(pack, checkedFacts(pack, subject), run.as_of);
    }
    const policy = pack.policies.find((candidate) => candidate.id === item.policy_id);
    const decision = decisions.get(item.policy_id);
    // The registry changed since the run: the item is not paid from a stale evaluation.
    if (!subject || !policy || decision?.status !== 'eligible' || decision.amount !== item.amount_fen) {
      throw conflict(`items.${item.policy_id}`, { zh: '登记信息在测算后已变化，请重新测算', en: 'the registry changed after the run; run it again' });
    }
    const key = policy.oncePer ? String(subject.facts[policy.oncePer.key] ?? subject.idNumber) : subject.idNumber;
    const periodKey = !policy.oncePer || policy.oncePer.period === 'ever' ? 'ever' : formatPeriod(periodOf(policy.oncePer.period, decision.on));
    grantIds.push(
      await recordGrant(context, {
        packId: pack.id,
        policyId: policy.id,
        policyVersionId: entry.versionId,
        beneficiaryKey: key,
        periodKey,
        exclusiveGroup: pack.groups.find((group) => group.policies.includes(policy.id))?.id ?? null,
        amountFen: item.amount_fen,
        beneficiaryKind: beneficiary,
        beneficiaryIdNumber: subject.idNumber,
        beneficiaryName: subject.name,
        personId: beneficiary === 'person' ? item.subject_id : null,
        enterpriseId: beneficiary === 'enterprise' ? item.subject_id : null,
        regionCode: subject.regionCode,
        runId,
      }),
    );
  }
  const added = await addToPaymentBatch(context, batchId, grantIds.map((grantId) => ({ grantId })));
  await context.db.updateTable('benefit_run').set({ status: 'paid', payment_batch_id: batchId, updated_at: context.now }).where('id', '=', runId).execute();
  await recordAudit(context, { action: 'benefits.run.pay', entityType: 'benefit_run', entityId: runId, regionCode: run.region_code, after: { batchId, grants: grantIds.length } });
  return added;
}
