/**
 * The wire shapes of warning rules, alerts and silences (分级预警, 分层响应): rule definitions with their
 * thresholds, parameters and response plans; the alert board; an alert with its history; precision.
 */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { pagingQuery, timestamp } from './common.contract.ts';
import { unitKinds } from './constants.ts';
import {
  alertEventKinds,
  alertStatuses,
  levelNames,
  responseRegionLevels,
  ruleSourceKinds,
  warningDirections,
  warningKinds,
  watchLevels,
  type LevelName,
  type WarningDirection,
  type WarningKind,
} from './monitor-warnings-constants.ts';
import { regionCode } from './org.contract.ts';

export * from './monitor-warnings-constants.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const finite = z.number().finite().min(-1e12).max(1e12);

/** The boundary of each level present; at least one. Ordering by direction is checked with the rule. */
export const thresholdsInput = z
  .strictObject({ IV: finite.optional(), III: finite.optional(), II: finite.optional(), I: finite.optional() })
  .refine((value) => levelNames.some((name) => value[name] !== undefined), {
    message: bilingual('至少给出一个级别的界值（IV、III、II、I）', 'give the boundary of at least one level (IV, III, II, I)'),
  });

/** Boundaries by level name. */
export type Thresholds = Partial<Record<LevelName, number>>;

/** Where the units to notify are found: named units, or units of a kind at a region seen from the alert. */
const unitKindAt = z.strictObject({ kind: z.enum(unitKinds), level: z.enum(responseRegionLevels).default('own') });

/** The response (分层响应) to one level: who is told, hours to acknowledge and to respond, required actions. */
export const responseLevelInput = z.strictObject({
  /** Named units told of the alert wherever it is. */
  unitIds: z.array(z.uuid()).max(50).default([]),
  /** Units of these kinds in the region given (e.g. the county government and its human-resources bureau). */
  unitKinds: z.array(unitKindAt).max(20).default([]),
  /** Hours after raising by which someone must acknowledge, else the alert escalates one level up. */
  acknowledgeHours: z.number().positive().max(24 * 30),
  /** Hours after raising by which the response must be under way. */
  respondHours: z.number().positive().max(24 * 365),
  /** What must be done at this level. */
  actions: z.array(text(500)).max(20).default([]),
});

/** A response plan as stored: one entry per level present in the thresholds. */
export type ResponsePlan = Partial<Record<LevelName, z.output<typeof responseLevelInput>>>;

/** The response plan by level name. */
export const responseInput = z.strictObject({
  IV: responseLevelInput.optional(),
  III: responseLevelInput.optional(),
  II: responseLevelInput.optional(),
  I: responseLevelInput.optional(),
});

/** Parameters of each kind; unknown fields are refused. */
export const ruleParamsSchemas = {
  threshold: z.strictObject({}),
  change_previous: z.strictObject({}),
  change_year_ago: z.strictObject({}),
  days_of_supply: z.strictObject({}),
  behind_schedule: z.strictObject({
    /** The plan target to follow; by default the target of the watched region named like the indicator. */
    targetId: z.uuid().optional(),
  }),
  robust_z: z.strictObject({
    /** Periods of history the median and MAD are taken over. */
    window: z.number().int().min(3).max(120).default(12),
    /** Fewest history values that give a measure. */
    minHistory: z.number().int().min(3).max(120).default(6),
  }),
  price_anomaly: z.strictObject({
    quarterWeight: z.number().min(0).max(1).default(0.5),
    annualWeight: z.number().min(0).max(1).default(0.5),
    /** Fewest history growth rates of each kind for the index; fewer → the fallback. */
    minHistory: z.number().int().min(3).max(240).default(12),
    /** Periods of history the growth rates' mean and deviation are taken over. */
    window: z.number().int().min(12).max(240).default(60),
    /** Boundaries (in %) for the fallback measure, a change on a year ago or on the previous period. */
    fallbackThresholds: thresholdsInput,
  }),
} as const satisfies Record<WarningKind, z.ZodType>;

/** The parameters of a kind, as parsed. */
export type RuleParams<K extends WarningKind = WarningKind> = z.output<(typeof ruleParamsSchemas)[K]>;

/** One problem found in a rule's shape: the field and the message. */
export interface RuleShapeIssue {
  path: (string | number)[];
  message: string;
}

/** Kinds whose measure only ever means "too high" or only "too low". */
const fixedDirection: Partial<Record<WarningKind, WarningDirection>> = { robust_z: 'above', days_of_supply: 'below', behind_schedule: 'above' };

/**
 * Boundaries must grow in severity: for `above`, IV < III < II < I (a higher measure is worse); for
 * `below`, IV > III > II > I. Returns the issues found under `path`.
 */
export function thresholdIssues(thresholds: Thresholds, direction: WarningDirection, path: string): RuleShapeIssue[] {
  const present = levelNames.filter((name) => thresholds[name] !== undefined);
  const issues: RuleShapeIssue[] = [];
  for (let index = 1; index < present.length; index += 1) {
    const milder = present[index - 1] as LevelName;
    const worse = present[index] as LevelName;
    const [a, b] = [thresholds[milder] as number, thresholds[worse] as number];
    const ordered = direction === 'above' ? a < b : a > b;
    if (!ordered) {
      issues.push({
        path: [path, worse],
        message:
          direction === 'above'
            ? bilingual(`${worse}级界值（${b}）应大于${milder}级界值（${a}）：数值越高越严重`, `the ${worse} boundary (${b}) must be above the ${milder} boundary (${a}): higher is worse`)
            : bilingual(`${worse}级界值（${b}）应小于${milder}级界值（${a}）：数值越低越严重`, `the ${worse} boundary (${b}) must be below the ${milder} boundary (${a}): lower is worse`),
      });
    }
  }
  return issues;
}

/** The parts of a rule that must fit together. */
export interface RuleShape {
  kind: WarningKind;
  direction: WarningDirection;
  thresholds: Thresholds;
  params: unknown;
  response: ResponsePlan;
}

/**
 * Checks that a rule's parts fit together: the direction suits the kind, boundaries are ordered, the
 * parameters are those of the kind, and every level present has its response plan (and no other level
 * does). Returns the parsed parameters (with defaults) and the issues found.
 */
export function checkRuleShape(shape: RuleShape): { params: RuleParams | null; issues: RuleShapeIssue[] } {
  const issues: RuleShapeIssue[] = [];
  const required = fixedDirection[shape.kind];
  if (required && shape.direction !== required) {
    issues.push({
      path: ['direction'],
      message: bilingual(`${shape.kind} 规则的方向只能是 ${required}`, `a ${shape.kind} rule's direction must be ${required}`),
    });
  }
  issues.push(...thresholdIssues(shape.thresholds, shape.direction, 'thresholds'));
  const parsed = ruleParamsSchemas[shape.kind].safeParse(shape.params ?? {});
  let params: RuleParams | null = null;
  if (parsed.success) {
    params = parsed.data;
    if (shape.kind === 'price_anomaly') {
      const price = parsed.data as RuleParams<'price_anomaly'>;
      const fallbackIssues = thresholdIssues(price.fallbackThresholds, shape.direction, 'fallbackThresholds');
      issues.push(...fallbackIssues.map((issue) => ({ ...issue, path: ['params', ...issue.path] })));
      if (Math.abs(price.quarterWeight + price.annualWeight - 1) > 1e-9) {
        issues.push({ path: ['params', 'annualWeight'], message: bilingual('季度与年度权重之和应为 1', 'the quarter and annual weights must add up to 1') });
      }
    }
  } else {
    for (const issue of parsed.error.issues) issues.push({ path: ['params', ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))], message: issue.message });
  }
  for (const name of levelNames) {
    const hasBoundary = shape.thresholds[name] !== undefined;
    const hasPlan = shape.response[name] !== undefined;
    if (hasBoundary && !hasPlan) {
      issues.push({ path: ['response', name], message: bilingual(`请给出${name}级的响应方案`, `give the response plan of level ${name}`) });
    } else if (!hasBoundary && hasPlan) {
      issues.push({ path: ['response', name], message: bilingual(`${name}级没有界值，不应有响应方案`, `level ${name} has no boundary, so it takes no response plan`) });
    }
  }
  return { params, issues };
}

const ruleFields = {
  nameZh: text(200),
  nameEn: text(200),
  direction: z.enum(warningDirections),
  thresholds: thresholdsInput,
  params: z.record(z.string().max(40), z.unknown()).default({}),
  response: responseInput,
  muteBelow: z.boolean().default(true),
  /** The document and clause, or the public norm, the boundaries come from. */
  source: text(500),
  sourceKind: z.enum(ruleSourceKinds),
};

/** `POST /api/monitor/warning-rules`. */
export const createRuleInput = z
  .strictObject({
    code: z.string().regex(/^[a-z][a-z0-9_-]{0,79}$/, bilingual('应为小写字母开头的字母、数字、下划线或连字符，最长 80 位', 'use lower-case letters, digits, _ or -, starting with a letter, at most 80')),
    indicatorId: z.uuid(),
    kind: z.enum(warningKinds),
    scopeRegionCode: regionCode,
    watchLevel: z.enum(watchLevels),
    breakdown: z.string().max(40).default(''),
    enabled: z.boolean().default(true),
    ...ruleFields,
  })
  .superRefine((input, context) => {
    for (const issue of checkRuleShape(input).issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

/** A new rule as the service receives it (after defaults). */
export type CreateRuleInput = z.output<typeof createRuleInput>;

/** `PATCH /api/monitor/warning-rules/:id`: any of the editable parts; the shape is checked again whole. */
export const updateRuleInput = z
  .strictObject({
    nameZh: ruleFields.nameZh.optional(),
    nameEn: ruleFields.nameEn.optional(),
    direction: ruleFields.direction.optional(),
    thresholds: ruleFields.thresholds.optional(),
    params: z.record(z.string().max(40), z.unknown()).optional(),
    response: ruleFields.response.optional(),
    muteBelow: z.boolean().optional(),
    source: ruleFields.source.optional(),
    sourceKind: ruleFields.sourceKind.optional(),
    /** The version the client edited; a newer stored version refuses the change (409). */
    version: z.number().int().min(1).optional(),
  })
  .refine((input) => Object.keys(input).some((key) => key !== 'version'), { message: bilingual('至少修改一项', 'change at least one field') });

/** A rule change as the service receives it. */
export type UpdateRuleInput = z.output<typeof updateRuleInput>;

/** `GET /api/monitor/warning-rules`. */
export const listRulesQuery = z.strictObject({
  indicator: z.uuid().optional(),
  region: regionCode.optional(),
  kind: z.enum(warningKinds).optional(),
  enabled: z.enum(['true', 'false']).optional(),
  ...pagingQuery,
});

/** What the actor may do with a rule. */
export const ruleAbilities = z.object({ update: z.boolean(), enable: z.boolean(), silence: z.boolean() });

/** A warning rule. */
export const ruleView = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  indicator: z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string() }),
  kind: z.enum(warningKinds),
  direction: z.enum(warningDirections),
  thresholds: z.record(z.string(), z.number()),
  params: z.record(z.string(), z.unknown()),
  scopeRegionCode: z.string(),
  scopeRegionName: z.string(),
  watchLevel: z.enum(watchLevels),
  breakdown: z.string(),
  response: z.record(z.string(), z.unknown()),
  muteBelow: z.boolean(),
  source: z.string(),
  sourceKind: z.enum(ruleSourceKinds),
  enabled: z.boolean(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  abilities: ruleAbilities,
});

/** A rule as the client receives it. */
export type RuleView = z.output<typeof ruleView>;

/** `GET /api/monitor/alerts`: the alert board. */
export const listAlertsQuery = z.strictObject({
  /** Only alerts in this region's subtree (or escalated to it). */
  region: regionCode.optional(),
  level: z.coerce.number().int().min(1).max(4).optional(),
  /** One state, or `active` for every state still being dealt with (the default), or `all`. */
  status: z.enum([...alertStatuses, 'active', 'all']).default('active'),
  rule: z.uuid().optional(),
  /** `true`: only muted alerts; `false`: only unmuted ones. */
  muted: z.enum(['true', 'false']).optional(),
  ...pagingQuery,
});

/** Why an alert has the level it has, in both languages, with the figures used. */
export const alertExplanation = z.object({
  zh: z.string(),
  en: z.string(),
  measure: z.number().nullable(),
  boundary: z.number().nullable(),
  recovered: z.boolean(),
  fallback: z.string().nullable(),
});

/** What the actor may do with an alert. */
export const alertAbilities = z.object({ acknowledge: z.boolean(), recordAction: z.boolean(), close: z.boolean(), dismiss: z.boolean() });

/** An alert as listed on the board. */
export const alertListItem = z.object({
  id: z.string(),
  rule: z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), kind: z.enum(warningKinds) }),
  indicator: z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string() }),
  regionCode: z.string(),
  regionName: z.string(),
  subject: z.object({ id: z.string(), name: z.string() }).nullable(),
  level: z.number().int().min(1).max(4),
  status: z.enum(alertStatuses),
  period: z.string(),
  observedValue: z.number().nullable(),
  explanation: alertExplanation,
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  acknowledgeDueAt: timestamp.nullable(),
  respondDueAt: timestamp.nullable(),
  escalatedTo: z.string().nullable(),
  escalations: z.number().int(),
  mutedBy: z.string().nullable(),
  openedAt: timestamp,
  updatedAt: timestamp,
});

/** An alert as the board lists it. */
export type AlertListItem = z.output<typeof alertListItem>;

/** The board: a page of alerts and the counts by level of every alert the filters match. */
export const alertBoard = z.object({
  items: z.array(alertListItem),
  total: z.number().int(),
  countsByLevel: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int() }),
});

/** The board as the client receives it. */
export type AlertBoard = z.output<typeof alertBoard>;

/** One event of an alert's history. */
export const alertEventView = z.object({
  id: z.number().int(),
  at: timestamp,
  kind: z.enum(alertEventKinds),
  actor: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  fromLevel: z.number().int().nullable(),
  toLevel: z.number().int().nullable(),
  note: z.string().nullable(),
  data: z.unknown(),
});

/** One alert with its history, its response plan and what the actor may do. */
export const alertDetail = alertListItem.extend({
  outcome: z.string().nullable(),
  wasReal: z.boolean().nullable(),
  dismissReason: z.string().nullable(),
  acknowledgedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  /** The response plan of the alert's level: required actions and deadlines. */
  response: z.object({ acknowledgeHours: z.number(), respondHours: z.number(), actions: z.array(z.string()) }).nullable(),
  history: z.array(alertEventView),
  abilities: alertAbilities,
});

/** An alert as the client receives it. */
export type AlertDetail = z.output<typeof alertDetail>;

/** `POST /api/monitor/alerts/:id/acknowledge`. */
export const acknowledgeAlertInput = z.strictObject({ note: text(2000).optional() });

/** `POST /api/monitor/alerts/:id/actions`: what was done. */
export const recordAlertActionInput = z.strictObject({ note: text(2000) });

/** `POST /api/monitor/alerts/:id/close`: the outcome, and whether the signal was a real problem. */
export const closeAlertInput = z.strictObject({ outcome: text(2000), wasReal: z.boolean() });

/** `POST /api/monitor/alerts/:id/dismiss`. */
export const dismissAlertInput = z.strictObject({ reason: text(1000) });

/** `GET /api/monitor/alerts/precision`. */
export const precisionQuery = z.strictObject({ region: regionCode.optional() });

/** Precision of one rule, or overall: closed alerts judged real over closed alerts judged at all. */
const precisionFigures = z.object({ closed: z.number().int(), real: z.number().int(), precision: z.number().nullable() });

/** The platform's alert precision, overall and per rule. */
export const alertPrecision = z.object({
  overall: precisionFigures,
  rules: z.array(precisionFigures.extend({ ruleId: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string() })),
});

/** Precision as the client receives it. */
export type AlertPrecision = z.output<typeof alertPrecision>;

/** `POST /api/monitor/silences`. */
export const createSilenceInput = z.strictObject({
  ruleId: z.uuid(),
  /** The silence covers this region's subtree. */
  regionCode,
  reason: text(1000),
  /** When it stops; must be in the future. */
  expiresAt: timestamp,
});

/** A new silence as the service receives it. */
export type CreateSilenceInput = z.output<typeof createSilenceInput>;

/** `GET /api/monitor/silences`. */
export const listSilencesQuery = z.strictObject({
  rule: z.uuid().optional(),
  /** `true` (the default): only silences in force now. */
  active: z.enum(['true', 'false']).default('true'),
  ...pagingQuery,
});

/** A silence. */
export const silenceView = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleCode: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  reason: z.string(),
  expiresAt: timestamp,
  createdBy: z.string().nullable(),
  createdAt: timestamp,
  revokedAt: timestamp.nullable(),
  active: z.boolean(),
  abilities: z.object({ revoke: z.boolean() }),
});

/** A silence as the client receives it. */
export type SilenceView = z.output<typeof silenceView>;
