/**
 * The row types of every table, as Kysely sees them. The migrations in `migrations/` are the source of
 * truth; this file mirrors them. Migrations are one ordered sequence, so the tables are declared in one
 * place, but each domain reads and writes only its own (org: region, unit*; access: app_user, role_grant,
 * user_session; store: audit_log).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface RegionTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  prefix: string;
}

export interface UnitTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  kind: string;
  parent_unit_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UnitAliasTable {
  id: Generated<string>;
  unit_id: string;
  region_code: string;
  alias: string;
  created_at: CreatedAt;
}

export interface UnitContactTable {
  id: Generated<string>;
  unit_id: string;
  position: number;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  locale: ColumnType<string, string | undefined, string>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  password_changed_at: UpdatedAt;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  unit_id: string;
  created_at: CreatedAt;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: UpdatedAt;
  expires_at: Date;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  region_code: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
}

export interface SchemaMigrationTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

export interface AppSecretTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}

/** Every table Wenbao keeps. */
export interface Database {
  region: RegionTable;
  unit: UnitTable;
  unit_alias: UnitAliasTable;
  unit_contact: UnitContactTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  schema_migration: SchemaMigrationTable;
  app_secret: AppSecretTable;
}

export type Region = Selectable<RegionTable>;
export type UnitRow = Selectable<UnitTable>;
export type NewUnitRow = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type AppUserRow = Selectable<AppUserTable>;
