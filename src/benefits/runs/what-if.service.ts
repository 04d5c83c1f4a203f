/**
 * What-if (资金测算) over live data: the registry of a coordinator's region evaluated under the current pack and
 * under the pack with one change, subject by subject, and the difference tallied by county. Reads only.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../kernel/actor.ts';
import { forbidden, unprocessable } from '../../kernel/errors.ts';
import { evaluatePack, type Decision } from '../../rules/precedence.ts';
import type { Database } from '../../store/tables.ts';
import { currentPacks } from '../matching/current-packs.ts';
import { canTryChange } from '../matching/benefits-match.policy.ts';
import { checkedFacts, nextSubjects, registryFactsOf, type Beneficiary } from '../matching/subject-evaluation.ts';
import { applyChange, WhatIfTally, type Change, type Grants } from './what-if.ts';

/** A change to try over a region's registry on a date. */
export interface WhatIfInput {
  packId: string;
  beneficiary: Beneficiary;
  regionCode: string;
  asOf: string;
  change: Change;
}

function grantsOf(decisions: Map<string, Decision>): Grants {
  const grants: Grants = new Map();
  for (const [policy, decision] of decisions) if (decision.status === 'eligible') grants.set(policy, decision.amount);
  return grants;
}

/** The cost of a change: before and after by county, how many gain, lose or change amount; refused if it does not type-check. */
export async function tryChange(db: Kysely<Database>, actor: Actor, input: WhatIfInput) {
  if (!canTryChange(actor, input.regionCode)) throw forbidden();
  const entry = (await currentPacks(db)).find((candidate) => candidate.packId === input.packId);
  if (!entry) throw unprocessable('packId', { zh: `没有政策包「${input.packId}」`, en: `no policy pack "${input.packId}"` });
  const changed = applyChange(entry.pack, input.change);
  const tally = new WhatIfTally();
  let subjects = 0;
  let cursor: string | null = null;
  for (;;) {
    const chunk = await nextSubjects(db, { beneficiary: input.beneficiary, regionCode: input.regionCode, cursor }, 2000);
    for (const subject of chunk) {
      const registry = await registryFactsOf(db, entry.pack, input.beneficiary, subject.id, input.asOf);
      if (!registry) continue;
      const facts = checkedFacts(entry.pack, registry);
      tally.add(subject.county, grantsOf(evaluatePack(entry.pack, facts, input.asOf)), grantsOf(evaluatePack(changed, facts, input.asOf)));
      subjects += 1;
    }
    if (chunk.length < 2000) break;
    cursor = (chunk[chunk.length - 1] as { id: string }).id;
  }
  const { counties, total } = tally.result();
  return { subjects, counties, total, differenceFen: total.after - total.before };
}
