/**
 * Who may manage accounts. Administrators manage the users whose every grant lies inside their own
 * jurisdiction, and grant roles only on units there; so a county administrator can neither see nor touch
 * a prefecture account, and cannot raise anyone above the county. Auditors read the audit trail of their
 * jurisdiction; everyone manages their own password and language.
 */
import { hasRole, hasRoleIn, jurisdictionPrefixes, type Actor, type Grant, type Role } from '../kernel/actor.ts';

const administrators: readonly Role[] = ['admin'];

/** May the actor see and change a user holding these grants? */
export function canManageUser(actor: Actor, targetGrants: readonly Pick<Grant, 'regionCode'>[]): boolean {
  if (targetGrants.length === 0) return jurisdictionPrefixes(actor, administrators).includes('');
  return targetGrants.every((grant) => hasRoleIn(actor, administrators, grant.regionCode));
}

/** May the actor grant or revoke a role on a unit of this region? */
export function canGrantIn(actor: Actor, unitRegionCode: string): boolean {
  return hasRoleIn(actor, administrators, unitRegionCode);
}

/** The region prefixes whose accounts the actor administers, for SQL filtering. */
export function administeredPrefixes(actor: Actor): string[] {
  return jurisdictionPrefixes(actor, administrators);
}

/** What the navigation offers this actor. */
export function shellAbilities(actor: Actor) {
  return {
    manageUsers: hasRole(actor, administrators),
    manageUnits: hasRole(actor, ['admin', 'coordinator']),
    readAudit: hasRole(actor, ['admin', 'auditor']),
  };
}
