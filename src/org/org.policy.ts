/**
 * Who may do what with regions and units. The region tree is reference data any signed-in user may
 * browse; a unit is visible inside the actor's jurisdiction and in the regions above it (a county
 * reporter needs to know the prefecture bureau it reports to), and managed by admins and coordinators
 * whose jurisdiction holds it.
 */
import { hasRoleIn, inJurisdictionOrAbove, type Actor, type Role } from '../kernel/actor.ts';

const unitManagers: readonly Role[] = ['admin', 'coordinator'];

/** May the actor see a unit of this region? */
export function canReadUnit(actor: Actor, unitRegionCode: string): boolean {
  return inJurisdictionOrAbove(actor, unitRegionCode);
}

/** May the actor create or change units in this region? */
export function canManageUnits(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, unitManagers, regionCode);
}

/** The abilities the UI shows on a unit. */
export function unitAbilities(actor: Actor, unitRegionCode: string) {
  const manage = canManageUnits(actor, unitRegionCode);
  return { update: manage, manageAliases: manage, manageContacts: manage };
}
