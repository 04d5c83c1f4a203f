/**
 * Indicators (指标): the catalogue of what is monitored, shared by every region. A formula indicator is
 * checked when it is saved — every code it uses exists, is entered at least as often, and does not lead
 * back to the indicator itself — so that reading it can never fail or loop.
 */
import type { Kysely } from 'kysely';
import type { CreateIndicatorInput, IndicatorView, UpdateIndicatorInput } from '../contracts/monitor.contract.ts';
import { conflict, forbidden, notFound, unprocessable, type LocalizedText } from '../kernel/errors.ts';
import type { Actor } from '../kernel/actor.ts';
import { containing } from '../kernel/like-pattern.ts';
import { periodKinds, type PeriodKind } from '../kernel/periods.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import { isUniqueViolation } from '../store/errors.ts';
import type { Database } from '../store/tables.ts';
import { codePositions, formulaCodes, FormulaError, parseFormula } from './formula.ts';
import { canManageIndicators } from './monitor.policy.ts';

const indicatorWord: LocalizedText = { zh: '指标', en: 'Indicator' };

type IndicatorRow = Awaited<ReturnType<typeof loadIndicatorRow>>;

/** Loads an indicator row with its weight indicator's code, or null. */
export async function loadIndicatorRow(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('monitor_indicator as i')
    .leftJoin('monitor_indicator as w', 'w.id', 'i.weight_indicator_id')
    .selectAll('i')
    .select('w.code as weight_code')
    .where('i.id', '=', id)
    .executeTakeFirst();
}

/** The indicator as the API shows it. */
export function presentIndicator(row: NonNullable<IndicatorRow>, actor: Actor): IndicatorView {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    unit: row.unit,
    valueType: row.value_type as IndicatorView['valueType'],
    frequency: row.frequency as IndicatorView['frequency'],
    entryLevel: row.entry_level as IndicatorView['entryLevel'],
    subjectKind: row.subject_kind as IndicatorView['subjectKind'],
    regionAggregation: row.region_aggregation as IndicatorView['regionAggregation'],
    weightIndicator: row.weight_code,
    timeAggregation: row.time_aggregation as IndicatorView['timeAggregation'],
    formula: row.formula,
    breakdownDimension: row.breakdown_dimension as IndicatorView['breakdownDimension'],
    breakdownCategories: row.breakdown_categories,
    decimals: row.decimals,
    description: row.description,
    source: row.source,
    dashboardPosition: row.dashboard_position,
    updatedAt: new Date(row.updated_at).toISOString(),
    abilities: { manage: canManageIndicators(actor) },
  };
}

/** A period kind is at least as fine as another (a month is finer than a quarter). */
function finerOrEqual(kind: string, than: string): boolean {
  return periodKinds.indexOf(kind as PeriodKind) >= periodKinds.indexOf(than as PeriodKind);
}

/**
 * Checks a formula against the catalogue: it parses, every code exists, every component is entered at the
 * formula's frequency or finer, and no component leads back to `selfCode`. Errors name the position.
 */
export async function checkFormula(db: Kysely<Database>, formula: string, selfCode: string, frequency: string): Promise<void> {
  let node;
  try {
    node = parseFormula(formula);
  } catch (error) {
    if (error instanceof FormulaError) throw unprocessable('formula', { zh: `公式有误：${error.zh}`, en: `The formula is wrong: ${error.message}` });
    throw error;
  }
  const codes = formulaCodes(node);
  const rows = codes.length > 0 ? await db.selectFrom('monitor_indicator').select(['code', 'frequency', 'formula']).where('code', 'in', codes).execute() : [];
  const known = new Map(rows.map((row) => [row.code, row]));
  for (const { code, position } of codePositions(node)) {
    if (code === selfCode) throw unprocessable('formula', { zh: `公式不能引用指标自身 ${code}（第 ${position + 1} 个字符）。`, en: `A formula cannot use its own indicator ${code} (at character ${position + 1}).` });
    const found = known.get(code);
    if (!found) throw unprocessable('formula', { zh: `公式中的指标 ${code} 不存在（第 ${position + 1} 个字符）。`, en: `The formula uses ${code}, which is not an indicator (at character ${position + 1}).` });
    if (!finerOrEqual(found.frequency, frequency)) {
      throw unprocessable('formula', {
        zh: `公式中的指标 ${code} 按${found.frequency}填报，粗于本指标的频度 ${frequency}。`,
        en: `${code} is entered per ${found.frequency}, less often than this indicator's ${frequency}.`,
      });
    }
  }
  await refuseCycle(db, codes, selfCode);
}

async function refuseCycle(db: Kysely<Database>, start: string[], selfCode: string): Promise<void> {
  const seen = new Set<string>();
  let frontier = start;
  while (frontier.length > 0) {
    const rows = await db.selectFrom('monitor_indicator').select(['code', 'formula']).where('code', 'in', frontier).where('formula', 'is not', null).execute();
    const next: string[] = [];
    for (const row of rows) {
      for (const code of formulaCodes(parseFormula(row.formula!))) {
        if (code === selfCode) {
          throw unprocessable('formula', { zh: `公式形成循环：${row.code} 又引用了 ${selfCode}。`, en: `The formula makes a cycle: ${row.code} uses ${selfCode} in turn.` });
        }
        if (!seen.has(code)) {
          seen.add(code);
          next.push(code);
        }
      }
    }
    frontier = next;
  }
}

function refuseInconsistent(input: CreateIndicatorInput): void {
  const fail = (field: string, zh: string, en: string) => {
    throw unprocessable(field, { zh, en });
  };
  if ((input.entryLevel === 'subject') !== (input.subjectKind !== null)) fail('subjectKind', '按监测对象填报的指标须注明对象类别，其他指标不得注明。', 'An indicator entered for subjects needs a subject kind; others must not have one.');
  if ((input.regionAggregation === 'formula') !== (input.formula !== null)) fail('formula', '汇总方式为公式的指标须有公式，其他指标不得有公式。', 'A formula indicator needs a formula; other indicators must not have one.');
  if ((input.regionAggregation === 'weighted_mean') !== (input.weightIndicator !== null)) fail('weightIndicator', '加权平均须指定权重指标，其他汇总方式不得指定。', 'A weighted mean needs a weight indicator; other aggregations must not name one.');
  if ((input.breakdownDimension === null) !== (input.breakdownCategories.length === 0)) fail('breakdownCategories', '分组维度和分类须同时给出。', 'A breakdown dimension and its categories go together.');
  if (new Set(input.breakdownCategories).size !== input.breakdownCategories.length) fail('breakdownCategories', '分类不能重复。', 'Categories must not repeat.');
}

async function weightIndicatorId(db: Kysely<Database>, input: CreateIndicatorInput): Promise<string | null> {
  if (input.weightIndicator === null) return null;
  const weight = await db.selectFrom('monitor_indicator').select(['id', 'frequency', 'entry_level', 'region_aggregation']).where('code', '=', input.weightIndicator).executeTakeFirst();
  if (!weight) throw unprocessable('weightIndicator', { zh: `权重指标 ${input.weightIndicator} 不存在。`, en: `The weight indicator ${input.weightIndicator} does not exist.` });
  if (weight.frequency !== input.frequency || weight.entry_level !== input.entryLevel || weight.region_aggregation === 'formula') {
    throw unprocessable('weightIndicator', {
      zh: `权重指标 ${input.weightIndicator} 须与本指标在同一层级、同一频度填报。`,
      en: `The weight indicator ${input.weightIndicator} must be entered at the same level and frequency as this one.`,
    });
  }
  return weight.id;
}

/** Creates an indicator (admin or a coordinator of a prefecture or wider). */
export async function createIndicator(context: WriteContext, actor: Actor, input: CreateIndicatorInput): Promise<IndicatorView> {
  if (!canManageIndicators(actor)) throw forbidden();
  refuseInconsistent(input);
  if (input.formula !== null) await checkFormula(context.db, input.formula, input.code, input.frequency);
  const weightId = await weightIndicatorId(context.db, input);
  let id: string;
  try {
    const inserted = await context.db
      .insertInto('monitor_indicator')
      .values({
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        unit: input.unit,
        value_type: input.valueType,
        frequency: input.frequency,
        entry_level: input.entryLevel,
        subject_kind: input.subjectKind,
        region_aggregation: input.regionAggregation,
        weight_indicator_id: weightId,
        time_aggregation: input.timeAggregation,
        formula: input.formula,
        breakdown_dimension: input.breakdownDimension,
        breakdown_categories: input.breakdownCategories,
        decimals: input.decimals,
        description: input.description,
        source: input.source,
        dashboard_position: input.dashboardPosition,
        created_at: context.now,
        updated_at: context.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = inserted.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('code', { zh: `指标代码 ${input.code} 已存在。`, en: `The indicator code ${input.code} is taken.` });
    throw error;
  }
  const row = (await loadIndicatorRow(context.db, id))!;
  await recordAudit(context, { action: 'monitor.indicator.create', entityType: 'monitor_indicator', entityId: id, regionCode: null, after: presentIndicator(row, actor) });
  return presentIndicator(row, actor);
}

/** Changes what can change of an indicator without rewriting its stored roll-ups. */
export async function updateIndicator(context: WriteContext, actor: Actor, id: string, input: UpdateIndicatorInput): Promise<IndicatorView> {
  if (!canManageIndicators(actor)) throw forbidden();
  const before = await loadIndicatorRow(context.db, id);
  if (!before) throw notFound(indicatorWord);
  if (input.formula !== undefined) {
    if (before.region_aggregation !== 'formula') throw unprocessable('formula', { zh: '只有公式指标才能设置公式。', en: 'Only a formula indicator has a formula.' });
    await checkFormula(context.db, input.formula, before.code, before.frequency);
  }
  if (input.breakdownCategories !== undefined) {
    const removed = before.breakdown_categories.filter((category) => !input.breakdownCategories!.includes(category));
    if (removed.length > 0) throw unprocessable('breakdownCategories', { zh: `分类不能删除：${removed.join('、')}。`, en: `Categories cannot be removed: ${removed.join(', ')}.` });
    if (before.breakdown_dimension === null && input.breakdownCategories.length > 0) {
      throw unprocessable('breakdownCategories', { zh: '此指标没有分组维度。', en: 'This indicator has no breakdown dimension.' });
    }
  }
  await context.db
    .updateTable('monitor_indicator')
    .set({
      ...(input.nameZh !== undefined ? { name_zh: input.nameZh } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.unit !== undefined ? { unit: input.unit } : {}),
      ...(input.timeAggregation !== undefined ? { time_aggregation: input.timeAggregation } : {}),
      ...(input.formula !== undefined ? { formula: input.formula } : {}),
      ...(input.breakdownCategories !== undefined ? { breakdown_categories: input.breakdownCategories } : {}),
      ...(input.decimals !== undefined ? { decimals: input.decimals } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.source !== undefined ? { source: input.source } : {}),
      ...(input.dashboardPosition !== undefined ? { dashboard_position: input.dashboardPosition } : {}),
      updated_at: context.now,
    })
    .where('id', '=', id)
    .execute();
  const after = (await loadIndicatorRow(context.db, id))!;
  await recordAudit(context, { action: 'monitor.indicator.update', entityType: 'monitor_indicator', entityId: id, regionCode: null, before: presentIndicator(before, actor), after: presentIndicator(after, actor) });
  return presentIndicator(after, actor);
}

/** Filters for listing indicators. */
export interface IndicatorFilter {
  query?: string | undefined;
  frequency?: string | undefined;
  entryLevel?: string | undefined;
  limit: number;
  offset: number;
}

/** The indicator catalogue (readable by every signed-in user), by code. */
export async function listIndicators(db: Kysely<Database>, actor: Actor, filter: IndicatorFilter) {
  let query = db.selectFrom('monitor_indicator as i').leftJoin('monitor_indicator as w', 'w.id', 'i.weight_indicator_id');
  if (filter.query) {
    const pattern = containing(filter.query);
    query = query.where((eb) => eb.or([eb('i.code', 'like', pattern), eb('i.name_zh', 'like', pattern), eb('i.name_en', 'ilike', pattern)]));
  }
  if (filter.frequency) query = query.where('i.frequency', '=', filter.frequency);
  if (filter.entryLevel) query = query.where('i.entry_level', '=', filter.entryLevel);
  const [{ total } = { total: 0 }] = await query.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await query.selectAll('i').select('w.code as weight_code').orderBy('i.code').limit(filter.limit).offset(filter.offset).execute();
  return { items: rows.map((row) => presentIndicator(row, actor)), total: Number(total) };
}

/** One indicator; 404 when it does not exist. */
export async function getIndicator(db: Kysely<Database>, actor: Actor, id: string): Promise<IndicatorView> {
  const row = await loadIndicatorRow(db, id);
  if (!row) throw notFound(indicatorWord);
  return presentIndicator(row, actor);
}
