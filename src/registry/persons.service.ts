/**
 * Persons (人员): identity number validated and unique, sex and birth date taken from it, hukou and current
 * region, phone, employment intent, the cadre who follows them (包抓干部), their household, and their
 * groups as dated memberships. Identity numbers and phones leave the server masked unless the viewer
 * writes in the person's region.
 */
import type { Kysely, Selectable } from 'kysely';
import type { EmploymentIntent, PersonGroup } from '../contracts/registry-constants.ts';
import type { CreatePersonInput, UpdatePersonInput } from '../contracts/registry.contract.ts';
import type { Actor } from '../kernel/actor.ts';
import { conflict, forbidden, notFound, unprocessable } from '../kernel/errors.ts';
import { containing } from '../kernel/like-pattern.ts';
import { maskPhone } from '../kernel/masking.ts';
import { chinaDate } from '../kernel/periods.ts';
import { regionPrefix } from '../kernel/region-code.ts';
import { maskResidentId, parseResidentId } from '../kernel/resident-id.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import { isUniqueViolation } from '../store/errors.ts';
import type { Database, RegistryPersonTable } from '../store/tables.ts';
import { listEmployment, listTraining } from './employment.service.ts';
import { loadReadablePerson, loadWritablePerson, placeOf } from './person-access.ts';
import { canWriteInRegion, canWritePerson, readerPrefixes, writerPrefixes } from './registry.policy.ts';
import { assertRegionExists, inRegions, missingReference, underPrefixes, words } from './registry.shared.ts';

type PersonRow = Selectable<RegistryPersonTable>;

/** Filters for listing persons. */
export interface PersonFilter {
  /** A name (contains) or a full identity number (exact). */
  query?: string | undefined;
  regionCode?: string | undefined;
  group?: PersonGroup | undefined;
  limit: number;
  offset: number;
}

/** A person row as the viewer may see it: identity number and phone masked unless `unmasked`. */
export function presentPerson(row: PersonRow, unmasked: boolean) {
  return {
    id: row.id,
    residentId: unmasked ? row.resident_id : maskResidentId(row.resident_id),
    name: row.name,
    sex: row.sex as 'male' | 'female',
    birthDate: row.birth_date,
    hukouRegionCode: row.hukou_region_code,
    currentRegionCode: row.current_region_code,
    phone: row.phone === null || unmasked ? row.phone : maskPhone(row.phone),
    employmentIntent: row.employment_intent as EmploymentIntent | null,
  };
}

function unmaskedFor(actor: Actor, row: PersonRow): boolean {
  const prefixes = writerPrefixes(actor);
  return underPrefixes(row.hukou_region_code, prefixes) || underPrefixes(row.current_region_code, prefixes);
}

/** Persons the actor may see, filtered and paged in SQL. */
export async function listPersons(db: Kysely<Database>, actor: Actor, filter: PersonFilter) {
  const prefixes = readerPrefixes(actor);
  let query = db.selectFrom('registry_person').where((eb) => inRegions(eb, ['registry_person.hukou_region_code', 'registry_person.current_region_code'], prefixes));
  if (filter.regionCode) {
    const prefix = regionPrefix(filter.regionCode);
    query = query.where((eb) => inRegions(eb, ['registry_person.hukou_region_code', 'registry_person.current_region_code'], [prefix]));
  }
  if (filter.query) {
    const id = parseResidentId(filter.query);
    query = id.ok ? query.where('registry_person.resident_id', '=', id.value.id) : query.where('registry_person.name', 'like', containing(filter.query));
  }
  if (filter.group) {
    const today = chinaDate();
    const group = filter.group;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('registry_person_group as g')
          .select('g.id')
          .whereRef('g.person_id', '=', 'registry_person.id')
          .where('g.group_code', '=', group)
          .where('g.start_date', '<=', today)
          .where((inner) => inner.or([inner('g.end_date', 'is', null), inner('g.end_date', '>=', today)])),
      ),
    );
  }
  const [{ total } = { total: 0 }] = await query.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await query.selectAll('registry_person').orderBy('registry_person.name').orderBy('registry_person.id').limit(filter.limit).offset(filter.offset).execute();
  return { items: rows.map((row) => presentPerson(row, unmaskedFor(actor, row))), total: Number(total) };
}

/** One person with groups, employment and training, as the actor may see them. */
export async function getPerson(db: Kysely<Database>, actor: Actor, id: string) {
  const row = await loadReadablePerson(db, actor, id);
  const groups = await db.selectFrom('registry_person_group').selectAll().where('person_id', '=', id).orderBy('start_date').orderBy('group_code').execute();
  const writable = canWritePerson(actor, placeOf(row));
  return {
    ...presentPerson(row, writable),
    cadreUserId: row.cadre_user_id,
    householdId: row.household_id,
    groups: groups.map((group) => ({ id: group.id, group: group.group_code as PersonGroup, startDate: group.start_date, endDate: group.end_date })),
    employment: await listEmployment(db, id),
    training: await listTraining(db, id),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    abilities: { update: writable, seeResidentId: writable },
  };
}

/** The audit snapshot of a person (the audit view masks the identity number and phone). */
function snapshot(row: PersonRow) {
  return {
    residentId: row.resident_id,
    name: row.name,
    hukouRegionCode: row.hukou_region_code,
    currentRegionCode: row.current_region_code,
    phone: row.phone,
    employmentIntent: row.employment_intent,
    cadreUserId: row.cadre_user_id,
    householdId: row.household_id,
  };
}

const referenceFields = { cadre_user_id: 'cadreUserId', household_id: 'householdId', hukou_region_code: 'hukouRegionCode', current_region_code: 'currentRegionCode' };

/** Refuses a household the actor cannot see. */
async function assertHousehold(db: Kysely<Database>, actor: Actor, householdId: string | null | undefined): Promise<void> {
  if (!householdId) return;
  const household = await db.selectFrom('registry_household').select('region_code').where('id', '=', householdId).executeTakeFirst();
  if (!household || !canWriteInRegion(actor, household.region_code)) {
    throw unprocessable('householdId', { zh: '家庭户不存在，或不在您的管辖范围内。', en: 'The household does not exist or is outside your jurisdiction.' });
  }
}

/** Registers a person; sex and birth date come from the identity number. */
export async function createPerson(context: WriteContext, actor: Actor, input: CreatePersonInput): Promise<string> {
  const parsed = parseResidentId(input.residentId, chinaDate(context.now));
  if (!parsed.ok) throw unprocessable('residentId', parsed.message);
  const hukouRegionCode = input.hukouRegionCode ?? parsed.value.regionCode;
  await assertRegionExists(context.db, hukouRegionCode, 'hukouRegionCode');
  if (input.currentRegionCode) await assertRegionExists(context.db, input.currentRegionCode, 'currentRegionCode');
  if (!canWritePerson(actor, { hukouRegionCode, currentRegionCode: input.currentRegionCode ?? null })) throw forbidden();
  await assertHousehold(context.db, actor, input.householdId);
  const taken = await context.db.selectFrom('registry_person').select('id').where('resident_id', '=', parsed.value.id).executeTakeFirst();
  const duplicate = () => conflict('residentId', { zh: '该身份证号码已登记。', en: 'This identity number is already registered.' });
  if (taken) throw duplicate();
  const row = await context.db
    .insertInto('registry_person')
    .values({
      resident_id: parsed.value.id,
      name: input.name,
      sex: parsed.value.sex,
      birth_date: parsed.value.birthDate,
      hukou_region_code: hukouRegionCode,
      current_region_code: input.currentRegionCode ?? null,
      phone: input.phone ?? null,
      employment_intent: input.employmentIntent ?? null,
      cadre_user_id: input.cadreUserId ?? null,
      household_id: input.householdId ?? null,
      created_at: context.now,
      updated_at: context.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicate() : missingReference(error, referenceFields);
    });
  await recordAudit(context, { action: 'registry.person.create', entityType: 'registry_person', entityId: row.id, regionCode: hukouRegionCode, after: snapshot(row) });
  return row.id;
}

/** Changes a person's name, regions, phone, intent, cadre or household. */
export async function updatePerson(context: WriteContext, actor: Actor, id: string, input: UpdatePersonInput): Promise<void> {
  const before = await loadWritablePerson(context.db, actor, id);
  if (input.hukouRegionCode) await assertRegionExists(context.db, input.hukouRegionCode, 'hukouRegionCode');
  if (input.currentRegionCode) await assertRegionExists(context.db, input.currentRegionCode, 'currentRegionCode');
  const place = {
    hukouRegionCode: input.hukouRegionCode ?? before.hukou_region_code,
    currentRegionCode: input.currentRegionCode === undefined ? before.current_region_code : input.currentRegionCode,
  };
  // Moving a person out of one's own reach would lose them: the new place must still be writable.
  if (!canWritePerson(actor, place)) throw forbidden();
  await assertHousehold(context.db, actor, input.householdId);
  const after = await context.db
    .updateTable('registry_person')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      hukou_region_code: place.hukouRegionCode,
      current_region_code: place.currentRegionCode,
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.employmentIntent !== undefined && { employment_intent: input.employmentIntent }),
      ...(input.cadreUserId !== undefined && { cadre_user_id: input.cadreUserId }),
      ...(input.householdId !== undefined && { household_id: input.householdId }),
      updated_at: context.now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw missingReference(error, referenceFields);
    });
  await recordAudit(context, { action: 'registry.person.update', entityType: 'registry_person', entityId: id, regionCode: after.hukou_region_code, before: snapshot(before), after: snapshot(after) });
}

/** Records that a person belongs to a group from a date (until a date, or open). */
export async function addPersonGroup(context: WriteContext, actor: Actor, personId: string, input: { group: PersonGroup; startDate: string; endDate?: string | null | undefined }): Promise<string> {
  const person = await loadWritablePerson(context.db, actor, personId);
  if (input.endDate && input.endDate < input.startDate) throw unprocessable('endDate', { zh: '结束日期早于开始日期。', en: 'The end date is before the start date.' });
  const row = await context.db
    .insertInto('registry_person_group')
    .values({ person_id: personId, group_code: input.group, start_date: input.startDate, end_date: input.endDate ?? null, created_at: context.now })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? conflict('startDate', { zh: '该人员类别在此日期已有记录。', en: 'This group already starts on this date for the person.' }) : error;
    });
  await recordAudit(context, { action: 'registry.person.group.add', entityType: 'registry_person', entityId: personId, regionCode: person.hukou_region_code, after: { group: input.group, startDate: input.startDate, endDate: input.endDate ?? null } });
  return row.id;
}

/** Sets (or clears) the end date of a group membership. */
export async function endPersonGroup(context: WriteContext, actor: Actor, personId: string, groupId: string, endDate: string | null): Promise<void> {
  const person = await loadWritablePerson(context.db, actor, personId);
  const group = await context.db.selectFrom('registry_person_group').selectAll().where('id', '=', groupId).where('person_id', '=', personId).executeTakeFirst();
  if (!group) throw notFound(words.group);
  if (endDate !== null && endDate < group.start_date) throw unprocessable('endDate', { zh: '结束日期早于开始日期。', en: 'The end date is before the start date.' });
  await context.db.updateTable('registry_person_group').set({ end_date: endDate }).where('id', '=', groupId).execute();
  await recordAudit(context, {
    action: 'registry.person.group.end',
    entityType: 'registry_person',
    entityId: personId,
    regionCode: person.hukou_region_code,
    before: { group: group.group_code, startDate: group.start_date, endDate: group.end_date },
    after: { group: group.group_code, startDate: group.start_date, endDate },
  });
}
