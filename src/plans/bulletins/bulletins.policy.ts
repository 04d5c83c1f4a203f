/**
 * Who may do what with bulletins. Drawing one up, previewing it, publishing it and setting the ranking weights
 * is managing the plan: a coordinator (or admin) whose jurisdiction holds the plan's region — a county
 * coordinator does not publish the prefecture's bulletin. A published bulletin is read by everyone who reads
 * the plan (a bulletin is addressed to all the units concerned); drafts are seen by the plan's managers and by
 * auditors whose jurisdiction holds the plan's region.
 */
import { hasRoleIn, type Actor, type Role } from '../../kernel/actor.ts';
import { canManagePlan, canReadPlan } from '../plans.policy.ts';

const draftReaders: readonly Role[] = ['admin', 'coordinator', 'auditor'];

/** May the actor preview, draw up and publish the bulletins of a plan issued for this region, and set their weights? */
export function canManageBulletins(actor: Actor, planRegionCode: string): boolean {
  return canManagePlan(actor, planRegionCode);
}

/** May the actor see the drafts of a plan issued for this region? */
export function canReadDrafts(actor: Actor, planRegionCode: string): boolean {
  return hasRoleIn(actor, draftReaders, planRegionCode);
}

/** May the actor read this bulletin? */
export function canReadBulletin(actor: Actor, bulletin: { status: string; planRegionCode: string }): boolean {
  if (!canReadPlan(actor, bulletin.planRegionCode)) return false;
  return bulletin.status === 'published' || canReadDrafts(actor, bulletin.planRegionCode);
}

/** The abilities the interface shows on a bulletin. */
export function bulletinAbilities(actor: Actor, bulletin: { status: string; planRegionCode: string }) {
  return { publish: bulletin.status === 'draft' && canManageBulletins(actor, bulletin.planRegionCode) };
}
