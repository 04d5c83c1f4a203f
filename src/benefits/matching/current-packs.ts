/**
 * The current catalogue for matching, without reading every pack document on every request: one small query
 * names the current version of each pack, and a version (immutable once recorded) is read and parsed once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/tables.ts';
import { policyVersion, type CataloguePack } from '../catalogue.ts';

const versions = new Map<string, CataloguePack>();

/** The most recently loaded version of each pack, as `policyCatalogue` gives it, read cheaply. */
export async function currentPacks(db: Kysely<Database>): Promise<CataloguePack[]> {
  const rows = await db
    .selectFrom('benefit_policy_version')
    .select(['id', 'pack_id'])
    .distinctOn('pack_id')
    .orderBy('pack_id')
    .orderBy('loaded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const packs: CataloguePack[] = [];
  for (const row of rows) packs.push(await packVersion(db, row.id));
  return packs;
}

/** One recorded version by id, read and parsed once (a version never changes). */
export async function packVersion(db: Kysely<Database>, id: string): Promise<CataloguePack> {
  let entry = versions.get(id);
  if (!entry) {
    entry = await policyVersion(db, id);
    versions.set(id, entry);
  }
  return entry;
}
