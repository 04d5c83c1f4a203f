/**
 * Logging a problem into the ledger (问题台账) and correcting its facts. A unit's staff log for their unit, a
 * liaison officer (a caseworker) for an enterprise they look after, an enterprise user for their own
 * enterprise; the problem starts with the 专班 of its county (or of its own level above).
 */
import { sql, type Kysely } from 'kysely';
import type { ReporterKind } from '../../contracts/plan-problems-constants.ts';
import type { LogProblemInput, ReviseProblemInput } from '../../contracts/plan-problems.contract.ts';
import { regionWithin, type Actor } from '../../kernel/actor.ts';
import { parseCreditCode } from '../../kernel/credit-code.ts';
import { forbidden, unprocessable } from '../../kernel/errors.ts';
import { chinaDate } from '../../kernel/periods.ts';
import type { WriteContext } from '../../store/audit.ts';
import type { Database } from '../../store/tables.ts';
import { canReadPlan } from '../plans.policy.ts';
import { canSupervise, problemLoggerRoles } from './problems.policy.ts';
import {
  addEvent,
  applyFlagRule,
  assertNotPast,
  assertStatus,
  auditProblem,
  factsOf,
  loadForChange,
  regionName,
  resolveOwnerUnit,
} from './problems.repo.ts';
import { addDays, defaultDeadlineDays, ownerLevelOf, problemNumber, regionAtLevel } from './problems.rules.ts';

const deadlineLabel = { zh: '办结期限', en: 'deadline' };

/** The unit the actor logs for: the one named, or their only unit with a role that may log. */
function actingUnitId(actor: Actor, unitId: string | undefined): string {
  const candidates = [...new Set(actor.grants.filter((grant) => problemLoggerRoles.includes(grant.role)).map((grant) => grant.unitId))];
  if (unitId !== undefined) {
    if (candidates.includes(unitId)) return unitId;
    throw forbidden({ zh: '您在该单位没有登记问题的权限。', en: 'You hold no role on that unit that may log problems.' });
  }
  const [only] = candidates;
  if (candidates.length === 1 && only) return only;
  if (candidates.length === 0) throw forbidden({ zh: '您的角色不能登记问题。', en: 'Your roles may not log problems.' });
  throw unprocessable('unitId', { zh: '您在多个单位任职，请选择以哪个单位登记（unitId）。', en: 'You hold roles on several units; choose the unit you log for (unitId).' });
}

/** The plan and task a problem concerns, checked: the task belongs to the plan and the plan is readable. */
async function planLink(db: Kysely<Database>, actor: Actor, input: { planId?: string | undefined; taskId?: string | undefined }) {
  let planId = input.planId ?? null;
  if (input.taskId) {
    const task = await db.selectFrom('plan_task').select('plan_id').where('id', '=', input.taskId).executeTakeFirst();
    if (!task || (planId !== null && task.plan_id !== planId)) {
      throw unprocessable('taskId', { zh: '任务不存在或不属于该方案。', en: 'The task does not exist or is not part of the plan.' });
    }
    planId = task.plan_id;
  }
  if (planId !== null) {
    const plan = await db.selectFrom('plan').select('region_code').where('id', '=', planId).executeTakeFirst();
    if (!plan || !canReadPlan(actor, plan.region_code)) throw unprocessable('planId', { zh: '方案不存在。', en: 'The plan does not exist.' });
  }
  return { planId, taskId: input.taskId ?? null };
}

/** Refuses a credit code that fails its checksum; returns the code in canonical form. */
function checkedCreditCode(code: string | undefined): string | null {
  if (code === undefined) return null;
  const parsed = parseCreditCode(code);
  if (!parsed.ok) throw unprocessable('enterpriseCreditCode', parsed.message);
  return parsed.value.code;
}

/** Logs a problem; returns its id. Applies the 挂牌督办 rule. */
export async function logProblem(context: WriteContext, actor: Actor, input: LogProblemInput): Promise<string> {
  const { db } = context;
  const unitId = actingUnitId(actor, input.unitId);
  const unit = await db.selectFrom('unit').select(['id', 'name', 'region_code']).where('id', '=', unitId).executeTakeFirstOrThrow();
  const rolesOnUnit = actor.grants.filter((grant) => grant.unitId === unitId).map((grant) => grant.role);
  const asEnterprise = !rolesOnUnit.some((role) => role !== 'enterprise' && problemLoggerRoles.includes(role));
  const reporterKind: ReporterKind = asEnterprise ? 'enterprise' : input.enterpriseName && rolesOnUnit.includes('caseworker') ? 'liaison' : 'unit';

  const regionCode = input.regionCode ?? unit.region_code;
  if (!regionWithin(regionCode, unit.region_code) || (await regionName(db, regionCode)) === null) {
    throw unprocessable('regionCode', {
      zh: `问题所在地须是本单位所在地区（${unit.region_code}）或其下级的已导入地区。`,
      en: `The problem's region must be a loaded region at or below your unit's region (${unit.region_code}).`,
    });
  }
  const ownerLevel = ownerLevelOf(regionCode);
  if (ownerLevel === null) throw unprocessable('regionCode', { zh: '请选择省级或以下的地区。', en: 'Choose a region at province level or below.' });
  const creditCode = checkedCreditCode(input.enterpriseCreditCode);
  const link = await planLink(db, actor, input);
  const today = chinaDate(context.now);
  const deadline = input.deadline ?? addDays(today, defaultDeadlineDays);
  assertNotPast('deadline', deadlineLabel, deadline, context.now);
  const ownerUnitId = await resolveOwnerUnit(db, regionAtLevel(regionCode, ownerLevel), input.ownerUnitId);

  const { value: sequence } = (
    await sql<{ value: number }>`select nextval(pg_get_serial_sequence('problem', 'sequence_no')) as value`.execute(db)
  ).rows[0] ?? { value: 0 };
  const { id } = await db
    .insertInto('problem')
    .values({
      sequence_no: Number(sequence),
      number: problemNumber(today.slice(0, 4), Number(sequence)),
      plan_id: link.planId,
      task_id: link.taskId,
      region_code: regionCode,
      reporter_kind: reporterKind,
      reported_by_unit_id: unitId,
      reported_by_user_id: actor.userId,
      enterprise_name: asEnterprise ? unit.name : (input.enterpriseName ?? null),
      enterprise_credit_code: creditCode,
      category: input.category,
      severity: input.severity,
      title: input.title,
      description: input.description,
      amount_fen: input.amountFen ?? null,
      owner_level: ownerLevel,
      owner_unit_id: ownerUnitId,
      deadline,
      status: 'open',
      created_at: context.now,
      updated_at: context.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addEvent(context, id, { kind: 'created', toLevel: ownerLevel, toUnitId: ownerUnitId });
  await applyFlagRule(context, null, id);
  await auditProblem(context, 'log', null, id);
  return id;
}

/**
 * Corrects a problem's facts while it is being handled: the 专班 at any time, the person who logged it
 * while it is still open. Applies the 挂牌督办 rule to the change.
 */
export async function reviseProblem(context: WriteContext, actor: Actor, id: string, input: ReviseProblemInput): Promise<void> {
  const before = await loadForChange(context, actor, id);
  const facts = factsOf(before);
  if (!canSupervise(actor, facts) && !(facts.status === 'open' && facts.reportedByUserId === actor.userId)) throw forbidden();
  assertStatus(before, ['open', 'in_progress', 'reopened'], { zh: '修改', en: 'changed' });
  if (input.deadline !== undefined) assertNotPast('deadline', deadlineLabel, input.deadline, context.now);
  await context.db
    .updateTable('problem')
    .set({
      ...(input.category !== undefined && { category: input.category }),
      ...(input.severity !== undefined && { severity: input.severity }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.amountFen !== undefined && { amount_fen: input.amountFen }),
      ...(input.deadline !== undefined && { deadline: input.deadline }),
      updated_at: context.now,
    })
    .where('id', '=', id)
    .execute();
  await applyFlagRule(context, before, id);
  await auditProblem(context, 'revise', before, id);
}
