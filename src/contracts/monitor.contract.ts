/** The wire shapes of monitoring (监测): indicators, subjects, forms, values, submissions, aggregates and the dashboard. */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { parsePeriod } from '../kernel/periods.ts';
import { pagingQuery, timestamp } from './common.contract.ts';
import { regionCode } from './org.contract.ts';
import { subjectKinds, entryLevels, frequencies, regionAggregations, timeAggregations, valueTypes, breakdownDimensions, submissionStatuses, valueSources, targetStandings } from './monitor-constants.ts';

/** The vocabularies, re-exported for those who import the contract. */
export {
  subjectKinds,
  entryLevels,
  frequencies,
  dashboardFrequencies,
  regionAggregations,
  timeAggregations,
  valueTypes,
  breakdownDimensions,
  submissionStatuses,
  valueSources,
  targetStandings,
  outliersUnconfirmedCode,
  type Frequency,
  type SubmissionStatus,
  type TargetStanding,
} from './monitor-constants.ts';

/** An indicator or form code: lower-case letters, digits and underscores, starting with a letter. */
export const monitorCode = z
  .string()
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/, { message: bilingual('应为小写字母开头的字母、数字、下划线', 'must be lower-case letters, digits and underscores, starting with a letter') });

/** A period in canonical form, days included: `2020`, `2020H1`, `2020Q2`, `2020-06`, `2020-06-15`. */
export const monitorPeriod = z
  .string()
  .max(10)
  .refine((value) => /^\d{4}(H[12]|Q[1-4]|-\d{2}(-\d{2})?)?$/.test(value) && parsePeriod(value) !== null, {
    message: bilingual('应为期别，如 2020-06-15、2020-06、2020Q2、2020H1 或 2020', 'must be a period such as 2020-06-15, 2020-06, 2020Q2, 2020H1 or 2020'),
  });

const category = z.string().trim().min(1).max(40);
const breakdownText = z.string().trim().max(40).default('');
/** A comma-separated list in a query string, split and bounded. */
function commaList(item: z.ZodString, max: number) {
  return z
    .string()
    .max(max * 70)
    .transform((text) => text.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
    .pipe(z.array(item).min(1).max(max));
}

/** `POST /api/monitor/indicators`. */
export const createIndicatorInput = z.strictObject({
  code: monitorCode,
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(200),
  unit: z.string().trim().min(1).max(20),
  valueType: z.enum(valueTypes),
  frequency: z.enum(frequencies),
  entryLevel: z.enum(entryLevels),
  subjectKind: z.enum(subjectKinds).nullable().default(null),
  regionAggregation: z.enum(regionAggregations),
  /** weighted_mean: the code of the indicator whose values are the weights. */
  weightIndicator: monitorCode.nullable().default(null),
  timeAggregation: z.enum(timeAggregations),
  /** formula: arithmetic over other indicators' codes. */
  formula: z.string().trim().min(1).max(500).nullable().default(null),
  breakdownDimension: z.enum(breakdownDimensions).nullable().default(null),
  breakdownCategories: z.array(category).max(50).default([]),
  decimals: z.number().int().min(0).max(6).default(0),
  description: z.string().trim().max(2000).nullable().default(null),
  source: z.string().trim().max(500).nullable().default(null),
  /** Shown on the dashboard in this position; null keeps it off. */
  dashboardPosition: z.number().int().min(1).max(999).nullable().default(null),
});

/** `PATCH /api/monitor/indicators/:id`: what can change without rewriting stored roll-ups. */
export const updateIndicatorInput = z.strictObject({
  nameZh: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().min(1).max(200).optional(),
  unit: z.string().trim().min(1).max(20).optional(),
  timeAggregation: z.enum(timeAggregations).optional(),
  formula: z.string().trim().min(1).max(500).optional(),
  /** Categories can be added, never removed (values may use them). */
  breakdownCategories: z.array(category).max(50).optional(),
  decimals: z.number().int().min(0).max(6).optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  source: z.string().trim().max(500).nullable().optional(),
  dashboardPosition: z.number().int().min(1).max(999).nullable().optional(),
});

/** An indicator as the API shows it. */
export const indicatorView = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  valueType: z.enum(valueTypes),
  frequency: z.enum(frequencies),
  entryLevel: z.enum(entryLevels),
  subjectKind: z.enum(subjectKinds).nullable(),
  regionAggregation: z.enum(regionAggregations),
  weightIndicator: z.string().nullable(),
  timeAggregation: z.enum(timeAggregations),
  formula: z.string().nullable(),
  breakdownDimension: z.enum(breakdownDimensions).nullable(),
  breakdownCategories: z.array(z.string()),
  decimals: z.number().int(),
  description: z.string().nullable(),
  source: z.string().nullable(),
  dashboardPosition: z.number().int().nullable(),
  updatedAt: timestamp,
  abilities: z.object({ manage: z.boolean() }),
});

/** `GET /api/monitor/indicators`. */
export const listIndicatorsQuery = z.strictObject({
  q: z.string().trim().min(1).max(50).optional(),
  frequency: z.enum(frequencies).optional(),
  entryLevel: z.enum(entryLevels).optional(),
  ...pagingQuery,
});

/** `POST /api/monitor/subjects`. */
export const createSubjectInput = z.strictObject({
  kind: z.enum(subjectKinds),
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(200),
  regionCode,
  unitId: z.uuid().nullable().default(null),
  attributes: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()])).default({}),
});

/** `PATCH /api/monitor/subjects/:id`: the region can change only while the subject has no values. */
export const updateSubjectInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  regionCode: regionCode.optional(),
  unitId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
  attributes: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
});

/** A subject as the API shows it. */
export const subjectView = z.object({
  id: z.uuid(),
  kind: z.enum(subjectKinds),
  code: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  unitId: z.uuid().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  active: z.boolean(),
});

/** `GET /api/monitor/subjects`: subjects inside a region's subtree (the actor's whole reach by default). */
export const listSubjectsQuery = z.strictObject({
  region: regionCode.optional(),
  kind: z.enum(subjectKinds).optional(),
  q: z.string().trim().min(1).max(50).optional(),
  ...pagingQuery,
});

/** A validation rule of a form. */
export const formRule = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('equation'),
    /** `headcount_end = headcount_start + hires - separations`: both sides formulas over the form's codes. */
    expression: z.string().trim().min(3).max(500),
    tolerance: z.number().min(0).max(1e9).default(0),
  }),
  z.strictObject({ kind: z.literal('range'), indicator: monitorCode, min: z.number().nullable().default(null), max: z.number().nullable().default(null) }),
  /** Every indicator marked required on the form must be present (the rule takes no parameters). */
  z.strictObject({ kind: z.literal('required') }),
  z.strictObject({
    kind: z.literal('outlier'),
    /** One indicator, or every indicator of the form when null. */
    indicator: monitorCode.nullable().default(null),
    limit: z.number().positive().max(100).default(3.5),
    window: z.number().int().min(4).max(60).default(12),
  }),
]);

/** `POST /api/monitor/forms`. */
export const createFormInput = z.strictObject({
  code: monitorCode,
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(200),
  reporterLevel: z.enum(entryLevels),
  subjectKind: z.enum(subjectKinds).nullable().default(null),
  frequency: z.enum(frequencies),
  scopeRegionCode: regionCode,
  dueDays: z.number().int().min(0).max(366).default(10),
  graceDays: z.number().int().min(0).max(366).default(0),
  indicators: z.array(z.strictObject({ code: monitorCode, required: z.boolean().default(true) })).min(1).max(100),
  rules: z.array(formRule).max(50).default([]),
  source: z.string().trim().max(500).nullable().default(null),
});

/** A form as the API shows it. */
export const formView = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  reporterLevel: z.enum(entryLevels),
  subjectKind: z.enum(subjectKinds).nullable(),
  frequency: z.enum(frequencies),
  scopeRegionCode: z.string(),
  dueDays: z.number().int(),
  graceDays: z.number().int(),
  indicators: z.array(z.object({ id: z.uuid(), code: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), required: z.boolean(), breakdownCategories: z.array(z.string()) })),
  rules: z.array(formRule),
  source: z.string().nullable(),
  active: z.boolean(),
  abilities: z.object({ manage: z.boolean(), file: z.boolean() }),
});

/** `GET /api/monitor/forms`. */
export const listFormsQuery = z.strictObject({ region: regionCode.optional(), ...pagingQuery });

/** One value as posted: the indicator by code, the region or the subject, period, category, figure. */
export const valueInput = z.strictObject({
  indicator: monitorCode,
  /** The region entered for; omitted for a subject's value (the subject's region is used). */
  regionCode: regionCode.optional(),
  subjectId: z.uuid().optional(),
  period: monitorPeriod,
  breakdown: breakdownText,
  /** A number, or decimal text; anything else is refused naming the row. */
  value: z.union([z.number(), z.string().max(40)]),
});

/** `POST /api/monitor/values`: a batch saved in one transaction with source `api`. */
export const saveValuesInput = z.strictObject({ values: z.array(valueInput).min(1).max(5000) });

/** What a save changed. */
export const saveValuesResult = z.object({ saved: z.number().int() });

/** `GET /api/monitor/values`: the values entered at a region's children (and its subjects) for a data-entry table. */
export const listValuesQuery = z.strictObject({
  region: regionCode,
  period: monitorPeriod,
  indicators: commaList(monitorCode, 100),
});

/** One stored value. */
export const valueView = z.object({
  indicator: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  subjectId: z.uuid().nullable(),
  subjectName: z.string().nullable(),
  period: z.string(),
  breakdown: z.string(),
  value: z.string().describe('exact decimal text'),
  source: z.enum(valueSources),
  outlierConfirmed: z.boolean(),
  enteredAt: timestamp,
  submissionStatus: z.enum(submissionStatuses).nullable(),
});

/** `POST /api/monitor/forms/:id/file`: the figures of one form for a region or subject and period. */
export const fileFormInput = z.strictObject({
  regionCode: regionCode.optional(),
  subjectId: z.uuid().optional(),
  period: monitorPeriod,
  values: z.array(z.strictObject({ indicator: monitorCode, breakdown: breakdownText, value: z.union([z.number(), z.string().max(40)]) })).max(2000),
  /** Save values flagged as outliers anyway: the user has checked them. */
  confirmOutliers: z.boolean().default(false),
});

/** A filed form. */
export const submissionView = z.object({
  id: z.uuid(),
  formId: z.uuid(),
  formCode: z.string(),
  formName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  subjectId: z.uuid().nullable(),
  subjectName: z.string().nullable(),
  period: z.string(),
  status: z.enum(submissionStatuses),
  late: z.boolean(),
  submittedAt: timestamp,
  decidedAt: timestamp.nullable(),
  comment: z.string().nullable(),
  abilities: z.object({ approve: z.boolean(), return: z.boolean() }),
});

/** The result of filing: the submission and the outliers that were confirmed. */
export const fileFormResult = z.object({ submission: submissionView, saved: z.number().int(), confirmedOutliers: z.array(z.string()) });

/** `POST /api/monitor/submissions/:id/return`: what must change. */
export const returnSubmissionInput = z.strictObject({ comment: z.string().trim().min(2).max(1000) });

/** `POST /api/monitor/submissions/:id/approve`. */
export const approveSubmissionInput = z.strictObject({ comment: z.string().trim().max(1000).optional() });

/** `GET /api/monitor/submissions`. */
export const listSubmissionsQuery = z.strictObject({
  form: z.uuid().optional(),
  period: monitorPeriod.optional(),
  status: z.enum(submissionStatuses).optional(),
  region: regionCode.optional(),
  ...pagingQuery,
});

/** `GET /api/monitor/aggregates`: indicator codes × regions × periods. */
export const aggregatesQuery = z.strictObject({
  indicators: commaList(monitorCode, 50),
  regions: commaList(regionCode, 50),
  periods: commaList(monitorPeriod, 36),
  breakdown: breakdownText,
});

/** A figure with the indicator codes that were missing (null value). */
export const aggregateView = z.object({
  indicator: z.string(),
  regionCode: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  missing: z.array(z.string()),
});

/** `GET /api/monitor/aggregates` answer. */
export const aggregatesResult = z.object({ items: z.array(aggregateView) });

/** `GET /api/monitor/series`. */
export const seriesQuery = z.strictObject({
  indicator: monitorCode,
  region: regionCode,
  subject: z.uuid().optional(),
  from: monitorPeriod,
  to: monitorPeriod,
  breakdown: breakdownText,
});

/** `GET /api/monitor/series` answer. */
export const seriesResult = z.object({
  indicator: z.string(),
  regionCode: z.string(),
  items: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
});

/** `GET /api/monitor/children`. */
export const childrenQuery = z.strictObject({ indicator: monitorCode, region: regionCode, period: monitorPeriod, breakdown: breakdownText });

/** `GET /api/monitor/children` answer: every child region, visible to the actor, with its figure. */
export const childrenResult = z.object({
  indicator: z.string(),
  regionCode: z.string(),
  period: z.string(),
  items: z.array(z.object({ regionCode: z.string(), regionName: z.string(), value: z.number().nullable(), missing: z.array(z.string()) })),
});

/** `GET /api/monitor/dashboard` and `.xlsx`. */
export const dashboardQuery = z.strictObject({ region: regionCode, period: monitorPeriod });

/** The plan target an indicator is set against: the target whose indicator text is the indicator's Chinese name. */
export const dashboardTarget = z.object({
  planId: z.uuid(),
  targetId: z.uuid(),
  comparator: z.enum(['>=', '<=', '=']),
  value: z.number(),
  unit: z.string(),
  deadline: z.string(),
  /** The time schedule's share expected by the end of the period (0–1). */
  expectedShare: z.number(),
  /** The target in the indicator's unit (1.8 万人 → 18000 人); null when the units do not convert. */
  valueInIndicatorUnit: z.number().nullable(),
  /** Why the target is not compared (units that do not convert), in both languages; null when it is. */
  notComparedBecause: z.object({ zh: z.string(), en: z.string() }).nullable(),
  /** Whether the target is annual and cumulative: a `>=` target on an indicator summed over time, held by its year to date. */
  cumulative: z.boolean(),
  /** The figure held against the target: the year to date when cumulative, else the period's figure. */
  compared: z.number().nullable(),
  /** What is due by the period's end in the indicator's unit: the target × `expectedShare` when cumulative, else the target. */
  due: z.number().nullable(),
  /** The verdict: on schedule / met, behind, or unknown (no figure, or units that do not convert). */
  standing: z.enum(targetStandings),
});

/** One key indicator on the dashboard. */
export const dashboardItem = z.object({
  indicator: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  decimals: z.number().int(),
  /** How often the indicator is entered. */
  frequency: z.enum(frequencies),
  /** The period the figure is for: the asked one, or the indicator's own period containing its end. */
  period: z.string(),
  value: z.number().nullable(),
  missing: z.array(z.string()),
  /** For an indicator summed over time: the total of the year's periods up to and including `period` (累计); else null. */
  yearToDate: z.number().nullable(),
  previousPeriod: z.string(),
  previous: z.number().nullable(),
  yearAgoPeriod: z.string(),
  yearAgo: z.number().nullable(),
  target: dashboardTarget.nullable(),
});

/** `GET /api/monitor/dashboard` answer. */
export const dashboardResult = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  period: z.string(),
  items: z.array(dashboardItem),
});

/** Wire types. */
export type IndicatorView = z.output<typeof indicatorView>;
export type CreateIndicatorInput = z.output<typeof createIndicatorInput>;
export type UpdateIndicatorInput = z.output<typeof updateIndicatorInput>;
export type SubjectView = z.output<typeof subjectView>;
export type CreateSubjectInput = z.output<typeof createSubjectInput>;
export type UpdateSubjectInput = z.output<typeof updateSubjectInput>;
export type FormRule = z.output<typeof formRule>;
export type FormView = z.output<typeof formView>;
export type CreateFormInput = z.output<typeof createFormInput>;
export type ValueInput = z.output<typeof valueInput>;
export type ValueView = z.output<typeof valueView>;
export type FileFormInput = z.output<typeof fileFormInput>;
export type SubmissionView = z.output<typeof submissionView>;
export type AggregateView = z.output<typeof aggregateView>;
export type DashboardItem = z.output<typeof dashboardItem>;
export type DashboardResult = z.output<typeof dashboardResult>;
