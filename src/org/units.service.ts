/**
 * Units (单位): the departments, governments, enterprises and banks that lead and share tasks. Each
 * belongs to one region, keeps the other names documents use for it (aliases) and its liaison people.
 */
import { sql, type Kysely } from 'kysely';
import type { UnitKind } from '../contracts/constants.ts';
import type { ContactInput, ParsedCreateUnitInput, UnitDetail, UnitSummary, UpdateUnitInput } from '../contracts/org.contract.ts';
import { jurisdictionOrAbove, type Actor } from '../kernel/actor.ts';
import { containing } from '../kernel/like-pattern.ts';
import { conflict, forbidden, notFound, unprocessable } from '../kernel/errors.ts';
import { maskPhone } from '../kernel/masking.ts';
import { regionPrefix } from '../kernel/region-code.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import { isUniqueViolation } from '../store/errors.ts';
import type { Database } from '../store/tables.ts';
import { canManageUnits, canReadUnit, unitAbilities } from './org.policy.ts';

const unitWord = { zh: '单位', en: 'Unit' };

/** Filters for listing units. */
export interface UnitFilter {
  /** Only units inside this region's subtree. */
  regionCode?: string | undefined;
  /** Matches the name or any alias. */
  query?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * Units the actor may read, filtered and paged in SQL. The region name is fetched per row of the page
 * rather than joined, and the alias match is an `IN` over the alias table: with a join and `EXISTS` the
 * planner walked the whole region table for a county user's search (see bench/README.md).
 */
export async function listUnits(db: Kysely<Database>, actor: Actor, filter: UnitFilter) {
  const { prefixes, ancestors } = jurisdictionOrAbove(actor);
  let query = db.selectFrom('unit');
  if (!prefixes.includes('')) {
    query = query.where((eb) =>
      eb.or([
        ...prefixes.map((prefix) => eb('unit.region_code', 'like', `${prefix}%`)),
        ...(ancestors.length > 0 ? [eb('unit.region_code', 'in', ancestors)] : []),
      ]),
    );
  }
  if (filter.regionCode) query = query.where('unit.region_code', 'like', `${regionPrefix(filter.regionCode)}%`);
  if (filter.query) {
    const pattern = containing(filter.query);
    query = query.where((eb) =>
      eb.or([
        eb('unit.name', 'like', pattern),
        eb('unit.id', 'in', eb.selectFrom('unit_alias').select('unit_alias.unit_id').where('unit_alias.alias', 'like', pattern)),
      ]),
    );
  }
  const [{ total } = { total: 0 }] = await query.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await query
    .select(['unit.id', 'unit.name', 'unit.kind', 'unit.region_code', 'unit.parent_unit_id'])
    .select((eb) => [
      eb.selectFrom('region').select('region.name').whereRef('region.code', '=', 'unit.region_code').$asScalar().as('region_name'),
      sql<string[]>`coalesce((select array_agg(a.alias order by a.alias) from unit_alias a where a.unit_id = ${eb.ref('unit.id')}), '{}')`.as('aliases'),
    ])
    .orderBy('unit.region_code')
    .orderBy('unit.name')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const items: UnitSummary[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind as UnitKind,
    regionCode: row.region_code,
    regionName: row.region_name ?? '',
    parentUnitId: row.parent_unit_id,
    aliases: row.aliases,
  }));
  return { items, total: Number(total) };
}

async function loadUnit(db: Kysely<Database>, id: string) {
  const unit = await db
    .selectFrom('unit')
    .innerJoin('region', 'region.code', 'unit.region_code')
    .selectAll('unit')
    .select('region.name as region_name')
    .where('unit.id', '=', id)
    .executeTakeFirst();
  if (!unit) return null;
  const aliasList = await db.selectFrom('unit_alias').select(['id', 'alias']).where('unit_id', '=', id).orderBy('alias').execute();
  const contacts = await db
    .selectFrom('unit_contact')
    .select(['name', 'title', 'phone', 'email'])
    .where('unit_id', '=', id)
    .orderBy('position')
    .execute();
  return { unit, aliasList, contacts };
}

/** The audit snapshot of a unit: its row, aliases and contacts. */
function snapshot(loaded: NonNullable<Awaited<ReturnType<typeof loadUnit>>>) {
  const { unit, aliasList, contacts } = loaded;
  return {
    name: unit.name,
    kind: unit.kind,
    regionCode: unit.region_code,
    parentUnitId: unit.parent_unit_id,
    aliases: aliasList.map((entry) => entry.alias),
    contacts,
  };
}

/** One unit as the actor may see it; contact phones are masked unless the actor manages the unit. */
export async function getUnit(db: Kysely<Database>, actor: Actor, id: string): Promise<UnitDetail> {
  const loaded = await loadUnit(db, id);
  if (!loaded || !canReadUnit(actor, loaded.unit.region_code)) throw notFound(unitWord);
  const { unit, aliasList, contacts } = loaded;
  const abilities = unitAbilities(actor, unit.region_code);
  return {
    id: unit.id,
    name: unit.name,
    kind: unit.kind as UnitKind,
    regionCode: unit.region_code,
    regionName: unit.region_name,
    parentUnitId: unit.parent_unit_id,
    aliases: aliasList.map((entry) => entry.alias),
    aliasList,
    contacts: contacts.map((contact) => ({
      ...contact,
      phone: contact.phone && !abilities.manageContacts ? maskPhone(contact.phone) : contact.phone,
    })),
    createdAt: unit.created_at.toISOString(),
    updatedAt: unit.updated_at.toISOString(),
    abilities,
  };
}

async function assertRegionExists(db: Kysely<Database>, code: string): Promise<void> {
  const found = await db.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst();
  if (!found) {
    throw unprocessable('regionCode', {
      zh: `行政区划 ${code} 不存在，请先导入该地区（wenbao regions import）。`,
      en: `Region ${code} does not exist; import it first (wenbao regions import).`,
    });
  }
}

async function assertParentUnit(db: Kysely<Database>, actor: Actor, parentUnitId: string | null | undefined): Promise<void> {
  if (!parentUnitId) return;
  const parent = await db.selectFrom('unit').select('region_code').where('id', '=', parentUnitId).executeTakeFirst();
  if (!parent || !canReadUnit(actor, parent.region_code)) {
    throw unprocessable('parentUnitId', { zh: '上级单位不存在。', en: 'The parent unit does not exist.' });
  }
}

function duplicateName(name: string) {
  return conflict('name', { zh: `本地区已有名为“${name}”的单位。`, en: `A unit named "${name}" already exists in this region.` });
}

/** Refuses a unit name that another unit of the region already goes by as an alias. */
async function assertNameNotAnAlias(db: Kysely<Database>, regionCode: string, name: string, ownUnitId?: string): Promise<void> {
  let query = db.selectFrom('unit_alias').select('id').where('region_code', '=', regionCode).where('alias', '=', name);
  if (ownUnitId) query = query.where('unit_id', '<>', ownUnitId);
  if (await query.executeTakeFirst()) {
    throw conflict('name', {
      zh: `本地区已有其他单位以“${name}”为简称，请换一个名称或先移除那个简称。`,
      en: `Another unit in this region goes by "${name}"; choose another name or remove that alias first.`,
    });
  }
}

/** Refuses a parent that is the unit itself or one of the units below it. */
async function assertNoCycle(db: Kysely<Database>, unitId: string, parentUnitId: string | null | undefined): Promise<void> {
  if (!parentUnitId) return;
  const chain = await sql<{ id: string }>`
    with recursive ancestors(id, parent_unit_id, depth) as (
      select id, parent_unit_id, 0 from unit where id = ${parentUnitId}
      union all
      select u.id, u.parent_unit_id, a.depth + 1 from unit u join ancestors a on u.id = a.parent_unit_id where a.depth < 100
    )
    select id from ancestors where id = ${unitId} limit 1`.execute(db);
  if (chain.rows.length > 0) {
    throw unprocessable('parentUnitId', {
      zh: '上级单位不能是本单位或其下级单位。',
      en: 'The parent unit cannot be the unit itself or one of the units below it.',
    });
  }
}

function duplicateAlias(field: string, alias: string) {
  return conflict(field, {
    zh: `本地区已有单位使用名称或简称“${alias}”。`,
    en: `Another unit in this region already goes by "${alias}".`,
  });
}

/** Refuses an alias that is already some unit's alias or name in the region. */
async function assertAliasFree(db: Kysely<Database>, regionCode: string, alias: string, field: string): Promise<void> {
  const taken = await db
    .selectFrom('unit_alias')
    .select('id')
    .where('region_code', '=', regionCode)
    .where('alias', '=', alias)
    .unionAll(db.selectFrom('unit').select('id').where('region_code', '=', regionCode).where('name', '=', alias))
    .executeTakeFirst();
  if (taken) throw duplicateAlias(field, alias);
}

async function insertContacts(db: Kysely<Database>, unitId: string, contacts: ContactInput[]): Promise<void> {
  if (contacts.length === 0) return;
  await db
    .insertInto('unit_contact')
    .values(
      contacts.map((contact, position) => ({
        unit_id: unitId,
        position,
        name: contact.name,
        title: contact.title ?? null,
        phone: contact.phone ?? null,
        email: contact.email ?? null,
      })),
    )
    .execute();
}

/** Creates a unit with its aliases and contacts. */
export async function createUnit(context: WriteContext, actor: Actor, input: ParsedCreateUnitInput) {
  await assertRegionExists(context.db, input.regionCode);
  if (!canManageUnits(actor, input.regionCode)) throw forbidden();
  await assertParentUnit(context.db, actor, input.parentUnitId);
  const taken = await context.db
    .selectFrom('unit')
    .select('id')
    .where('region_code', '=', input.regionCode)
    .where('name', '=', input.name)
    .executeTakeFirst();
  if (taken) throw duplicateName(input.name);
  await assertNameNotAnAlias(context.db, input.regionCode, input.name);
  const aliases = [...new Set(input.aliases)].filter((alias) => alias !== input.name);
  for (const [index, alias] of aliases.entries()) await assertAliasFree(context.db, input.regionCode, alias, `aliases.${index}`);
  const { id } = await context.db
    .insertInto('unit')
    .values({
      region_code: input.regionCode,
      name: input.name,
      kind: input.kind,
      parent_unit_id: input.parentUnitId ?? null,
      created_at: context.now,
      updated_at: context.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicateName(input.name) : error;
    });
  if (aliases.length > 0) {
    await context.db
      .insertInto('unit_alias')
      .values(aliases.map((alias) => ({ unit_id: id, region_code: input.regionCode, alias })))
      .execute();
  }
  await insertContacts(context.db, id, input.contacts);
  const created = await loadUnit(context.db, id);
  await recordAudit(context, {
    action: 'org.unit.create',
    entityType: 'unit',
    entityId: id,
    regionCode: input.regionCode,
    after: created && snapshot(created),
  });
  return id;
}

/** Loads a unit the actor may manage, or refuses. */
async function loadManagedUnit(db: Kysely<Database>, actor: Actor, id: string) {
  const loaded = await loadUnit(db, id);
  if (!loaded || !canReadUnit(actor, loaded.unit.region_code)) throw notFound(unitWord);
  if (!canManageUnits(actor, loaded.unit.region_code)) throw forbidden();
  return loaded;
}

/** Records a change to a unit by comparing its snapshot before and after. */
async function auditUnitChange(context: WriteContext, action: string, before: NonNullable<Awaited<ReturnType<typeof loadUnit>>>) {
  await context.db.updateTable('unit').set({ updated_at: context.now }).where('id', '=', before.unit.id).execute();
  const after = await loadUnit(context.db, before.unit.id);
  await recordAudit(context, {
    action,
    entityType: 'unit',
    entityId: before.unit.id,
    regionCode: before.unit.region_code,
    before: snapshot(before),
    after: after && snapshot(after),
  });
}

/** Renames a unit or changes its kind or parent. */
export async function updateUnit(context: WriteContext, actor: Actor, id: string, input: UpdateUnitInput): Promise<void> {
  const before = await loadManagedUnit(context.db, actor, id);
  await assertParentUnit(context.db, actor, input.parentUnitId);
  await assertNoCycle(context.db, id, input.parentUnitId);
  if (input.name && input.name !== before.unit.name) {
    const taken = await context.db
      .selectFrom('unit')
      .select('id')
      .where('region_code', '=', before.unit.region_code)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (taken) throw duplicateName(input.name);
    await assertNameNotAnAlias(context.db, before.unit.region_code, input.name, id);
  }
  await context.db
    .updateTable('unit')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.parentUnitId !== undefined && { parent_unit_id: input.parentUnitId }),
    })
    .where('id', '=', id)
    .execute();
  await auditUnitChange(context, 'org.unit.update', before);
}

/** Adds another name the unit goes by. */
export async function addUnitAlias(context: WriteContext, actor: Actor, unitId: string, alias: string): Promise<void> {
  const before = await loadManagedUnit(context.db, actor, unitId);
  await assertAliasFree(context.db, before.unit.region_code, alias, 'alias');
  await context.db.insertInto('unit_alias').values({ unit_id: unitId, region_code: before.unit.region_code, alias }).execute();
  await auditUnitChange(context, 'org.unit.alias.add', before);
}

/** Removes one of the unit's aliases. */
export async function removeUnitAlias(context: WriteContext, actor: Actor, unitId: string, aliasId: string): Promise<void> {
  const before = await loadManagedUnit(context.db, actor, unitId);
  const removed = await context.db.deleteFrom('unit_alias').where('id', '=', aliasId).where('unit_id', '=', unitId).executeTakeFirst();
  if (removed.numDeletedRows === 0n) throw notFound({ zh: '简称', en: 'Alias' });
  await auditUnitChange(context, 'org.unit.alias.remove', before);
}

/** Replaces the unit's liaison contacts with the given list, in order. */
export async function replaceUnitContacts(context: WriteContext, actor: Actor, unitId: string, contacts: ContactInput[]): Promise<void> {
  const before = await loadManagedUnit(context.db, actor, unitId);
  await context.db.deleteFrom('unit_contact').where('unit_id', '=', unitId).execute();
  await insertContacts(context.db, unitId, contacts);
  await auditUnitChange(context, 'org.unit.contacts.replace', before);
}

/**
 * Finds the units a document's name refers to inside a region's subtree, by exact name or alias.
 * Importers use it; more than one match is returned as is, for the user to choose, never merged.
 */
export async function findUnitsByName(db: Kysely<Database>, name: string, withinRegionCode: string) {
  const prefix = `${regionPrefix(withinRegionCode)}%`;
  return db
    .selectFrom('unit')
    .select(['unit.id', 'unit.name', 'unit.region_code'])
    .where('unit.region_code', 'like', prefix)
    .where((eb) =>
      eb.or([
        eb('unit.name', '=', name),
        eb.exists(eb.selectFrom('unit_alias').select('unit_alias.id').whereRef('unit_alias.unit_id', '=', 'unit.id').where('unit_alias.alias', '=', name)),
      ]),
    )
    .execute();
}

