/** Batch and proactive runs of policy packs over the registries (benefits domain). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from './columns.ts';

/** A run of a pack version over a region's persons or enterprises on a date. */
export interface BenefitRunTable {
  id: Generated<string>;
  kind: string;
  pack_id: string;
  pack_version_id: string;
  beneficiary: string;
  region_code: string;
  as_of: string;
  status: string;
  cursor: string | null;
  subjects_done: Generated<number>;
  items_hash: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  finished_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  approved_by: string | null;
  approved_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  payment_batch_id: string | null;
}

/** One policy's decision for one subject of a run. */
export interface BenefitRunItemTable {
  run_id: string;
  subject_id: string;
  policy_id: string;
  county_code: string;
  region_code: string;
  status: string;
  amount_fen: ColumnType<number, number | undefined, number>;
}
