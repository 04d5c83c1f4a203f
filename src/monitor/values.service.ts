/**
 * Values posted through the API and the data-entry table's reading of them. Posted values are checked,
 * authorized row by row, and saved in one transaction with their roll-ups.
 */
import { sql, type Kysely } from 'kysely';
import type { ValueView } from '../contracts/monitor.contract.ts';
import { forbidden } from '../kernel/errors.ts';
import type { Actor } from '../kernel/actor.ts';
import { regionPrefix } from '../kernel/region-code.ts';
import type { WriteContext } from '../store/audit.ts';
import type { Database } from '../store/tables.ts';
import { canEnterRegionValues, canEnterSubjectValues, canReadMonitorRegion, canReadSubject } from './monitor.policy.ts';
import { checkValues, type PostedValue } from './values.check.ts';
import { saveValueRows } from './values.save.ts';
import type { SaveValueRowsResult } from './values.types.ts';

/** Input of `saveValues`. */
export interface SaveValuesInput {
  /** The values, each naming its indicator by code. */
  values: PostedValue[];
}

/**
 * Saves posted values (source `api`) in the caller's transaction: each row checked and authorized (a reporter
 * or coordinator whose reach holds the region, or the subject's own unit), locked periods refused.
 */
export async function saveValues(context: WriteContext, actor: Actor, input: SaveValuesInput): Promise<SaveValueRowsResult> {
  const checked = await checkValues(context.db, input.values, 'values', (subject) => canReadSubject(actor, subject));
  for (const { row, subject } of checked) {
    const allowed = subject ? canEnterSubjectValues(actor, subject) : canEnterRegionValues(actor, row.regionCode);
    if (!allowed) throw forbidden({ zh: `您无权填报 ${row.regionCode} 的数据。`, en: `You may not enter figures for ${row.regionCode}.` });
  }
  return saveValueRows(context, checked.map((value) => value.row), { source: 'api' });
}

/** Input of `listEnteredValues`. */
export interface EnteredValuesQuery {
  regionCode: string;
  period: string;
  indicators: string[];
}

/**
 * The values entered for a region, its child regions and the subjects in its subtree, for the given
 * indicators and period: what a data-entry table shows. Refused outside the actor's jurisdiction.
 */
export async function listEnteredValues(db: Kysely<Database>, actor: Actor, query: EnteredValuesQuery): Promise<ValueView[]> {
  if (!canReadMonitorRegion(actor, query.regionCode)) throw forbidden();
  const rows = await db
    .selectFrom('monitor_value as v')
    .innerJoin('monitor_indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('region as r', 'r.code', 'v.region_code')
    .leftJoin('monitor_subject as s', 's.id', 'v.subject_id')
    .leftJoin('monitor_submission as m', 'm.id', 'v.submission_id')
    .select(['i.code', 'v.region_code', 'r.name as region_name', 'v.subject_id', 's.name as subject_name', 'v.period', 'v.breakdown', 'v.source', 'v.outlier_confirmed', 'v.entered_at', 'm.status'])
    .select(sql<string>`v.value::text`.as('value'))
    .where('i.code', 'in', query.indicators)
    .where('v.period', '=', query.period)
    .where((eb) =>
      eb.or([
        eb.and([eb('v.subject_id', 'is', null), eb.or([eb('v.region_code', '=', query.regionCode), eb('r.parent_code', '=', query.regionCode)])]),
        eb.and([eb('v.subject_id', 'is not', null), eb('v.region_code', 'like', `${regionPrefix(query.regionCode)}%`)]),
      ]),
    )
    .orderBy('v.region_code')
    .orderBy('s.code')
    .orderBy('i.code')
    .orderBy('v.breakdown')
    .limit(20_000)
    .execute();
  return rows.map((row) => ({
    indicator: row.code,
    regionCode: row.region_code,
    regionName: row.region_name,
    subjectId: row.subject_id,
    subjectName: row.subject_name,
    period: row.period,
    breakdown: row.breakdown,
    value: row.value,
    source: row.source as ValueView['source'],
    outlierConfirmed: row.outlier_confirmed,
    enteredAt: new Date(row.entered_at).toISOString(),
    submissionStatus: (row.status ?? null) as ValueView['submissionStatus'],
  }));
}
