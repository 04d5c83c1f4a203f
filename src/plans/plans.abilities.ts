/** What the navigation offers an actor among the plan screens; every action is checked again on the server. */
import { hasRole, type Actor } from '../kernel/actor.ts';
import { planManagerRoles, taskReporterRoles } from './plans.policy.ts';
import { problemLoggerRoles } from './problems/problems.policy.ts';

/** The plan screens' abilities for the navigation. */
export function plansShellAbilities(actor: Actor) {
  return {
    managePlans: hasRole(actor, planManagerRoles),
    reportOnTasks: hasRole(actor, taskReporterRoles),
    logProblems: hasRole(actor, problemLoggerRoles),
  };
}
