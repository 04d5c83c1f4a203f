/**
 * Who may do what in the registries. Caseworkers and coordinators write within their jurisdiction and see
 * identity numbers and phones there; reviewers, auditors and administrators read, masked; an account with
 * the enterprise role sees only the enterprise linked to its unit. A person belongs to the jurisdictions of
 * both their hukou region and their current region.
 */
import { hasRoleIn, jurisdictionPrefixes, type Actor, type Role } from '../kernel/actor.ts';

/** Roles that create and change registry records. */
export const registryWriters: readonly Role[] = ['caseworker', 'coordinator'];

/** Roles that read registry records. */
export const registryReaders: readonly Role[] = ['caseworker', 'coordinator', 'reviewer', 'auditor', 'admin'];

/** The regions a person belongs to. */
export interface PersonPlace {
  hukouRegionCode: string;
  currentRegionCode: string | null;
}

function reaches(actor: Actor, wanted: readonly Role[], place: PersonPlace): boolean {
  return hasRoleIn(actor, wanted, place.hukouRegionCode) || (place.currentRegionCode !== null && hasRoleIn(actor, wanted, place.currentRegionCode));
}

/** True when the actor may see the person at all. */
export function canReadPerson(actor: Actor, place: PersonPlace): boolean {
  return reaches(actor, registryReaders, place);
}

/** True when the actor may change the person's records (and so sees the identity number and phone). */
export function canWritePerson(actor: Actor, place: PersonPlace): boolean {
  return reaches(actor, registryWriters, place);
}

/** True when the actor may create records in a region. */
export function canWriteInRegion(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, registryWriters, regionCode);
}

/** Region prefixes for filtering people and enterprises in SQL. */
export function readerPrefixes(actor: Actor): string[] {
  return jurisdictionPrefixes(actor, registryReaders);
}

/** Region prefixes where the actor writes, for deciding in SQL whether to unmask. */
export function writerPrefixes(actor: Actor): string[] {
  return jurisdictionPrefixes(actor, registryWriters);
}

/** The units on which the actor holds the enterprise role: their enterprises are the only ones it sees. */
export function ownEnterpriseUnitIds(actor: Actor): string[] {
  return actor.grants.filter((grant) => grant.role === 'enterprise').map((grant) => grant.unitId);
}

/** What the policies read of an enterprise. */
export interface EnterprisePlace {
  regionCode: string;
  unitId: string | null;
}

/** True when the actor may see the enterprise. */
export function canReadEnterprise(actor: Actor, enterprise: EnterprisePlace): boolean {
  if (hasRoleIn(actor, registryReaders, enterprise.regionCode)) return true;
  return enterprise.unitId !== null && ownEnterpriseUnitIds(actor).includes(enterprise.unitId);
}

/** True when the actor may change the enterprise's record. */
export function canWriteEnterprise(actor: Actor, enterprise: EnterprisePlace): boolean {
  return hasRoleIn(actor, registryWriters, enterprise.regionCode);
}

/** True when the actor may import files for a region. */
export function canImport(actor: Actor, regionCode: string): boolean {
  return canWriteInRegion(actor, regionCode);
}

/** True when the actor may follow an import of a region. */
export function canReadImport(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, registryReaders, regionCode);
}

/**
 * The actor for imports from the command line: whoever runs the server process may write the registry
 * everywhere, as a country-wide coordinator. It never comes from a request.
 */
export const commandLineRegistryActor: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  grants: [{ role: 'coordinator', unitId: '00000000-0000-0000-0000-000000000000', regionCode: '000000' }],
};
