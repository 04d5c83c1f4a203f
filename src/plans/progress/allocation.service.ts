/**
 * Allocation (任务分解): a target split among the regions one level below its own, as child targets that
 * carry each region's share, with the parent's milestones as shares so that every part keeps the same time
 * schedule. The parts must add up to the whole exactly; saving again replaces the split.
 */
import type { Kysely } from 'kysely';
import type { AllocationInput, AllocationView } from '../../contracts/plan-progress.contract.ts';
import type { Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts';
import { listRegionChildren } from '../../org/index.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import type { Database } from '../../store/tables.ts';
import { decimalsEqual, plainDecimal, sumDecimals } from './decimals.ts';
import { canManageProgress, canReadProgress } from './progress.policy.ts';

const targetWord = { zh: '目标', en: 'Target' };

async function loadTarget(db: Kysely<Database>, targetId: string) {
  return db
    .selectFrom('plan_target')
    .innerJoin('plan', 'plan.id', 'plan_target.plan_id')
    .innerJoin('region', 'region.code', 'plan_target.region_code')
    .selectAll('plan_target')
    .select(['plan.region_code as plan_region_code', 'region.name as region_name'])
    .where('plan_target.id', '=', targetId)
    .executeTakeFirst();
}

type TargetRow = NonNullable<Awaited<ReturnType<typeof loadTarget>>>;

async function loadChildren(db: Kysely<Database>, targetId: string) {
  return db
    .selectFrom('plan_target')
    .innerJoin('region', 'region.code', 'plan_target.region_code')
    .select(['plan_target.id', 'plan_target.region_code', 'plan_target.value', 'region.name as region_name'])
    .where('plan_target.parent_target_id', '=', targetId)
    .orderBy('plan_target.region_code')
    .execute();
}

/** Refuses parts that name a region outside the target's next level, or one region twice. */
async function assertPartRegions(db: Kysely<Database>, target: TargetRow, parts: AllocationInput['parts']): Promise<Map<string, string>> {
  const children = new Map((await listRegionChildren(db, target.region_code)).map((region) => [region.code, region.name]));
  const seen = new Set<string>();
  for (const [index, part] of parts.entries()) {
    const field = `parts.${index}.regionCode`;
    if (!children.has(part.regionCode)) {
      throw unprocessable(field, {
        zh: `${part.regionCode} 不是${target.region_name}的直接下级行政区划，目标只能分解到下一级地区。`,
        en: `${part.regionCode} is not a region directly below ${target.region_name}; a target is split among the regions one level below it.`,
      });
    }
    if (seen.has(part.regionCode)) {
      throw unprocessable(field, { zh: `${children.get(part.regionCode)}（${part.regionCode}）重复出现。`, en: `${part.regionCode} is listed twice.` });
    }
    seen.add(part.regionCode);
  }
  return children;
}

/** Refuses parts that do not add up to the target value exactly. */
function assertWhole(target: TargetRow, parts: AllocationInput['parts']): void {
  const sum = sumDecimals(parts.map((part) => part.value));
  if (decimalsEqual(sum, target.value)) return;
  const whole = plainDecimal(target.value);
  throw unprocessable('parts', {
    zh: `各部分合计 ${sum}${target.unit}，与目标值 ${whole}${target.unit} 不等；分解的各部分之和须恰好等于目标值。`,
    en: `The parts add up to ${sum} ${target.unit} but the target is ${whole} ${target.unit}; they must add up to it exactly.`,
  });
}

/** Copies the parent's milestones to a child as shares (a milestone given as a value becomes its share of the parent). */
async function copyMilestones(db: Kysely<Database>, parent: TargetRow, childId: string): Promise<void> {
  await db.deleteFrom('target_milestone').where('target_id', '=', childId).execute();
  const milestones = await db.selectFrom('target_milestone').selectAll().where('target_id', '=', parent.id).orderBy('position').execute();
  if (milestones.length === 0) return;
  const whole = Number(parent.value);
  await db
    .insertInto('target_milestone')
    .values(
      milestones.map((milestone) => ({
        target_id: childId,
        position: milestone.position,
        due_by: milestone.due_by,
        share: milestone.share ?? (milestone.value !== null && whole !== 0 ? Math.min(1, Math.max(0, Number(milestone.value) / whole)) : null),
        value: null,
        text: milestone.text,
      })),
    )
    .execute();
}

/**
 * Splits a target among the regions one level below its own: creates a child target per region, updates
 * those that exist, and removes children left out (refused when a removed child already has figures).
 * Only a coordinator or admin whose jurisdiction holds the plan's region may do it.
 */
export async function allocateTarget(
  context: WriteContext,
  actor: Actor,
  targetId: string,
  parts: AllocationInput['parts'],
  options: { planId?: string } = {},
): Promise<AllocationView> {
  const target = await loadTarget(context.db, targetId);
  if (!target || !canReadProgress(actor, target.plan_region_code) || (options.planId && options.planId !== target.plan_id)) throw notFound(targetWord);
  if (!canManageProgress(actor, target.plan_region_code)) throw forbidden();
  if (target.comparator === '<=' || target.unit === '%') {
    throw unprocessable('parts', {
      zh: `“${target.indicator}”是比率或上限（${target.comparator} ${plainDecimal(target.value)}${target.unit}），各地区的数值不能相加，不能分解。`,
      en: `"${target.indicator}" is a rate or a limit (${target.comparator} ${plainDecimal(target.value)}${target.unit}); regions' values do not add up, so it cannot be split.`,
    });
  }
  const regionNames = await assertPartRegions(context.db, target, parts);
  assertWhole(target, parts);
  const before = await loadChildren(context.db, targetId);
  const kept = new Set(parts.map((part) => part.regionCode));
  const removed = before.filter((child) => !kept.has(child.region_code));
  if (removed.length > 0) {
    const reported = await context.db.selectFrom('target_figure').select('target_id').where('target_id', 'in', removed.map((child) => child.id)).executeTakeFirst();
    const child = removed.find((candidate) => candidate.id === reported?.target_id);
    if (child) {
      throw conflict('parts', {
        zh: `${child.region_name}的分解目标已有上报数据，不能移除；请在分解中保留${child.region_name}。`,
        en: `The share of ${child.region_name} already has reported figures and cannot be removed; keep ${child.region_code} in the parts.`,
      });
    }
    await context.db.deleteFrom('plan_target').where('id', 'in', removed.map((candidate) => candidate.id)).execute();
    await context.db.deleteFrom('colour_state').where('entity_type', '=', 'target').where('entity_id', 'in', removed.map((candidate) => candidate.id)).execute();
  }
  for (const part of parts) {
    const existing = before.find((child) => child.region_code === part.regionCode);
    const regionName = regionNames.get(part.regionCode) ?? part.regionCode;
    const fields = {
      indicator: target.indicator,
      comparator: target.comparator,
      value: plainDecimal(part.value),
      unit: target.unit,
      deadline: target.deadline,
      text: `${target.indicator}：${regionName}承担${plainDecimal(part.value)}${target.unit}（${target.region_name}目标${plainDecimal(target.value)}${target.unit}的分解）`,
      clause: target.clause,
      source: target.source,
    };
    const id = existing
      ? (await context.db.updateTable('plan_target').set(fields).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
      : (
          await context.db
            .insertInto('plan_target')
            .values({ ...fields, plan_id: target.plan_id, key: `${target.key}-${part.regionCode}`, region_code: part.regionCode, parent_target_id: target.id, note: null })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    await copyMilestones(context.db, target, id);
  }
  const after = await loadChildren(context.db, targetId);
  const present = (rows: typeof after) => rows.map((child) => ({ targetId: child.id, regionCode: child.region_code, regionName: child.region_name, value: Number(child.value) }));
  await recordAudit(context, {
    action: 'plans.target.allocate',
    entityType: 'plan_target',
    entityId: targetId,
    regionCode: target.region_code,
    before: { parts: present(before) },
    after: { parts: present(after) },
  });
  return { targetId, value: Number(target.value), unit: target.unit, parts: present(after) };
}
