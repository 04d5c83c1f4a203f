/**
 * The newly eligible (主动发现): for each pack, beneficiary kind and region, the latest completed proactive run
 * set against the one before it — every subject eligible now for a policy it was not eligible for (or not
 * evaluated for) then. Filtered in SQL by the subject's own region against the caseworker's jurisdiction.
 */
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../kernel/actor.ts';
import type { Database } from '../../store/tables.ts';
import { matcherPrefixes } from '../matching/benefits-match.policy.ts';

/** One subject newly eligible for a policy. */
export interface NewlyEligible {
  runId: string;
  subjectId: string;
  beneficiary: 'person' | 'enterprise';
  name: string;
  county: string;
  pack: string;
  policy: string;
  amountFen: number;
}

/** The newly eligible in the actor's jurisdiction, at most `limit`, by county, policy and subject. */
export async function newlyEligible(db: Kysely<Database>, actor: Actor, limit = 500): Promise<NewlyEligible[]> {
  const prefixes = matcherPrefixes(actor);
  if (prefixes.length === 0) return [];
  const within = sql.join(prefixes.map((prefix) => sql`item.region_code like ${`${prefix}%`}`), sql` or `);
  const result = await sql<{ run_id: string; subject_id: string; beneficiary: 'person' | 'enterprise'; name: string | null; county_code: string; pack_id: string; policy_id: string; amount_fen: string | number }>`
    with ranked as (
      select id, pack_id, beneficiary, region_code,
             row_number() over (partition by pack_id, beneficiary, region_code order by finished_at desc, id desc) as position
      from benefit_run
      where kind = 'proactive' and status = 'completed'
    )
    select item.run_id, item.subject_id, latest.beneficiary, coalesce(person.name, enterprise.name) as name,
           item.county_code, latest.pack_id, item.policy_id, item.amount_fen
    from ranked latest
    join benefit_run_item item on item.run_id = latest.id and item.status = 'eligible'
    left join ranked previous on previous.pack_id = latest.pack_id and previous.beneficiary = latest.beneficiary
                              and previous.region_code = latest.region_code and previous.position = 2
    left join registry_person person on latest.beneficiary = 'person' and person.id = item.subject_id
    left join registry_enterprise enterprise on latest.beneficiary = 'enterprise' and enterprise.id = item.subject_id
    where latest.position = 1 and (${within})
      and not exists (
        select 1 from benefit_run_item earlier
        where earlier.run_id = previous.id and earlier.subject_id = item.subject_id
          and earlier.policy_id = item.policy_id and earlier.status = 'eligible')
    order by item.county_code, item.policy_id, item.subject_id
    limit ${limit}`.execute(db);
  return result.rows.map((row) => ({
    runId: row.run_id,
    subjectId: row.subject_id,
    beneficiary: row.beneficiary,
    name: row.name ?? '',
    county: row.county_code,
    pack: row.pack_id,
    policy: row.policy_id,
    amountFen: Number(row.amount_fen),
  }));
}
