/** The wire shapes of the problem ledger (问题台账): logging, the workflow, lists, one problem and the summary. */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { isIsoDate } from '../kernel/periods.ts';
import { pagingQuery, timestamp } from './common.contract.ts';
import { regionCode } from './org.contract.ts';
import {
  followUpOutcomes,
  ownerLevels,
  problemCategories,
  problemEventKinds,
  problemSeverities,
  problemStatuses,
  reporterKinds,
} from './plan-problems-constants.ts';

export * from './plan-problems-constants.ts';

const isoDate = z.string().refine(isIsoDate, { message: bilingual('应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD') });
const text = (max: number) => z.string().trim().min(1).max(max);
const comment = text(2000);
const reason = text(1000);

/** An amount in fen: a whole, non-negative number (e.g. the wages or accounts in arrears). */
const amountFen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** `POST /api/problems`. */
export const logProblemInput = z.strictObject({
  /** The unit the reporter acts for; needed only when the user holds roles on several units. */
  unitId: z.uuid().optional(),
  /** Where the problem is; defaults to the reporting unit's region. */
  regionCode: regionCode.optional(),
  planId: z.uuid().optional(),
  taskId: z.uuid().optional(),
  /** The enterprise concerned; a liaison officer (caseworker) names the enterprise logged for. */
  enterpriseName: text(100).optional(),
  /** Its unified social credit code (统一社会信用代码), checked by checksum. */
  enterpriseCreditCode: z.string().trim().min(1).max(30).optional(),
  category: z.enum(problemCategories),
  severity: z.enum(problemSeverities).default('medium'),
  title: text(200),
  description: text(4000),
  amountFen: amountFen.nullish(),
  /** Defaults to 30 days after the day it is logged; never in the past. */
  deadline: isoDate.optional(),
  /** The owning unit at the first level; defaults to the government (专班) of the owner region. */
  ownerUnitId: z.uuid().optional(),
});

/** `PATCH /api/problems/:id`: corrections while the problem is being handled. */
export const reviseProblemInput = z
  .strictObject({
    category: z.enum(problemCategories).optional(),
    severity: z.enum(problemSeverities).optional(),
    title: text(200).optional(),
    description: text(4000).optional(),
    amountFen: amountFen.nullish(),
    deadline: isoDate.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: bilingual('至少修改一项', 'change at least one field') });

/** `POST /api/problems/:id/assign`. */
export const assignProblemInput = z.strictObject({ assigneeUserId: z.uuid(), deadline: isoDate.optional(), comment: comment.optional() });

/** `POST /api/problems/:id/progress`. */
export const recordProgressInput = z.strictObject({ comment });

/** `POST /api/problems/:id/escalate`. */
export const escalateProblemInput = z.strictObject({
  reason,
  /** The unit of the next region up that takes the problem; defaults to that region's government. */
  ownerUnitId: z.uuid().optional(),
});

/** `POST /api/problems/:id/flag` and `/unflag`. */
export const flagProblemInput = z.strictObject({ reason });

/** `POST /api/problems/:id/resolve`. */
export const resolveProblemInput = z.strictObject({ resolution: text(4000) });

/** `POST /api/problems/:id/close`: the verifier's sign-off (销号). */
export const closeProblemInput = z.strictObject({
  comment: comment.optional(),
  /** The 回头看 date; defaults to 30 days after closing. */
  followUpOn: isoDate.optional(),
});

/** `POST /api/problems/:id/reopen`. */
export const reopenProblemInput = z.strictObject({ reason });

/** `POST /api/problems/:id/follow-up`: what the 回头看 found. */
export const followUpInput = z.strictObject({
  outcome: z.enum(followUpOutcomes),
  comment,
  /** Another 回头看 date when the resolution holds; none when omitted. */
  nextFollowUpOn: isoDate.optional(),
});

const flagText = z.enum(['true', 'false']);

/** `GET /api/problems`: filters, paged. */
export const listProblemsQuery = z.strictObject({
  status: z.enum(problemStatuses).optional(),
  category: z.enum(problemCategories).optional(),
  flagged: flagText.optional(),
  overdue: flagText.optional(),
  region: regionCode.optional(),
  plan: z.uuid().optional(),
  ...pagingQuery,
});

/** `GET /api/problems/summary`. */
export const problemSummaryQuery = z.strictObject({ plan: z.uuid().optional(), region: regionCode.optional() });

const person = z.object({ id: z.string(), name: z.string() });
const unitRef = z.object({ id: z.string(), name: z.string() });

/** A problem as listed. */
export const problemListItem = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  category: z.enum(problemCategories),
  severity: z.enum(problemSeverities),
  status: z.enum(problemStatuses),
  regionCode: z.string(),
  regionName: z.string(),
  ownerLevel: z.enum(ownerLevels),
  ownerUnit: unitRef,
  assignee: person.nullable(),
  reporterKind: z.enum(reporterKinds),
  enterpriseName: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  deadline: z.string(),
  overdue: z.boolean(),
  flagged: z.boolean(),
  flagSource: z.enum(['manual', 'rule']).nullable(),
  planId: z.string().nullable(),
  taskId: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** One event of a problem's history. */
export const problemEventView = z.object({
  id: z.number().int(),
  at: timestamp,
  kind: z.enum(problemEventKinds),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  fromLevel: z.enum(ownerLevels).nullable(),
  toLevel: z.enum(ownerLevels).nullable(),
  toUnit: unitRef.nullable(),
  assignee: person.nullable(),
  outcome: z.enum(followUpOutcomes).nullable(),
  comment: z.string().nullable(),
});

/** A file attached to a problem as evidence. */
export const problemEvidenceView = z.object({
  fileId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  attachedAt: timestamp,
  attachedBy: z.string().nullable(),
});

/** What the actor may do with a problem; the UI only reads these. */
export const problemAbilities = z.object({
  revise: z.boolean(),
  assign: z.boolean(),
  progress: z.boolean(),
  escalate: z.boolean(),
  flag: z.boolean(),
  unflag: z.boolean(),
  attachEvidence: z.boolean(),
  resolve: z.boolean(),
  close: z.boolean(),
  reopen: z.boolean(),
  followUp: z.boolean(),
});

/** One problem with its history and evidence. */
export const problemDetail = problemListItem.extend({
  description: z.string(),
  enterpriseCreditCode: z.string().nullable(),
  reportedBy: z.object({ user: person, unit: unitRef.nullable() }),
  flagReason: z.string().nullable(),
  resolution: z.string().nullable(),
  resolvedBy: person.nullable(),
  resolvedAt: timestamp.nullable(),
  verifiedBy: person.nullable(),
  verifiedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  followUpOn: z.string().nullable(),
  history: z.array(problemEventView),
  evidence: z.array(problemEvidenceView),
  abilities: problemAbilities,
});

const countsBy = <T extends readonly [string, ...string[]]>(values: T) => z.record(z.enum(values), z.number().int());

/** `GET /api/problems/summary`: counts for bulletins and the board. */
export const problemSummary = z.object({
  total: z.number().int(),
  byStatus: countsBy(problemStatuses),
  byCategory: countsBy(problemCategories),
  byLevel: countsBy(ownerLevels),
  /** Under 挂牌督办 now (closing lifts the flag). */
  flagged: z.number().int(),
  /** Past the deadline and not closed. */
  overdue: z.number().int(),
});

/** Input of `POST /api/problems`. */
export type LogProblemInput = z.output<typeof logProblemInput>;
/** Input of `PATCH /api/problems/:id`. */
export type ReviseProblemInput = z.output<typeof reviseProblemInput>;
/** Input of `POST /api/problems/:id/assign`. */
export type AssignProblemInput = z.output<typeof assignProblemInput>;
/** Input of `POST /api/problems/:id/close`. */
export type CloseProblemInput = z.output<typeof closeProblemInput>;
/** Input of `POST /api/problems/:id/follow-up`. */
export type FollowUpInput = z.output<typeof followUpInput>;
/** A problem as listed. */
export type ProblemListItem = z.output<typeof problemListItem>;
/** One problem with its history, evidence and abilities. */
export type ProblemDetail = z.output<typeof problemDetail>;
/** One event of a problem's history. */
export type ProblemEventView = z.output<typeof problemEventView>;
/** What the actor may do with a problem. */
export type ProblemAbilities = z.output<typeof problemAbilities>;
/** The counts of `GET /api/problems/summary`. */
export type ProblemSummary = z.output<typeof problemSummary>;
