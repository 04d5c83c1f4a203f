/**
 * The wire shapes of importing a plan without writing code: the form that comes with an uploaded
 * task-division table or plan pack, the preview (every task with how each unit name resolves, the names
 * nobody knows yet, the rows and pack entries that cannot be used), and the commit with a mapping for
 * every unknown name.
 */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { isIsoDate } from '../kernel/periods.ts';
import { unitKinds } from './constants.ts';
import { regionCode, unitName } from './org.contract.ts';

const isoDate = z.string().max(10).refine(isIsoDate, { message: bilingual('应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD') });

/** How a plan designates the lead unit of a task. */
export const importLeadRules = ['first-listed', 'named', 'none'] as const;

/**
 * The form fields of `POST /api/plans/import/preview`, sent with the file. `title`, `start` and `end` are
 * needed for a table; a plan pack file carries its own and only `regionCode` (which must match it) is used.
 */
export const importPreviewFields = z.strictObject({
  regionCode,
  title: z.string().trim().min(1).max(200).optional(),
  docNumber: z.string().trim().min(1).max(60).optional(),
  /** The issuing body as the document names it; defaults to the government of the region. */
  issuer: unitName.optional(),
  /** Unset: `first-listed` when the table says so (列第一位者为牵头单位), `named` when it names leads, else `none`. */
  leadRule: z.enum(importLeadRules).optional(),
  start: isoDate.optional(),
  end: isoDate.optional(),
});

/** Which unit a document's name means: a known unit, nobody yet, or every government one level down. */
export const unitResolution = z.union([
  z.object({ unitId: z.string(), name: z.string(), regionCode: z.string() }),
  z.literal('unknown'),
  z.literal('collective'),
]);

/** A name with its resolution. */
export const resolvedName = z.object({ name: z.string(), resolution: unitResolution });

/** One task as it would be imported. */
export const importTaskPreview = z.object({
  number: z.string(),
  /** The numbers of its section and subsection, e.g. `一(二)`; empty without sections. */
  section: z.string(),
  text: z.string(),
  lead: z.string().nullable(),
  units: z.array(resolvedName),
  due: isoDate.nullable(),
});

/** A table row that cannot be read; `row` is the row number as Excel shows it. */
export const importRowProblem = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

/** An inconsistency of the pack (a lead not among the units, a number used twice …). */
export const importPackProblem = z.object({ where: z.string(), message: z.string() });

/** What an unknown name means: an existing unit (the name becomes its alias), a new unit, or a collective. */
export const unitMapping = z.union([
  z.strictObject({ unitId: z.uuid() }),
  z.strictObject({ create: z.strictObject({ fullName: unitName, kind: z.enum(unitKinds), regionCode }) }),
  z.strictObject({ collective: z.literal('governments-below') }),
]);

/** The answer to a preview. */
export const importPreview = z.object({
  plan: z.object({
    key: z.string(),
    title: z.string(),
    docNumber: z.string().nullable(),
    regionCode: z.string(),
    regionName: z.string(),
    issuer: resolvedName,
    start: isoDate,
    end: isoDate,
    leadRule: z.enum(importLeadRules),
    taskCount: z.number().int(),
    targetCount: z.number().int(),
  }),
  tasks: z.array(importTaskPreview),
  /** Every name that needs a mapping before the plan can be committed. */
  unknownNames: z.array(z.string()),
  /** For unknown names a pack file describes (full name, kind, region): the mapping it suggests. */
  proposedMapping: z.record(z.string(), unitMapping),
  rowProblems: z.array(importRowProblem),
  packProblems: z.array(importPackProblem),
  /** The draft plan pack to send back with the commit; null while rows cannot be read. */
  pack: z.record(z.string(), z.unknown()).nullable(),
});

/** `POST /api/plans/import/commit`. */
export const importCommitInput = z.strictObject({
  /** The draft pack from the preview (a `wenbao-plan-pack/1` document holding one plan). */
  pack: z.record(z.string(), z.unknown()),
  /** A mapping for every unknown name of the preview. */
  mapping: z
    .record(unitName, unitMapping)
    .default({})
    .refine((mapping) => Object.keys(mapping).length <= 500, { message: bilingual('最多 500 个名称', 'at most 500 names') }),
  /** Compute what would be created, then write nothing. */
  dryRun: z.boolean().default(false),
});

/** What a commit created (or, for a dry run, would create). */
export const importCommitResult = z.object({
  planId: z.string().nullable(),
  dryRun: z.boolean(),
  counts: z.object({
    tasks: z.number().int(),
    targets: z.number().int(),
    unitsCreated: z.number().int(),
    aliasesAdded: z.number().int(),
  }),
});

export type ImportPreviewFields = z.output<typeof importPreviewFields>;
export type ImportPreview = z.output<typeof importPreview>;
export type ImportTaskPreview = z.output<typeof importTaskPreview>;
export type UnitResolution = z.output<typeof unitResolution>;
export type UnitMapping = z.output<typeof unitMapping>;
export type ImportCommitInput = z.output<typeof importCommitInput>;
export type ImportCommitResult = z.output<typeof importCommitResult>;
