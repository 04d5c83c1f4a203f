/**
 * The row types of every table, as Kysely sees them. The migrations in `migrations/` are the source of
 * truth; this file mirrors them. Migrations are one ordered sequence, so the tables are declared in one
 * place, but each domain reads and writes only its own (org: region, unit*; access: app_user, role_grant,
 * user_session; store: audit_log, app_secret; plans: plan*, task_*, target_*).
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

type Numeric = ColumnType<string, string | number, string | number>;
type JsonObject = ColumnType<unknown, string, string>;

export interface PlanTable {
  id: Generated<string>;
  key: string;
  title: string;
  doc_number: string | null;
  issuer_unit_id: string | null;
  region_code: string;
  issued_on: string | null;
  start_date: string;
  end_date: string;
  schedule: JsonObject;
  lead_rule: string;
  sources: JsonObject;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PlanSectionTable {
  id: Generated<string>;
  plan_id: string;
  parent_section_id: string | null;
  position: number;
  number: string;
  title: string;
  clause: string | null;
}

export interface PlanTaskTable {
  id: Generated<string>;
  plan_id: string;
  section_id: string;
  position: number;
  number: string;
  title: string | null;
  text: string;
  clause: string;
  responsibility_text: string | null;
  lead_named_as: string | null;
  due_date: string | null;
}

export interface TaskUnitTable {
  task_id: string;
  unit_id: string;
  position: number;
  is_lead: boolean;
  named_as: string;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

export interface PlanTargetTable {
  id: Generated<string>;
  plan_id: string;
  key: string;
  indicator: string;
  region_code: string;
  comparator: string;
  value: Numeric;
  unit: string;
  deadline: string;
  text: string;
  clause: string;
  source: string | null;
  note: string | null;
}

export interface TargetMilestoneTable {
  target_id: string;
  position: number;
  due_by: string;
  share: Numeric | null;
  value: Numeric | null;
  text: string | null;
}

export interface TaskTargetTable {
  task_id: string;
  target_id: string;
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
  plan: PlanTable;
  plan_section: PlanSectionTable;
  plan_task: PlanTaskTable;
  task_unit: TaskUnitTable;
  plan_target: PlanTargetTable;
  target_milestone: TargetMilestoneTable;
  task_target: TaskTargetTable;
}

export type Region = Selectable<RegionTable>;
export type UnitRow = Selectable<UnitTable>;
export type NewUnitRow = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type AppUserRow = Selectable<AppUserTable>;
