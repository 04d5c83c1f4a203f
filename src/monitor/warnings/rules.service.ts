/**
 * Warning rules as data: created, changed (each change bumps the version), enabled and disabled by the
 * coordinators of their scope, every change audited. The rule's parts are checked together (boundaries
 * ordered for the direction, the kind's parameters, a response plan per level) before anything is written.
 */
import type { Kysely, Selectable } from 'kysely';
import {
  checkRuleShape,
  type CreateRuleInput,
  type ResponsePlan,
  type RuleView,
  type Thresholds,
  type UpdateRuleInput,
} from '../../contracts/monitor-warnings.contract.ts';
import type { RuleSourceKind, WarningDirection, WarningKind, WatchLevel } from '../../contracts/monitor-warnings-constants.ts';
import { jurisdictionOrAbove, type Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, invalidInput, notFound, pickLanguage, unprocessable } from '../../kernel/errors.ts';
import { regionAncestry, regionLevel, regionLevels, regionPrefix } from '../../kernel/region-code.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import { isUniqueViolation } from '../../store/errors.ts';
import type { Database, MonitorWarningRuleTable } from '../../store/tables.ts';
import { canManageRule, canReadRule, ruleAbilities } from './warnings.policy.ts';

/** A rule row as stored. */
export type RuleRow = Selectable<MonitorWarningRuleTable>;

const ruleWord = { zh: '预警规则', en: 'Warning rule' };

/** Refuses the first issue of a rule's shape, naming its field. */
function assertShape(shape: Parameters<typeof checkRuleShape>[0]) {
  const { params, issues } = checkRuleShape(shape);
  const [first] = issues;
  if (first) {
    throw invalidInput(first.path.join('.'), { zh: `${first.path.join('.')}：${pickLanguage(first.message, 'zh')}`, en: `${first.path.join('.')}: ${pickLanguage(first.message, 'en')}` });
  }
  return params ?? {};
}

/** Refuses a scope, indicator, category, watch level or named unit that does not fit, naming the field. */
async function assertReferences(db: Kysely<Database>, input: Pick<CreateRuleInput, 'indicatorId' | 'scopeRegionCode' | 'watchLevel' | 'breakdown'>, response: ResponsePlan) {
  const indicator = await db.selectFrom('monitor_indicator').select(['id', 'entry_level', 'breakdown_categories']).where('id', '=', input.indicatorId).executeTakeFirst();
  if (!indicator) throw unprocessable('indicatorId', { zh: '指标不存在。', en: 'The indicator does not exist.' });
  const region = await db.selectFrom('region').select('code').where('code', '=', input.scopeRegionCode).executeTakeFirst();
  if (!region) throw unprocessable('scopeRegionCode', { zh: `行政区划 ${input.scopeRegionCode} 不存在。`, en: `Region ${input.scopeRegionCode} does not exist.` });
  if (input.breakdown !== '' && !indicator.breakdown_categories.includes(input.breakdown)) {
    throw unprocessable('breakdown', { zh: `指标没有分类“${input.breakdown}”。`, en: `The indicator has no category "${input.breakdown}".` });
  }
  if (input.watchLevel === 'subject' && indicator.entry_level !== 'subject') {
    throw unprocessable('watchLevel', { zh: '该指标不按监测对象填报，不能按对象预警。', en: 'The indicator is not entered for subjects, so a rule cannot watch subjects.' });
  }
  if (input.watchLevel !== 'subject' && regionLevels.indexOf(input.watchLevel) < regionLevels.indexOf(regionLevel(input.scopeRegionCode))) {
    throw unprocessable('watchLevel', { zh: '监测层级不能高于规则范围所在层级。', en: 'The watch level cannot be above the level of the rule’s scope.' });
  }
  for (const [level, plan] of Object.entries(response)) {
    if (!plan || plan.unitIds.length === 0) continue;
    const found = await db.selectFrom('unit').select('id').where('id', 'in', plan.unitIds).execute();
    const index = plan.unitIds.findIndex((id) => !found.some((unit) => unit.id === id));
    if (index >= 0) throw unprocessable(`response.${level}.unitIds.${index}`, { zh: '要通知的单位不存在。', en: 'A unit to notify does not exist.' });
  }
}

function snapshot(row: RuleRow) {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    indicatorId: row.indicator_id,
    kind: row.kind,
    direction: row.direction,
    thresholds: row.thresholds,
    params: row.params,
    scopeRegionCode: row.scope_region_code,
    watchLevel: row.watch_level,
    breakdown: row.breakdown,
    response: row.response,
    muteBelow: row.mute_below,
    source: row.source,
    sourceKind: row.source_kind,
    enabled: row.enabled,
    version: row.version,
  };
}

async function auditRule(context: WriteContext, action: string, before: RuleRow | null, id: string) {
  const after = await context.db.selectFrom('monitor_warning_rule').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  await recordAudit(context, {
    action: `monitor.warning_rule.${action}`,
    entityType: 'monitor_warning_rule',
    entityId: id,
    regionCode: after.scope_region_code,
    ...(before && { before: snapshot(before) }),
    after: snapshot(after),
  });
}

/** Creates a warning rule; returns its id. */
export async function createWarningRule(context: WriteContext, actor: Actor, input: CreateRuleInput): Promise<string> {
  const params = assertShape(input);
  await assertReferences(context.db, input, input.response);
  if (!canManageRule(actor, input.scopeRegionCode)) throw forbidden();
  try {
    const { id } = await context.db
      .insertInto('monitor_warning_rule')
      .values({
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        indicator_id: input.indicatorId,
        kind: input.kind,
        direction: input.direction,
        thresholds: JSON.stringify(input.thresholds),
        params: JSON.stringify(params),
        scope_region_code: input.scopeRegionCode,
        watch_level: input.watchLevel,
        breakdown: input.breakdown,
        response: JSON.stringify(input.response),
        mute_below: input.muteBelow,
        source: input.source,
        source_kind: input.sourceKind,
        enabled: input.enabled,
        created_at: context.now,
        updated_at: context.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditRule(context, 'create', null, id);
    return id;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('code', { zh: `已有代码为 ${input.code} 的预警规则。`, en: `A warning rule with code ${input.code} already exists.` });
    throw error;
  }
}

/** Loads and locks a rule the actor may manage; "not found" to those who may not see it. */
async function loadManaged(context: WriteContext, actor: Actor, id: string): Promise<RuleRow> {
  const row = await context.db.selectFrom('monitor_warning_rule').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row || !canReadRule(actor, row.scope_region_code)) throw notFound(ruleWord);
  if (!canManageRule(actor, row.scope_region_code)) throw forbidden();
  return row;
}

/** Changes a rule's names, boundaries, parameters, response plan, muting or source; the version goes up by one. */
export async function updateWarningRule(context: WriteContext, actor: Actor, id: string, input: UpdateRuleInput): Promise<void> {
  const before = await loadManaged(context, actor, id);
  if (input.version !== undefined && input.version !== before.version) {
    throw conflict('version', { zh: `规则已被他人修改（当前第 ${before.version} 版），请刷新后再改。`, en: `The rule was changed meanwhile (now version ${before.version}); reload and edit again.` });
  }
  const direction = input.direction ?? (before.direction as WarningDirection);
  const thresholds = input.thresholds ?? (before.thresholds as Thresholds);
  const response = input.response ?? (before.response as ResponsePlan);
  const params = assertShape({ kind: before.kind as WarningKind, direction, thresholds, params: input.params ?? before.params, response });
  await assertReferences(context.db, { indicatorId: before.indicator_id, scopeRegionCode: before.scope_region_code, watchLevel: before.watch_level as WatchLevel, breakdown: before.breakdown }, response);
  await context.db
    .updateTable('monitor_warning_rule')
    .set({
      ...(input.nameZh !== undefined && { name_zh: input.nameZh }),
      ...(input.nameEn !== undefined && { name_en: input.nameEn }),
      ...(input.muteBelow !== undefined && { mute_below: input.muteBelow }),
      ...(input.source !== undefined && { source: input.source }),
      ...(input.sourceKind !== undefined && { source_kind: input.sourceKind }),
      direction,
      thresholds: JSON.stringify(thresholds),
      params: JSON.stringify(params),
      response: JSON.stringify(response),
      version: before.version + 1,
      updated_at: context.now,
    })
    .where('id', '=', id)
    .execute();
  await auditRule(context, 'update', before, id);
}

/** Enables or disables a rule (a disabled rule raises nothing; its open alerts stay to be closed). */
export async function setWarningRuleEnabled(context: WriteContext, actor: Actor, id: string, enabled: boolean): Promise<void> {
  const before = await loadManaged(context, actor, id);
  if (before.enabled === enabled) return;
  await context.db.updateTable('monitor_warning_rule').set({ enabled, version: before.version + 1, updated_at: context.now }).where('id', '=', id).execute();
  await auditRule(context, enabled ? 'enable' : 'disable', before, id);
}

/** Filters of the rule list. */
export interface RuleFilter {
  indicatorId?: string | undefined;
  regionCode?: string | undefined;
  kind?: WarningKind | undefined;
  enabled?: boolean | undefined;
  limit: number;
  offset: number;
}

function ruleQuery(db: Kysely<Database>) {
  return db
    .selectFrom('monitor_warning_rule as rule')
    .innerJoin('monitor_indicator as indicator', 'indicator.id', 'rule.indicator_id')
    .innerJoin('region', 'region.code', 'rule.scope_region_code')
    .selectAll('rule')
    .select(['indicator.code as indicator_code', 'indicator.name_zh as indicator_name_zh', 'indicator.name_en as indicator_name_en', 'indicator.unit as indicator_unit', 'region.name as region_name']);
}

type LoadedRule = Awaited<ReturnType<ReturnType<typeof ruleQuery>['executeTakeFirstOrThrow']>>;

function present(actor: Actor, row: LoadedRule): RuleView {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    indicator: { id: row.indicator_id, code: row.indicator_code, nameZh: row.indicator_name_zh, nameEn: row.indicator_name_en, unit: row.indicator_unit },
    kind: row.kind as WarningKind,
    direction: row.direction as WarningDirection,
    thresholds: row.thresholds as Record<string, number>,
    params: row.params as Record<string, unknown>,
    scopeRegionCode: row.scope_region_code,
    scopeRegionName: row.region_name,
    watchLevel: row.watch_level as WatchLevel,
    breakdown: row.breakdown,
    response: row.response as Record<string, unknown>,
    muteBelow: row.mute_below,
    source: row.source,
    sourceKind: row.source_kind as RuleSourceKind,
    enabled: row.enabled,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    abilities: ruleAbilities(actor, row.scope_region_code),
  };
}

/** One rule as the actor may see it. */
export async function getWarningRule(db: Kysely<Database>, actor: Actor, id: string): Promise<RuleView> {
  const row = await ruleQuery(db).where('rule.id', '=', id).executeTakeFirst();
  if (!row || !canReadRule(actor, row.scope_region_code)) throw notFound(ruleWord);
  return present(actor, row);
}

/** Rules whose scope lies inside or above the actor's reach, filtered and paged in SQL. */
export async function listWarningRules(db: Kysely<Database>, actor: Actor, filter: RuleFilter): Promise<{ items: RuleView[]; total: number }> {
  const { prefixes, ancestors } = jurisdictionOrAbove(actor);
  let query = ruleQuery(db);
  if (!prefixes.includes('')) {
    query = query.where((eb) =>
      eb.or([...prefixes.map((prefix) => eb('rule.scope_region_code', 'like', `${prefix}%`)), ...(ancestors.length > 0 ? [eb('rule.scope_region_code', 'in', ancestors)] : [])]),
    );
  }
  if (filter.indicatorId) query = query.where('rule.indicator_id', '=', filter.indicatorId);
  if (filter.kind) query = query.where('rule.kind', '=', filter.kind);
  if (filter.enabled !== undefined) query = query.where('rule.enabled', '=', filter.enabled);
  if (filter.regionCode) {
    // The rules that watch a region: scoped at it, above it, or inside it.
    const code = filter.regionCode;
    query = query.where((eb) => eb.or([eb('rule.scope_region_code', 'in', regionAncestry(code)), eb('rule.scope_region_code', 'like', `${regionPrefix(code)}%`)]));
  }
  const rows = await query.orderBy('rule.code').limit(filter.limit).offset(filter.offset).execute();
  const counted = await query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirst();
  return { items: rows.map((row) => present(actor, row)), total: Number(counted?.total ?? 0) };
}
