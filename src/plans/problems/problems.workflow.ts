/**
 * Handling a problem: assigning it, recording progress, escalating it county → prefecture → province 专班
 * (县域内由县专班解决，跨县域由州专班协调，需省级协调的由州专班提交省专班), and 挂牌督办 by hand.
 */
import type { OwnerLevel } from '../../contracts/plan-problems-constants.ts';
import type { AssignProblemInput } from '../../contracts/plan-problems.contract.ts';
import type { Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, unprocessable } from '../../kernel/errors.ts';
import { regionPrefix } from '../../kernel/region-code.ts';
import type { WriteContext } from '../../store/audit.ts';
import { canHandle, ownerRegionOf } from './problems.policy.ts';
import {
  addEvent,
  assertNotPast,
  assertStatus,
  auditProblem,
  factsOf,
  loadForChange,
  loadSupervised,
  regionName,
  resolveOwnerUnit,
  setFlag,
  type ProblemRow,
} from './problems.repo.ts';
import { nextOwnerLevel, placeholderRegionNames, regionAtLevel } from './problems.rules.ts';

const inWork = ['open', 'in_progress', 'reopened'] as const;

/** Staff roles an assignee must hold on a unit inside the owner region. */
const assigneeRoles = ['admin', 'coordinator', 'reporter', 'caseworker'];

/** Assigns the problem to a person working inside the owner region, optionally with a new deadline. */
export async function assignProblem(context: WriteContext, actor: Actor, id: string, input: AssignProblemInput): Promise<void> {
  const before = await loadSupervised(context, actor, id);
  assertStatus(before, inWork, { zh: '交办', en: 'assigned' });
  const prefix = regionPrefix(ownerRegionOf(factsOf(before)));
  const eligible = await context.db
    .selectFrom('role_grant')
    .innerJoin('unit', 'unit.id', 'role_grant.unit_id')
    .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
    .select('role_grant.user_id')
    .where('role_grant.user_id', '=', input.assigneeUserId)
    .where('role_grant.role', 'in', assigneeRoles)
    .where('unit.region_code', 'like', `${prefix}%`)
    .where('app_user.disabled', '=', false)
    .executeTakeFirst();
  if (!eligible) {
    throw unprocessable('assigneeUserId', {
      zh: '承办人须是承办地区内单位的在职工作人员。',
      en: 'The assignee must be an active staff member of a unit inside the owner region.',
    });
  }
  if (input.deadline !== undefined) assertNotPast('deadline', { zh: '办结期限', en: 'deadline' }, input.deadline, context.now);
  await context.db
    .updateTable('problem')
    .set({
      assignee_user_id: input.assigneeUserId,
      status: 'in_progress',
      ...(input.deadline !== undefined && { deadline: input.deadline }),
      updated_at: context.now,
    })
    .where('id', '=', id)
    .execute();
  await addEvent(context, id, { kind: 'assigned', assigneeUserId: input.assigneeUserId, comment: input.comment ?? null });
  await auditProblem(context, 'assign', before, id);
}

/** Records what was done; the problem is then in progress. */
export async function recordProgress(context: WriteContext, actor: Actor, id: string, comment: string): Promise<void> {
  const before = await loadForChange(context, actor, id);
  if (!canHandle(actor, factsOf(before))) throw forbidden();
  assertStatus(before, inWork, { zh: '记录进展', en: 'updated' });
  await context.db.updateTable('problem').set({ status: 'in_progress', updated_at: context.now }).where('id', '=', id).execute();
  await addEvent(context, id, { kind: 'progress', comment });
  await auditProblem(context, 'progress', before, id);
}

/**
 * The next level up and its region, passing over placeholder regions no 专班 sits at (the 市辖区 of a
 * municipality); null above the province.
 */
async function nextOwner(context: WriteContext, row: ProblemRow): Promise<{ level: OwnerLevel; regionCode: string } | null> {
  for (let level = nextOwnerLevel(row.owner_level as OwnerLevel); level !== null; level = nextOwnerLevel(level)) {
    const regionCode = regionAtLevel(row.region_code, level);
    const name = await regionName(context.db, regionCode);
    if (name === null || !placeholderRegionNames.includes(name)) return { level, regionCode };
  }
  return null;
}

/**
 * Escalates the problem to the 专班 one level up (reason required): the owner becomes the government of
 * the next region up, or the unit of that region the escalating coordinator chooses; the assignee is
 * cleared for the new owner to assign. Refused above the province.
 */
export async function escalateProblem(
  context: WriteContext,
  actor: Actor,
  id: string,
  input: { reason: string; ownerUnitId?: string | undefined },
): Promise<void> {
  const before = await loadSupervised(context, actor, id);
  assertStatus(before, inWork, { zh: '上报', en: 'escalated' });
  const next = await nextOwner(context, before);
  if (next === null) {
    throw unprocessable('ownerLevel', {
      zh: '该问题已由省级专班承办，不能再向上提交。',
      en: 'The problem is already owned by the province 专班 and cannot be escalated further.',
    });
  }
  const ownerUnitId = await resolveOwnerUnit(context.db, next.regionCode, input.ownerUnitId);
  await context.db
    .updateTable('problem')
    .set({ owner_level: next.level, owner_unit_id: ownerUnitId, assignee_user_id: null, updated_at: context.now })
    .where('id', '=', id)
    .execute();
  await addEvent(context, id, { kind: 'escalated', fromLevel: before.owner_level as OwnerLevel, toLevel: next.level, toUnitId: ownerUnitId, comment: input.reason });
  await auditProblem(context, 'escalate', before, id);
}

/** Puts the problem under 挂牌督办 by hand, with the reason. */
export async function flagProblem(context: WriteContext, actor: Actor, id: string, reason: string): Promise<void> {
  const before = await loadSupervised(context, actor, id);
  assertStatus(before, [...inWork, 'resolved'], { zh: '挂牌督办', en: 'flagged' });
  if (before.flagged) throw conflict('flagged', { zh: `问题 ${before.number} 已挂牌督办。`, en: `Problem ${before.number} is already flagged.` });
  await setFlag(context, id, { flagged: true, reason, source: 'manual' });
  await auditProblem(context, 'flag', before, id);
}

/** Lifts 挂牌督办 (whether set by hand or by rule), with the reason. */
export async function unflagProblem(context: WriteContext, actor: Actor, id: string, reason: string): Promise<void> {
  const before = await loadSupervised(context, actor, id);
  if (!before.flagged) throw conflict('flagged', { zh: `问题 ${before.number} 未挂牌督办。`, en: `Problem ${before.number} is not flagged.` });
  await setFlag(context, id, { flagged: false, reason });
  await auditProblem(context, 'unflag', before, id);
}
