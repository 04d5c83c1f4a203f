/** A plan's colour rules: the slip thresholds for yellow and red and the days before a deadline that turn blue. */
import type { ColourRulesInput } from '../../contracts/plan-progress.contract.ts';
import type { Actor } from '../../kernel/actor.ts';
import { forbidden, notFound, unprocessable } from '../../kernel/errors.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import { colourRulesOf, type ColourRules } from './colour.ts';
import { canManageProgress, canReadProgress } from './progress.policy.ts';
import { refreshPlanColours, type ColourRefresh } from './progress.service.ts';
import { loadPlan, planWord } from './progress.repo.ts';

/**
 * Sets the colour rules of a plan and judges its colours again under them at once, so that the colours
 * shown and their history follow the new rules. Only a coordinator or admin whose jurisdiction holds the
 * plan's region may do it.
 */
export async function setColourRules(context: WriteContext, actor: Actor, planId: string, rules: ColourRulesInput): Promise<{ rules: ColourRules; refresh: ColourRefresh }> {
  const plan = await loadPlan(context.db, planId);
  if (!canReadProgress(actor, plan.region_code)) throw notFound(planWord);
  if (!canManageProgress(actor, plan.region_code)) throw forbidden();
  if (rules.redSlip < rules.yellowSlip) {
    throw unprocessable('redSlip', {
      zh: `红色阈值（${rules.redSlip} 个百分点）不能低于黄色阈值（${rules.yellowSlip} 个百分点）。`,
      en: `The red threshold (${rules.redSlip} points) cannot be below the yellow one (${rules.yellowSlip} points).`,
    });
  }
  const next: ColourRules = { yellowSlip: rules.yellowSlip, redSlip: rules.redSlip, blueDays: rules.blueDays };
  await context.db.updateTable('plan').set({ colour_rules: JSON.stringify(next), updated_at: context.now }).where('id', '=', planId).execute();
  await recordAudit(context, {
    action: 'plans.plan.colour-rules.set',
    entityType: 'plan',
    entityId: planId,
    regionCode: plan.region_code,
    before: { colourRules: plan.colour_rules ?? null, effective: colourRulesOf(plan.colour_rules) },
    after: { colourRules: next },
  });
  return { rules: next, refresh: await refreshPlanColours(context, planId) };
}
