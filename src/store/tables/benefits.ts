/** Policy versions, applications, the grants ledger and payment batches (benefits domain). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, JsonObject, UpdatedAt } from './columns.ts';

/** A `date` column: 'YYYY-MM-DD' both ways. */
type DateColumn = string;

export interface BenefitPolicyVersionTable {
  id: Generated<string>;
  pack_id: string;
  version: string;
  content_sha256: string;
  document: JsonObject;
  loaded_at: CreatedAt;
}

export interface BenefitApplicationTable {
  id: Generated<string>;
  policy_version_id: string;
  pack_id: string;
  policy_id: string;
  beneficiary_kind: string;
  person_id: string | null;
  enterprise_id: string | null;
  employment_id: string | null;
  beneficiary_id_number: string;
  beneficiary_name: string;
  region_code: string;
  grant_key: string | null;
  period_key: string | null;
  as_of: DateColumn;
  facts: JsonObject;
  answers: JsonObject;
  outcome: JsonObject;
  outcome_status: string;
  amount_fen: number | null;
  bank_name: string | null;
  bank_account: string | null;
  account_holder: string | null;
  status: string;
  filed_by: string | null;
  first_reviewer_id: string | null;
  final_reviewer_id: string | null;
  decision_reason: string | null;
  submitted_at: Date | null;
  decided_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface BenefitApplicationEventTable {
  id: Generated<string>;
  sequence: Generated<number>;
  application_id: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  note: string | null;
  at: CreatedAt;
}

export interface BenefitApplicationEvidenceTable {
  application_id: string;
  evidence_id: string;
  file_id: string;
  added_at: CreatedAt;
}

export interface BenefitGrantTable {
  id: Generated<string>;
  pack_id: string;
  policy_id: string;
  policy_version_id: string;
  beneficiary_key: string;
  period_key: string;
  exclusive_group: string | null;
  amount_fen: number;
  beneficiary_kind: string;
  beneficiary_id_number: string;
  beneficiary_name: string;
  person_id: string | null;
  enterprise_id: string | null;
  region_code: string;
  application_id: string | null;
  run_id: string | null;
  bank_name: string | null;
  bank_account: string | null;
  account_holder: string | null;
  granted_by: string | null;
  granted_at: CreatedAt;
}

export interface BenefitPaymentBatchTable {
  id: Generated<string>;
  title: string;
  region_code: string;
  status: string;
  created_by: string | null;
  submitted_by: string | null;
  approved_by: string | null;
  approved_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface BenefitPaymentItemTable {
  id: Generated<string>;
  batch_id: string;
  grant_id: string;
  amount_fen: number;
  paid_on: DateColumn | null;
  paid_amount_fen: number | null;
  payment_reference: string | null;
  clawed_back_fen: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface BenefitClawbackTable {
  id: Generated<string>;
  item_id: string;
  amount_fen: number;
  reason: string;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

/** What an applicant who filed online without an account needs to come back: a reference, a secret's hash, a phone. */
export interface BenefitOnlineFilingTable {
  application_id: string;
  reference: string;
  secret_sha256: string;
  phone: string;
  filed_at: ColumnType<Date, Date | string, never>;
}
