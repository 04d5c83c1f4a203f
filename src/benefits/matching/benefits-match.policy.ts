/**
 * Who may match, run, approve and try changes. Caseworkers match the persons and enterprises of their
 * jurisdiction and run proactive searches there; an enterprise account matches only its own enterprise;
 * coordinators start and approve batch runs and try what-if changes; reviewers and auditors read runs.
 */
import { hasRoleIn, jurisdictionPrefixes, type Actor, type Role } from '../../kernel/actor.ts';

const matchers: readonly Role[] = ['caseworker', 'coordinator'];
const runReaders: readonly Role[] = ['caseworker', 'coordinator', 'reviewer', 'auditor'];

/** True when the actor may see a registered person's matches (a caseworker of their hukou or current region). */
export function canMatchPerson(actor: Actor, place: { hukouRegionCode: string; currentRegionCode: string | null }): boolean {
  return hasRoleIn(actor, matchers, place.hukouRegionCode) || (place.currentRegionCode !== null && hasRoleIn(actor, matchers, place.currentRegionCode));
}

/** True when the actor may see an enterprise's matches: a caseworker of its region, or the enterprise itself. */
export function canMatchEnterprise(actor: Actor, enterprise: { regionCode: string; unitId: string | null }): boolean {
  if (hasRoleIn(actor, matchers, enterprise.regionCode)) return true;
  return enterprise.unitId !== null && actor.grants.some((grant) => grant.role === 'enterprise' && grant.unitId === enterprise.unitId);
}

/** True when the actor may start a run of this kind over a region. */
export function canStartRun(actor: Actor, kind: 'batch' | 'proactive', regionCode: string): boolean {
  return hasRoleIn(actor, kind === 'batch' ? ['coordinator'] : matchers, regionCode);
}

/** True when the actor may see a run over a region. */
export function canReadRun(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, runReaders, regionCode);
}

/** True when the actor may approve a completed batch run and hand it to payments. */
export function canApproveRun(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, ['coordinator'], regionCode);
}

/** True when the actor may try a what-if change over a region's registry. */
export function canTryChange(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, ['coordinator'], regionCode);
}

/** Region prefixes of the runs the actor may read, for SQL. */
export function runReaderPrefixes(actor: Actor): string[] {
  return jurisdictionPrefixes(actor, runReaders);
}

/** Region prefixes where the actor finds newly eligible subjects (caseworkers and coordinators). */
export function matcherPrefixes(actor: Actor): string[] {
  return jurisdictionPrefixes(actor, matchers);
}
