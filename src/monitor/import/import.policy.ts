/**
 * Who may collect figures from spreadsheets: a reporter or coordinator (or admin) enters figures for the
 * regions inside their jurisdiction, so an upload's rows are held to those regions; an import is seen only
 * by its uploader or by a coordinator whose jurisdiction holds its region.
 */
import { hasRoleIn, jurisdictionPrefixes, regionWithin, type Actor } from '../../kernel/actor.ts';
import { monitorManagerRoles, valueEntryRoles as entryRoles } from '../monitor.policy.ts';

/** The region prefixes the actor may enter figures for (`''` is the whole country). */
export function entryReach(actor: Actor): string[] {
  return jurisdictionPrefixes(actor, entryRoles);
}

/** May the actor download a template of, or upload to, a form filed inside this scope region? */
export function canCollectForForm(actor: Actor, scopeRegionCode: string): boolean {
  return actor.grants.some(
    (grant) => entryRoles.includes(grant.role) && (regionWithin(grant.regionCode, scopeRegionCode) || regionWithin(scopeRegionCode, grant.regionCode)),
  );
}

/** The import as the policy sees it. */
export interface ImportSubject {
  createdBy: string | null;
  regionCode: string;
}

/** May the actor see (and so commit or discard) this import? Its uploader, or a coordinator over its region. */
export function canSeeImport(actor: Actor, subject: ImportSubject): boolean {
  return subject.createdBy === actor.userId || hasRoleIn(actor, monitorManagerRoles, subject.regionCode);
}

/**
 * The region an import is filed under, for coordinators to find it: the uploader's own region when it lies
 * inside the form's scope, else the scope.
 */
export function importRegion(actor: Actor, scopeRegionCode: string): string {
  const inside = actor.grants.find((grant) => entryRoles.includes(grant.role) && regionWithin(grant.regionCode, scopeRegionCode));
  return inside?.regionCode ?? scopeRegionCode;
}
