/**
 * Who may see plans. A plan is visible inside the actor's jurisdiction and to everyone below its region:
 * a county office must read the prefecture plan that assigns it tasks.
 */
import { inJurisdictionOrAbove, type Actor } from '../kernel/actor.ts';

/** May the actor read a plan issued for this region? */
export function canReadPlan(actor: Actor, planRegionCode: string): boolean {
  return inJurisdictionOrAbove(actor, planRegionCode);
}
