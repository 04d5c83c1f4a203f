/** The shapes regions and units take on the wire, validated with Zod on the way in and out. */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { isRegionCode } from '../kernel/region-code.ts';

/** A GB/T 2260 code of 6, 9 or 12 digits. */
export const regionCode = z.string().refine(isRegionCode, { message: bilingual('应为 6、9 或 12 位行政区划代码', 'must be a 6, 9 or 12 digit division code') });

export const region = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['country', 'province', 'prefecture', 'county', 'township', 'village']),
  parentCode: z.string().nullable(),
  childCount: z.number().int(),
});

export const regionDetail = region.extend({
  ancestors: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const unitKinds = ['government', 'department', 'enterprise', 'bank', 'institution', 'association', 'other'] as const;

const phonePattern = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

export const contactInput = z.strictObject({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().max(50).nullish(),
  phone: z.string().trim().regex(phonePattern, bilingual('应为 11 位手机号或带区号的固定电话（0XXX-XXXXXXX）', 'must be a mobile (11 digits) or landline (0XXX-XXXXXXX) number')).nullish(),
  email: z.email().max(100).nullish(),
});

export const unitName = z.string().trim().min(1).max(100);

export const createUnitInput = z.strictObject({
  name: unitName,
  regionCode,
  kind: z.enum(unitKinds),
  parentUnitId: z.uuid().nullish(),
  aliases: z.array(unitName).max(20).default([]),
  contacts: z.array(contactInput).max(20).default([]),
});

export const updateUnitInput = z.strictObject({
  name: unitName.optional(),
  kind: z.enum(unitKinds).optional(),
  parentUnitId: z.uuid().nullish(),
});

export const unitSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(unitKinds),
  regionCode: z.string(),
  regionName: z.string(),
  parentUnitId: z.string().nullable(),
  aliases: z.array(z.string()),
});

export const unitDetail = unitSummary.extend({
  aliasList: z.array(z.object({ id: z.string(), alias: z.string() })),
  contacts: z.array(
    z.object({
      name: z.string(),
      title: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
  ),
  createdAt: z.date(),
  updatedAt: z.date(),
  abilities: z.object({ update: z.boolean(), manageAliases: z.boolean(), manageContacts: z.boolean() }),
});

export type CreateUnitInput = z.infer<typeof createUnitInput>;
export type UpdateUnitInput = z.infer<typeof updateUnitInput>;
export type ContactInput = z.infer<typeof contactInput>;
export type UnitSummary = z.infer<typeof unitSummary>;
