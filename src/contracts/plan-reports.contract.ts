/** The wire shapes of periodic reports: periods, my tasks, drafts, the review workflow and punctuality. */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { parsePeriod } from '../kernel/periods.ts';
import { pagingQuery, timestamp } from './common.contract.ts';
import { regionCode } from './org.contract.ts';

/** The states of a report: `draft → submitted → accepted`, or `submitted → returned → submitted`. */
export const reportStatuses = ['draft', 'submitted', 'accepted', 'returned'] as const;

/** What a unit says about a task's progress. */
export const progressStatuses = ['not_started', 'on_track', 'at_risk', 'delayed', 'completed'] as const;

/** How a report stands against its due date. */
export const timelinessValues = ['on_time', 'late', 'missing', 'not_due'] as const;

const isoDate = z.string().describe('calendar date YYYY-MM-DD');

/** A period in canonical form: `2020`, `2020H1`, `2020Q2` or `2020-06`. */
export const periodText = z
  .string()
  .max(10)
  .refine((value) => /^\d{4}(H[12]|Q[1-4]|-\d{2})?$/.test(value) && parsePeriod(value) !== null, {
    message: bilingual('应为报告期，如 2020-06、2020Q2、2020H1 或 2020', 'must be a period such as 2020-06, 2020Q2, 2020H1 or 2020'),
  });

/** One reporting period of a plan. */
export const reportingPeriodView = z.object({
  period: z.string(),
  start: isoDate,
  end: isoDate,
  due: isoDate,
  label: z.object({ zh: z.string(), en: z.string() }),
});

/** `GET /api/plans/:id/periods`. */
export const periodList = z.object({
  items: z.array(reportingPeriodView),
  /** The period being reported on today (the first not yet past its due date), null without periods. */
  current: z.string().nullable(),
});

/** A figure for one of the task's targets: the cumulative value for a region as of the period end. */
export const figureInput = z.strictObject({
  targetId: z.uuid(),
  regionCode,
  value: z.number(),
});

/** `PUT /api/reports/draft`: creates or updates the draft (or returned report) of a task, unit and period. */
export const saveDraftInput = z.strictObject({
  taskId: z.uuid(),
  unitId: z.uuid(),
  period: periodText,
  progressStatus: z.enum(progressStatuses),
  narrative: z.string().max(5000).default(''),
  figures: z.array(figureInput).max(100).default([]),
});

/** `POST /api/tasks/:taskId/acknowledge`. */
export const acknowledgeInput = z.strictObject({ unitId: z.uuid() });

/** `POST /api/reports/:id/accept`: an optional remark. */
export const acceptInput = z.strictObject({ comment: z.string().trim().max(1000).optional() });

/** `POST /api/reports/:id/return`: what must change, at least two characters. */
export const returnInput = z.strictObject({ comment: z.string().trim().min(2).max(1000) });

/** `GET /api/reports`. */
export const listReportsQuery = z.strictObject({
  plan: z.uuid().optional(),
  period: periodText.optional(),
  unit: z.uuid().optional(),
  status: z.enum(reportStatuses).optional(),
  ...pagingQuery,
});

/** `GET /api/my/tasks`. */
export const myTasksQuery = z.strictObject({ plan: z.uuid().optional(), period: periodText.optional() });

/** `GET /api/plans/:id/punctuality`; without a period, the current one. */
export const punctualityQuery = z.strictObject({ period: periodText.optional() });

/** A report in a list. */
export const reportSummary = z.object({
  id: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  taskId: z.string(),
  taskNumber: z.string(),
  taskTitle: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  unitRegionCode: z.string(),
  period: z.string(),
  status: z.enum(reportStatuses),
  progressStatus: z.enum(progressStatuses),
  submittedAt: timestamp.nullable(),
  firstSubmittedAt: timestamp.nullable(),
  reviewedAt: timestamp.nullable(),
  updatedAt: timestamp,
  version: z.number().int(),
});

/** One transition of a report. */
export const reportEventView = z.object({
  at: timestamp,
  actorName: z.string(),
  fromStatus: z.enum(reportStatuses).nullable(),
  toStatus: z.enum(reportStatuses),
  comment: z.string().nullable(),
});

/** A figure of a report; `accepted` is null while the report has not been submitted. */
export const reportFigureView = z.object({
  targetId: z.string(),
  targetKey: z.string(),
  indicator: z.string(),
  unit: z.string(),
  regionCode: z.string(),
  value: z.number(),
  accepted: z.boolean().nullable(),
});

/** A file attached to a report. */
export const attachmentView = z.object({
  fileId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: timestamp,
});

/** `GET /api/reports/:id`. */
export const reportDetail = reportSummary.extend({
  narrative: z.string(),
  due: isoDate.nullable(),
  timeliness: z.enum(timelinessValues).nullable(),
  reviewComment: z.string().nullable(),
  events: z.array(reportEventView),
  figures: z.array(reportFigureView),
  attachments: z.array(attachmentView),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), attach: z.boolean(), accept: z.boolean(), return: z.boolean() }),
});

/** One task of one of my units, with the unit's acknowledgement and its report for the period. */
export const myTaskView = z.object({
  planId: z.string(),
  planTitle: z.string(),
  taskId: z.string(),
  taskNumber: z.string(),
  taskTitle: z.string().nullable(),
  taskText: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  isLead: z.boolean(),
  acknowledgedAt: timestamp.nullable(),
  targetIds: z.array(z.string()),
  period: z.string().nullable(),
  due: isoDate.nullable(),
  report: z.object({ id: z.string(), status: z.enum(reportStatuses), progressStatus: z.enum(progressStatuses), version: z.number().int() }).nullable(),
  timeliness: z.enum(timelinessValues).nullable(),
});

/** `GET /api/my/tasks`. */
export const myTaskList = z.object({ items: z.array(myTaskView) });

/** `POST /api/tasks/:taskId/acknowledge`. */
export const acknowledgement = z.object({ taskId: z.string(), unitId: z.string(), acknowledgedAt: timestamp });

/** One unit's punctuality for a period. */
export const unitPunctuality = z.object({
  unitId: z.string(),
  unitName: z.string(),
  regionCode: z.string(),
  assigned: z.number().int(),
  reported: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  notDue: z.number().int(),
  /** Reported tasks ÷ assigned tasks, 0–1. */
  completeness: z.number(),
  /** The worst of its tasks: missing, late, not due, on time. */
  timeliness: z.enum(timelinessValues),
});

/** `GET /api/plans/:id/punctuality`. */
export const punctualityView = z.object({
  planId: z.string(),
  period: z.string(),
  due: isoDate,
  items: z.array(unitPunctuality),
});

export type SaveDraftInput = z.output<typeof saveDraftInput>;
export type ReportStatus = (typeof reportStatuses)[number];
export type ProgressStatus = (typeof progressStatuses)[number];
export type Timeliness = (typeof timelinessValues)[number];
export type ReportSummary = z.output<typeof reportSummary>;
export type ReportDetail = z.output<typeof reportDetail>;
export type MyTaskView = z.output<typeof myTaskView>;
export type UnitPunctuality = z.output<typeof unitPunctuality>;
export type PunctualityView = z.output<typeof punctualityView>;
