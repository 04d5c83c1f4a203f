/**
 * What the problem use cases share: loading a problem for a change (locked, and refused as "not found" to
 * those who may not see it), writing its history events and audit records, the 挂牌督办 rule, and finding
 * the unit that owns a level.
 */
import type { Kysely, Selectable } from 'kysely';
import { problemStatusLabels, type OwnerLevel, type ProblemCategory, type ProblemEventKind, type ProblemStatus } from '../../contracts/plan-problems-constants.ts';
import type { Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, notFound, unprocessable, type LocalizedText } from '../../kernel/errors.ts';
import { chinaDate } from '../../kernel/periods.ts';
import { findUnitsByName } from '../../org/index.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import type { Database, ProblemTable } from '../../store/tables.ts';
import { governmentName } from '../plan-pack.load.ts';
import { canReadProblem, canSupervise, type ProblemFacts } from './problems.policy.ts';
import { ruleFlagChange, ruleFlagReason, type RuleFacts } from './problems.rules.ts';
import { tellAboutProblemEvent } from './problems.notices.ts';

/** A problem row as stored. */
export type ProblemRow = Selectable<ProblemTable>;

/** The word used in "not found" refusals. */
export const problemWord = { zh: '问题', en: 'Problem' };

/** The policy facts of a stored problem. */
export function factsOf(row: ProblemRow): ProblemFacts {
  return {
    regionCode: row.region_code,
    ownerLevel: row.owner_level as OwnerLevel,
    ownerUnitId: row.owner_unit_id,
    reportedByUnitId: row.reported_by_unit_id,
    reportedByUserId: row.reported_by_user_id,
    assigneeUserId: row.assignee_user_id,
    status: row.status as ProblemStatus,
    flagged: row.flagged,
    resolvedBy: row.resolved_by,
  };
}

/** The facts the 挂牌督办 rule reads. */
export function ruleFactsOf(row: Pick<ProblemRow, 'category' | 'amount_fen' | 'status'>): RuleFacts {
  return { category: row.category as ProblemCategory, amountFen: row.amount_fen, status: row.status as ProblemStatus };
}

/** Loads and locks a problem the actor may see, or refuses with "not found". */
export async function loadForChange(context: WriteContext, actor: Actor, id: string): Promise<ProblemRow> {
  const row = await context.db.selectFrom('problem').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row || !canReadProblem(actor, factsOf(row))) throw notFound(problemWord);
  return row;
}

/** Loads and locks a problem the actor supervises (a coordinator of the owner level or above), or refuses. */
export async function loadSupervised(context: WriteContext, actor: Actor, id: string): Promise<ProblemRow> {
  const row = await loadForChange(context, actor, id);
  if (!canSupervise(actor, factsOf(row))) {
    throw forbidden({ zh: '只有承办层级及以上的专班协调员可以执行此操作。', en: 'Only coordinators at the owner level or above may do this.' });
  }
  return row;
}

/** Refuses a change the problem's state does not allow, naming the state. */
export function assertStatus(row: ProblemRow, allowed: readonly ProblemStatus[], action: LocalizedText): void {
  const status = row.status as ProblemStatus;
  if (allowed.includes(status)) return;
  throw conflict('status', {
    zh: `问题 ${row.number} 当前状态为“${problemStatusLabels[status].zh}”，不能${action.zh}。`,
    en: `Problem ${row.number} is ${problemStatusLabels[status].en}; it cannot be ${action.en}.`,
  });
}

/** Refuses a date before today (China time), naming the field and saying what the date is. */
export function assertNotPast(field: string, label: LocalizedText, date: string, now: Date): void {
  const today = chinaDate(now);
  if (date >= today) return;
  throw unprocessable(field, {
    zh: `${label.zh}（${date}）不能早于今天（${today}）。`,
    en: `The ${label.en} (${date}) cannot be before today (${today}).`,
  });
}

/** One event of a problem's history. */
export interface EventInput {
  kind: ProblemEventKind;
  fromLevel?: OwnerLevel | null;
  toLevel?: OwnerLevel | null;
  toUnitId?: string | null;
  assigneeUserId?: string | null;
  outcome?: 'holds' | 'reopen' | null;
  comment?: string | null;
}

/** Appends an event to the problem's history, as the context's actor at the context's time. */
export async function addEvent(context: WriteContext, problemId: string, event: EventInput): Promise<void> {
  await context.db
    .insertInto('problem_event')
    .values({
      problem_id: problemId,
      at: context.now,
      actor_id: context.actor.id,
      actor_name: context.actor.name,
      kind: event.kind,
      from_level: event.fromLevel ?? null,
      to_level: event.toLevel ?? null,
      to_unit_id: event.toUnitId ?? null,
      assignee_user_id: event.assigneeUserId ?? null,
      outcome: event.outcome ?? null,
      comment: event.comment ?? null,
    })
    .execute();
  await tellAboutProblemEvent(context, problemId, event.kind, event.comment ?? null);
}

/** The audit snapshot of a problem: the fields a change can touch. */
function snapshot(row: ProblemRow) {
  return {
    number: row.number,
    status: row.status,
    category: row.category,
    severity: row.severity,
    title: row.title,
    amountFen: row.amount_fen,
    ownerLevel: row.owner_level,
    ownerUnitId: row.owner_unit_id,
    assigneeUserId: row.assignee_user_id,
    deadline: row.deadline,
    flagged: row.flagged,
    flagSource: row.flag_source,
    resolvedBy: row.resolved_by,
    verifiedBy: row.verified_by,
    followUpOn: row.follow_up_on,
  };
}

/** Records a change of a problem in the audit trail, comparing the row before (null when new) and now. */
export async function auditProblem(context: WriteContext, action: string, before: ProblemRow | null, problemId: string): Promise<void> {
  const after = await context.db.selectFrom('problem').selectAll().where('id', '=', problemId).executeTakeFirstOrThrow();
  await recordAudit(context, {
    action: `plans.problem.${action}`,
    entityType: 'problem',
    entityId: problemId,
    regionCode: after.region_code,
    ...(before && { before: snapshot(before) }),
    after: snapshot(after),
  });
}

/**
 * Applies the 挂牌督办 rule to a change of a problem from `before` (null when new) to its stored state:
 * flags it with source `rule`, or lifts the rule's own flag, recording the event.
 */
export async function applyFlagRule(context: WriteContext, before: ProblemRow | null, problemId: string): Promise<void> {
  const after = await context.db.selectFrom('problem').selectAll().where('id', '=', problemId).executeTakeFirstOrThrow();
  const change = ruleFlagChange(before && ruleFactsOf(before), ruleFactsOf(after), {
    flagged: after.flagged,
    flagSource: after.flag_source as 'manual' | 'rule' | null,
  });
  if (change === 'flag') {
    await setFlag(context, problemId, { flagged: true, reason: ruleFlagReason, source: 'rule' });
  } else if (change === 'unflag') {
    await setFlag(context, problemId, { flagged: false, reason: '拖欠金额已不大于2000万元，规则挂牌自动摘牌' });
  }
}

/** Sets or lifts the 挂牌督办 flag and records the event. */
export async function setFlag(
  context: WriteContext,
  problemId: string,
  change: { flagged: boolean; reason: string; source?: 'manual' | 'rule' },
): Promise<void> {
  await context.db
    .updateTable('problem')
    .set(
      change.flagged
        ? { flagged: true, flag_reason: change.reason, flag_source: change.source ?? 'manual', updated_at: context.now }
        : { flagged: false, flag_reason: null, flag_source: null, updated_at: context.now },
    )
    .where('id', '=', problemId)
    .execute();
  await addEvent(context, problemId, { kind: change.flagged ? 'flagged' : 'unflagged', comment: change.reason });
}

/** A region's name, or null when it is not loaded. */
export async function regionName(db: Kysely<Database>, code: string): Promise<string | null> {
  const region = await db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst();
  return region?.name ?? null;
}

/**
 * The unit that owns a problem at a region: the one given (which must belong to that region), else the
 * region's government (its 专班). Refuses, naming `ownerUnitId`, when neither is found.
 */
export async function resolveOwnerUnit(db: Kysely<Database>, ownerRegionCode: string, givenUnitId: string | undefined): Promise<string> {
  if (givenUnitId) {
    const unit = await db.selectFrom('unit').select('region_code').where('id', '=', givenUnitId).executeTakeFirst();
    if (unit?.region_code === ownerRegionCode) return givenUnitId;
    throw unprocessable('ownerUnitId', {
      zh: `承办单位须是 ${ownerRegionCode} 本级的单位。`,
      en: `The owner unit must be a unit of region ${ownerRegionCode} itself.`,
    });
  }
  const name = await regionName(db, ownerRegionCode);
  const found = name ? (await findUnitsByName(db, governmentName(name), ownerRegionCode)).filter((unit) => unit.region_code === ownerRegionCode) : [];
  if (found.length === 1 && found[0]) return found[0].id;
  throw unprocessable('ownerUnitId', {
    zh: `未找到 ${name ?? ownerRegionCode} 的政府单位，请指定承办单位（ownerUnitId）。`,
    en: `No government unit of ${name ?? ownerRegionCode} was found; choose the owner unit (ownerUnitId).`,
  });
}
