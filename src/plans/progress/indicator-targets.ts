/**
 * Plan targets looked up by what they measure, for other domains: the monitor's dashboard sets an indicator
 * against the target whose indicator text is the indicator's Chinese name and whose region is the region shown.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/tables.ts';
import type { Comparator, ScheduleTarget } from './schedule.ts';

/** A plan target with what its time schedule needs. */
export interface IndicatorTarget {
  planId: string;
  targetId: string;
  indicator: string;
  regionCode: string;
  comparator: Comparator;
  value: number;
  unit: string;
  deadline: string;
  /** Start, deadline, value and milestones, ready for `expectedShare`. */
  schedule: ScheduleTarget;
}

/** The targets of a region whose indicator text is one of `indicators`, the latest deadline first per indicator. */
export async function findTargetsByIndicator(db: Kysely<Database>, indicators: string[], regionCode: string): Promise<IndicatorTarget[]> {
  if (indicators.length === 0) return [];
  const targets = await db
    .selectFrom('plan_target as t')
    .innerJoin('plan as p', 'p.id', 't.plan_id')
    .select(['t.id', 't.plan_id', 't.indicator', 't.region_code', 't.comparator', 't.value', 't.unit', 't.deadline', 'p.start_date'])
    .where('t.indicator', 'in', indicators)
    .where('t.region_code', '=', regionCode)
    .orderBy('t.indicator')
    .orderBy('t.deadline', 'desc')
    .orderBy('t.id')
    .execute();
  if (targets.length === 0) return [];
  const milestones = await db
    .selectFrom('target_milestone')
    .select(['target_id', 'due_by', 'share', 'value'])
    .where('target_id', 'in', targets.map((target) => target.id))
    .orderBy('position')
    .execute();
  return targets.map((target) => ({
    planId: target.plan_id,
    targetId: target.id,
    indicator: target.indicator,
    regionCode: target.region_code,
    comparator: target.comparator as Comparator,
    value: Number(target.value),
    unit: target.unit,
    deadline: target.deadline,
    schedule: {
      start: target.start_date,
      deadline: target.deadline,
      value: Number(target.value),
      milestones: milestones
        .filter((milestone) => milestone.target_id === target.id)
        .map((milestone) => ({ by: milestone.due_by, share: milestone.share === null ? null : Number(milestone.share), value: milestone.value === null ? null : Number(milestone.value) })),
    },
  }));
}
