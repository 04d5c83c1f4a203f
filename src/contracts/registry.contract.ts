/** The wire shapes of the registries: persons, households, employment, training, enterprises and imports. */
import { z } from 'zod';
import { isCreditCode } from '../kernel/credit-code.ts';
import { bilingual } from '../kernel/errors.ts';
import { isIsoDate } from '../kernel/periods.ts';
import { isResidentId } from '../kernel/resident-id.ts';
import { pagingQuery, timestamp } from './common.contract.ts';
import { regionCode } from './org.contract.ts';
import {
  employmentIntentCodes,
  enterpriseKindCodes,
  locationClassCodes,
  personGroupCodes,
  registryImportKinds,
  registryImportStatuses,
  sizeClassCodes,
} from './registry-constants.ts';

/** A calendar date, `YYYY-MM-DD`. */
export const isoDate = z.string().refine(isIsoDate, { message: bilingual('应为日期，格式 YYYY-MM-DD', 'must be a date written YYYY-MM-DD') });

/** A GB 11643 resident identity number, checksum included (lower-case x accepted). */
export const residentId = z
  .string()
  .trim()
  .max(18)
  .transform((value) => value.toUpperCase())
  .refine((value) => isResidentId(value), { message: bilingual('身份证号码无效：应为18位且校验位正确', 'not a valid resident identity number (18 characters with a correct check character)') });

/** A GB 32100 unified social credit code, checksum included. */
export const creditCode = z
  .string()
  .trim()
  .max(18)
  .transform((value) => value.toUpperCase())
  .refine((value) => isCreditCode(value), { message: bilingual('统一社会信用代码无效：应为18位且校验位正确', 'not a valid unified social credit code (18 characters with a correct check character)') });

const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, bilingual('应为 11 位手机号或带区号的固定电话', 'must be a mobile (11 digits) or landline number'));

/** A GB/T 4754 industry code: the section letter, optionally with a 2-digit division or 4-digit class. */
export const industryCode = z
  .string()
  .trim()
  .regex(/^[A-T](\d{2}|\d{4})?$/, bilingual('应为国民经济行业代码，如 C、C13、F52、K7020', 'must be a GB/T 4754 code such as C, C13, F52, K7020'));

const personName = z.string().trim().min(1).max(50);

/** `POST /api/registry/persons`. Sex and birth date come from the identity number. */
export const createPersonInput = z.strictObject({
  residentId,
  name: personName,
  /** Defaults to the region in the identity number. */
  hukouRegionCode: regionCode.optional(),
  currentRegionCode: regionCode.nullish(),
  phone: phone.nullish(),
  employmentIntent: z.enum(employmentIntentCodes).nullish(),
  cadreUserId: z.uuid().nullish(),
  householdId: z.uuid().nullish(),
});

/** `PATCH /api/registry/persons/:id`: the identity number never changes. */
export const updatePersonInput = z.strictObject({
  name: personName.optional(),
  hukouRegionCode: regionCode.optional(),
  currentRegionCode: regionCode.nullish(),
  phone: phone.nullish(),
  employmentIntent: z.enum(employmentIntentCodes).nullish(),
  cadreUserId: z.uuid().nullish(),
  householdId: z.uuid().nullish(),
});

/** A parsed person update. */
export type UpdatePersonInput = z.output<typeof updatePersonInput>;
/** A parsed person creation. */
export type CreatePersonInput = z.output<typeof createPersonInput>;

/**
 * `GET /api/registry/persons`: by name (contains) or by a full identity number; a partial number is
 * refused, so the list cannot be used to guess numbers.
 */
export const listPersonsQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(50)
    .refine((value) => !/^[\dXx*]{2,}$/.test(value) || (value.length === 18 && isResidentId(value.toUpperCase())), {
      message: bilingual('按身份证号查询须输入完整且有效的18位号码', 'search by identity number needs the full, valid 18-character number'),
    })
    .optional(),
  region: regionCode.optional(),
  group: z.enum(personGroupCodes).optional(),
  ...pagingQuery,
});

/** A dated membership of a group. */
export const personGroupSpan = z.object({
  id: z.string(),
  group: z.enum(personGroupCodes),
  startDate: z.string(),
  endDate: z.string().nullable(),
});

/** `POST /api/registry/persons/:id/groups`. */
export const addGroupInput = z.strictObject({ group: z.enum(personGroupCodes), startDate: isoDate, endDate: isoDate.nullish() });

/** `PATCH /api/registry/persons/:id/groups/:groupId`: closes (or reopens) a group membership. */
export const endGroupInput = z.strictObject({ endDate: isoDate.nullable() });

/** A person as listed; the identity number and phone are masked unless the viewer works on the person. */
export const personSummary = z.object({
  id: z.string(),
  residentId: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  hukouRegionCode: z.string(),
  currentRegionCode: z.string().nullable(),
  phone: z.string().nullable(),
  employmentIntent: z.enum(employmentIntentCodes).nullable(),
});

/** An employment spell. */
export const employmentSpell = z.object({
  id: z.string(),
  personId: z.string(),
  enterpriseId: z.string().nullable(),
  employerName: z.string(),
  employerRegionCode: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  locationClass: z.enum(locationClassCodes),
  organisedTransfer: z.boolean(),
  transferAgency: z.string().nullable(),
});

/** A training record. */
export const trainingRecord = z.object({
  id: z.string(),
  personId: z.string(),
  course: z.string(),
  institution: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  certificate: z.string().nullable(),
});

/** One person with everything recorded about them and what the viewer may do. */
export const personDetail = personSummary.extend({
  cadreUserId: z.string().nullable(),
  householdId: z.string().nullable(),
  groups: z.array(personGroupSpan),
  employment: z.array(employmentSpell),
  training: z.array(trainingRecord),
  createdAt: timestamp,
  updatedAt: timestamp,
  abilities: z.object({ update: z.boolean(), seeResidentId: z.boolean() }),
});

/** `POST /api/registry/persons/:id/employment`. */
export const addEmploymentInput = z.strictObject({
  enterpriseId: z.uuid().nullish(),
  /** Required unless an enterprise of the registry is named. */
  employerName: z.string().trim().min(1).max(200).optional(),
  employerRegionCode: regionCode.nullish(),
  startDate: isoDate,
  endDate: isoDate.nullish(),
  organisedTransfer: z.boolean().default(false),
  transferAgency: z.string().trim().min(1).max(200).nullish(),
});

/** A parsed employment spell. */
export type AddEmploymentInput = z.output<typeof addEmploymentInput>;

/** `PATCH /api/registry/employment/:id`: ends (or reopens) a spell. */
export const endEmploymentInput = z.strictObject({ endDate: isoDate.nullable() });

/** `POST /api/registry/persons/:id/training`. */
export const addTrainingInput = z.strictObject({
  course: z.string().trim().min(1).max(200),
  institution: z.string().trim().min(1).max(200),
  startDate: isoDate,
  endDate: isoDate.nullish(),
  certificate: z.string().trim().min(1).max(200).nullish(),
});

/** A parsed training record. */
export type AddTrainingInput = z.output<typeof addTrainingInput>;

/** `POST /api/registry/households`. */
export const createHouseholdInput = z.strictObject({
  code: z.string().trim().min(1).max(40),
  regionCode,
  address: z.string().trim().max(200).nullish(),
});

/** `GET /api/registry/households`: optionally only zero-employment households (零就业家庭) on a date. */
export const listHouseholdsQuery = z.strictObject({
  region: regionCode.optional(),
  zeroEmployment: z.enum(['true', 'false']).optional(),
  onDate: isoDate.optional(),
  ...pagingQuery,
});

/** A household with its members and whether it has no one in work on the date. */
export const householdDetail = z.object({
  id: z.string(),
  code: z.string(),
  regionCode: z.string(),
  address: z.string().nullable(),
  onDate: z.string(),
  workingAgeMembers: z.number().int(),
  employedMembers: z.number().int(),
  zeroEmployment: z.boolean(),
  members: z.array(personSummary.pick({ id: true, name: true, sex: true, birthDate: true })).optional(),
});

const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** `POST /api/registry/enterprises`. Amounts in fen. */
export const createEnterpriseInput = z.strictObject({
  creditCode,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(enterpriseKindCodes),
  industry: industryCode,
  regionCode,
  establishedOn: isoDate.nullish(),
  employees: z.number().int().min(0).max(10_000_000).nullish(),
  revenueFen: money.nullish(),
  assetsFen: money.nullish(),
  keyEnterprise: z.boolean().default(false),
  monitoredSample: z.boolean().default(false),
  liaisonUserId: z.uuid().nullish(),
  unitId: z.uuid().nullish(),
});

/** A parsed enterprise creation. */
export type CreateEnterpriseInput = z.output<typeof createEnterpriseInput>;

/** `PATCH /api/registry/enterprises/:id`: the credit code never changes. */
export const updateEnterpriseInput = createEnterpriseInput.omit({ creditCode: true }).partial().strict();

/** A parsed enterprise update. */
export type UpdateEnterpriseInput = z.output<typeof updateEnterpriseInput>;

/** `GET /api/registry/enterprises`: by name (contains) or full credit code. */
export const listEnterprisesQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  region: regionCode.optional(),
  sizeClass: z.enum(sizeClassCodes).optional(),
  ...pagingQuery,
});

/** An enterprise as the viewer may see it. */
export const enterpriseDetail = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  kind: z.enum(enterpriseKindCodes),
  industry: z.string(),
  regionCode: z.string(),
  establishedOn: z.string().nullable(),
  employees: z.number().int().nullable(),
  revenueFen: z.number().int().nullable(),
  assetsFen: z.number().int().nullable(),
  sizeClass: z.enum(sizeClassCodes).nullable(),
  keyEnterprise: z.boolean(),
  monitoredSample: z.boolean(),
  liaisonUserId: z.string().nullable(),
  unitId: z.string().nullable(),
  abilities: z.object({ update: z.boolean() }),
});

/** One problem in an import file, located by row and column, in both languages. */
export const importProblem = z.object({ row: z.number().int(), column: z.string(), zh: z.string(), en: z.string() });

/** An import and its progress. */
export const registryImport = z.object({
  id: z.string(),
  kind: z.enum(registryImportKinds),
  fileName: z.string(),
  status: z.enum(registryImportStatuses),
  rowsRead: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(importProblem),
  regionCode: z.string(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});

/** An import as the client receives it. */
export type RegistryImportView = z.output<typeof registryImport>;
