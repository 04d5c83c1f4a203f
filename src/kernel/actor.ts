/**
 * Who is acting, and the pure questions every domain's policy asks about them. An actor's reach is the
 * union of the region subtrees of the units its roles were granted on; region codes are GB/T 2260
 * codes, and a subtree is every code that starts with the region's significant prefix.
 */
import { regionAncestry, regionPrefix } from './region-code.ts';

/** The roles a user can hold on a unit. */
export const roles = ['admin', 'coordinator', 'reporter', 'caseworker', 'reviewer', 'auditor', 'enterprise'] as const;

/** One of the roles. */
export type Role = (typeof roles)[number];

/** A role held on a unit, carrying the region that unit belongs to. */
export interface Grant {
  role: Role;
  unitId: string;
  regionCode: string;
}

/** A signed-in user as the policies see them. */
export interface Actor {
  userId: string;
  username: string;
  grants: readonly Grant[];
}

/** True when `regionCode` lies in the subtree rooted at `rootCode` (a region is in its own subtree). */
export function regionWithin(regionCode: string, rootCode: string): boolean {
  return regionCode.startsWith(regionPrefix(rootCode));
}

/** True when the actor holds one of `wanted` on a unit whose region subtree contains `regionCode`. */
export function hasRoleIn(actor: Actor, wanted: readonly Role[], regionCode: string): boolean {
  return actor.grants.some((grant) => wanted.includes(grant.role) && regionWithin(regionCode, grant.regionCode));
}

/** True when the actor holds one of `wanted` anywhere. */
export function hasRole(actor: Actor, wanted: readonly Role[]): boolean {
  return actor.grants.some((grant) => wanted.includes(grant.role));
}

/** True when any of the actor's grants reaches `regionCode`, whatever the role. */
export function inJurisdiction(actor: Actor, regionCode: string): boolean {
  return actor.grants.some((grant) => regionWithin(regionCode, grant.regionCode));
}

/**
 * The region prefixes the actor may see with one of `wanted`, for filtering lists in SQL
 * (`region_code LIKE prefix || '%'`). Nested prefixes are dropped, since the outer one covers them.
 */
export function jurisdictionPrefixes(actor: Actor, wanted: readonly Role[] = roles): string[] {
  const prefixes = actor.grants.filter((grant) => wanted.includes(grant.role)).map((grant) => regionPrefix(grant.regionCode));
  const unique = [...new Set(prefixes)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return unique.filter((prefix, index) => !unique.slice(0, index).some((outer) => prefix.startsWith(outer)));
}

/**
 * True when the region lies inside the actor's jurisdiction or above it. Records of the regions above are
 * readable (a county office must see the prefecture bureau it reports to and the prefecture plan that
 * assigns it tasks), never those of a neighbouring county.
 */
export function inJurisdictionOrAbove(actor: Actor, regionCode: string): boolean {
  return inJurisdiction(actor, regionCode) || actor.grants.some((grant) => regionWithin(grant.regionCode, regionCode));
}

/**
 * The SQL filter for `inJurisdictionOrAbove`: a record is visible when its region code starts with one of
 * `prefixes` or equals one of `ancestors`.
 */
export function jurisdictionOrAbove(actor: Actor): { prefixes: string[]; ancestors: string[] } {
  return {
    prefixes: jurisdictionPrefixes(actor),
    ancestors: [...new Set(actor.grants.flatMap((grant) => regionAncestry(grant.regionCode)))],
  };
}

/**
 * The actor for work done from the command line or at first start by whoever runs the server process:
 * an administrator of the whole country. It never comes from a request.
 */
export const systemActor: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  grants: [{ role: 'admin', unitId: '00000000-0000-0000-0000-000000000000', regionCode: '000000' }],
};
