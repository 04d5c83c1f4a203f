/**
 * The row types of every table, as Kysely sees them. The migrations in `migrations/` are the source of
 * truth; the files in `tables/` mirror them, one per domain, and each domain reads and writes only its
 * own tables. Migrations are one ordered sequence (foreign keys cross domains), so they live in the store.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { AppUserTable, RoleGrantTable, UserSessionTable } from './tables/access.ts';
import type { BulletinSettingTable, BulletinTable } from './tables/bulletins.ts';
import type { StoredFileTable } from './tables/files.ts';
import type {
  MonitorAlertEventTable,
  MonitorAlertTable,
  MonitorFormIndicatorTable,
  MonitorFormTable,
  MonitorImportErrorTable,
  MonitorImportRowTable,
  MonitorImportTable,
  MonitorIndicatorTable,
  MonitorRollupTable,
  MonitorSilenceTable,
  MonitorSubjectTable,
  MonitorSubmissionTable,
  MonitorValueTable,
  MonitorWarningRuleTable,
} from './tables/monitor.ts';
import type { NotificationTable, WebhookDeliveryTable, WebhookEndpointTable } from './tables/notify.ts';
import type { RegionTable, UnitAliasTable, UnitContactTable, UnitTable } from './tables/org.ts';
import type {
  RegistryEmploymentTable,
  RegistryEnterpriseTable,
  RegistryHouseholdTable,
  RegistryImportStageTable,
  RegistryImportTable,
  RegistryPersonGroupTable,
  RegistryPersonTable,
  RegistryTrainingTable,
} from './tables/registry.ts';
import type { PlanSectionTable, PlanTable, PlanTargetTable, PlanTaskTable, TargetMilestoneTable, TaskTargetTable, TaskUnitTable } from './tables/plans.ts';
import type { ProblemEventTable, ProblemEvidenceTable, ProblemTable } from './tables/problems.ts';
import type { ColourChangeTable, ColourStateTable, PlanColourRulesColumns, PlanTargetAllocationColumns } from './tables/progress.ts';
import type { ReportAttachmentTable, ReportEventTable, ReportFigureTable, ReportReminderTable, TargetFigureTable, TaskReportTable } from './tables/reports.ts';
import type { AppSecretTable, AuditLogTable, SchemaMigrationTable } from './tables/store.ts';
import type { BenefitRunItemTable, BenefitRunTable } from './tables/benefit-runs.ts';
import type {
  BenefitApplicationEventTable,
  BenefitApplicationEvidenceTable,
  BenefitApplicationTable,
  BenefitClawbackTable,
  BenefitGrantTable,
  BenefitOnlineFilingTable,
  BenefitPaymentBatchTable,
  BenefitPaymentItemTable,
  BenefitPolicyVersionTable,
} from './tables/benefits.ts';

export type * from './tables/access.ts';
export type * from './tables/bulletins.ts';
export type * from './tables/files.ts';
export type * from './tables/monitor.ts';
export type * from './tables/notify.ts';
export type * from './tables/org.ts';
export type * from './tables/plans.ts';
export type * from './tables/problems.ts';
export type * from './tables/progress.ts';
export type * from './tables/registry.ts';
export type * from './tables/reports.ts';
export type * from './tables/store.ts';
export type * from './tables/benefit-runs.ts';
export type * from './tables/benefits.ts';

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
  plan: PlanTable & PlanColourRulesColumns;
  plan_section: PlanSectionTable;
  plan_task: PlanTaskTable;
  task_unit: TaskUnitTable;
  plan_target: PlanTargetTable & PlanTargetAllocationColumns;
  target_milestone: TargetMilestoneTable;
  task_target: TaskTargetTable;
  stored_file: StoredFileTable;
  task_report: TaskReportTable;
  report_event: ReportEventTable;
  report_attachment: ReportAttachmentTable;
  report_figure: ReportFigureTable;
  target_figure: TargetFigureTable;
  report_reminder: ReportReminderTable;
  colour_state: ColourStateTable;
  colour_change: ColourChangeTable;
  problem: ProblemTable;
  problem_event: ProblemEventTable;
  problem_evidence: ProblemEvidenceTable;
  bulletin: BulletinTable;
  bulletin_setting: BulletinSettingTable;
  notification: NotificationTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_delivery: WebhookDeliveryTable;
  monitor_indicator: MonitorIndicatorTable;
  monitor_subject: MonitorSubjectTable;
  monitor_form: MonitorFormTable;
  monitor_form_indicator: MonitorFormIndicatorTable;
  monitor_submission: MonitorSubmissionTable;
  monitor_value: MonitorValueTable;
  monitor_rollup: MonitorRollupTable;
  monitor_warning_rule: MonitorWarningRuleTable;
  monitor_alert: MonitorAlertTable;
  monitor_alert_event: MonitorAlertEventTable;
  monitor_silence: MonitorSilenceTable;
  monitor_import: MonitorImportTable;
  monitor_import_row: MonitorImportRowTable;
  registry_household: RegistryHouseholdTable;
  registry_person: RegistryPersonTable;
  registry_person_group: RegistryPersonGroupTable;
  registry_enterprise: RegistryEnterpriseTable;
  registry_employment: RegistryEmploymentTable;
  registry_training: RegistryTrainingTable;
  registry_import: RegistryImportTable;
  registry_import_person: RegistryImportStageTable;
  registry_import_enterprise: RegistryImportStageTable;
  registry_import_employment: RegistryImportStageTable;
  monitor_import_error: MonitorImportErrorTable;
  benefit_run: BenefitRunTable;
  benefit_run_item: BenefitRunItemTable;
  benefit_policy_version: BenefitPolicyVersionTable;
  benefit_application: BenefitApplicationTable;
  benefit_online_filing: BenefitOnlineFilingTable;
  benefit_application_event: BenefitApplicationEventTable;
  benefit_application_evidence: BenefitApplicationEvidenceTable;
  benefit_grant: BenefitGrantTable;
  benefit_payment_batch: BenefitPaymentBatchTable;
  benefit_payment_item: BenefitPaymentItemTable;
  benefit_clawback: BenefitClawbackTable;
}

export type Region = Selectable<RegionTable>;
export type UnitRow = Selectable<UnitTable>;
export type NewUnitRow = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type AppUserRow = Selectable<AppUserTable>;
