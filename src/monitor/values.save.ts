/**
 * Saving values and keeping the live roll-ups in step. Every save applies the difference it makes (new − old,
 * and for weighted means value × weight) to the roll-up row of the value's region and of each ancestor, in
 * the caller's transaction, so every level shows the figure the moment the transaction commits. Differences
 * are grouped per (indicator, region, period, category) before writing: an import of many rows makes one
 * upsert per ancestor row, not one per value.
 */
import { sql, type Kysely } from 'kysely';
import { unprocessable } from '../kernel/errors.ts';
import { parsePeriod, periodLabel } from '../kernel/periods.ts';
import { regionAncestry } from '../kernel/region-code.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import type { Database } from '../store/tables.ts';
import { addDecimal, formatDecimal, isZero, multiplyDecimal, subtractDecimal, toDecimal, zero, type Decimal } from './decimal.ts';
import { formulaCodes, parseFormula } from './formula.ts';
import type { AffectedSeries, SaveValueRowsOptions, SaveValueRowsResult, ValueRow } from './values.types.ts';

/** Rows per statement: well under the parameter limits of both engines, large enough for imports. */
const chunkSize = 2000;
/** Up to this many rows the audit entry lists each change with its value before; larger saves record counts. */
const detailedAuditLimit = 100;

/** The identity of one value: indicator, region, subject, period and category. */
export function valueKey(row: Pick<ValueRow, 'indicatorId' | 'regionCode' | 'subjectId' | 'period' | 'breakdown'>): string {
  return [row.indicatorId, row.regionCode, row.subjectId ?? '', row.period, row.breakdown].join('|');
}

interface StoredValue {
  value: string;
  submissionId: string | null;
}

interface RollupDelta {
  indicatorId: string;
  regionCode: string;
  period: string;
  breakdown: string;
  sum: Decimal;
  count: number;
  weightedSum: Decimal;
  weightSum: Decimal;
}

function chunks<T>(items: readonly T[], size = chunkSize): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * Saves many values at once (forms, the API, Excel imports, packs): upserts them, applies the roll-up
 * differences grouped per ancestor, and records one audit entry with counts. The rows must already be
 * checked; values of an approved (locked) submission are refused, naming the period.
 */
export async function saveValueRows(context: WriteContext, rows: ValueRow[], options: SaveValueRowsOptions): Promise<SaveValueRowsResult> {
  if (rows.length === 0) return { saved: 0, affected: [] };
  const unique = new Map<string, ValueRow>();
  for (const row of rows) unique.set(valueKey(row), row);
  const batch = [...unique.values()];
  await refuseLocked(context.db, batch, options.submissionId ?? null);

  const weights = await weightLinks(context.db, batch);
  const before = await loadValues(context.db, keysToLoad(batch, weights));
  const after = new Map(before);
  for (const row of batch) after.set(valueKey(row), { value: formatDecimal(toDecimal(row.value)), submissionId: options.submissionId ?? null });

  await upsertValues(context, batch, options);
  const deltas = rollupDeltas(batch, weights, before, after);
  await applyRollups(context.db, deltas);

  const dependents = await formulaDependents(context.db, batch.map((row) => row.indicatorId));
  const affected = new Map<string, AffectedSeries>();
  for (const row of batch) {
    for (const indicatorId of [row.indicatorId, ...(dependents.get(row.indicatorId) ?? [])]) {
      const series = { indicatorId, regionCode: row.regionCode, subjectId: row.subjectId, period: row.period };
      affected.set(valueKey({ ...series, breakdown: '' }), series);
    }
  }
  await recordAudit(context, {
    action: 'monitor.values.save',
    entityType: options.submissionId ? 'monitor_submission' : 'monitor_value',
    entityId: options.submissionId ?? batch[0]!.indicatorId,
    regionCode: commonRegion(batch.map((row) => row.regionCode)),
    after: {
      source: options.source,
      saved: batch.length,
      created: batch.filter((row) => !before.has(valueKey(row))).length,
      indicators: new Set(batch.map((row) => row.indicatorId)).size,
      regions: new Set(batch.map((row) => row.regionCode)).size,
      periods: [...new Set(batch.map((row) => row.period))].sort(),
      ...(batch.length <= detailedAuditLimit
        ? { changes: batch.map((row) => ({ ...row, value: String(row.value), before: before.get(valueKey(row))?.value ?? null })) }
        : {}),
    },
  });
  return { saved: batch.length, affected: [...affected.values()] };
}

/**
 * The formula indicators that use each saved indicator, directly or through another formula: their figures
 * changed too, so warnings on them (the unemployment rate) are re-evaluated with the components' series.
 */
async function formulaDependents(db: Kysely<Database>, indicatorIds: string[]): Promise<Map<string, string[]>> {
  const formulas = await db.selectFrom('monitor_indicator').select(['id', 'code', 'formula']).where('formula', 'is not', null).execute();
  if (formulas.length === 0) return new Map();
  const codes = await db.selectFrom('monitor_indicator').select(['id', 'code']).where('id', 'in', [...new Set(indicatorIds)]).execute();
  const usedBy = new Map<string, string[]>();
  for (const formula of formulas) {
    for (const code of formulaCodes(parseFormula(formula.formula!))) usedBy.set(code, [...(usedBy.get(code) ?? []), formula.code]);
  }
  const idOf = new Map(formulas.map((formula) => [formula.code, formula.id]));
  const dependents = new Map<string, string[]>();
  for (const { id, code } of codes) {
    const found = new Set<string>();
    for (let frontier = [code]; frontier.length > 0; ) {
      frontier = frontier.flatMap((current) => usedBy.get(current) ?? []).filter((next) => !found.has(next));
      for (const next of frontier) found.add(next);
    }
    dependents.set(id, [...found].map((dependent) => idOf.get(dependent)!));
  }
  return dependents;
}

/** The deepest region that holds every one of the codes (the audit trail is scoped by it). */
function commonRegion(codes: string[]): string {
  let common = regionAncestry(codes[0]!);
  for (const code of new Set(codes)) {
    const chain = regionAncestry(code);
    let depth = 0;
    while (depth < common.length && depth < chain.length && common[depth] === chain[depth]) depth += 1;
    common = common.slice(0, depth);
  }
  return common[common.length - 1] ?? '000000';
}

async function refuseLocked(db: Kysely<Database>, rows: ValueRow[], submissionId: string | null): Promise<void> {
  for (const part of chunks(rows)) {
    const keys = JSON.stringify(part.map((row) => ({ i: row.indicatorId, r: row.regionCode, s: row.subjectId, p: row.period })));
    const locked = await sql<{ period: string; submission_id: string }>`
      select k.p as period, s.id as submission_id
      from jsonb_to_recordset(${keys}::jsonb) as k(i uuid, r text, s uuid, p text)
      join monitor_form_indicator fi on fi.indicator_id = k.i
      join monitor_submission s on s.form_id = fi.form_id and s.period = k.p and s.status = 'approved'
        and ((k.s is null and s.subject_id is null and s.region_code = k.r) or s.subject_id = k.s)
      limit 1`.execute(db);
    const hit = locked.rows[0];
    if (hit && hit.submission_id !== submissionId) {
      const parsed = parsePeriod(hit.period);
      const zh = parsed ? periodLabel(parsed, 'zh') : hit.period;
      throw unprocessable('period', {
        zh: `${zh}的数据已审核锁定，不能修改；请先由专班退回该期报表。`,
        en: `The figures for ${hit.period} are approved and locked; a coordinator must return the submission before they can change.`,
      });
    }
  }
}

interface WeightLinks {
  /** indicator id → the indicator whose values weight it */
  weightOf: Map<string, string>;
  /** weight indicator id → the indicators it weights */
  weighted: Map<string, string[]>;
}

async function weightLinks(db: Kysely<Database>, rows: ValueRow[]): Promise<WeightLinks> {
  const ids = [...new Set(rows.map((row) => row.indicatorId))];
  const links = await db
    .selectFrom('monitor_indicator')
    .select(['id', 'weight_indicator_id'])
    .where('weight_indicator_id', 'is not', null)
    .where((eb) => eb.or([eb('id', 'in', ids), eb('weight_indicator_id', 'in', ids)]))
    .execute();
  const weightOf = new Map<string, string>();
  const weighted = new Map<string, string[]>();
  for (const link of links) {
    weightOf.set(link.id, link.weight_indicator_id!);
    weighted.set(link.weight_indicator_id!, [...(weighted.get(link.weight_indicator_id!) ?? []), link.id]);
  }
  return { weightOf, weighted };
}

function keysToLoad(rows: ValueRow[], weights: WeightLinks): ValueRow[] {
  const keys = new Map<string, ValueRow>();
  for (const row of rows) {
    keys.set(valueKey(row), row);
    const weight = weights.weightOf.get(row.indicatorId);
    if (weight) keys.set(valueKey({ ...row, indicatorId: weight }), { ...row, indicatorId: weight });
    for (const other of weights.weighted.get(row.indicatorId) ?? []) keys.set(valueKey({ ...row, indicatorId: other }), { ...row, indicatorId: other });
  }
  return [...keys.values()];
}

async function loadValues(db: Kysely<Database>, keys: ValueRow[]): Promise<Map<string, StoredValue>> {
  const found = new Map<string, StoredValue>();
  for (const part of chunks(keys)) {
    const json = JSON.stringify(part.map((row) => ({ i: row.indicatorId, r: row.regionCode, s: row.subjectId, p: row.period, b: row.breakdown })));
    // Two plain equality joins instead of one `is not distinct from`, which no index can serve: a subject's
    // values are found through (subject, indicator, period), a region's through the unique key.
    const result = await sql<{ indicator_id: string; region_code: string; subject_id: string | null; period: string; breakdown: string; value: string; submission_id: string | null }>`
      with k as (select * from jsonb_to_recordset(${json}::jsonb) as k(i uuid, r text, s uuid, p text, b text))
      select v.indicator_id, v.region_code, v.subject_id, v.period, v.breakdown, v.value::text as value, v.submission_id
      from k join monitor_value v on v.subject_id = k.s and v.indicator_id = k.i and v.period = k.p and v.breakdown = k.b and v.region_code = k.r
      where k.s is not null
      union all
      select v.indicator_id, v.region_code, v.subject_id, v.period, v.breakdown, v.value::text as value, v.submission_id
      from k join monitor_value v on v.indicator_id = k.i and v.region_code = k.r and v.subject_id is null and v.period = k.p and v.breakdown = k.b
      where k.s is null`.execute(db);
    for (const row of result.rows) {
      const key = valueKey({ indicatorId: row.indicator_id, regionCode: row.region_code, subjectId: row.subject_id, period: row.period, breakdown: row.breakdown });
      found.set(key, { value: row.value, submissionId: row.submission_id });
    }
  }
  return found;
}

async function upsertValues(context: WriteContext, rows: ValueRow[], options: SaveValueRowsOptions): Promise<void> {
  for (const part of chunks(rows)) {
    const json = JSON.stringify(
      part.map((row) => ({
        i: row.indicatorId,
        r: row.regionCode,
        s: row.subjectId,
        p: row.period,
        b: row.breakdown,
        v: formatDecimal(toDecimal(row.value)),
        o: options.confirmedOutliers?.has(valueKey(row)) ?? false,
      })),
    );
    await sql`
      insert into monitor_value (indicator_id, region_code, subject_id, period, breakdown, value, source, submission_id, outlier_confirmed, entered_by, entered_at)
      select k.i, k.r, k.s, k.p, k.b, k.v, ${options.source}, ${options.submissionId ?? null}::uuid, k.o, ${context.actor.id}::uuid, ${context.now}
      from jsonb_to_recordset(${json}::jsonb) as k(i uuid, r text, s uuid, p text, b text, v numeric, o boolean)
      on conflict (indicator_id, region_code, subject_id, period, breakdown) do update set
        value = excluded.value, source = excluded.source,
        submission_id = coalesce(excluded.submission_id, monitor_value.submission_id),
        outlier_confirmed = excluded.outlier_confirmed, entered_by = excluded.entered_by, entered_at = excluded.entered_at`.execute(context.db);
  }
}

/**
 * The roll-up differences of a batch, grouped per (indicator, region or ancestor, period, category). A weighted
 * indicator's weighted sums change when its own value changes and when its weight's value does.
 */
function rollupDeltas(
  rows: ValueRow[],
  weights: WeightLinks,
  before: ReadonlyMap<string, StoredValue>,
  after: ReadonlyMap<string, StoredValue>,
): RollupDelta[] {
  const grouped = new Map<string, RollupDelta>();
  const add = (base: ValueRow, indicatorId: string, change: Omit<RollupDelta, 'indicatorId' | 'regionCode' | 'period' | 'breakdown'>) => {
    for (const regionCode of regionAncestry(base.regionCode)) {
      const key = [indicatorId, regionCode, base.period, base.breakdown].join('|');
      const current = grouped.get(key) ?? { indicatorId, regionCode, period: base.period, breakdown: base.breakdown, sum: zero, count: 0, weightedSum: zero, weightSum: zero };
      grouped.set(key, {
        ...current,
        sum: addDecimal(current.sum, change.sum),
        count: current.count + change.count,
        weightedSum: addDecimal(current.weightedSum, change.weightedSum),
        weightSum: addDecimal(current.weightSum, change.weightSum),
      });
    }
  };
  const read = (map: ReadonlyMap<string, StoredValue>, row: ValueRow, indicatorId: string) => {
    const stored = map.get(valueKey({ ...row, indicatorId }));
    return stored ? toDecimal(stored.value) : null;
  };
  const weightedPart = (value: Decimal | null, weight: Decimal | null) =>
    value && weight ? { weightedSum: multiplyDecimal(value, weight), weightSum: weight } : { weightedSum: zero, weightSum: zero };
  const pairs = new Map<string, { row: ValueRow; indicatorId: string; weightId: string }>();
  for (const row of rows) {
    const oldValue = read(before, row, row.indicatorId);
    const newValue = read(after, row, row.indicatorId)!;
    add(row, row.indicatorId, { sum: subtractDecimal(newValue, oldValue ?? zero), count: oldValue ? 0 : 1, weightedSum: zero, weightSum: zero });
    const weightId = weights.weightOf.get(row.indicatorId);
    if (weightId) pairs.set(valueKey(row), { row, indicatorId: row.indicatorId, weightId });
    for (const other of weights.weighted.get(row.indicatorId) ?? []) {
      pairs.set(valueKey({ ...row, indicatorId: other }), { row, indicatorId: other, weightId: row.indicatorId });
    }
  }
  for (const { row, indicatorId, weightId } of pairs.values()) {
    const old = weightedPart(read(before, row, indicatorId), read(before, row, weightId));
    const next = weightedPart(read(after, row, indicatorId), read(after, row, weightId));
    add(row, indicatorId, {
      sum: zero,
      count: 0,
      weightedSum: subtractDecimal(next.weightedSum, old.weightedSum),
      weightSum: subtractDecimal(next.weightSum, old.weightSum),
    });
  }
  return [...grouped.values()].filter((delta) => !(isZero(delta.sum) && delta.count === 0 && isZero(delta.weightedSum) && isZero(delta.weightSum)));
}

async function applyRollups(db: Kysely<Database>, deltas: RollupDelta[]): Promise<void> {
  for (const part of chunks(deltas)) {
    const json = JSON.stringify(
      part.map((delta) => ({
        i: delta.indicatorId,
        r: delta.regionCode,
        p: delta.period,
        b: delta.breakdown,
        s: formatDecimal(delta.sum),
        c: delta.count,
        ws: formatDecimal(delta.weightedSum),
        w: formatDecimal(delta.weightSum),
      })),
    );
    await sql`
      insert into monitor_rollup (indicator_id, region_code, period, breakdown, value_sum, value_count, weighted_sum, weight_sum)
      select k.i, k.r, k.p, k.b, k.s, k.c, k.ws, k.w
      from jsonb_to_recordset(${json}::jsonb) as k(i uuid, r text, p text, b text, s numeric, c integer, ws numeric, w numeric)
      order by k.i, k.r, k.p, k.b
      on conflict (indicator_id, region_code, period, breakdown) do update set
        value_sum = monitor_rollup.value_sum + excluded.value_sum,
        value_count = monitor_rollup.value_count + excluded.value_count,
        weighted_sum = monitor_rollup.weighted_sum + excluded.weighted_sum,
        weight_sum = monitor_rollup.weight_sum + excluded.weight_sum`.execute(db);
  }
}
