/**
 * Who may do what with reports. A unit reports only on its own tasks: the actor must hold a reporter or
 * coordinator role on that very unit (and the service checks the unit is responsible for the task).
 * Accepting and returning belong to the coordinators and admins whose jurisdiction holds the plan's
 * region. Reading follows the unit: coordinators, admins and auditors see the reports of the units in
 * their jurisdiction (a county sees its county's units, not another county's), the plan's reviewers see
 * every report of the plan, and a reporter sees those of its own units.
 */
import { hasRoleIn, jurisdictionPrefixes, regionWithin, type Actor, type Role } from '../../kernel/actor.ts';
import type { ReportStatus } from '../../contracts/plan-reports.contract.ts';
import { planManagerRoles, taskReporterRoles } from '../plans.policy.ts';
import { allows } from './workflow.ts';

const reportingRoles = taskReporterRoles;
const reviewingRoles = planManagerRoles;
const readingRoles: readonly Role[] = ['coordinator', 'admin', 'auditor'];

/** What a policy needs to know about a report. */
export interface ReportScope {
  unitId: string;
  unitRegionCode: string;
  planRegionCode: string;
}

/** The units the actor reports for: those it holds a reporter or coordinator role on. */
export function reportingUnitIds(actor: Actor): string[] {
  return [...new Set(actor.grants.filter((grant) => reportingRoles.includes(grant.role)).map((grant) => grant.unitId))];
}

/** May the actor write reports and acknowledgements for this unit? */
export function canReportFor(actor: Actor, unitId: string): boolean {
  return actor.grants.some((grant) => grant.unitId === unitId && reportingRoles.includes(grant.role));
}

/** May the actor accept or return the reports of a plan issued for this region? */
export function canReviewReports(actor: Actor, planRegionCode: string): boolean {
  return hasRoleIn(actor, reviewingRoles, planRegionCode);
}

/** May the actor read this report? */
export function canReadReport(actor: Actor, report: ReportScope): boolean {
  return (
    canReportFor(actor, report.unitId) ||
    actor.grants.some((grant) => readingRoles.includes(grant.role) && regionWithin(report.unitRegionCode, grant.regionCode)) ||
    canReviewReports(actor, report.planRegionCode)
  );
}

/** The SQL filter matching `canReadReport`: own units, unit regions, and plan regions reviewed. */
export function readableReports(actor: Actor) {
  return {
    unitIds: reportingUnitIds(actor),
    unitPrefixes: jurisdictionPrefixes(actor, readingRoles),
    planPrefixes: jurisdictionPrefixes(actor, reviewingRoles),
  };
}

/** The abilities the interface shows on a report. */
export function reportAbilities(actor: Actor, report: ReportScope & { status: ReportStatus }) {
  const reporter = canReportFor(actor, report.unitId);
  const reviewer = canReviewReports(actor, report.planRegionCode);
  return {
    edit: reporter && allows(report.status, 'edit'),
    submit: reporter && allows(report.status, 'submit'),
    attach: reporter && allows(report.status, 'attach'),
    accept: reviewer && allows(report.status, 'accept'),
    return: reviewer && allows(report.status, 'return'),
  };
}
