/**
 * Who may see and steer target progress. Progress is read as the plan is read; splitting a target among
 * regions and setting a plan's colour rules is managing the plan: a coordinator (or admin) whose
 * jurisdiction holds the plan's region. Figures and targets of regions are shown to those whose jurisdiction
 * holds the region or lies below it (a county sees the prefecture total and its own share, not its neighbours').
 */
import type { Actor } from '../../kernel/actor.ts';
import { canManagePlan, canReadPlan } from '../plans.policy.ts';

/** May the actor see the progress of a plan issued for this region? */
export function canReadProgress(actor: Actor, planRegionCode: string): boolean {
  return canReadPlan(actor, planRegionCode);
}

/** May the actor allocate the plan's targets and set its colour rules? */
export function canManageProgress(actor: Actor, planRegionCode: string): boolean {
  return canManagePlan(actor, planRegionCode);
}


/** The abilities the UI shows on a plan's progress page. */
export function progressAbilities(actor: Actor, planRegionCode: string) {
  const manage = canManageProgress(actor, planRegionCode);
  return { allocate: manage, setColourRules: manage };
}
