/**
 * The regions a user's grants reach, as the screens need them for pickers and breadcrumbs. Only a starting
 * point for the interface: the server filters every answer by jurisdiction itself.
 */
import { regionWithin } from '../../../../src/kernel/actor.ts';
import { regionLevel, regionLevels } from '../../../../src/kernel/region-code.ts';

/** A grant as the session lists it. */
interface GrantLike {
  regionCode: string;
  regionName: string;
}

/** The outermost regions among the grants (a grant inside another's region is covered by it), widest first. */
export function reachRoots(grants: readonly GrantLike[]): { code: string; name: string }[] {
  const unique = [...new Map(grants.map((grant) => [grant.regionCode, grant.regionName])).entries()].sort(([a], [b]) => depth(a) - depth(b) || a.localeCompare(b));
  return unique.filter(([code], index) => !unique.slice(0, index).some(([outer]) => regionWithin(code, outer))).map(([code, name]) => ({ code, name }));
}

/** True when some grant's region holds `code`. */
export function withinReach(grants: readonly GrantLike[], code: string): boolean {
  return grants.some((grant) => regionWithin(code, grant.regionCode));
}

/** How far down a code sits: 0 for the country, 1 a province … 5 a village. */
function depth(code: string): number {
  return regionLevels.indexOf(regionLevel(code));
}
