/**
 * Who may see and change monitoring data. Figures are readable inside the actor's jurisdiction (a county sees
 * its subtree and nothing of another county; the prefecture sees all its counties). Values are entered by a
 * reporter or coordinator whose reach holds the region, or for a subject also by the users of the subject's
 * own unit. Forms are managed, submissions approved and returned, and late figures entered by a coordinator
 * (or admin) whose reach holds the region concerned. Indicators are one catalogue shared by every region, so
 * only an admin or a coordinator of a prefecture or wider defines them.
 */
import { hasRoleIn, inJurisdiction, inJurisdictionOrAbove, type Actor, type Role } from '../kernel/actor.ts';
import { regionLevel } from '../kernel/region-code.ts';

/** The roles that manage forms, approve submissions and enter late figures. */
export const monitorManagerRoles: readonly Role[] = ['admin', 'coordinator'];

/** The roles that enter figures for regions. */
export const valueEntryRoles: readonly Role[] = ['admin', 'coordinator', 'reporter'];

/** The region levels whose coordinators may define indicators (one catalogue for all). */
const catalogueLevels = new Set(['country', 'province', 'prefecture']);

/** May the actor read figures, subjects and submissions of this region? */
export function canReadMonitorRegion(actor: Actor, regionCode: string): boolean {
  return inJurisdiction(actor, regionCode);
}

/** May the actor define or change indicators? */
export function canManageIndicators(actor: Actor): boolean {
  return actor.grants.some((grant) => grant.role === 'admin' || (grant.role === 'coordinator' && catalogueLevels.has(regionLevel(grant.regionCode))));
}

/** May the actor read a form filed inside this scope? (Regions below read the forms set for them.) */
export function canReadForm(actor: Actor, scopeRegionCode: string): boolean {
  return inJurisdictionOrAbove(actor, scopeRegionCode);
}

/** May the actor create or change forms, subjects and settings inside this region? */
export function canManageMonitor(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, monitorManagerRoles, regionCode);
}

/** May the actor enter figures for this region (its own figure, not a subject's)? */
export function canEnterRegionValues(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, valueEntryRoles, regionCode);
}

/** May the actor enter figures for a subject: a user of the subject's own unit, or an entry role holding its region? */
export function canEnterSubjectValues(actor: Actor, subject: { regionCode: string; unitId: string | null }): boolean {
  return (subject.unitId !== null && actor.grants.some((grant) => grant.unitId === subject.unitId)) || canEnterRegionValues(actor, subject.regionCode);
}

/** May the actor read a subject: inside the reach, or the subject's own unit? */
export function canReadSubject(actor: Actor, subject: { regionCode: string; unitId: string | null }): boolean {
  return inJurisdiction(actor, subject.regionCode) || (subject.unitId !== null && actor.grants.some((grant) => grant.unitId === subject.unitId));
}

/** May the actor approve or return a submission of this region, and enter after the grace period? */
export function canDecideSubmission(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, monitorManagerRoles, regionCode);
}
