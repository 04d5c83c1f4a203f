/**
 * Employment spells (就业记录) and training records (培训记录) of a person, as dated intervals. A spell's
 * location class (in the county, in the province, outside it) is derived from the employer's region
 * against the person's hukou when the spell is saved.
 */
import type { Kysely } from 'kysely';
import type { LocationClass } from '../contracts/registry-constants.ts';
import type { AddEmploymentInput, AddTrainingInput } from '../contracts/registry.contract.ts';
import type { Actor } from '../kernel/actor.ts';
import { conflict, notFound, unprocessable } from '../kernel/errors.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import { isUniqueViolation } from '../store/errors.ts';
import type { Database } from '../store/tables.ts';
import { loadWritablePerson } from './person-access.ts';
import { canReadEnterprise, canReadPerson } from './registry.policy.ts';
import { assertRegionExists, words } from './registry.shared.ts';
import { locationClass } from './spans.ts';

/** A person's employment spells, oldest first. */
export async function listEmployment(db: Kysely<Database>, personId: string) {
  const rows = await db.selectFrom('registry_employment').selectAll().where('person_id', '=', personId).orderBy('start_date').execute();
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    enterpriseId: row.enterprise_id,
    employerName: row.employer_name,
    employerRegionCode: row.employer_region_code,
    startDate: row.start_date,
    endDate: row.end_date,
    locationClass: row.location_class as LocationClass,
    organisedTransfer: row.organised_transfer,
    transferAgency: row.transfer_agency,
  }));
}

/** A person's training records, oldest first. */
export async function listTraining(db: Kysely<Database>, personId: string) {
  const rows = await db.selectFrom('registry_training').selectAll().where('person_id', '=', personId).orderBy('start_date').execute();
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    course: row.course,
    institution: row.institution,
    startDate: row.start_date,
    endDate: row.end_date,
    certificate: row.certificate,
  }));
}

function refuseEndBeforeStart(): never {
  throw unprocessable('endDate', { zh: '结束日期早于开始日期。', en: 'The end date is before the start date.' });
}

/** Records a spell of employment, with an employer from the registry or by name. */
export async function addEmployment(context: WriteContext, actor: Actor, personId: string, input: AddEmploymentInput): Promise<string> {
  const person = await loadWritablePerson(context.db, actor, personId);
  if (input.endDate && input.endDate < input.startDate) refuseEndBeforeStart();
  let employerName = input.employerName ?? null;
  let employerRegionCode = input.employerRegionCode ?? null;
  if (input.enterpriseId) {
    const enterprise = await context.db.selectFrom('registry_enterprise').select(['name', 'region_code', 'unit_id']).where('id', '=', input.enterpriseId).executeTakeFirst();
    if (!enterprise || !canReadEnterprise(actor, { regionCode: enterprise.region_code, unitId: enterprise.unit_id })) {
      throw unprocessable('enterpriseId', { zh: '用工单位不存在，或您无权查看。', en: 'The employer does not exist or you may not see it.' });
    }
    employerName ??= enterprise.name;
    employerRegionCode ??= enterprise.region_code;
  }
  if (!employerName) throw unprocessable('employerName', { zh: '请填写用工单位名称，或选择登记的市场主体。', en: 'Name the employer, or choose a registered enterprise.' });
  if (employerRegionCode) await assertRegionExists(context.db, employerRegionCode, 'employerRegionCode');
  const values = {
    person_id: personId,
    enterprise_id: input.enterpriseId ?? null,
    employer_name: employerName,
    employer_region_code: employerRegionCode,
    start_date: input.startDate,
    end_date: input.endDate ?? null,
    location_class: locationClass(employerRegionCode, person.hukou_region_code),
    organised_transfer: input.organisedTransfer,
    transfer_agency: input.transferAgency ?? null,
    created_at: context.now,
    updated_at: context.now,
  };
  const { id } = await context.db
    .insertInto('registry_employment')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw isUniqueViolation(error)
        ? conflict('startDate', { zh: '该人员在此单位同一日期开始的就业记录已存在。', en: 'A spell with this employer starting on this date already exists.' })
        : error;
    });
  const { created_at: _created, updated_at: _updated, ...after } = values;
  await recordAudit(context, { action: 'registry.employment.add', entityType: 'registry_employment', entityId: id, regionCode: person.hukou_region_code, after });
  return id;
}

/** Sets (or clears) the end date of a spell. */
export async function endEmployment(context: WriteContext, actor: Actor, spellId: string, endDate: string | null): Promise<string> {
  const spell = await context.db.selectFrom('registry_employment').selectAll().where('id', '=', spellId).executeTakeFirst();
  const person = spell && (await context.db.selectFrom('registry_person').select(['hukou_region_code', 'current_region_code']).where('id', '=', spell.person_id).executeTakeFirst());
  if (!spell || !person || !canReadPerson(actor, { hukouRegionCode: person.hukou_region_code, currentRegionCode: person.current_region_code })) {
    throw notFound(words.employment);
  }
  await loadWritablePerson(context.db, actor, spell.person_id);
  if (endDate !== null && endDate < spell.start_date) refuseEndBeforeStart();
  await context.db.updateTable('registry_employment').set({ end_date: endDate, updated_at: context.now }).where('id', '=', spellId).execute();
  await recordAudit(context, {
    action: 'registry.employment.end',
    entityType: 'registry_employment',
    entityId: spellId,
    regionCode: person.hukou_region_code,
    before: { endDate: spell.end_date },
    after: { endDate },
  });
  return spell.person_id;
}

/** Records a training course a person attended. */
export async function addTraining(context: WriteContext, actor: Actor, personId: string, input: AddTrainingInput): Promise<string> {
  const person = await loadWritablePerson(context.db, actor, personId);
  if (input.endDate && input.endDate < input.startDate) refuseEndBeforeStart();
  const values = {
    person_id: personId,
    course: input.course,
    institution: input.institution,
    start_date: input.startDate,
    end_date: input.endDate ?? null,
    certificate: input.certificate ?? null,
  };
  const { id } = await context.db.insertInto('registry_training').values({ ...values, created_at: context.now }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(context, { action: 'registry.training.add', entityType: 'registry_training', entityId: id, regionCode: person.hukou_region_code, after: values });
  return id;
}
