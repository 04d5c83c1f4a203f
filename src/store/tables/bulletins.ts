/** Bulletins (通报) and each plan's bulletin settings (plans domain, bulletins). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, JsonObject, UpdatedAt } from './columns.ts';

export interface BulletinTable {
  id: Generated<string>;
  plan_id: string;
  period: string;
  status: ColumnType<string, string | undefined, string>;
  title: string;
  doc_number: string | null;
  issuer_unit_id: string | null;
  weights: JsonObject;
  content: JsonObject;
  content_sha256: string;
  created_at: CreatedAt;
  created_by: string | null;
  published_at: Date | null;
  published_by: string | null;
}

export interface BulletinSettingTable {
  plan_id: string;
  weights: JsonObject;
  updated_at: UpdatedAt;
  updated_by: string | null;
}
