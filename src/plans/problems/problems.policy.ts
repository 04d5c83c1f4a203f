/**
 * Who may do what with the problem ledger. Officials see the problems of places in their jurisdiction (a
 * county its own, a prefecture its counties'), so a problem escalated to a level is seen there; an
 * enterprise sees only the problems its own unit logged. The 专班 of the owner level or above — coordinators
 * (and admins) whose jurisdiction holds the owner region — assign, escalate, flag, verify and reopen; the
 * owner unit's staff and the assignee work on it and resolve it. Outsiders get "not found".
 */
import type { OwnerLevel, ProblemStatus } from '../../contracts/plan-problems-constants.ts';
import type { ProblemAbilities } from '../../contracts/plan-problems.contract.ts';
import { hasRoleIn, jurisdictionPrefixes, roles, type Actor, type Role } from '../../kernel/actor.ts';
import { regionAtLevel } from './problems.rules.ts';

/** Roles that read problems by jurisdiction: everyone but enterprises. */
const officialRoles: readonly Role[] = roles.filter((role) => role !== 'enterprise');
/** The 专班: coordinators, and admins. */
const supervisorRoles: readonly Role[] = ['admin', 'coordinator'];
/** Roles of a unit's staff who log and work on problems. */
const staffRoles: readonly Role[] = ['admin', 'coordinator', 'reporter', 'caseworker'];
/** Roles that may log a problem: staff, and enterprises for themselves. */
export const problemLoggerRoles: readonly Role[] = [...staffRoles, 'enterprise'];

/** What the policies need to know of a problem. */
export interface ProblemFacts {
  regionCode: string;
  ownerLevel: OwnerLevel;
  ownerUnitId: string;
  reportedByUnitId: string | null;
  reportedByUserId: string;
  assigneeUserId: string | null;
  status: ProblemStatus;
  flagged: boolean;
  resolvedBy: string | null;
}

/** The scope of problems an actor may read, for filtering lists in SQL. */
export interface ProblemScope {
  /** Region prefixes reached through official roles: `region_code like prefix || '%'`. */
  prefixes: string[];
  /** Enterprise units whose own problems the actor reads. */
  enterpriseUnitIds: string[];
}

/** The scope of problems the actor may read. */
export function problemScope(actor: Actor): ProblemScope {
  return {
    prefixes: jurisdictionPrefixes(actor, officialRoles),
    enterpriseUnitIds: actor.grants.filter((grant) => grant.role === 'enterprise').map((grant) => grant.unitId),
  };
}

/** May the actor see this problem at all? */
export function canReadProblem(actor: Actor, problem: ProblemFacts): boolean {
  const scope = problemScope(actor);
  return (
    scope.prefixes.some((prefix) => problem.regionCode.startsWith(prefix)) ||
    (problem.reportedByUnitId !== null && scope.enterpriseUnitIds.includes(problem.reportedByUnitId))
  );
}

/** The region of the 专班 that owns the problem now. */
export function ownerRegionOf(problem: Pick<ProblemFacts, 'regionCode' | 'ownerLevel'>): string {
  return regionAtLevel(problem.regionCode, problem.ownerLevel);
}

/** Is the actor a coordinator (or admin) of the owner level or above? */
export function canSupervise(actor: Actor, problem: ProblemFacts): boolean {
  return hasRoleIn(actor, supervisorRoles, ownerRegionOf(problem));
}

/** May the actor work on the problem: the 专班, the owner unit's staff, or the assignee? */
export function canHandle(actor: Actor, problem: ProblemFacts): boolean {
  return (
    canSupervise(actor, problem) ||
    problem.assigneeUserId === actor.userId ||
    actor.grants.some((grant) => grant.unitId === problem.ownerUnitId && staffRoles.includes(grant.role))
  );
}

/** May the actor attach evidence: those who work on it, and whoever logged it (an enterprise its proof)? */
export function canAttachEvidence(actor: Actor, problem: ProblemFacts): boolean {
  if (problem.status === 'closed') return false;
  return (
    canHandle(actor, problem) ||
    problem.reportedByUserId === actor.userId ||
    actor.grants.some((grant) => grant.unitId === problem.reportedByUnitId && problemLoggerRoles.includes(grant.role))
  );
}

/** May the actor verify and close (销号) a resolved problem: a supervisor who did not resolve it? */
export function canVerify(actor: Actor, problem: ProblemFacts): boolean {
  return canSupervise(actor, problem) && problem.resolvedBy !== actor.userId;
}

const working: readonly ProblemStatus[] = ['open', 'in_progress', 'reopened'];

/** True while the problem is being handled (not resolved nor closed). */
export function isWorking(status: ProblemStatus): boolean {
  return working.includes(status);
}

/** The abilities the UI shows on a problem. */
export function problemAbilities(actor: Actor, problem: ProblemFacts, hasNextLevel: boolean): ProblemAbilities {
  const supervise = canSupervise(actor, problem);
  const handle = canHandle(actor, problem);
  const inWork = isWorking(problem.status);
  return {
    revise: problem.status !== 'closed' && (supervise || (problem.status === 'open' && problem.reportedByUserId === actor.userId)),
    assign: supervise && inWork,
    progress: handle && inWork,
    escalate: supervise && inWork && hasNextLevel,
    flag: supervise && !problem.flagged && problem.status !== 'closed',
    unflag: supervise && problem.flagged,
    attachEvidence: canAttachEvidence(actor, problem),
    resolve: handle && inWork,
    close: problem.status === 'resolved' && canVerify(actor, problem),
    reopen: supervise && (problem.status === 'resolved' || problem.status === 'closed'),
    followUp: supervise && problem.status === 'closed',
  };
}
