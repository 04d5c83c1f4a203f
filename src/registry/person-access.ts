/** Loading a person for a use case: 404 when the actor may not see them, 403 when they may see but not change. */
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../kernel/actor.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import type { Database, RegistryPersonTable } from '../store/tables.ts';
import { canReadPerson, canWritePerson, type PersonPlace } from './registry.policy.ts';
import { words } from './registry.shared.ts';

/** A person's row. */
export type PersonRow = Selectable<RegistryPersonTable>;

/** The regions that decide who reaches a person. */
export function placeOf(row: PersonRow): PersonPlace {
  return { hukouRegionCode: row.hukou_region_code, currentRegionCode: row.current_region_code };
}

/** Loads a person the actor may see, else 404 (their existence is not disclosed). */
export async function loadReadablePerson(db: Kysely<Database>, actor: Actor, id: string): Promise<PersonRow> {
  const row = await db.selectFrom('registry_person').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canReadPerson(actor, placeOf(row))) throw notFound(words.person);
  return row;
}

/** Loads a person the actor may change: 404 when unseen, 403 when seen but not theirs to change. */
export async function loadWritablePerson(db: Kysely<Database>, actor: Actor, id: string): Promise<PersonRow> {
  const row = await loadReadablePerson(db, actor, id);
  if (!canWritePerson(actor, placeOf(row))) throw forbidden();
  return row;
}
