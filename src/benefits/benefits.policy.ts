/**
 * Who may do what with applications and payments. Caseworkers (and coordinators) file on a beneficiary's behalf
 * within their jurisdiction; an enterprise account files and follows only its own enterprise's applications;
 * reviewers accept and review within their jurisdiction, and the first reviewer may not also do the final
 * review; coordinators approve payment batches (not the batch they submitted) and record payments and
 * clawbacks. Resident IDs are seen in full only by those who may write the registry there.
 */
import { hasRoleIn, jurisdictionPrefixes, type Actor, type Role } from '../kernel/actor.ts';

/** Roles that file applications on a beneficiary's behalf. */
export const filingRoles: readonly Role[] = ['caseworker', 'coordinator'];
/** Roles that review applications. */
export const reviewingRoles: readonly Role[] = ['reviewer'];
/** Roles that read applications and payments within their jurisdiction. */
export const readingRoles: readonly Role[] = ['caseworker', 'coordinator', 'reviewer', 'auditor', 'admin'];
/** Roles that prepare payment batches. */
export const batchPreparers: readonly Role[] = ['caseworker', 'coordinator'];
/** Roles that approve payment batches and record payments. */
export const batchApprovers: readonly Role[] = ['coordinator'];

/** What the policies read of an application. */
export interface ApplicationPlace {
  regionCode: string;
  /** the enterprise's unit (for an enterprise account), when the beneficiary is an enterprise */
  enterpriseUnitId: string | null;
  status: string;
  filedBy: string | null;
  firstReviewerId: string | null;
}

/** The units on which the actor holds the enterprise role. */
export function ownEnterpriseUnits(actor: Actor): string[] {
  return actor.grants.filter((grant) => grant.role === 'enterprise').map((grant) => grant.unitId);
}

/** True when the actor speaks for this enterprise (an enterprise account on its unit). */
export function isOwnEnterprise(actor: Actor, enterpriseUnitId: string | null): boolean {
  return enterpriseUnitId !== null && ownEnterpriseUnits(actor).includes(enterpriseUnitId);
}

/** True when the actor may file an application for a beneficiary in the region (or for its own enterprise). */
export function canFile(actor: Actor, regionCode: string, enterpriseUnitId: string | null): boolean {
  return hasRoleIn(actor, filingRoles, regionCode) || isOwnEnterprise(actor, enterpriseUnitId);
}

/** True when the actor may see the application. */
export function canReadApplication(actor: Actor, application: ApplicationPlace): boolean {
  return hasRoleIn(actor, readingRoles, application.regionCode) || isOwnEnterprise(actor, application.enterpriseUnitId);
}

/** True when the actor may change a draft, attach evidence and submit it. */
export function canEditApplication(actor: Actor, application: ApplicationPlace): boolean {
  return application.status === 'draft' && canFile(actor, application.regionCode, application.enterpriseUnitId);
}

/** True when the actor may withdraw the application (whoever may file it, before a decision). */
export function canWithdraw(actor: Actor, application: ApplicationPlace): boolean {
  return ['draft', 'received', 'first_review', 'review'].includes(application.status) && canFile(actor, application.regionCode, application.enterpriseUnitId);
}

/** True when the actor may accept (受理) or do the first review (初审). */
export function canFirstReview(actor: Actor, application: ApplicationPlace): boolean {
  return hasRoleIn(actor, reviewingRoles, application.regionCode);
}

/** True when the actor may do the final review (审核): a reviewer there who did not do the first review. */
export function canFinalReview(actor: Actor, application: ApplicationPlace): boolean {
  return hasRoleIn(actor, reviewingRoles, application.regionCode) && application.firstReviewerId !== actor.userId;
}

/** True when the actor sees resident IDs in full in the region (those who may write its registry). */
export function seesResidentIds(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, filingRoles, regionCode);
}

/** Region prefixes for filtering applications and grants in SQL. */
export function readablePrefixes(actor: Actor): string[] {
  return jurisdictionPrefixes(actor, readingRoles);
}

/** True when the actor may prepare a payment batch for the region. */
export function canPrepareBatch(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, batchPreparers, regionCode);
}

/** True when the actor may see a payment batch of the region. */
export function canReadBatch(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, readingRoles, regionCode);
}

/** True when the actor may approve the batch: a coordinator there who did not submit it. */
export function canApproveBatch(actor: Actor, batch: { regionCode: string; submittedBy: string | null }): boolean {
  return hasRoleIn(actor, batchApprovers, batch.regionCode) && batch.submittedBy !== actor.userId;
}

/** True when the actor may record payments and clawbacks for the batch's region. */
export function canRecordPayment(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, batchApprovers, regionCode);
}
