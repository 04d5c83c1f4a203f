/** Registries of people, households, employment, training and enterprises (registry domain). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from './columns.ts';

/** A `date` column: 'YYYY-MM-DD' both ways. */
type DateColumn = string;

export interface RegistryHouseholdTable {
  id: Generated<string>;
  code: string;
  region_code: string;
  address: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RegistryPersonTable {
  id: Generated<string>;
  resident_id: string;
  name: string;
  sex: string;
  birth_date: DateColumn;
  hukou_region_code: string;
  current_region_code: string | null;
  phone: string | null;
  employment_intent: string | null;
  cadre_user_id: string | null;
  household_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RegistryPersonGroupTable {
  id: Generated<string>;
  person_id: string;
  group_code: string;
  start_date: DateColumn;
  end_date: DateColumn | null;
  created_at: CreatedAt;
}

export interface RegistryEnterpriseTable {
  id: Generated<string>;
  credit_code: string;
  name: string;
  kind: string;
  industry: string;
  region_code: string;
  established_on: DateColumn | null;
  employees: number | null;
  revenue_fen: number | null;
  assets_fen: number | null;
  size_class: string | null;
  key_enterprise: Generated<boolean>;
  monitored_sample: Generated<boolean>;
  liaison_user_id: string | null;
  unit_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RegistryEmploymentTable {
  id: Generated<string>;
  person_id: string;
  enterprise_id: string | null;
  employer_name: string;
  employer_region_code: string | null;
  start_date: DateColumn;
  end_date: DateColumn | null;
  location_class: string;
  organised_transfer: Generated<boolean>;
  transfer_agency: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RegistryTrainingTable {
  id: Generated<string>;
  person_id: string;
  course: string;
  institution: string;
  start_date: DateColumn;
  end_date: DateColumn | null;
  certificate: string | null;
  created_at: CreatedAt;
}

export interface RegistryImportTable {
  id: Generated<string>;
  kind: string;
  file_name: string;
  status: string;
  rows_read: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  error_count: Generated<number>;
  errors: ColumnType<unknown, string | undefined, string>;
  region_code: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  finished_at: Date | null;
}

/** Staged rows are written with raw SQL (unnest arrays); only deletes and counts go through Kysely. */
export interface RegistryImportStageTable {
  import_id: string;
  row_number: number;
}
