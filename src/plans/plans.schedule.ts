/**
 * Setting a plan's reporting schedule. Some documents set none (Yunnan's programme, two of Linxia's 六保
 * plans); the coordinator then decides one — monthly, quarterly or fixed dates — and the reporting periods
 * follow from it at once.
 */
import type { Actor } from '../kernel/actor.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import type { PackPlan } from './plan-pack.schema.ts';
import { canManagePlan, canReadPlan } from './plans.policy.ts';

/** Replaces the plan's reporting schedule, recording the old and new one in the audit trail. */
export async function setPlanSchedule(context: WriteContext, actor: Actor, planId: string, schedule: PackPlan['schedule']): Promise<void> {
  const plan = await context.db.selectFrom('plan').select(['id', 'region_code', 'schedule']).where('id', '=', planId).executeTakeFirst();
  if (!plan || !canReadPlan(actor, plan.region_code)) throw notFound({ zh: '方案', en: 'Plan' });
  if (!canManagePlan(actor, plan.region_code)) throw forbidden();
  await context.db
    .updateTable('plan')
    .set({ schedule: JSON.stringify(schedule), updated_at: context.now })
    .where('id', '=', planId)
    .execute();
  await recordAudit(context, {
    action: 'plans.plan.schedule',
    entityType: 'plan',
    entityId: planId,
    regionCode: plan.region_code,
    before: { schedule: plan.schedule },
    after: { schedule },
  });
}
