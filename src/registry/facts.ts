/**
 * The registry's facts about one person or enterprise on a date, as plain objects for the rules engine.
 * Only what is recorded is given; what is not known is null, so a rule can say it is undetermined rather
 * than guess. Money in fen, dates 'YYYY-MM-DD', months as whole months (see spans.ts).
 */
import type { Kysely } from 'kysely';
import type { EnterpriseKind, LocationClass, PersonGroup, SizeClass } from '../contracts/registry-constants.ts';
import type { Database } from '../store/tables.ts';
import { ageOn, continuousStart, covers, wholeMonths } from './spans.ts';

/** What the rules may read about a person on a date. */
export interface PersonFacts {
  personId: string;
  onDate: string;
  sex: 'male' | 'female';
  age: number;
  hukouRegionCode: string;
  currentRegionCode: string | null;
  /** Group codes whose membership covers the date. */
  groups: PersonGroup[];
  employmentIntent: string | null;
  /** True when an employment spell covers the date. */
  employed: boolean;
  /** The employer of the spell covering the date (the latest-starting one if several). */
  employer: { enterpriseId: string | null; creditCode: string | null; name: string; locationClass: LocationClass; organisedTransfer: boolean; transferAgency: string | null } | null;
  /** Whole months of continuous employment with that employer through the date (adjacent spans joined). */
  monthsWithEmployer: number | null;
  /** Training records finished by the date, and how many of them gave a certificate. */
  trainingsCompleted: number;
  certificates: number;
}

/** What the rules may read about an enterprise on a date. */
export interface EnterpriseFacts {
  enterpriseId: string;
  onDate: string;
  creditCode: string;
  kind: EnterpriseKind;
  industry: string;
  regionCode: string;
  sizeClass: SizeClass | null;
  employees: number | null;
  revenueFen: number | null;
  assetsFen: number | null;
  keyEnterprise: boolean;
  monitoredSample: boolean;
  /** Whole months since the enterprise was established, through the date; null when not recorded. */
  monthsOfOperation: number | null;
  /** Registered persons with a spell at this enterprise covering the date. */
  registeredEmployees: number;
}

/** The facts of a person on a date, or null when there is no such person. Authorization is the caller's. */
export async function personFacts(db: Kysely<Database>, personId: string, onDate: string): Promise<PersonFacts | null> {
  const person = await db.selectFrom('registry_person').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!person) return null;
  const groups = await db
    .selectFrom('registry_person_group')
    .select(['group_code', 'start_date', 'end_date'])
    .where('person_id', '=', personId)
    .execute();
  const spells = await db
    .selectFrom('registry_employment')
    .leftJoin('registry_enterprise', 'registry_enterprise.id', 'registry_employment.enterprise_id')
    .select([
      'registry_employment.enterprise_id',
      'registry_employment.employer_name',
      'registry_employment.start_date',
      'registry_employment.end_date',
      'registry_employment.location_class',
      'registry_employment.organised_transfer',
      'registry_employment.transfer_agency',
      'registry_enterprise.credit_code',
    ])
    .where('registry_employment.person_id', '=', personId)
    .where('registry_employment.start_date', '<=', onDate)
    .execute();
  const training = await db.selectFrom('registry_training').select(['end_date', 'certificate']).where('person_id', '=', personId).execute();
  const current = spells
    .filter((spell) => covers({ start: spell.start_date, end: spell.end_date }, onDate))
    .sort((a, b) => (a.start_date < b.start_date ? 1 : -1))[0];
  let monthsWithEmployer: number | null = null;
  if (current) {
    const sameEmployer = spells.filter((spell) =>
      current.enterprise_id !== null ? spell.enterprise_id === current.enterprise_id : spell.employer_name === current.employer_name,
    );
    const start = continuousStart(sameEmployer.map((spell) => ({ start: spell.start_date, end: spell.end_date })), onDate);
    monthsWithEmployer = start === null ? null : wholeMonths(start, onDate);
  }
  const finished = training.filter((record) => record.end_date !== null && record.end_date <= onDate);
  return {
    personId,
    onDate,
    sex: person.sex as 'male' | 'female',
    age: ageOn(person.birth_date, onDate),
    hukouRegionCode: person.hukou_region_code,
    currentRegionCode: person.current_region_code,
    groups: [...new Set(groups.filter((group) => covers({ start: group.start_date, end: group.end_date }, onDate)).map((group) => group.group_code as PersonGroup))].sort(),
    employmentIntent: person.employment_intent,
    employed: current !== undefined,
    employer: current
      ? {
          enterpriseId: current.enterprise_id,
          creditCode: current.credit_code,
          name: current.employer_name,
          locationClass: current.location_class as LocationClass,
          organisedTransfer: current.organised_transfer,
          transferAgency: current.transfer_agency,
        }
      : null,
    monthsWithEmployer,
    trainingsCompleted: finished.length,
    certificates: finished.filter((record) => record.certificate !== null).length,
  };
}

/** The facts of an enterprise on a date, or null when there is no such enterprise. Authorization is the caller's. */
export async function enterpriseFacts(db: Kysely<Database>, enterpriseId: string, onDate: string): Promise<EnterpriseFacts | null> {
  const row = await db.selectFrom('registry_enterprise').selectAll().where('id', '=', enterpriseId).executeTakeFirst();
  if (!row) return null;
  const { count } = await db
    .selectFrom('registry_employment')
    .select((eb) => eb.fn.count<number>('person_id').distinct().as('count'))
    .where('enterprise_id', '=', enterpriseId)
    .where('start_date', '<=', onDate)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', onDate)]))
    .executeTakeFirstOrThrow();
  return {
    enterpriseId,
    onDate,
    creditCode: row.credit_code,
    kind: row.kind as EnterpriseKind,
    industry: row.industry,
    regionCode: row.region_code,
    sizeClass: row.size_class as SizeClass | null,
    employees: row.employees,
    revenueFen: row.revenue_fen,
    assetsFen: row.assets_fen,
    keyEnterprise: row.key_enterprise,
    monitoredSample: row.monitored_sample,
    monthsOfOperation: row.established_on === null || row.established_on > onDate ? null : wholeMonths(row.established_on, onDate),
    registeredEmployees: Number(count),
  };
}
