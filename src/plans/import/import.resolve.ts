/**
 * How the unit names of a draft pack resolve against the units already known in the plan's region subtree:
 * one unit found by name or alias, a collective, or unknown (none found, or several: never guessed). The
 * preview shows these; the commit turns them, with the importer's mapping, into the pack's units directory.
 */
import type { Kysely } from 'kysely';
import type { UnitMapping, UnitResolution } from '../../contracts/plan-import.contract.ts';
import { systemActor } from '../../kernel/actor.ts';
import { findUnitsByName, getUnit } from '../../org/index.ts';
import type { Database } from '../../store/tables.ts';
import { walkTasks } from '../plan-pack.ts';
import type { PackPlan, PackSection, PackTask, PlanPack } from '../plan-pack.schema.ts';
import { unitFitsPlan } from './import.policy.ts';

type PackUnit = PlanPack['units'][number];

/** Every name a plan needs to resolve: its issuer, then the units its tasks name, in order. */
export function namesOf(plan: PackPlan): string[] {
  return [...new Set([plan.issuer, ...[...walkTasks(plan.sections)].flatMap(({ task }) => task.units)])];
}

/** Every task of a plan with the numbers of its section and subsection (`一(二)`). */
export function* tasksWithSection(sections: PackSection[], path = ''): Generator<{ task: PackTask; section: string }> {
  for (const section of sections) {
    const here = section.number === '—' ? path : `${path}${section.number}`;
    for (const task of section.tasks ?? []) yield { task, section: here };
    yield* tasksWithSection(section.sections ?? [], here);
  }
}

/** A unit by id when it exists and lies in the plan's region subtree; null otherwise. */
export async function unitInPlanRegion(db: Kysely<Database>, unitId: string, planRegionCode: string) {
  try {
    const unit = await getUnit(db, systemActor, unitId);
    return unitFitsPlan(unit.regionCode, planRegionCode) ? unit : null;
  } catch {
    return null;
  }
}

async function resolveName(db: Kysely<Database>, name: string, entry: PackUnit | undefined, planRegionCode: string): Promise<UnitResolution> {
  if (entry?.collective) return 'collective';
  if (entry?.unitId) {
    const unit = await unitInPlanRegion(db, entry.unitId, planRegionCode);
    return unit ? { unitId: unit.id, name: unit.name, regionCode: unit.regionCode } : 'unknown';
  }
  const spellings = [...new Set([name, entry?.fullName].filter((spelling): spelling is string => Boolean(spelling)))];
  const found = new Map<string, { id: string; name: string; region_code: string }>();
  for (const spelling of spellings) for (const unit of await findUnitsByName(db, spelling, planRegionCode)) found.set(unit.id, unit);
  let candidates = [...found.values()];
  // A pack entry says which region it means; a name known in several places is settled by it.
  if (candidates.length > 1 && entry) candidates = candidates.filter((unit) => unit.region_code === entry.region);
  const [unit] = candidates;
  return candidates.length === 1 && unit ? { unitId: unit.id, name: unit.name, regionCode: unit.region_code } : 'unknown';
}

/** How every name of the plan resolves, in the order of `namesOf`. */
export async function resolveNames(db: Kysely<Database>, pack: PlanPack, plan: PackPlan): Promise<Map<string, UnitResolution>> {
  const entries = new Map(pack.units.map((entry) => [entry.name, entry]));
  const resolutions = new Map<string, UnitResolution>();
  for (const name of namesOf(plan)) resolutions.set(name, await resolveName(db, name, entries.get(name), plan.region));
  return resolutions;
}

/** The mapping a pack file suggests for an unknown name it describes (full name, kind), when it fits the plan. */
export function proposedMapping(entry: PackUnit | undefined, planRegionCode: string): UnitMapping | null {
  if (!entry || entry.collective || entry.unitId || (!entry.fullName && !entry.kind)) return null;
  if (!unitFitsPlan(entry.region, planRegionCode)) return null;
  return { create: { fullName: entry.fullName ?? entry.name, kind: entry.kind ?? 'other', regionCode: entry.region } };
}
