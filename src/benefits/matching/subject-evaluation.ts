/**
 * Evaluating registered persons or enterprises: their facts from the registry (`factsForPerson`,
 * `factsForEnterprise`), read against the pack's schema, through every policy with precedence. One subject's
 * evaluation here is what a batch run, a proactive run and signed-in matching all rest on, so they agree.
 */
import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../kernel/region-code.ts';
import { readFacts, type Facts } from '../../rules/facts.ts';
import type { Pack } from '../../rules/pack.ts';
import { evaluatePack, type Decision } from '../../rules/precedence.ts';
import type { Database } from '../../store/tables.ts';
import { factsForEnterprise, factsForPerson, type RegistryFacts } from '../registry-facts.ts';

/** What a run or a match is over: registered persons or enterprises. */
export type Beneficiary = 'person' | 'enterprise';

/** One subject of a run: its registry id, region (a person's hukou region) and county code. */
export interface Subject {
  id: string;
  region: string;
  county: string;
}

/** A subject's decisions for every policy of a pack. */
export interface SubjectDecisions extends Subject {
  decisions: Map<string, Decision>;
}

/** The registry's facts of one subject for a pack's schema, or null when there is no such subject. */
export async function registryFactsOf(db: Kysely<Database>, pack: Pack, beneficiary: Beneficiary, id: string, asOf: string): Promise<RegistryFacts | null> {
  return beneficiary === 'person' ? factsForPerson(db, id, asOf, pack.schema.id) : factsForEnterprise(db, id, asOf, pack.schema.id);
}

/** Reads registry facts against the schema: the registry gives only values its types accept. */
export function checkedFacts(pack: Pack, registry: RegistryFacts): Facts {
  return readFacts(pack.schema, registry.facts);
}

/**
 * Evaluates the subjects in order. Each subject has a ledger of its own: once-per keys are the subject's own
 * (resident ID, its hire), and grants already made are the grants ledger's to refuse at approval.
 */
export async function evaluateSubjects(db: Kysely<Database>, pack: Pack, beneficiary: Beneficiary, subjects: readonly Subject[], asOf: string): Promise<SubjectDecisions[]> {
  const evaluated: SubjectDecisions[] = [];
  for (const subject of subjects) {
    const registry = await registryFactsOf(db, pack, beneficiary, subject.id, asOf);
    if (!registry) continue;
    evaluated.push({ ...subject, decisions: evaluatePack(pack, checkedFacts(pack, registry), asOf) });
  }
  return evaluated;
}

/** The next subjects of a region subtree after `cursor`, in registry-id order: a person by hukou region. */
export async function nextSubjects(db: Kysely<Database>, scope: { beneficiary: string; regionCode: string; cursor: string | null }, limit: number): Promise<Subject[]> {
  const prefix = `${regionPrefix(scope.regionCode)}%`;
  if (scope.beneficiary === 'person') {
    let query = db.selectFrom('registry_person').select(['id', 'hukou_region_code as region', sql<string>`substr(hukou_region_code, 1, 6)`.as('county')]).where('hukou_region_code', 'like', prefix);
    if (scope.cursor) query = query.where('id', '>', scope.cursor);
    return query.orderBy('id').limit(limit).execute();
  }
  let query = db.selectFrom('registry_enterprise').select(['id', 'region_code as region', sql<string>`substr(region_code, 1, 6)`.as('county')]).where('region_code', 'like', prefix);
  if (scope.cursor) query = query.where('id', '>', scope.cursor);
  return query.orderBy('id').limit(limit).execute();
}
