/** Wire shapes of 不来即享 matching, proactive runs, batch runs and what-if (资金测算). */
import { z } from 'zod';
import { timestamp } from './common.contract.ts';
import { creditCode, isoDate } from './registry.contract.ts';

/** An answer to one question of a pack's facts schema, keyed by the fact's path. */
const answerValue = z.union([z.string().max(200), z.number(), z.boolean(), z.array(z.string().max(50)).max(31)]);

/** Answers by fact path: at most 60 of them. */
const answers = z.record(z.string().min(1).max(100), answerValue).refine((value) => Object.keys(value).length <= 60, { message: 'at most 60 answers' });

/** Anonymous matching: an enterprise gives its credit code and answers; a person gives answers only, never an identity number. */
export const publicMatchInput = z.discriminatedUnion('applicant', [
  z.strictObject({ applicant: z.literal('enterprise'), creditCode, asOf: isoDate.optional(), answers: answers.default({}) }),
  z.strictObject({ applicant: z.literal('person'), asOf: isoDate.optional(), answers: answers.default({}) }),
]);

/** Signed-in matching of one registered person or enterprise, facts from the registry. */
export const registryMatchQuery = z.strictObject({ person: z.uuid().optional(), enterprise: z.uuid().optional(), asOf: isoDate.optional() });

/** One policy's answer. */
export const policyMatch = z.object({
  pack: z.string(),
  packVersion: z.string(),
  policy: z.string(),
  name: z.string(),
  beneficiary: z.string(),
  benefit: z.enum(['subsidy', 'loan_limit']),
  status: z.enum(['eligible', 'not_eligible', 'undetermined', 'suppressed']),
  amountFen: z.number().int().nullable(),
  basis: z.object({ document: z.string(), number: z.string().nullable(), clause: z.string(), quote: z.string() }),
  parameters: z.array(z.object({ name: z.string(), label: z.string(), value: z.string(), reference: z.string(), from: z.string().nullable() })),
  clauses: z.array(z.string()),
  reason: z.string().nullable(),
  replacedBy: z.string().nullable(),
  questions: z.array(z.object({ fact: z.string().nullable(), text: z.string() })),
  howToApply: z.string(),
});

/** One question of the facts schema, for the form. */
export const factQuestion = z.object({ pack: z.string(), fact: z.string(), label: z.string(), question: z.string(), type: z.string(), choices: z.array(z.string()) });

/** Every policy for one applicant. */
export const matchResult = z.object({
  asOf: z.string(),
  applicant: z.enum(['enterprise', 'person']),
  items: z.array(policyMatch),
  questions: z.array(factQuestion),
  /** the registry's facts by pack and path (signed-in matching only) */
  facts: z.record(z.string(), z.record(z.string(), z.unknown())).nullable(),
  /** sum of eligible subsidies (loan limits not added), fen */
  eligibleSubsidyFen: z.number().int(),
});

/** Starting a run. */
export const startRunInput = z.strictObject({
  kind: z.enum(['batch', 'proactive']),
  packId: z.string().min(1).max(100),
  beneficiary: z.enum(['person', 'enterprise']),
  regionCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/),
  asOf: isoDate,
});

/** Totals of a run for one policy and county. */
export const runTotal = z.object({ policy: z.string(), county: z.string(), eligible: z.number().int(), amountFen: z.number().int(), suppressed: z.number().int(), undetermined: z.number().int() });

/** A run as shown. */
export const runView = z.object({
  id: z.string(),
  kind: z.enum(['batch', 'proactive']),
  packId: z.string(),
  packVersionId: z.string(),
  beneficiary: z.enum(['person', 'enterprise']),
  regionCode: z.string(),
  asOf: z.string(),
  status: z.enum(['running', 'stopped', 'completed', 'approved', 'paid']),
  subjectsDone: z.number().int(),
  itemsHash: z.string().nullable(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
  approvedAt: timestamp.nullable(),
  paymentBatchId: z.string().nullable(),
  totals: z.array(runTotal),
  abilities: z.object({ approve: z.boolean(), resume: z.boolean(), pay: z.boolean() }),
});

/** One subject newly eligible for a policy. */
export const newlyEligibleItem = z.object({ runId: z.string(), subjectId: z.string(), beneficiary: z.enum(['person', 'enterprise']), name: z.string(), county: z.string(), pack: z.string(), policy: z.string(), amountFen: z.number().int() });

/** A what-if request: one change, over the registry of a region. */
export const whatIfInput = z.strictObject({
  packId: z.string().min(1).max(100),
  beneficiary: z.enum(['person', 'enterprise']),
  regionCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/),
  asOf: isoDate,
  change: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('parameter'), parameter: z.string().min(1).max(100), value: z.string().min(1).max(100), from: isoDate.optional() }),
    z.strictObject({ kind: z.literal('condition'), policy: z.string().min(1).max(100), index: z.number().int().min(0).max(50), when: z.string().min(1).max(1000) }),
  ]),
});

const whatIfLine = z.object({ county: z.string(), before: z.number().int(), after: z.number().int(), gain: z.number().int(), lose: z.number().int(), change: z.number().int() });

/** What the change would cost, by county. */
export const whatIfResult = z.object({ subjects: z.number().int(), counties: z.array(whatIfLine), total: whatIfLine, differenceFen: z.number().int() });
