/**
 * Who may do what with warning rules, alerts and silences. Alerts are read by officials whose jurisdiction
 * holds the alert's region or the region it was escalated to; coordinators and reporters there acknowledge,
 * handle, close and dismiss them. Rules are read where their scope lies inside or above the actor's reach
 * (a county sees the prefecture's rules that watch it) and managed, like silences, by coordinators (and
 * admins) whose jurisdiction holds the scope.
 */
import type { AlertStatus } from '../../contracts/monitor-warnings-constants.ts';
import { hasRoleIn, inJurisdictionOrAbove, jurisdictionPrefixes, regionWithin, roles, type Actor, type Role } from '../../kernel/actor.ts';

/** Officials: every role but enterprises reads alerts by jurisdiction. */
export const alertReaderRoles: readonly Role[] = roles.filter((role) => role !== 'enterprise');
/** Who acts on alerts. */
const alertHandlerRoles: readonly Role[] = ['admin', 'coordinator', 'reporter'];
/** Who manages rules and silences. */
const ruleManagerRoles: readonly Role[] = ['admin', 'coordinator'];

/** What the policies need to know of an alert. */
export interface AlertFacts {
  regionCode: string;
  escalatedTo: string | null;
  status: AlertStatus;
}

/** The region prefixes whose alerts the actor reads, for filtering in SQL. */
export function alertScope(actor: Actor): string[] {
  return jurisdictionPrefixes(actor, alertReaderRoles);
}

/** May the actor see this alert? */
export function canReadAlert(actor: Actor, alert: AlertFacts): boolean {
  return hasRoleIn(actor, alertReaderRoles, alert.regionCode) || (alert.escalatedTo !== null && hasRoleIn(actor, alertReaderRoles, alert.escalatedTo));
}

/** May the actor acknowledge, handle, close or dismiss this alert? */
export function canHandleAlert(actor: Actor, alert: AlertFacts): boolean {
  return hasRoleIn(actor, alertHandlerRoles, alert.regionCode) || (alert.escalatedTo !== null && hasRoleIn(actor, alertHandlerRoles, alert.escalatedTo));
}

/** May the actor see a rule whose scope is this region? */
export function canReadRule(actor: Actor, scopeRegionCode: string): boolean {
  return inJurisdictionOrAbove(actor, scopeRegionCode);
}

/** May the actor create, change, enable or disable a rule with this scope? */
export function canManageRule(actor: Actor, scopeRegionCode: string): boolean {
  return hasRoleIn(actor, ruleManagerRoles, scopeRegionCode);
}

/** May the actor silence (or revoke a silence of) a rule in this region's subtree? */
export function canManageSilence(actor: Actor, regionCode: string): boolean {
  return hasRoleIn(actor, ruleManagerRoles, regionCode);
}

/** The abilities the UI shows on an alert. */
export function alertAbilities(actor: Actor, alert: AlertFacts) {
  const handle = canHandleAlert(actor, alert);
  const active = alert.status === 'open' || alert.status === 'acknowledged' || alert.status === 'handling';
  return {
    acknowledge: handle && alert.status === 'open',
    recordAction: handle && (alert.status === 'acknowledged' || alert.status === 'handling'),
    close: handle && active,
    dismiss: handle && active,
  };
}

/** The abilities the UI shows on a rule. */
export function ruleAbilities(actor: Actor, scopeRegionCode: string) {
  const manage = canManageRule(actor, scopeRegionCode);
  // A county coordinator may silence a prefecture rule in its own county: its reach lies inside the scope.
  const silence = manage || actor.grants.some((grant) => ruleManagerRoles.includes(grant.role) && regionWithin(grant.regionCode, scopeRegionCode));
  return { update: manage, enable: manage, silence };
}
