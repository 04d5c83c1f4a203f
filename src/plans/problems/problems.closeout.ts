/**
 * Closing a problem out (销号管理): evidence, a resolution, a second person's verification, the 回头看
 * follow-up (对投诉举报问题线索办理情况开展电话回访) and reopening when a resolution does not hold.
 */
import type { CloseProblemInput, FollowUpInput } from '../../contracts/plan-problems.contract.ts';
import type { Actor } from '../../kernel/actor.ts';
import { forbidden, unprocessable } from '../../kernel/errors.ts';
import { chinaDate } from '../../kernel/periods.ts';
import { storeUpload, type Upload } from '../../files/index.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import { canAttachEvidence, canHandle } from './problems.policy.ts';
import {
  addEvent,
  applyFlagRule,
  assertNotPast,
  assertStatus,
  auditProblem,
  factsOf,
  loadForChange,
  loadSupervised,
  setFlag,
  type ProblemRow,
} from './problems.repo.ts';
import { addDays, followUpDays } from './problems.rules.ts';

const followUpLabel = { zh: '回头看日期', en: 'follow-up date' };

/** Stores an uploaded file and attaches it to the problem as evidence; returns the file's id. */
export async function attachEvidence(context: WriteContext, actor: Actor, id: string, upload: Upload): Promise<string> {
  const row = await loadForChange(context, actor, id);
  if (!canAttachEvidence(actor, factsOf(row))) throw forbidden();
  const fileId = await storeUpload(context, upload, { regionCode: row.region_code, field: 'file' });
  await context.db.insertInto('problem_evidence').values({ problem_id: id, file_id: fileId, attached_by: context.actor.id, attached_at: context.now }).execute();
  await recordAudit(context, {
    action: 'plans.problem.evidence.attach',
    entityType: 'problem',
    entityId: id,
    regionCode: row.region_code,
    after: { number: row.number, fileId, fileName: upload.fileName },
  });
  return fileId;
}

/** The number of evidence files attached since the problem was last reopened (or ever, if never). */
async function currentEvidenceCount(context: WriteContext, id: string): Promise<number> {
  const reopened = await context.db
    .selectFrom('problem_event')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('problem_id', '=', id)
    .where('kind', '=', 'reopened')
    .executeTakeFirst();
  let query = context.db.selectFrom('problem_evidence').select((eb) => eb.fn.countAll<number>().as('count')).where('problem_id', '=', id);
  if (reopened?.at) query = query.where('attached_at', '>=', reopened.at);
  const { count } = await query.executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * Marks the problem resolved with what was done. At least one piece of evidence must be attached first
 * (new evidence after a reopening), since 销号 rests on it.
 */
export async function resolveProblem(context: WriteContext, actor: Actor, id: string, resolution: string): Promise<void> {
  const before = await loadForChange(context, actor, id);
  if (!canHandle(actor, factsOf(before))) throw forbidden();
  assertStatus(before, ['open', 'in_progress', 'reopened'], { zh: '标记为已解决', en: 'resolved' });
  if ((await currentEvidenceCount(context, id)) === 0) {
    throw unprocessable('evidence', {
      zh: before.status === 'reopened' ? '问题重新办理后，须先上传新的佐证材料，才能标记为已解决。' : '须先上传至少一份佐证材料，才能标记为已解决。',
      en:
        before.status === 'reopened'
          ? 'The problem was reopened: attach new evidence before marking it resolved.'
          : 'Attach at least one piece of evidence before marking the problem resolved.',
    });
  }
  await context.db
    .updateTable('problem')
    .set({ status: 'resolved', resolution, resolved_by: actor.userId, resolved_at: context.now, updated_at: context.now })
    .where('id', '=', id)
    .execute();
  await addEvent(context, id, { kind: 'resolved', comment: resolution });
  await auditProblem(context, 'resolve', before, id);
}

/**
 * Verifies and closes a resolved problem (销号): only a coordinator of the owner level or above who did not
 * resolve it. Sets the 回头看 date (30 days on unless given) and lifts 挂牌督办 (摘牌).
 */
export async function verifyAndCloseProblem(context: WriteContext, actor: Actor, id: string, input: CloseProblemInput): Promise<void> {
  const before = await loadSupervised(context, actor, id);
  assertStatus(before, ['resolved'], { zh: '销号', en: 'closed' });
  if (before.resolved_by === actor.userId) {
    throw forbidden({ zh: '销号须由解决人以外的协调员核验。', en: 'A problem must be verified and closed by a coordinator other than the one who resolved it.' });
  }
  const followUpOn = input.followUpOn ?? addDays(chinaDate(context.now), followUpDays);
  assertNotPast('followUpOn', followUpLabel, followUpOn, context.now);
  await context.db
    .updateTable('problem')
    .set({ status: 'closed', verified_by: actor.userId, verified_at: context.now, closed_at: context.now, follow_up_on: followUpOn, updated_at: context.now })
    .where('id', '=', id)
    .execute();
  await addEvent(context, id, { kind: 'verified', comment: input.comment ?? null });
  await addEvent(context, id, { kind: 'closed' });
  if (before.flagged) await setFlag(context, id, { flagged: false, reason: '销号摘牌' });
  await auditProblem(context, 'close', before, id);
}

/** Puts a resolved or closed problem back into work, clearing its resolution and sign-off. */
async function reopen(context: WriteContext, before: ProblemRow, reason: string): Promise<void> {
  await context.db
    .updateTable('problem')
    .set({
      status: 'reopened',
      resolution: null,
      resolved_by: null,
      resolved_at: null,
      verified_by: null,
      verified_at: null,
      closed_at: null,
      follow_up_on: null,
      updated_at: context.now,
    })
    .where('id', '=', before.id)
    .execute();
  await addEvent(context, before.id, { kind: 'reopened', comment: reason });
  await applyFlagRule(context, before, before.id);
}

/** Reopens a resolved or closed problem, with the reason. */
export async function reopenProblem(context: WriteContext, actor: Actor, id: string, reason: string): Promise<void> {
  const before = await loadSupervised(context, actor, id);
  assertStatus(before, ['resolved', 'closed'], { zh: '重新办理', en: 'reopened' });
  await reopen(context, before, reason);
  await auditProblem(context, 'reopen', before, id);
}

/**
 * Records a 回头看 on a closed problem: the resolution holds (optionally with another check date), or the
 * problem is reopened with the finding as the reason.
 */
export async function recordFollowUp(context: WriteContext, actor: Actor, id: string, input: FollowUpInput): Promise<void> {
  const before = await loadSupervised(context, actor, id);
  assertStatus(before, ['closed'], { zh: '回头看', en: 'followed up' });
  await addEvent(context, id, { kind: 'follow_up', outcome: input.outcome, comment: input.comment });
  if (input.outcome === 'reopen') {
    await reopen(context, before, input.comment);
  } else {
    if (input.nextFollowUpOn !== undefined) assertNotPast('nextFollowUpOn', followUpLabel, input.nextFollowUpOn, context.now);
    await context.db.updateTable('problem').set({ follow_up_on: input.nextFollowUpOn ?? null, updated_at: context.now }).where('id', '=', id).execute();
  }
  await auditProblem(context, 'follow-up', before, id);
}
