/**
 * Households (家庭户) and the zero-employment households (零就业家庭) derived from them: a household with at
 * least one member of working age (16 to 59 for men, 16 to 54 for women, the statutory ages) and no member
 * in an employment spell on the date. Derived by a query each time, never stored, so it is always current.
 */
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../kernel/actor.ts';
import { conflict, forbidden, notFound } from '../kernel/errors.ts';
import { regionPrefix } from '../kernel/region-code.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import { isUniqueViolation } from '../store/errors.ts';
import type { Database } from '../store/tables.ts';
import { canWriteInRegion, readerPrefixes } from './registry.policy.ts';
import { assertRegionExists, words } from './registry.shared.ts';

/** Filters for listing households. */
export interface HouseholdFilter {
  regionCode?: string | undefined;
  /** true: only zero-employment households; false: only the others. */
  zeroEmployment?: boolean | undefined;
  onDate: string;
  limit: number;
  offset: number;
}

interface HouseholdCounts {
  id: string;
  code: string;
  region_code: string;
  address: string | null;
  working_age: number;
  employed: number;
}

/** The households visible under `prefixes` with their working-age and employed member counts on `onDate`. */
function countedHouseholds(prefixes: string[], onDate: string) {
  const visible = prefixes.includes('')
    ? sql`true`
    : prefixes.length === 0
      ? sql`false`
      : sql.join(prefixes.map((prefix) => sql`h.region_code like ${`${prefix}%`}`), sql` or `);
  return sql`
    select h.id, h.code, h.region_code, h.address,
      (select count(*) from registry_person p
        where p.household_id = h.id
          and p.birth_date <= ${onDate}::date - interval '16 years'
          and p.birth_date > ${onDate}::date - case when p.sex = 'male' then interval '60 years' else interval '55 years' end)::int as working_age,
      (select count(*) from registry_person p
        where p.household_id = h.id
          and exists (select 1 from registry_employment e
            where e.person_id = p.id and e.start_date <= ${onDate}::date and (e.end_date is null or e.end_date >= ${onDate}::date)))::int as employed
    from registry_household h
    where (${visible})`;
}

function present(row: HouseholdCounts, onDate: string) {
  return {
    id: row.id,
    code: row.code,
    regionCode: row.region_code,
    address: row.address,
    onDate,
    workingAgeMembers: row.working_age,
    employedMembers: row.employed,
    zeroEmployment: row.working_age > 0 && row.employed === 0,
  };
}

/** Households the actor may see, with their employment on the date, filtered and paged in SQL. */
export async function listHouseholds(db: Kysely<Database>, actor: Actor, filter: HouseholdFilter) {
  const prefixes = readerPrefixes(actor);
  const conditions = [sql`true`];
  if (filter.regionCode) conditions.push(sql`c.region_code like ${`${regionPrefix(filter.regionCode)}%`}`);
  if (filter.zeroEmployment === true) conditions.push(sql`c.working_age > 0 and c.employed = 0`);
  if (filter.zeroEmployment === false) conditions.push(sql`not (c.working_age > 0 and c.employed = 0)`);
  const where = sql.join(conditions, sql` and `);
  const base = countedHouseholds(prefixes, filter.onDate);
  const total = await sql<{ total: number }>`select count(*)::int as total from (${base}) c where ${where}`.execute(db);
  const rows = await sql<HouseholdCounts>`select * from (${base}) c where ${where} order by c.region_code, c.code limit ${filter.limit} offset ${filter.offset}`.execute(db);
  return { items: rows.rows.map((row) => present(row, filter.onDate)), total: total.rows[0]?.total ?? 0 };
}

/** One household with its members and employment on the date. */
export async function getHousehold(db: Kysely<Database>, actor: Actor, id: string, onDate: string) {
  const result = await sql<HouseholdCounts>`select * from (${countedHouseholds(readerPrefixes(actor), onDate)}) c where c.id = ${id}`.execute(db);
  const row = result.rows[0];
  if (!row) throw notFound(words.household);
  const members = await db
    .selectFrom('registry_person')
    .select(['id', 'name', 'sex', 'birth_date'])
    .where('household_id', '=', id)
    .orderBy('birth_date')
    .execute();
  return {
    ...present(row, onDate),
    members: members.map((member) => ({ id: member.id, name: member.name, sex: member.sex as 'male' | 'female', birthDate: member.birth_date })),
  };
}

/** Registers a household; members join it through their person record. */
export async function createHousehold(context: WriteContext, actor: Actor, input: { code: string; regionCode: string; address?: string | null | undefined }): Promise<string> {
  await assertRegionExists(context.db, input.regionCode, 'regionCode');
  if (!canWriteInRegion(actor, input.regionCode)) throw forbidden();
  const { id } = await context.db
    .insertInto('registry_household')
    .values({ code: input.code, region_code: input.regionCode, address: input.address ?? null, created_at: context.now, updated_at: context.now })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? conflict('code', { zh: '本地区已有该户编号。', en: 'This household number already exists in the region.' }) : error;
    });
  await recordAudit(context, { action: 'registry.household.create', entityType: 'registry_household', entityId: id, regionCode: input.regionCode, after: input });
  return id;
}
