/**
 * Reading the problem ledger: lists and summary counts filtered by jurisdiction in SQL, one problem with
 * its history, evidence and abilities, and an evidence file for download.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import {
  ownerLevels,
  problemCategories,
  problemStatuses,
  type OwnerLevel,
  type ProblemCategory,
  type ProblemEventKind,
  type ProblemSeverity,
  type ProblemStatus,
  type ReporterKind,
} from '../../contracts/plan-problems-constants.ts';
import type { ProblemDetail, ProblemListItem, ProblemSummary } from '../../contracts/plan-problems.contract.ts';
import type { Actor } from '../../kernel/actor.ts';
import { notFound } from '../../kernel/errors.ts';
import { chinaDate } from '../../kernel/periods.ts';
import { regionPrefix } from '../../kernel/region-code.ts';
import { describeFile, readStoredFile } from '../../files/index.ts';
import type { Database } from '../../store/tables.ts';
import { canReadProblem, problemAbilities, problemScope } from './problems.policy.ts';
import { factsOf, problemWord, type ProblemRow } from './problems.repo.ts';
import { isOverdue, nextOwnerLevel } from './problems.rules.ts';

/** Filters for lists and summaries. */
export interface ProblemFilter {
  status?: ProblemStatus | undefined;
  category?: ProblemCategory | undefined;
  flagged?: boolean | undefined;
  overdue?: boolean | undefined;
  /** Only problems inside this region's subtree. */
  regionCode?: string | undefined;
  planId?: string | undefined;
}

/** The problems the actor may read: in the jurisdiction of an official role, or logged by the actor's enterprise. */
function readable(actor: Actor) {
  const scope = problemScope(actor);
  return (eb: ExpressionBuilder<Database, 'problem'>) =>
    eb.or([
      ...scope.prefixes.map((prefix) => eb('problem.region_code', 'like', `${prefix}%`)),
      ...(scope.enterpriseUnitIds.length > 0 ? [eb('problem.reported_by_unit_id', 'in', scope.enterpriseUnitIds)] : []),
    ]);
}

/** The filtered, jurisdiction-scoped base query. */
function scopedQuery(db: Kysely<Database>, actor: Actor, filter: ProblemFilter, today: string) {
  let query = db.selectFrom('problem').where(readable(actor));
  if (filter.status) query = query.where('problem.status', '=', filter.status);
  if (filter.category) query = query.where('problem.category', '=', filter.category);
  if (filter.flagged !== undefined) query = query.where('problem.flagged', '=', filter.flagged);
  if (filter.regionCode) query = query.where('problem.region_code', 'like', `${regionPrefix(filter.regionCode)}%`);
  if (filter.planId) query = query.where('problem.plan_id', '=', filter.planId);
  if (filter.overdue !== undefined) {
    const overdue = (eb: ExpressionBuilder<Database, 'problem'>) => eb.and([eb('problem.deadline', '<', today), eb('problem.status', '<>', 'closed')]);
    query = query.where((eb) => (filter.overdue ? overdue(eb) : eb.not(overdue(eb))));
  }
  return query;
}

type ListedRow = ProblemRow & { region_name: string; owner_name: string; assignee_name: string | null };

function presentItem(row: ListedRow, today: string): ProblemListItem {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    category: row.category as ProblemCategory,
    severity: row.severity as ProblemSeverity,
    status: row.status as ProblemStatus,
    regionCode: row.region_code,
    regionName: row.region_name,
    ownerLevel: row.owner_level as OwnerLevel,
    ownerUnit: { id: row.owner_unit_id, name: row.owner_name },
    assignee: row.assignee_user_id ? { id: row.assignee_user_id, name: row.assignee_name ?? '' } : null,
    reporterKind: row.reporter_kind as ReporterKind,
    enterpriseName: row.enterprise_name,
    amountFen: row.amount_fen === null ? null : Number(row.amount_fen),
    deadline: row.deadline,
    overdue: isOverdue(row.deadline, row.status as ProblemStatus, today),
    flagged: row.flagged,
    flagSource: row.flag_source as 'manual' | 'rule' | null,
    planId: row.plan_id,
    taskId: row.task_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The listed columns: the problem with its region, owner unit and assignee names. */
function withNames(query: ReturnType<typeof scopedQuery>) {
  return query
    .innerJoin('region', 'region.code', 'problem.region_code')
    .innerJoin('unit as owner', 'owner.id', 'problem.owner_unit_id')
    .leftJoin('app_user as assignee', 'assignee.id', 'problem.assignee_user_id')
    .selectAll('problem')
    .select(['region.name as region_name', 'owner.name as owner_name', 'assignee.display_name as assignee_name']);
}

/** A page of the problems the actor may read, newest first. */
export async function listProblems(db: Kysely<Database>, actor: Actor, filter: ProblemFilter & { limit: number; offset: number }, now: Date) {
  const today = chinaDate(now);
  const query = scopedQuery(db, actor, filter, today);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await withNames(query).orderBy('problem.created_at', 'desc').orderBy('problem.sequence_no', 'desc').limit(filter.limit).offset(filter.offset).execute();
  return { items: rows.map((row) => presentItem(row, today)), total: Number(total) };
}

/** Counts by status, category and owner level, flagged and overdue, over the problems the actor may read. */
export async function summarizeProblems(db: Kysely<Database>, actor: Actor, filter: Pick<ProblemFilter, 'regionCode' | 'planId'>, now: Date): Promise<ProblemSummary> {
  const today = chinaDate(now);
  const rows = await scopedQuery(db, actor, filter, today)
    .select(['problem.status', 'problem.category', 'problem.owner_level'])
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`count(*) filter (where problem.flagged)`.as('flagged'),
      sql<number>`count(*) filter (where problem.deadline < ${today} and problem.status <> 'closed')`.as('overdue'),
    ])
    .groupBy(['problem.status', 'problem.category', 'problem.owner_level'])
    .execute();
  const zeros = <T extends string>(keys: readonly T[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<T, number>;
  const summary: ProblemSummary = { total: 0, byStatus: zeros(problemStatuses), byCategory: zeros(problemCategories), byLevel: zeros(ownerLevels), flagged: 0, overdue: 0 };
  for (const row of rows) {
    const count = Number(row.count);
    summary.total += count;
    summary.byStatus[row.status as ProblemStatus] += count;
    summary.byCategory[row.category as ProblemCategory] += count;
    summary.byLevel[row.owner_level as OwnerLevel] += count;
    summary.flagged += Number(row.flagged);
    summary.overdue += Number(row.overdue);
  }
  return summary;
}

/** Names of people and units by id, for presenting one problem. */
async function namesOf(db: Kysely<Database>, userIds: (string | null)[], unitIds: (string | null)[]) {
  const users = [...new Set(userIds.filter((id): id is string => id !== null))];
  const units = [...new Set(unitIds.filter((id): id is string => id !== null))];
  const [userRows, unitRows] = await Promise.all([
    users.length ? db.selectFrom('app_user').select(['id', 'display_name as name']).where('id', 'in', users).execute() : [],
    units.length ? db.selectFrom('unit').select(['id', 'name']).where('id', 'in', units).execute() : [],
  ]);
  const person = new Map(userRows.map((row) => [row.id, row.name]));
  const unit = new Map(unitRows.map((row) => [row.id, row.name]));
  return {
    person: (id: string | null) => (id === null ? null : { id, name: person.get(id) ?? '' }),
    unit: (id: string | null) => (id === null ? null : { id, name: unit.get(id) ?? '' }),
  };
}

/** One problem with its history, evidence and the actor's abilities; "not found" to those who may not see it. */
export async function getProblem(db: Kysely<Database>, actor: Actor, id: string, now: Date): Promise<ProblemDetail> {
  const today = chinaDate(now);
  const row = await withNames(db.selectFrom('problem')).where('problem.id', '=', id).executeTakeFirst();
  if (!row || !canReadProblem(actor, factsOf(row))) throw notFound(problemWord);
  const [events, links] = await Promise.all([
    db.selectFrom('problem_event').selectAll().where('problem_id', '=', id).orderBy('id').execute(),
    db.selectFrom('problem_evidence').selectAll().where('problem_id', '=', id).orderBy('attached_at').execute(),
  ]);
  const files = await Promise.all(links.map((link) => describeFile(db, link.file_id)));
  const names = await namesOf(
    db,
    [row.reported_by_user_id, row.resolved_by, row.verified_by, ...events.flatMap((event) => [event.actor_id, event.assignee_user_id]), ...links.map((link) => link.attached_by)],
    [row.reported_by_unit_id, ...events.map((event) => event.to_unit_id)],
  );
  return {
    ...presentItem(row, today),
    description: row.description,
    enterpriseCreditCode: row.enterprise_credit_code,
    reportedBy: { user: names.person(row.reported_by_user_id) ?? { id: row.reported_by_user_id, name: '' }, unit: names.unit(row.reported_by_unit_id) },
    flagReason: row.flag_reason,
    resolution: row.resolution,
    resolvedBy: names.person(row.resolved_by),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    verifiedBy: names.person(row.verified_by),
    verifiedAt: row.verified_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    followUpOn: row.follow_up_on,
    history: events.map((event) => ({
      id: Number(event.id),
      at: event.at.toISOString(),
      kind: event.kind as ProblemEventKind,
      actor: { id: event.actor_id, name: names.person(event.actor_id)?.name || event.actor_name },
      fromLevel: event.from_level as OwnerLevel | null,
      toLevel: event.to_level as OwnerLevel | null,
      toUnit: names.unit(event.to_unit_id),
      assignee: names.person(event.assignee_user_id),
      outcome: event.outcome as 'holds' | 'reopen' | null,
      comment: event.comment,
    })),
    evidence: links.flatMap((link, index) => {
      const file = files[index];
      return file
        ? [{ fileId: file.id, fileName: file.file_name, contentType: file.content_type, sizeBytes: file.size_bytes, attachedAt: link.attached_at.toISOString(), attachedBy: names.person(link.attached_by)?.name ?? null }]
        : [];
    }),
    abilities: problemAbilities(actor, factsOf(row), nextOwnerLevel(row.owner_level as OwnerLevel) !== null),
  };
}

/** An evidence file of a problem the actor may read, with its content; "not found" otherwise. */
export async function readEvidenceFile(db: Kysely<Database>, actor: Actor, problemId: string, fileId: string) {
  const row = await db.selectFrom('problem').selectAll().where('id', '=', problemId).executeTakeFirst();
  if (!row || !canReadProblem(actor, factsOf(row))) throw notFound(problemWord);
  const link = await db.selectFrom('problem_evidence').select('file_id').where('problem_id', '=', problemId).where('file_id', '=', fileId).executeTakeFirst();
  if (!link) throw notFound({ zh: '佐证材料', en: 'Evidence file' });
  return readStoredFile(db, fileId);
}
