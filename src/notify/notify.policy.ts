/**
 * Who may see notifications and manage webhooks. A notification belongs to the unit it is addressed to:
 * only users holding a role on that unit see it (a prefecture office does not read a county office's
 * notices). Webhook endpoints carry a region's events out of the platform, so only administrators whose
 * jurisdiction holds the endpoint's region see and manage them.
 */
import { hasRole, hasRoleIn, jurisdictionPrefixes, type Actor, type Role } from '../kernel/actor.ts';

const webhookManagers: readonly Role[] = ['admin'];

/** The units whose notifications the actor sees: those it holds any role on. */
export function notifiedUnitIds(actor: Actor): string[] {
  return [...new Set(actor.grants.map((grant) => grant.unitId))];
}

/** May the actor read (and mark read) a notification addressed to this unit? */
export function canReadNotification(actor: Actor, unitId: string): boolean {
  return actor.grants.some((grant) => grant.unitId === unitId);
}

/** Does the actor administer webhooks anywhere? Others are refused outright. */
export function canUseWebhooks(actor: Actor): boolean {
  return hasRole(actor, webhookManagers);
}

/** May the actor see and manage an endpoint of this region? */
export function canManageWebhook(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, webhookManagers, regionCode);
}

/** The region prefixes of the endpoints the actor manages, for SQL filtering. */
export function webhookPrefixes(actor: Actor): string[] {
  return jurisdictionPrefixes(actor, webhookManagers);
}
