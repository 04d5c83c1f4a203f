/** Indicators, subjects, forms, values, live roll-ups, warning rules, alerts and imports (monitor domain). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, JsonObject, Numeric, UpdatedAt } from './columns.ts';

/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface MonitorIndicatorTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  unit: string;
  value_type: string;
  frequency: string;
  entry_level: string;
  subject_kind: string | null;
  region_aggregation: string;
  weight_indicator_id: string | null;
  time_aggregation: string;
  formula: string | null;
  breakdown_dimension: string | null;
  breakdown_categories: Defaulted<string[]>;
  decimals: Defaulted<number>;
  description: string | null;
  source: string | null;
  dashboard_position: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MonitorSubjectTable {
  id: Generated<string>;
  kind: string;
  code: string;
  name: string;
  region_code: string;
  unit_id: string | null;
  attributes: ColumnType<unknown, string | undefined, string>;
  active: Defaulted<boolean>;
  created_at: CreatedAt;
}

export interface MonitorFormTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  reporter_level: string;
  subject_kind: string | null;
  frequency: string;
  scope_region_code: string;
  due_days: Defaulted<number>;
  grace_days: Defaulted<number>;
  rules: ColumnType<unknown, string | undefined, string>;
  source: string | null;
  active: Defaulted<boolean>;
  created_at: CreatedAt;
}

export interface MonitorFormIndicatorTable {
  form_id: string;
  indicator_id: string;
  position: number;
  required: Defaulted<boolean>;
}

export interface MonitorSubmissionTable {
  id: Generated<string>;
  form_id: string;
  region_code: string;
  subject_id: string | null;
  period: string;
  status: string;
  late: Defaulted<boolean>;
  submitted_by: string | null;
  submitted_at: ColumnType<Date, Date | string | undefined, Date | string>;
  decided_by: string | null;
  decided_at: Date | null;
  comment: string | null;
}

export interface MonitorValueTable {
  id: Generated<string>;
  indicator_id: string;
  region_code: string;
  subject_id: string | null;
  period: string;
  breakdown: Defaulted<string>;
  value: Numeric;
  source: string;
  submission_id: string | null;
  outlier_confirmed: Defaulted<boolean>;
  entered_by: string | null;
  entered_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MonitorRollupTable {
  indicator_id: string;
  region_code: string;
  period: string;
  breakdown: Defaulted<string>;
  value_sum: ColumnType<string, string | number | undefined, string | number>;
  value_count: Defaulted<number>;
  weighted_sum: ColumnType<string, string | number | undefined, string | number>;
  weight_sum: ColumnType<string, string | number | undefined, string | number>;
}

export interface MonitorWarningRuleTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  indicator_id: string;
  kind: string;
  direction: string;
  thresholds: JsonObject;
  params: ColumnType<unknown, string | undefined, string>;
  scope_region_code: string;
  watch_level: string;
  breakdown: Defaulted<string>;
  response: ColumnType<unknown, string | undefined, string>;
  mute_below: Defaulted<boolean>;
  source: string;
  source_kind: string;
  enabled: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MonitorAlertTable {
  id: Generated<string>;
  rule_id: string;
  region_code: string;
  subject_id: string | null;
  level: number;
  status: string;
  period: string;
  observed_value: Numeric | null;
  explanation: ColumnType<unknown, string | undefined, string>;
  owner_user_id: string | null;
  acknowledge_due_at: Date | null;
  respond_due_at: Date | null;
  escalated_to: string | null;
  escalations: Defaulted<number>;
  muted_by: string | null;
  outcome: string | null;
  was_real: boolean | null;
  dismiss_reason: string | null;
  opened_at: ColumnType<Date, Date | string | undefined, Date | string>;
  acknowledged_at: Date | null;
  closed_at: Date | null;
  updated_at: UpdatedAt;
}

export interface MonitorAlertEventTable {
  id: Generated<string>;
  alert_id: string;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_id: string | null;
  kind: string;
  from_level: number | null;
  to_level: number | null;
  note: string | null;
  data: Json;
}

export interface MonitorSilenceTable {
  id: Generated<string>;
  rule_id: string;
  region_code: string;
  reason: string;
  expires_at: Date;
  created_by: string | null;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

export interface MonitorImportTable {
  id: Generated<string>;
  form_id: string;
  period: string;
  file_id: string | null;
  status: string;
  total_rows: Defaulted<number>;
  processed_rows: Defaulted<number>;
  error_count: Defaulted<number>;
  errors: ColumnType<unknown, string | undefined, string>;
  region_code: string;
  created_by: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
  reach: Defaulted<string[]>;
  claimed_until: Date | null;
}

export interface MonitorImportRowTable {
  import_id: string;
  row_number: number;
  indicator_id: string;
  region_code: string;
  subject_id: string | null;
  period: string;
  breakdown: Defaulted<string>;
  value: Numeric;
}

export interface MonitorImportErrorTable {
  import_id: string;
  position: number;
  row_number: number;
  column_ref: string;
  header: string;
  code: string;
  message_zh: string;
  message_en: string;
}
