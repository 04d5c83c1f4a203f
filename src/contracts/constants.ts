/**
 * The enumerations the wire shapes use, as plain lists: the web app imports these as values without
 * pulling Zod into its bundle, and the contracts build their enums from them.
 */
export { roles, type Role } from '../kernel/actor.ts';
export { regionLevels, type RegionLevel } from '../kernel/region-code.ts';

/** The interface languages the server can answer in. */
export const locales = ['zh-CN', 'en'] as const;

/** One of the interface languages. */
export type Locale = (typeof locales)[number];

/** The kinds of unit (单位). */
export const unitKinds = ['government', 'department', 'enterprise', 'bank', 'institution', 'association', 'other'] as const;

/** One of the kinds of unit. */
export type UnitKind = (typeof unitKinds)[number];
