/**
 * Who may see and steer plans; the sub-folders' policies build on these. A plan is visible inside the
 * actor's jurisdiction and to everyone below its region (a county office must read the prefecture plan
 * that assigns it tasks). Managing a plan — importing it, allocating targets, setting colour rules,
 * accepting or returning reports, publishing bulletins — belongs to a coordinator (or admin) whose
 * jurisdiction holds the plan's region. Reporting belongs to the reporters and coordinators of the units
 * responsible for a task.
 */
import { hasRoleIn, inJurisdictionOrAbove, type Actor, type Role } from '../kernel/actor.ts';

/** The roles that manage plans within their jurisdiction. */
export const planManagerRoles: readonly Role[] = ['admin', 'coordinator'];

/** The roles that report on their units' tasks. */
export const taskReporterRoles: readonly Role[] = ['reporter', 'coordinator'];

/** May the actor read a plan issued for this region? */
export function canReadPlan(actor: Actor, planRegionCode: string): boolean {
  return inJurisdictionOrAbove(actor, planRegionCode);
}

/** May the actor manage a plan issued for this region? */
export function canManagePlan(actor: Actor, planRegionCode: string): boolean {
  return hasRoleIn(actor, planManagerRoles, planRegionCode);
}
