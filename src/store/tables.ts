/**
 * The row types of every table, as Kysely sees them. The migrations in `migrations/` are the source of
 * truth; the files in `tables/` mirror them, one per domain, and each domain reads and writes only its
 * own tables. Migrations are one ordered sequence (foreign keys cross domains), so they live in the store.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { AppUserTable, RoleGrantTable, UserSessionTable } from './tables/access.ts';
import type { StoredFileTable } from './tables/files.ts';
import type { RegionTable, UnitAliasTable, UnitContactTable, UnitTable } from './tables/org.ts';
import type { PlanSectionTable, PlanTable, PlanTargetTable, PlanTaskTable, TargetMilestoneTable, TaskTargetTable, TaskUnitTable } from './tables/plans.ts';
import type { AppSecretTable, AuditLogTable, SchemaMigrationTable } from './tables/store.ts';

export type * from './tables/access.ts';
export type * from './tables/files.ts';
export type * from './tables/org.ts';
export type * from './tables/plans.ts';
export type * from './tables/store.ts';

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
  stored_file: StoredFileTable;
}

export type Region = Selectable<RegionTable>;
export type UnitRow = Selectable<UnitTable>;
export type NewUnitRow = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type AppUserRow = Selectable<AppUserTable>;
