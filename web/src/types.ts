/** The shapes the server sends and accepts, exactly as they travel on the wire (dates are ISO strings). */

/** An interface language the server can answer in. */
export type Locale = 'zh-CN' | 'en';

/** The roles a user can hold on a unit. */
export const roles = ['admin', 'coordinator', 'reporter', 'caseworker', 'reviewer', 'auditor', 'enterprise'] as const;
export type Role = (typeof roles)[number];

/** The kinds of unit (单位). */
export const unitKinds = ['government', 'department', 'enterprise', 'bank', 'institution', 'association', 'other'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** The levels of the GB/T 2260 administrative hierarchy. */
export type RegionLevel = 'country' | 'province' | 'prefecture' | 'county' | 'township' | 'village';

/** A role held on a unit. */
export interface Grant {
  id: string;
  role: Role;
  unitId: string;
  unitName: string;
  regionCode: string;
  regionName: string;
}

/** The signed-in user with what the server allows them to do. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  locale: Locale;
  mustChangePassword: boolean;
  grants: Grant[];
  abilities: { manageUsers: boolean; manageUnits: boolean; readAudit: boolean };
}

/** `GET /api/session` and `POST /api/session/login`. */
export interface SessionView {
  user: SessionUser | null;
  csrfToken: string;
}

/** One administrative division. */
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  childCount: number;
}

/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** A unit as listed. */
export interface UnitSummary {
  id: string;
  name: string;
  kind: UnitKind;
  regionCode: string;
  regionName: string;
  parentUnitId: string | null;
  aliases: string[];
}

/** A unit's liaison person (联络人). */
export interface Contact {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** A unit with its aliases, contacts and the caller's abilities on it. */
export interface UnitDetail extends UnitSummary {
  aliasList: { id: string; alias: string }[];
  contacts: Contact[];
  createdAt: string;
  updatedAt: string;
  abilities: { update: boolean; manageAliases: boolean; manageContacts: boolean };
}

/** A user account as an administrator sees it. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  locale: Locale;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  grants: Grant[];
}

/** One entry of the audit trail. */
export interface AuditEntry {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}
