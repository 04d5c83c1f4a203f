/** The problem ledger (问题台账): problems, their history and evidence (plans domain, problems). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from './columns.ts';

export interface ProblemTable {
  id: Generated<string>;
  sequence_no: number;
  number: string;
  plan_id: string | null;
  task_id: string | null;
  region_code: string;
  reporter_kind: string;
  reported_by_unit_id: string | null;
  reported_by_user_id: string;
  enterprise_name: string | null;
  enterprise_credit_code: string | null;
  category: string;
  severity: string;
  title: string;
  description: string;
  amount_fen: number | null;
  owner_level: string;
  owner_unit_id: string;
  assignee_user_id: string | null;
  deadline: string;
  status: string;
  flagged: ColumnType<boolean, boolean | undefined, boolean>;
  flag_reason: string | null;
  flag_source: string | null;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  verified_by: string | null;
  verified_at: Date | null;
  closed_at: Date | null;
  follow_up_on: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ProblemEventTable {
  id: Generated<number>;
  problem_id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  kind: string;
  from_level: string | null;
  to_level: string | null;
  to_unit_id: string | null;
  assignee_user_id: string | null;
  outcome: string | null;
  comment: string | null;
}

export interface ProblemEvidenceTable {
  problem_id: string;
  file_id: string;
  attached_by: string | null;
  attached_at: Date;
}
