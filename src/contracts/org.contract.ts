/** The wire shapes of regions and units, validated with Zod on the way in and out. */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { isRegionCode } from '../kernel/region-code.ts';
import { pagingQuery, timestamp } from './common.contract.ts';
import { regionLevels, unitKinds } from './constants.ts';

/** A GB/T 2260 code of 6, 9 or 12 digits. */
export const regionCode = z.string().refine(isRegionCode, { message: bilingual('应为 6、9 或 12 位行政区划代码', 'must be a 6, 9 or 12 digit division code') });

/** One administrative division. */
export const region = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(regionLevels),
  parentCode: z.string().nullable(),
  childCount: z.number().int(),
});

/** A division with the chain of divisions above it. */
export const regionDetail = region.extend({
  ancestors: z.array(z.object({ code: z.string(), name: z.string() })),
});

/** `GET /api/regions`: children of a region, or regions matching a name. */
export const listRegionsQuery = z.strictObject({ parent: regionCode.optional(), q: z.string().trim().min(1).max(50).optional() });

/** The answer to `GET /api/regions`. */
export const regionList = z.object({ items: z.array(region) });

const phonePattern = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

/** A unit's liaison person (联络人) as the client sends it. */
export const contactInput = z.strictObject({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().max(50).nullish(),
  phone: z.string().trim().regex(phonePattern, bilingual('应为 11 位手机号或带区号的固定电话（0XXX-XXXXXXX）', 'must be a mobile (11 digits) or landline (0XXX-XXXXXXX) number')).nullish(),
  email: z.email().max(100).nullish(),
});

/** A unit's name or alias. */
export const unitName = z.string().trim().min(1).max(100);

/** `POST /api/units`. */
export const createUnitInput = z.strictObject({
  name: unitName,
  regionCode,
  kind: z.enum(unitKinds),
  parentUnitId: z.uuid().nullish(),
  aliases: z.array(unitName).max(20).default([]),
  contacts: z.array(contactInput).max(20).default([]),
});

/** `PATCH /api/units/:id`. */
export const updateUnitInput = z.strictObject({
  name: unitName.optional(),
  kind: z.enum(unitKinds).optional(),
  parentUnitId: z.uuid().nullish(),
});

/** `POST /api/units/:id/aliases`. */
export const addAliasInput = z.strictObject({ alias: unitName });

/** `PUT /api/units/:id/contacts`. */
export const replaceContactsInput = z.strictObject({ contacts: z.array(contactInput).max(20) });

/** `GET /api/units`: units inside a region, matching a name or alias, paged. */
export const listUnitsQuery = z.strictObject({ region: regionCode.optional(), q: z.string().trim().max(100).optional(), ...pagingQuery });

/** A unit as listed. */
export const unitSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(unitKinds),
  regionCode: z.string(),
  regionName: z.string(),
  parentUnitId: z.string().nullable(),
  aliases: z.array(z.string()),
});

/** A liaison person as the server sends it (the phone masked for those who do not manage the unit). */
export const contact = z.object({
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

/** A unit with its aliases, contacts and the caller's abilities on it. */
export const unitDetail = unitSummary.extend({
  aliasList: z.array(z.object({ id: z.string(), alias: z.string() })),
  contacts: z.array(contact),
  createdAt: timestamp,
  updatedAt: timestamp,
  abilities: z.object({ update: z.boolean(), manageAliases: z.boolean(), manageContacts: z.boolean() }),
});

export type { RegionLevel, UnitKind } from './constants.ts';
/** One administrative division. */
export type Region = z.output<typeof region>;
/** A division with its ancestors. */
export type RegionDetail = z.output<typeof regionDetail>;
/** Query of `GET /api/regions`. */
export type ListRegionsQuery = z.input<typeof listRegionsQuery>;
/** A liaison person as the client sends it. */
export type ContactInput = z.input<typeof contactInput>;
/** A liaison person as the server sends it. */
export type Contact = z.output<typeof contact>;
/** Body of `POST /api/units` as a client sends it (aliases and contacts may be left out). */
export type CreateUnitInput = z.input<typeof createUnitInput>;
/** Body of `POST /api/units` after validation, defaults filled in: what `createUnit` takes. */
export type ParsedCreateUnitInput = z.output<typeof createUnitInput>;
/** Body of `PATCH /api/units/:id`. */
export type UpdateUnitInput = z.input<typeof updateUnitInput>;
/** Query of `GET /api/units` (limit and offset default to 50 and 0). */
export type ListUnitsQuery = z.input<typeof listUnitsQuery>;
/** A unit as listed. */
export type UnitSummary = z.output<typeof unitSummary>;
/** A unit with its aliases, contacts and abilities. */
export type UnitDetail = z.output<typeof unitDetail>;
