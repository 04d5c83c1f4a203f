/**
 * The wire shapes of bulletins (通报): the request to preview or draft one, the weights of the county ranking,
 * the content model (the snapshot a published bulletin keeps, with the reports behind every figure) and the
 * bulletin records themselves.
 */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { timestamp } from './common.contract.ts';
import { periodText } from './plan-reports.contract.ts';
import { problemCategories, problemStatuses } from './plan-problems-constants.ts';
import { colourValues } from './plan-progress-constants.ts';

const isoDate = z.string().describe('calendar date YYYY-MM-DD');
const percent = z.number().describe('a percentage 0–100, rounded to 0.1');
const colour = z.enum(colourValues);

/** The states of a bulletin: a draft can be published once; a published bulletin never changes. */
export const bulletinStatuses = ['draft', 'published'] as const;

/** One of the bulletin states. */
export type BulletinStatus = (typeof bulletinStatuses)[number];

/** The weights of the composite score, as percentages that add up to 100. */
export const rankingWeights = z.strictObject({
  /** Target progress against the time schedule. */
  targetProgress: z.number().min(0).max(100),
  /** Reporting punctuality (a late report counts half). */
  punctuality: z.number().min(0).max(100),
  /** Problems closed out (销号) of those logged. */
  problemCloseOut: z.number().min(0).max(100),
});

/** The figure keys a trace can be asked for: letters, digits, `.`, `-` and `_`. */
export const figureKey = z
  .string()
  .max(120)
  .regex(/^[A-Za-z0-9._-]+$/, { message: bilingual('应为通报中的数据项编号', 'must be a figure key of the bulletin') });

/** `POST /api/plans/:id/bulletins/preview` and `POST /api/plans/:id/bulletins`. */
export const bulletinInput = z.strictObject({
  period: periodText,
  /** The bulletin's own document number (文号), e.g. 大足就业办〔2020〕12号. */
  docNumber: z.string().trim().min(1).max(60).optional(),
  /** The ranking weights for this bulletin; the plan's own, or the defaults, when absent. */
  weights: rankingWeights.optional(),
});

/** `PUT /api/plans/:id/bulletin-settings`: the ranking weights a plan's bulletins use unless told otherwise. */
export const bulletinSettingsInput = z.strictObject({ weights: rankingWeights });

/** `GET`/`PUT /api/plans/:id/bulletin-settings`. */
export const bulletinSettingsView = z.object({
  planId: z.string(),
  weights: rankingWeights,
  /** True when the plan sets no weights of its own and the defaults apply. */
  defaultWeights: z.boolean(),
  abilities: z.object({ update: z.boolean() }),
});

/** 一、 Targets against the time schedule (时序进度). */
export const targetsSection = z.object({
  kind: z.literal('targets'),
  heading: z.string(),
  summary: z.string(),
  rows: z.array(
    z.object({
      /** The key of this row's figures in `trace`. */
      key: z.string(),
      targetId: z.string(),
      indicator: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      comparator: z.enum(['>=', '<=', '=']),
      value: z.number(),
      unit: z.string(),
      deadline: isoDate,
      figure: z.number().nullable(),
      figureAsOf: isoDate.nullable(),
      progress: percent,
      schedule: percent,
      /** Percentage points behind the schedule (negative when ahead). */
      slip: z.number(),
      colour,
    }),
  ),
});

/** 二、 Reporting punctuality and completeness per unit. */
export const punctualitySection = z.object({
  kind: z.literal('punctuality'),
  heading: z.string(),
  summary: z.string(),
  due: isoDate,
  rows: z.array(
    z.object({
      key: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      regionCode: z.string(),
      assigned: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      missing: z.number().int(),
      /** Reports submitted ÷ reports assigned. */
      completeness: percent,
    }),
  ),
  totals: z.object({ assigned: z.number().int(), onTime: z.number().int(), late: z.number().int(), missing: z.number().int(), completeness: percent }),
});

/** 三、 Task colours (红黄蓝绿): the counts, and the red and yellow tasks with their lead units. */
export const coloursSection = z.object({
  kind: z.literal('colours'),
  heading: z.string(),
  summary: z.string(),
  counts: z.record(colour, z.number().int()),
  listed: z.array(
    z.object({
      key: z.string(),
      taskId: z.string(),
      number: z.string(),
      title: z.string(),
      colour,
      /** Why, in Chinese and English joined as `bilingual` joins them (`pickLanguage` takes one side); English only in bulletins drawn up before. */
      reason: z.string(),
      leadUnits: z.string(),
    }),
  ),
});

/** 四、 Open and overdue problems: counts by category and the 挂牌督办 list. */
export const problemsSection = z.object({
  kind: z.literal('problems'),
  heading: z.string(),
  summary: z.string(),
  /** The day the problems were counted on (the ledger as it stood when the bulletin was drawn up). */
  asOf: isoDate,
  totals: z.object({ total: z.number().int(), open: z.number().int(), overdue: z.number().int(), closed: z.number().int(), flagged: z.number().int() }),
  byCategory: z.array(
    z.object({ category: z.enum(problemCategories), label: z.string(), open: z.number().int(), overdue: z.number().int(), closed: z.number().int() }),
  ),
  flagged: z.array(
    z.object({
      problemId: z.string(),
      number: z.string(),
      title: z.string(),
      category: z.enum(problemCategories),
      regionName: z.string(),
      ownerUnit: z.string(),
      deadline: isoDate,
      status: z.enum(problemStatuses),
      overdue: z.boolean(),
    }),
  ),
});

/** 五、 The ranking of the regions one level below the plan's by the composite score. */
export const rankingSection = z.object({
  kind: z.literal('ranking'),
  heading: z.string(),
  summary: z.string(),
  weights: rankingWeights,
  rows: z.array(
    z.object({
      key: z.string(),
      rank: z.number().int(),
      regionCode: z.string(),
      regionName: z.string(),
      targetProgress: percent,
      punctuality: percent,
      problemCloseOut: percent,
      composite: percent,
    }),
  ),
});

/** One section of a bulletin. */
export const bulletinSection = z.discriminatedUnion('kind', [targetsSection, punctualitySection, coloursSection, problemsSection, rankingSection]);

/** What a bulletin says: the snapshot a published bulletin keeps unchanged. */
export const bulletinContent = z.object({
  plan: z.object({ id: z.string(), title: z.string(), docNumber: z.string().nullable() }),
  title: z.string(),
  /** The bulletin's own document number (文号). */
  docNumber: z.string().nullable(),
  period: z.string(),
  /** The period as people read it: 2020年6月, 2020年上半年. */
  label: z.string(),
  periodStart: isoDate,
  periodEnd: isoDate,
  due: isoDate,
  issuer: z.string(),
  issuedOn: isoDate,
  /** Whom the bulletin is addressed to (主送). */
  addressee: z.string(),
  /** The opening paragraph. */
  opening: z.string(),
  weights: rankingWeights,
  sections: z.array(bulletinSection),
  /** For every figure key, the ids of the reports the figure came from. */
  trace: z.record(z.string(), z.array(z.string())),
});

/** A bulletin as listed. */
export const bulletinSummary = z.object({
  id: z.string(),
  planId: z.string(),
  period: z.string(),
  label: z.string(),
  status: z.enum(bulletinStatuses),
  title: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string(),
  createdAt: timestamp,
  createdBy: z.string().nullable(),
  publishedAt: timestamp.nullable(),
  publishedBy: z.string().nullable(),
});

/** One bulletin with its content and what the actor may do with it. */
export const bulletinDetail = bulletinSummary.extend({
  weights: rankingWeights,
  content: bulletinContent,
  /** SHA-256 of the content in canonical JSON, so a copy can be checked against the record. */
  contentSha256: z.string(),
  abilities: z.object({ publish: z.boolean() }),
});

/** `GET /api/plans/:id/bulletins`. */
export const bulletinList = z.object({ items: z.array(bulletinSummary) });

/** One report behind a figure. */
export const tracedReport = z.object({
  id: z.string(),
  taskId: z.string(),
  taskNumber: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  period: z.string(),
  status: z.string(),
  firstSubmittedAt: timestamp.nullable(),
});

/** `GET /api/bulletins/:id/trace/:figureKey`. */
export const figureTrace = z.object({ bulletinId: z.string(), figureKey: z.string(), reports: z.array(tracedReport) });

export type RankingWeights = z.output<typeof rankingWeights>;
export type BulletinInput = z.output<typeof bulletinInput>;
export type BulletinContent = z.output<typeof bulletinContent>;
export type BulletinSection = z.output<typeof bulletinSection>;
export type TargetsSection = z.output<typeof targetsSection>;
export type PunctualitySection = z.output<typeof punctualitySection>;
export type ColoursSection = z.output<typeof coloursSection>;
export type ProblemsSection = z.output<typeof problemsSection>;
export type RankingSection = z.output<typeof rankingSection>;
export type BulletinSummary = z.output<typeof bulletinSummary>;
export type BulletinDetail = z.output<typeof bulletinDetail>;
export type FigureTrace = z.output<typeof figureTrace>;
export type BulletinSettingsView = z.output<typeof bulletinSettingsView>;
