/**
 * The plan pack format (`wenbao-plan-pack/1`): a programme document turned into data — its sections and
 * numbered tasks with the units responsible as the document names them, its quantitative targets with
 * staged milestones, and where each came from (document and clause). Packs are YAML or JSON files under
 * `packs/plans/`; `docs/plan-packs.md` documents the format with an example.
 *
 * Units are referred to by the name the document uses (州人社局, 区人力社保局); the pack's `units` directory
 * says which unit each name means, so that importing never guesses and never merges names silently.
 */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { isIsoDate, parsePeriod } from '../kernel/periods.ts';
import { isRegionCode } from '../kernel/region-code.ts';

const isoDate = z.string().refine(isIsoDate, { message: bilingual('应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD') });
const regionCode = z.string().refine(isRegionCode, { message: bilingual('应为行政区划代码', 'must be a division code') });
const text = (max: number) => z.string().trim().min(1).max(max);

/** Where in its source document something is stated: `三、(二)`, `四(一)1`, `附件 第12项`. */
const clause = text(100);

/** A source document of a plan: one plan can have several (the same text published twice). */
export const planSource = z.strictObject({
  /** The document's file name in the seed set, or another stable identifier. */
  document: text(200),
  title: text(200).optional(),
  /** The part of a compilation that holds this plan. */
  part: text(200).optional(),
  note: text(500).optional(),
});

/** How the document designates the lead unit (牵头单位) of a task. */
export const leadRules = ['first-listed', 'named', 'none'] as const;

/** A unit a document names, and which real unit (or collective of units) the name means. */
export const packUnit = z.strictObject({
  /** The name exactly as the document writes it (州人社局). */
  name: text(100),
  /** The unit's full official name, when the document uses a short form. */
  fullName: text(100).optional(),
  region: regionCode,
  kind: z.enum(['government', 'department', 'enterprise', 'bank', 'institution', 'association', 'other']).optional(),
  /**
   * A collective such as 各县(市) or 各镇街人民政府(办事处): every government one level below `region`.
   * Such a name stands for many units and is expanded at import.
   */
  collective: z.enum(['governments-below']).optional(),
  /** An existing unit this name means, chosen at import; the name is then remembered as the unit's alias. */
  unitId: z.uuid().optional(),
  note: text(300).optional(),
});

/** One numbered task or measure. */
export const packTask = z.strictObject({
  /** The number as printed, unique within the plan: `1`, `(三)`, `四(一)2`. */
  number: text(30),
  /** The task's heading phrase, when the document gives one. */
  title: text(200).optional(),
  /** The task's text, verbatim (may be abridged with …). */
  text: text(4000),
  clause,
  /** The lead unit as the document names it; null when the document designates no lead. */
  lead: text(100).nullable(),
  /** Every responsible unit in document order, lead included; empty when the document names none. */
  units: z.array(text(100)).max(60),
  /** The responsibility note verbatim, e.g. `(责任单位:区人力社保局、区财政局)`. */
  responsibilityText: text(1000).optional(),
  due: isoDate.optional(),
  /** Keys of the targets this task serves. */
  targets: z.array(text(60)).max(20).optional(),
});

/** A section (一、) holding tasks and possibly subsections ((一)). */
export interface PackSection {
  number: string;
  title: string;
  clause?: string | undefined;
  tasks?: z.infer<typeof packTask>[] | undefined;
  sections?: PackSection[] | undefined;
}

export const packSection: z.ZodType<PackSection> = z.lazy(() =>
  z.strictObject({
    number: text(30),
    title: text(200),
    clause: clause.optional(),
    tasks: z.array(packTask).optional(),
    sections: z.array(packSection).optional(),
  }),
);

/** A staged milestone: a share of the target (0.5 = 50%) or an absolute value, due by a date. */
export const packMilestone = z
  .strictObject({
    by: isoDate,
    share: z.number().min(0).max(1).optional(),
    value: z.number().optional(),
    text: text(300).optional(),
  })
  .refine((milestone) => milestone.share !== undefined || milestone.value !== undefined || milestone.text !== undefined, {
    message: bilingual('阶段目标需给出比例、数值或文字', 'a milestone needs a share, a value or a text'),
  });

/** A quantitative target. */
export const packTarget = z.strictObject({
  /** Stable key within the plan, e.g. `urban-new-jobs`. */
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/),
  indicator: text(100),
  region: regionCode,
  comparator: z.enum(['>=', '<=', '=']),
  value: z.number(),
  /** 人, 万人, 户, 人次, 亿元, 万元, %, 个, 家, 天 … as the document states it. */
  unit: text(20),
  deadline: isoDate,
  milestones: z.array(packMilestone).max(12).default([]),
  /** The sentence that states the target, verbatim. */
  text: text(1000),
  clause,
  /** When documents disagree on a figure, each keeps its own target with its source. */
  source: text(200).optional(),
  note: text(500).optional(),
});

/** A reporting schedule. */
export const packSchedule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('monthly'), day: z.number().int().min(1).max(28), note: text(300).optional() }),
  z.strictObject({ kind: z.literal('quarterly'), day: z.number().int().min(1).max(28), note: text(300).optional() }),
  z.strictObject({
    kind: z.literal('fixed'),
    dates: z
      .array(
        z.strictObject({
          period: z.string().refine((value) => parsePeriod(value) !== null, { message: bilingual('应为报告期，如 2020H1', 'must be a period such as 2020H1') }),
          due: isoDate,
          text: text(100).optional(),
        }),
      )
      .min(1),
    note: text(300).optional(),
  }),
  z.strictObject({ kind: z.literal('none'), note: text(300).optional() }),
]);

/** One plan. */
export const packPlan = z.strictObject({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/),
  title: text(200),
  docNumber: text(60).nullable(),
  /** The issuing body as the document names it (a name in `units`). */
  issuer: text(100),
  region: regionCode,
  issuedOn: isoDate.nullable(),
  start: isoDate,
  end: isoDate,
  schedule: packSchedule,
  leadRule: z.enum(leadRules),
  sources: z.array(planSource).min(1),
  sections: z.array(packSection).min(1),
  targets: z.array(packTarget).default([]),
});

/** A pack file: the unit names its documents use, and one or more plans. */
export const planPack = z.strictObject({
  format: z.literal('wenbao-plan-pack/1'),
  description: text(1000).optional(),
  units: z.array(packUnit),
  plans: z.array(packPlan).min(1),
});

export type PlanPack = z.infer<typeof planPack>;
export type PackPlan = z.infer<typeof packPlan>;
export type PackTask = z.infer<typeof packTask>;
export type PackTarget = z.infer<typeof packTarget>;
