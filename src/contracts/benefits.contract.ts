/** The wire shapes of applications for benefits, their review, the grants ledger and payment batches. */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { pagingQuery, timestamp } from './common.contract.ts';
import { regionCode } from './org.contract.ts';
import { isoDate } from './registry.contract.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const money = z.number().int().min(0).max(1_000_000_000_00);
const bankFields = {
  bankName: text(100).nullish(),
  bankAccount: z.string().trim().regex(/^\d{8,30}$/, bilingual('银行账号应为8至30位数字', 'a bank account number is 8 to 30 digits')).nullish(),
  accountHolder: text(100).nullish(),
};

/** `POST /api/benefits/applications`: a draft application, decided at once from the registry and the answers. */
export const createApplicationInput = z.strictObject({
  packId: text(100),
  policyId: text(100),
  /** the person (for a person's benefit, or the hire for an enterprise's hiring award) */
  personId: z.uuid().optional(),
  /** the enterprise (for an enterprise's benefit, and the employer of a hire) */
  enterpriseId: z.uuid().optional(),
  /** the employment spell that is the hire; by default the spell at the enterprise covering the date */
  employmentId: z.uuid().optional(),
  /** the evaluation date; today by default */
  asOf: isoDate.optional(),
  /** facts the registry does not hold (or corrects), by path as the policy's schema names them */
  answers: z.record(z.string().max(100), z.union([z.string().max(200), z.number(), z.boolean(), z.array(z.string().max(100)).max(50), z.null()])).default({}),
  ...bankFields,
});
/** A parsed application. */
export type CreateApplicationInput = z.output<typeof createApplicationInput>;

/** `PATCH /api/benefits/applications/:id`: new answers or bank details for a draft (decided again). */
export const updateApplicationInput = createApplicationInput.pick({ answers: true, asOf: true, bankName: true, bankAccount: true, accountHolder: true }).partial();
/** A parsed draft change. */
export type UpdateApplicationInput = z.output<typeof updateApplicationInput>;

/** A review step that may carry a note. */
export const reviewNoteInput = z.strictObject({ note: text(1000).optional() });
/** A rejection: the reason is required. */
export const rejectInput = z.strictObject({ reason: text(1000) });

/** `GET /api/benefits/applications` filters. */
export const listApplicationsQuery = z.strictObject({
  status: z.enum(['draft', 'received', 'first_review', 'review', 'approved', 'rejected', 'withdrawn']).optional(),
  policyId: text(100).optional(),
  ...pagingQuery,
});

const localized = z.object({ zh: z.string(), en: z.string() });

/** One item of required evidence and the files given for it. */
export const evidenceView = z.object({
  id: z.string(),
  text: localized,
  optional: z.boolean(),
  files: z.array(z.object({ id: z.string(), fileName: z.string() })),
});

/** An application as its readers see it. */
export const applicationView = z.object({
  id: z.string(),
  packId: z.string(),
  policyId: z.string(),
  policyName: localized,
  policyVersionId: z.string(),
  beneficiaryKind: z.enum(['person', 'enterprise']),
  personId: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  employmentId: z.string().nullable(),
  /** masked unless the viewer may write the registry there */
  beneficiaryIdNumber: z.string(),
  beneficiaryName: z.string(),
  regionCode: z.string(),
  asOf: z.string(),
  status: z.string(),
  outcomeStatus: z.string(),
  amountFen: z.number().nullable(),
  facts: z.record(z.string(), z.unknown()),
  trace: z.record(z.string(), z.unknown()),
  evidence: z.array(evidenceView),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  accountHolder: z.string().nullable(),
  decisionReason: z.string().nullable(),
  firstReviewerId: z.string().nullable(),
  finalReviewerId: z.string().nullable(),
  /** how the beneficiary filed it online without an account: the reference they quote and their phone (masked like the ID) */
  onlineFiling: z.object({ reference: z.string(), phone: z.string() }).nullable(),
  events: z.array(z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), actorId: z.string().nullable(), note: z.string().nullable(), at: timestamp })),
  createdAt: timestamp,
  abilities: z.object({ edit: z.boolean(), withdraw: z.boolean(), accept: z.boolean(), passFirstReview: z.boolean(), approve: z.boolean(), reject: z.boolean() }),
});

/** An application in a list. */
export const applicationSummary = applicationView.pick({
  id: true, packId: true, policyId: true, policyName: true, beneficiaryKind: true, beneficiaryIdNumber: true, beneficiaryName: true, regionCode: true, status: true, outcomeStatus: true, amountFen: true, createdAt: true,
});

/** `POST /api/benefits/payment-batches`: a draft batch of approved, unpaid grants. */
export const createBatchInput = z.strictObject({
  title: text(200),
  regionCode,
  applicationIds: z.array(z.uuid()).max(10_000).default([]),
});

/** `POST …/items/:itemId/paid`: a payment made. */
export const recordPaidInput = z.strictObject({
  paidOn: isoDate,
  reference: text(100),
  /** the amount paid, in fen; the item's amount by default */
  amountFen: money.optional(),
});

/** `POST …/items/:itemId/clawbacks`: money taken back, at most what was paid and not yet taken back. */
export const clawbackInput = z.strictObject({ amountFen: money.refine((value) => value > 0, { message: bilingual('应大于0', 'must be more than 0') }), reason: text(1000) });

/** One item of a payment batch. */
export const paymentItemView = z.object({
  id: z.string(),
  grantId: z.string(),
  applicationId: z.string().nullable(),
  policyId: z.string(),
  beneficiaryName: z.string(),
  beneficiaryIdNumber: z.string(),
  amountFen: z.number(),
  paidOn: z.string().nullable(),
  paidAmountFen: z.number().nullable(),
  paymentReference: z.string().nullable(),
  clawedBackFen: z.number(),
});

/** A payment batch with its items and totals. */
export const paymentBatchView = z.object({
  id: z.string(),
  title: z.string(),
  regionCode: z.string(),
  status: z.string(),
  createdBy: z.string().nullable(),
  submittedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  totalFen: z.number(),
  paidFen: z.number(),
  clawedBackFen: z.number(),
  items: z.array(paymentItemView),
  createdAt: timestamp,
  abilities: z.object({ submit: z.boolean(), approve: z.boolean(), export: z.boolean(), recordPayment: z.boolean() }),
});

/** A payment batch in a list. */
export const paymentBatchSummary = paymentBatchView.omit({ items: true, abilities: true });
