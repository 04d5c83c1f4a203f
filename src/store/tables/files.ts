/** Uploaded files (files domain). */
import type { Generated } from 'kysely';
import type { CreatedAt } from './columns.ts';

export interface StoredFileTable {
  id: Generated<string>;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  region_code: string | null;
  uploaded_by: string | null;
  uploaded_at: CreatedAt;
}
