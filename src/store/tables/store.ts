/** The store's own tables: audit trail, migrations, shared secrets. */
import type { Generated } from 'kysely';
import type { CreatedAt, Json } from './columns.ts';

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
