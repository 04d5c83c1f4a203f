/** What the navigation offers an actor among the monitor screens; every action is checked again on the server. */
import { hasRole, type Actor } from '../kernel/actor.ts';
import { canManageIndicators, monitorManagerRoles, valueEntryRoles } from './monitor.policy.ts';

/** The monitor screens' abilities for the navigation. */
export function monitorShellAbilities(actor: Actor) {
  return {
    viewMonitor: actor.grants.length > 0,
    enterMonitorValues: hasRole(actor, [...valueEntryRoles, 'enterprise']),
    manageMonitor: hasRole(actor, monitorManagerRoles),
    manageIndicators: canManageIndicators(actor),
  };
}
