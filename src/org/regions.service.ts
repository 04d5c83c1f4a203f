/** Reading the region tree: children of a node, one node with its ancestry, and search by name. */
import { sql, type Kysely } from 'kysely';
import { notFound } from '../kernel/errors.ts';
import { containing } from '../kernel/like-pattern.ts';
import { regionAncestry, regionLevels, rootRegionCode, type RegionLevel } from '../kernel/region-code.ts';
import type { Database } from '../store/tables.ts';

/** A region as the API presents it. */
export interface RegionView {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  childCount: number;
}

function regionQuery(db: Kysely<Database>) {
  return db
    .selectFrom('region as r')
    .select(['r.code', 'r.name', 'r.level', 'r.parent_code'])
    .select(sql<number>`(select count(*) from region c where c.parent_code = r.code)::int`.as('child_count'));
}

function present(row: { code: string; name: string; level: number; parent_code: string | null; child_count: number }): RegionView {
  return {
    code: row.code,
    name: row.name,
    level: regionLevels[row.level] ?? 'village',
    parentCode: row.parent_code,
    childCount: row.child_count,
  };
}

/** The regions directly under `parentCode` (the provinces when it is the country). */
export async function listRegionChildren(db: Kysely<Database>, parentCode: string = rootRegionCode): Promise<RegionView[]> {
  const rows = await regionQuery(db).where('r.parent_code', '=', parentCode).orderBy('r.code').execute();
  return rows.map(present);
}

/** One region with the chain of regions above it. */
export async function getRegion(db: Kysely<Database>, code: string) {
  const row = await regionQuery(db).where('r.code', '=', code).executeTakeFirst();
  if (!row) throw notFound({ zh: `行政区划 ${code}`, en: `Region ${code}` });
  const chain = regionAncestry(code).slice(0, -1);
  const ancestors = chain.length
    ? await db.selectFrom('region').select(['code', 'name']).where('code', 'in', chain).orderBy('code').execute()
    : [];
  return { ...present(row), ancestors: chain.flatMap((ancestor) => ancestors.filter((entry) => entry.code === ancestor)) };
}

/** Regions whose name contains `query`, largest first, at most `limit`. */
export async function searchRegions(db: Kysely<Database>, query: string, limit: number): Promise<RegionView[]> {
  const pattern = containing(query);
  const rows = await regionQuery(db).where('r.name', 'like', pattern).orderBy('r.level').orderBy('r.code').limit(limit).execute();
  return rows.map(present);
}

/** True when the region exists. */
export async function regionExists(db: Kysely<Database>, code: string): Promise<boolean> {
  return Boolean(await db.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst());
}
