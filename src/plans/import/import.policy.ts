/**
 * Who may import a plan: importing is managing a plan, so a coordinator (or admin) whose jurisdiction holds
 * the plan's region. The units an import maps names to or creates must lie in that region's subtree too.
 */
import { regionWithin, type Actor } from '../../kernel/actor.ts';
import { canManagePlan } from '../plans.policy.ts';

/** May the actor import a plan issued for this region? */
export function canImportPlan(actor: Actor, planRegionCode: string): boolean {
  return canManagePlan(actor, planRegionCode);
}

/** May an imported plan of this region name a unit of that region (its own region or one below)? */
export function unitFitsPlan(unitRegionCode: string, planRegionCode: string): boolean {
  return regionWithin(unitRegionCode, planRegionCode);
}
