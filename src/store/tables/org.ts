/** Regions and units (org domain). */
import type { Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from './columns.ts';

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
