/** The wire shapes of target progress: the time schedule, figures, colours and their history, allocation, colour rules. */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { isIsoDate } from '../kernel/periods.ts';
import { timestamp } from './common.contract.ts';
import { regionCode } from './org.contract.ts';
import { colourEntityTypes, colourValues } from './plan-progress-constants.ts';

export * from './plan-progress-constants.ts';

const isoDate = z.string().describe('calendar date YYYY-MM-DD');
const colour = z.enum(colourValues);

/** A date given by the client. */
const dateInput = z.string().max(10).refine(isIsoDate, { message: bilingual('应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD') });

/** `GET /api/plans/:id/progress?asOf=`: the day to judge progress on, today (in China) when absent. */
export const progressQuery = z.strictObject({ asOf: dateInput.optional() });

/** `GET /api/plans/:id/colour-history?entity=&limit=`. */
export const colourHistoryQuery = z.strictObject({
  /** One target's or task's history; the whole plan's when absent. */
  entity: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** A plan's colour thresholds. */
export const colourRules = z.strictObject({
  /** Points behind schedule above which a target turns yellow. */
  yellowSlip: z.number().min(0).max(100),
  /** Points behind schedule above which a target turns red; not below `yellowSlip`. */
  redSlip: z.number().min(0).max(100),
  /** Days before the deadline from which an unfinished target turns blue. */
  blueDays: z.number().int().min(0).max(366),
});

/** `PUT /api/plans/:id/targets/:targetId/allocation`: the target's split among the regions one level below. */
export const allocationInput = z.strictObject({
  parts: z
    .array(
      z.strictObject({
        regionCode,
        value: z.number().finite().min(0).max(1e12),
      }),
    )
    .min(1)
    .max(200),
});

/** A region's latest accepted figure for a target (null when it has none yet), and its allocated share. */
export const regionFigureView = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  figure: z.number().nullable(),
  asOf: isoDate.nullable(),
  /** The region's own allocated value, when the target was split among regions. */
  allocated: z.number().nullable(),
});

/** One target's progress against its time schedule. */
export const targetProgressView = z.object({
  id: z.string(),
  key: z.string(),
  indicator: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  /** The target this one is a region's share of. */
  parentTargetId: z.string().nullable(),
  comparator: z.enum(['>=', '<=', '=']),
  value: z.number(),
  unit: z.string(),
  deadline: isoDate,
  /** The share the time schedule (时序进度) expects by the day asked about, 0–1. */
  expectedShare: z.number(),
  /** The latest accepted figure for the target's own region, null when none. */
  figure: z.number().nullable(),
  figureAsOf: isoDate.nullable(),
  /** The share achieved (figure ÷ value for at-least targets; 1 or 0 for a limit held or broken). */
  progress: z.number(),
  met: z.boolean(),
  /** Percentage points behind schedule; negative when ahead. */
  slip: z.number(),
  colour,
  reason: z.string(),
  regions: z.array(regionFigureView),
});

/** `GET /api/plans/:id/progress`. */
export const planProgress = z.object({
  planId: z.string(),
  asOf: isoDate,
  rules: colourRules,
  /** True when the plan uses the default rules. */
  defaultRules: z.boolean(),
  abilities: z.object({ allocate: z.boolean(), setColourRules: z.boolean() }),
  targets: z.array(targetProgressView),
  tasks: z.array(z.object({ id: z.string(), number: z.string(), title: z.string().nullable(), colour, reason: z.string() })),
});

/** One recorded colour change. */
export const colourChangeView = z.object({
  id: z.string(),
  entityType: z.enum(colourEntityTypes),
  entityId: z.string(),
  /** The task number or the target indicator (and region) the change concerns. */
  label: z.string(),
  at: timestamp,
  from: colour.nullable(),
  to: colour,
  reason: z.string(),
});

/** `GET /api/plans/:id/colour-history`. */
export const colourHistory = z.object({ items: z.array(colourChangeView) });

/** A target's split among regions. */
export const allocationView = z.object({
  targetId: z.string(),
  value: z.number(),
  unit: z.string(),
  parts: z.array(z.object({ targetId: z.string(), regionCode: z.string(), regionName: z.string(), value: z.number() })),
});

export type ColourRulesInput = z.output<typeof colourRules>;
export type AllocationInput = z.output<typeof allocationInput>;
export type PlanProgress = z.output<typeof planProgress>;
export type TargetProgressView = z.output<typeof targetProgressView>;
export type ColourChangeView = z.output<typeof colourChangeView>;
export type AllocationView = z.output<typeof allocationView>;
