/**
 * The wire shapes of applying online without an account (个人网上申请): a registered person files an application
 * for a person's policy with their resident ID, their name and a phone; adds evidence and submits with the secret
 * returned once; and follows it later by its reference and their resident ID.
 */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { createApplicationInput } from './benefits.contract.ts';
import { timestamp } from './common.contract.ts';
import { residentId } from './registry.contract.ts';

const localized = z.object({ zh: z.string(), en: z.string() });

/** A reference as printed for the applicant: WB and ten characters without 0/O or 1/I. */
export const onlineReference = z
  .string()
  .trim()
  .max(12)
  .transform((value) => value.toUpperCase())
  .refine((value) => /^WB[2-9A-HJ-NP-Z]{10}$/.test(value), { message: bilingual('申请编号应为 WB 开头的12位编号', 'a reference is WB and ten more characters') });

/** A mainland mobile number: the caseworkers call it. */
export const mobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, bilingual('应为11位手机号码', 'must be an 11-digit mobile number'));

/** `POST /api/public/applications`: who applies (as the registry knows them), for which policy, with what answers. */
export const onlineApplicationInput = createApplicationInput.pick({ packId: true, policyId: true, answers: true, bankName: true, bankAccount: true, accountHolder: true }).extend({
  residentId,
  /** the name the registry holds for the resident ID */
  name: z.string().trim().min(1).max(50),
  phone: mobilePhone,
});
/** A parsed online application. */
export type OnlineApplicationInput = z.output<typeof onlineApplicationInput>;

/** `POST /api/public/applications/lookup`: the reference and the applicant's resident ID. */
export const onlineLookupInput = z.strictObject({ reference: onlineReference, residentId });

/** An online application as its applicant sees it: no reviewer, no bank account, the name masked. */
export const onlineApplicationView = z.object({
  reference: z.string(),
  policyName: localized,
  /** masked: 张*三 */
  beneficiaryName: z.string(),
  status: z.string(),
  statusName: localized,
  outcomeStatus: z.string(),
  amountFen: z.number().nullable(),
  /** why it is not eligible, when it is not */
  reason: localized.nullable(),
  /** what is still to be answered, when it is undetermined */
  questions: z.array(z.object({ fact: z.string().optional(), text: localized })),
  evidence: z.array(z.object({ id: z.string(), text: localized, optional: z.boolean(), given: z.number().int() })),
  steps: z.array(z.object({ status: z.string(), statusName: localized, at: timestamp })),
  decisionReason: z.string().nullable(),
  filedAt: timestamp,
});

/** The answer to filing: the view and, once only, the secret for adding evidence and submitting. */
export const onlineFiledView = onlineApplicationView.extend({ secret: z.string() });
