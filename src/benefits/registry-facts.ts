/**
 * Turning a registry person (with one employment spell: the hire) or enterprise into the facts a pack's schema
 * asks for, on a date. Each schema path the registry can answer has a derivation below; a path it cannot answer
 * (hukou in a named prefecture, a returned migrant, a contract's length, a workshop's head count, a loan) is
 * simply left out, so the evaluation is undetermined and asks for it. Values are in the wire form `readFacts`
 * takes: dates 'YYYY-MM-DD', money as whole fen, lists as arrays. Authorization is the caller's.
 *
 * Field by field (person, with the hire being the spell given, else the one covering the date, else the latest
 * that started by it):
 * - `person.id`: the resident ID, so once-per limits hold across counties (never the registry row);
 * - `person.county`: the county (first six digits) of the hukou region;
 * - `person.groups`: the groups whose membership covers the date, by their Chinese names as the schema's enum
 *   lists them (建档立卡贫困 …); the registry holds every membership, so no membership is the empty list;
 * - `person.returned_migrant`: true when the 返乡农民工 group covers the date, else false;
 * - `hire.id`: resident ID and employer (credit code, or name when the employer is not registered): one hire per
 *   worker and employer, whichever county files it;
 * - `hire.employer_kind`, `hire.employer_size`: the registered employer's kind and 2011-standard size class,
 *   missing when the employer is not registered or its size cannot be computed;
 * - `hire.same_county`: the spell's location class is in the hukou county (missing when unknown);
 * - `hire.start_date`: the start of the continuous stretch with that employer (adjacent spells joined);
 *   `hire.end_date`: the spell's end, missing while it runs;
 * - `transfer.organised`: the spell was an organised transfer; `transfer.scope` 省内 / 省外 and `transfer.on`
 *   (the spell's start) only for an organised transfer.
 * Enterprise: `enterprise.id` (credit code), `enterprise.county`, `enterprise.kind`, `enterprise.size`,
 * `enterprise.industry`, `enterprise.employees`, `enterprise.revenue`, `enterprise.assets` (fen),
 * `enterprise.key`, `enterprise.monitored`, `enterprise.established_on`, `enterprise.months_operating`,
 * `enterprise.registered_employees`, and `business.opened_on` / `business.operating` are not derived.
 * A path is given only when the schema has it, and only a value the schema's type accepts.
 */
import type { Kysely } from 'kysely';
import { enterpriseKinds, personGroups, sizeClasses, type EnterpriseKind, type PersonGroup, type SizeClass } from '../contracts/registry-constants.ts';
import { notFound } from '../kernel/errors.ts';
import { enterpriseFacts, personFacts } from '../registry/index.ts';
import type { RawFacts } from '../rules/facts.ts';
import type { FactsSchema, RuleType } from '../rules/types.ts';
import type { Database } from '../store/tables.ts';
import { policyCatalogue } from './catalogue.ts';

/** Which spell is the hire: a given employment record, or by default the one covering the date. */
export interface PersonFactsOptions {
  employmentId?: string;
}

/** The registry's facts of one beneficiary: the facts, and who they are for the ledger and payments. */
export interface RegistryFacts {
  facts: RawFacts;
  /** resident ID or credit code */
  idNumber: string;
  name: string;
  /** the region whose officials handle the beneficiary: hukou region, enterprise region */
  regionCode: string;
  /** a person's current region, whose officials also follow them (a migrant), when recorded */
  currentRegionCode: string | null;
}

/** Registry group codes by the names packs use for them (a pack's enum value is matched by its Chinese name). */
const groupNames: Record<PersonGroup, string[]> = {
  registered_poor: ['建档立卡贫困', personGroups.registered_poor.zh],
  edge_poverty: ['边缘易致贫', personGroups.edge_poverty.zh],
  graduate: [personGroups.graduate.zh],
  veteran: [personGroups.veteran.zh],
  disabled: [personGroups.disabled.zh],
  registered_unemployed: ['登记失业', personGroups.registered_unemployed.zh],
  employment_difficulty: ['就业困难', personGroups.employment_difficulty.zh],
  migrant_worker: [personGroups.migrant_worker.zh],
  returned_migrant: [personGroups.returned_migrant.zh],
  relocated: ['易地扶贫搬迁', personGroups.relocated.zh],
  low_income: ['低保', personGroups.low_income.zh],
};

const kindNames: Record<EnterpriseKind, string[]> = {
  enterprise: [enterpriseKinds.enterprise.zh],
  individual_business: [enterpriseKinds.individual_business.zh],
  cooperative: ['合作社', enterpriseKinds.cooperative.zh],
  family_farm: [enterpriseKinds.family_farm.zh],
};

/** The schema of a pack in the current catalogue by its id; 404 when no pack declares it. */
export async function factsSchema(db: Kysely<Database>, schemaId: string): Promise<FactsSchema> {
  const entry = (await policyCatalogue(db)).find((candidate) => candidate.pack.schema.id === schemaId);
  if (!entry) throw notFound({ zh: `事实表 ${schemaId}`, en: `Facts schema ${schemaId}` });
  return entry.pack.schema;
}

/** The enum value of `type` (or of its list items) among `names`, if the schema offers one. */
function enumValue(type: RuleType | undefined, names: readonly string[]): string | undefined {
  const values = type?.kind === 'enum' ? type.values : type?.kind === 'list' && type.of.kind === 'enum' ? type.of.values : undefined;
  return values?.find((value) => names.includes(value));
}

/** Keeps only the paths the schema has, and values its types accept (an enum value it does not list is missing). */
function fitted(schema: FactsSchema, derived: Record<string, unknown>): RawFacts {
  const facts: RawFacts = {};
  for (const [path, value] of Object.entries(derived)) {
    const spec = schema.facts.get(path);
    if (!spec || value === undefined || value === null) continue;
    if (spec.type.kind === 'enum' && !spec.type.values.includes(value as string)) continue;
    facts[path] = value;
  }
  return facts;
}

/** Facts of a person (and a hire) on a date for the schema; null when there is no such person. */
export async function factsForPerson(db: Kysely<Database>, personId: string, asOf: string, schemaId: string, options: PersonFactsOptions = {}): Promise<RegistryFacts | null> {
  const schema = await factsSchema(db, schemaId);
  // personFacts gives groups and the current employer, but not the resident ID nor a spell's dates; those are
  // read here, read-only, from the registry's own tables.
  const person = await db.selectFrom('registry_person').select(['resident_id', 'name', 'hukou_region_code', 'current_region_code']).where('id', '=', personId).executeTakeFirst();
  const known = await personFacts(db, personId, asOf);
  if (!person || !known) return null;
  const spells = await db
    .selectFrom('registry_employment')
    .leftJoin('registry_enterprise', 'registry_enterprise.id', 'registry_employment.enterprise_id')
    .select([
      'registry_employment.id',
      'registry_employment.enterprise_id',
      'registry_employment.employer_name',
      'registry_employment.start_date',
      'registry_employment.end_date',
      'registry_employment.location_class',
      'registry_employment.organised_transfer',
      'registry_enterprise.credit_code',
    ])
    .where('registry_employment.person_id', '=', personId)
    .where('registry_employment.start_date', '<=', asOf)
    .orderBy('registry_employment.start_date', 'desc')
    .execute();
  const hire = options.employmentId
    ? spells.find((spell) => spell.id === options.employmentId)
    : (spells.find((spell) => spell.end_date === null || spell.end_date >= asOf) ?? spells[0]);
  if (options.employmentId && !hire) throw notFound({ zh: '就业记录', en: 'Employment record' });
  const groupsType = schema.facts.get('person.groups')?.type;
  const derived: Record<string, unknown> = {
    'person.id': person.resident_id,
    'person.county': person.hukou_region_code.slice(0, 6),
    'person.groups': known.groups.map((code) => enumValue(groupsType, groupNames[code] ?? [])).filter((name) => name !== undefined),
    'person.returned_migrant': known.groups.includes('returned_migrant'),
  };
  if (hire) {
    const sameEmployer = spells.filter((spell) => (hire.enterprise_id !== null ? spell.enterprise_id === hire.enterprise_id : spell.employer_name === hire.employer_name));
    const employer = hire.enterprise_id ? await enterpriseFacts(db, hire.enterprise_id, asOf) : null;
    derived['hire.id'] = `${person.resident_id}|${hire.credit_code ?? `name:${hire.employer_name}`}`;
    if (employer) {
      derived['hire.employer_kind'] = enumValue(schema.facts.get('hire.employer_kind')?.type, kindNames[employer.kind] ?? []);
      if (employer.sizeClass) derived['hire.employer_size'] = enumValue(schema.facts.get('hire.employer_size')?.type, [sizeClasses[employer.sizeClass as SizeClass].zh]);
    }
    if (hire.location_class !== 'unknown') derived['hire.same_county'] = hire.location_class === 'in_county';
    derived['hire.start_date'] = stretchStart(sameEmployer, hire.start_date);
    derived['hire.end_date'] = hire.end_date;
    derived['transfer.organised'] = hire.organised_transfer;
    if (hire.organised_transfer) {
      if (hire.location_class !== 'unknown') derived['transfer.scope'] = hire.location_class === 'out_of_province' ? '省外' : '省内';
      derived['transfer.on'] = hire.start_date;
    }
  }
  return { facts: fitted(schema, derived), idNumber: person.resident_id, name: person.name, regionCode: person.hukou_region_code, currentRegionCode: person.current_region_code };
}

/** The start of the stretch of spells with one employer that joins up to the spell starting on `start`. */
function stretchStart(spells: readonly { start_date: string; end_date: string | null }[], start: string): string {
  let earliest = start;
  const sorted = [...spells].sort((a, b) => (a.start_date < b.start_date ? 1 : -1));
  for (const spell of sorted) {
    if (spell.start_date >= earliest) continue;
    const end = spell.end_date;
    if (end === null || dayAfter(end) >= earliest) earliest = spell.start_date;
  }
  return earliest;
}

function dayAfter(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** Facts of an enterprise on a date for the schema; null when there is no such enterprise. */
export async function factsForEnterprise(db: Kysely<Database>, enterpriseId: string, asOf: string, schemaId: string): Promise<RegistryFacts | null> {
  const schema = await factsSchema(db, schemaId);
  const known = await enterpriseFacts(db, enterpriseId, asOf);
  const row = await db.selectFrom('registry_enterprise').select(['name', 'established_on']).where('id', '=', enterpriseId).executeTakeFirst();
  if (!known || !row) return null;
  const derived: Record<string, unknown> = {
    'enterprise.id': known.creditCode,
    'enterprise.county': known.regionCode.slice(0, 6),
    'enterprise.kind': enumValue(schema.facts.get('enterprise.kind')?.type, kindNames[known.kind] ?? []),
    'enterprise.size': known.sizeClass ? enumValue(schema.facts.get('enterprise.size')?.type, [sizeClasses[known.sizeClass].zh]) : undefined,
    'enterprise.industry': known.industry,
    'enterprise.employees': known.employees,
    'enterprise.revenue': known.revenueFen,
    'enterprise.assets': known.assetsFen,
    'enterprise.key': known.keyEnterprise,
    'enterprise.monitored': known.monitoredSample,
    'enterprise.established_on': row.established_on,
    'enterprise.months_operating': known.monthsOfOperation,
    'enterprise.registered_employees': known.registeredEmployees,
  };
  return { facts: fitted(schema, derived), idNumber: known.creditCode, name: row.name, regionCode: known.regionCode, currentRegionCode: null };
}
