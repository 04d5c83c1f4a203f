/**
 * The time schedule a `behind_schedule` rule compares against: the plan target of the watched region that
 * carries the indicator's name (or the one the rule names), its expected share by the end of the period
 * (the plans domain's `expectedShare`), and the progress the indicator's value makes toward it.
 */
import type { Kysely } from 'kysely';
import { parsePeriod, periodEnd } from '../../kernel/periods.ts';
import { expectedShare } from '../../plans/index.ts';
import type { Database } from '../../store/tables.ts';
import type { ScheduleFacts } from './evaluate.ts';

/** The schedule facts for a region and period, or null when no target fits or the target value is 0. */
export async function scheduleFacts(
  db: Kysely<Database>,
  query: { indicatorId: string; regionCode: string; period: string; value: number | null; targetId?: string | undefined },
): Promise<ScheduleFacts | null> {
  const parsed = parsePeriod(query.period);
  if (!parsed || query.value === null) return null;
  let targets = db
    .selectFrom('plan_target')
    .innerJoin('plan', 'plan.id', 'plan_target.plan_id')
    .select(['plan_target.id', 'plan_target.value', 'plan_target.deadline', 'plan.start_date'])
    .where('plan_target.comparator', '=', '>=');
  if (query.targetId) {
    targets = targets.where('plan_target.id', '=', query.targetId);
  } else {
    const indicator = await db.selectFrom('monitor_indicator').select('name_zh').where('id', '=', query.indicatorId).executeTakeFirst();
    if (!indicator) return null;
    targets = targets.where('plan_target.indicator', '=', indicator.name_zh).where('plan_target.region_code', '=', query.regionCode);
  }
  // The latest deadline first: the target still running when several plans carry the same indicator.
  const target = await targets.orderBy('plan_target.deadline', 'desc').executeTakeFirst();
  if (!target || Number(target.value) === 0) return null;
  const milestones = await db.selectFrom('target_milestone').select(['due_by', 'share', 'value']).where('target_id', '=', target.id).orderBy('position').execute();
  const expected = expectedShare(
    {
      start: String(target.start_date),
      deadline: String(target.deadline),
      value: Number(target.value),
      milestones: milestones.map((milestone) => ({
        by: String(milestone.due_by),
        share: milestone.share === null ? null : Number(milestone.share),
        value: milestone.value === null ? null : Number(milestone.value),
      })),
    },
    periodEnd(parsed),
  );
  return { expectedShare: expected, progress: query.value / Number(target.value) };
}
