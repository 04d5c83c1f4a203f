/** The name mapping of an import as the page edits it: which names still need an answer, and what to send. */
import type { UnitMapping } from '../../types.ts';

/** Every unknown name with the answer chosen so far (undefined: none yet). */
export type MappingDraft = Record<string, UnitMapping | undefined>;

/** The draft a preview starts with: the pack's own proposals, nothing for the other names. */
export function initialMapping(unknownNames: readonly string[], proposed: Readonly<Record<string, UnitMapping>>): MappingDraft {
  return Object.fromEntries(unknownNames.map((name) => [name, proposed[name]]));
}

/** True when the answer can be sent: an existing unit picked, or a new unit with a name, kind and region. */
export function isComplete(mapping: UnitMapping | undefined): boolean {
  if (!mapping) return false;
  if ('unitId' in mapping) return mapping.unitId.length > 0;
  if ('create' in mapping) return mapping.create.fullName.trim().length > 0 && mapping.create.kind.length > 0 && mapping.create.regionCode.length > 0;
  return true;
}

/** The names still without a usable answer, in preview order. */
export function unmappedNames(unknownNames: readonly string[], draft: MappingDraft): string[] {
  return unknownNames.filter((name) => !isComplete(draft[name]));
}

/** The mapping to send with the commit: only complete answers, new units' names trimmed. */
export function mappingToSend(draft: MappingDraft): Record<string, UnitMapping> {
  const result: Record<string, UnitMapping> = {};
  for (const [name, mapping] of Object.entries(draft)) {
    if (!mapping || !isComplete(mapping)) continue;
    result[name] = 'create' in mapping ? { create: { ...mapping.create, fullName: mapping.create.fullName.trim() } } : mapping;
  }
  return result;
}
