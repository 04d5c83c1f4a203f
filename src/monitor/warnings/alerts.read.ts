/**
 * Reading alerts: the alert board (filtered in SQL by jurisdiction — the alert's region in the actor's
 * subtree, or escalated to a region in it — with counts by level), one alert with its history, and the
 * platform's alert precision per rule and overall.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { AlertLevel, AlertStatus, WarningKind } from '../../contracts/monitor-warnings-constants.ts';
import type { AlertBoard, AlertDetail, AlertListItem, AlertPrecision } from '../../contracts/monitor-warnings.contract.ts';
import type { Actor } from '../../kernel/actor.ts';
import { notFound } from '../../kernel/errors.ts';
import { regionPrefix } from '../../kernel/region-code.ts';
import type { Database } from '../../store/tables.ts';
import { alertFacts, alertWord, responseOf, type StoredExplanation } from './alerts.repo.ts';
import { alertAbilities, alertScope, canReadAlert } from './warnings.policy.ts';

/** Filters of the alert board. */
export interface AlertFilter {
  regionCode?: string | undefined;
  level?: number | undefined;
  /** A state, `active` (open, acknowledged or handling) or `all`. */
  status: AlertStatus | 'active' | 'all';
  ruleId?: string | undefined;
  muted?: boolean | undefined;
  limit: number;
  offset: number;
}

type AlertDb = Database & { a: Database['monitor_alert'] };

/** Alerts in the region subtrees `prefixes`, or escalated to a region in them. */
function within(eb: ExpressionBuilder<AlertDb, 'a'>, prefixes: readonly string[]) {
  return eb.or(prefixes.flatMap((prefix) => [eb('a.region_code', 'like', `${prefix}%`), eb('a.escalated_to', 'like', `${prefix}%`)]));
}

function boardQuery(db: Kysely<Database>, prefixes: readonly string[], filter: Omit<AlertFilter, 'level' | 'limit' | 'offset'>) {
  let query = db.selectFrom('monitor_alert as a');
  if (!prefixes.includes('')) query = query.where((eb) => within(eb, prefixes));
  if (filter.regionCode) query = query.where((eb) => within(eb, [regionPrefix(filter.regionCode as string)]));
  if (filter.status === 'active') query = query.where('a.status', 'in', ['open', 'acknowledged', 'handling']);
  else if (filter.status !== 'all') query = query.where('a.status', '=', filter.status);
  if (filter.ruleId) query = query.where('a.rule_id', '=', filter.ruleId);
  if (filter.muted !== undefined) query = query.where('a.muted_by', filter.muted ? 'is not' : 'is', null);
  return query;
}

function listColumns(db: Kysely<Database>, prefixes: readonly string[], filter: AlertFilter) {
  return boardQuery(db, prefixes, filter)
    .innerJoin('monitor_warning_rule as rule', 'rule.id', 'a.rule_id')
    .innerJoin('monitor_indicator as indicator', 'indicator.id', 'rule.indicator_id')
    .innerJoin('region', 'region.code', 'a.region_code')
    .leftJoin('monitor_subject as subject', 'subject.id', 'a.subject_id')
    .leftJoin('app_user as owner', 'owner.id', 'a.owner_user_id')
    .selectAll('a')
    .select([
      'rule.code as rule_code',
      'rule.name_zh as rule_name_zh',
      'rule.name_en as rule_name_en',
      'rule.kind as rule_kind',
      'rule.response as rule_response',
      'indicator.id as indicator_id',
      'indicator.code as indicator_code',
      'indicator.name_zh as indicator_name_zh',
      'indicator.name_en as indicator_name_en',
      'indicator.unit as indicator_unit',
      'region.name as region_name',
      'subject.name as subject_name',
      'owner.display_name as owner_name',
    ]);
}

type ListedRow = Awaited<ReturnType<ReturnType<typeof listColumns>['executeTakeFirstOrThrow']>>;

const iso = (value: Date | null) => value?.toISOString() ?? null;

function presentItem(row: ListedRow): AlertListItem {
  const explanation = row.explanation as Partial<StoredExplanation>;
  return {
    id: row.id,
    rule: { id: row.rule_id, code: row.rule_code, nameZh: row.rule_name_zh, nameEn: row.rule_name_en, kind: row.rule_kind as WarningKind },
    indicator: { id: row.indicator_id, code: row.indicator_code, nameZh: row.indicator_name_zh, nameEn: row.indicator_name_en, unit: row.indicator_unit },
    regionCode: row.region_code,
    regionName: row.region_name,
    subject: row.subject_id ? { id: row.subject_id, name: row.subject_name ?? '' } : null,
    level: row.level,
    status: row.status as AlertStatus,
    period: row.period,
    observedValue: row.observed_value === null ? null : Number(row.observed_value),
    explanation: {
      zh: explanation.zh ?? '',
      en: explanation.en ?? '',
      measure: explanation.measure ?? null,
      boundary: explanation.boundary ?? null,
      recovered: explanation.recovered ?? false,
      fallback: explanation.fallback ?? null,
    },
    owner: row.owner_user_id ? { id: row.owner_user_id, name: row.owner_name ?? '' } : null,
    acknowledgeDueAt: iso(row.acknowledge_due_at),
    respondDueAt: iso(row.respond_due_at),
    escalatedTo: row.escalated_to,
    escalations: row.escalations,
    mutedBy: row.muted_by,
    openedAt: row.opened_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The alert board: a page of the alerts the actor may see, most severe and oldest first, with counts by level. */
export async function listAlerts(db: Kysely<Database>, actor: Actor, filter: AlertFilter): Promise<AlertBoard> {
  const prefixes = alertScope(actor);
  const countsByLevel = { 1: 0, 2: 0, 3: 0, 4: 0 };
  if (prefixes.length === 0) return { items: [], total: 0, countsByLevel };
  const counts = await boardQuery(db, prefixes, filter)
    .select(['a.level', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('a.level')
    .execute();
  for (const row of counts) countsByLevel[row.level as AlertLevel] = Number(row.count);
  let page = listColumns(db, prefixes, filter);
  if (filter.level !== undefined) page = page.where('a.level', '=', filter.level);
  const rows = await page.orderBy('a.level').orderBy('a.opened_at').orderBy('a.id').limit(filter.limit).offset(filter.offset).execute();
  const total = filter.level !== undefined ? (countsByLevel[filter.level as AlertLevel] ?? 0) : Object.values(countsByLevel).reduce((sum, count) => sum + count, 0);
  return { items: rows.map(presentItem), total, countsByLevel };
}

/** One alert with its history and what the actor may do; "not found" outside the actor's jurisdiction. */
export async function getAlert(db: Kysely<Database>, actor: Actor, id: string): Promise<AlertDetail> {
  const row = await listColumns(db, [''], { status: 'all', limit: 1, offset: 0 }).where('a.id', '=', id).executeTakeFirst();
  if (!row || !canReadAlert(actor, alertFacts(row))) throw notFound(alertWord);
  const events = await db
    .selectFrom('monitor_alert_event as event')
    .leftJoin('app_user', 'app_user.id', 'event.actor_id')
    .select(['event.id', 'event.at', 'event.kind', 'event.actor_id', 'app_user.display_name', 'event.from_level', 'event.to_level', 'event.note', 'event.data'])
    .where('event.alert_id', '=', id)
    .orderBy('event.id')
    .execute();
  const plan = responseOf(row.rule_response, row.level as AlertLevel);
  return {
    ...presentItem(row),
    outcome: row.outcome,
    wasReal: row.was_real,
    dismissReason: row.dismiss_reason,
    acknowledgedAt: iso(row.acknowledged_at),
    closedAt: iso(row.closed_at),
    response: plan ? { acknowledgeHours: plan.acknowledgeHours, respondHours: plan.respondHours, actions: plan.actions } : null,
    history: events.map((event) => ({
      id: Number(event.id),
      at: event.at.toISOString(),
      kind: event.kind as AlertDetail['history'][number]['kind'],
      actor: { id: event.actor_id, name: event.display_name ?? null },
      fromLevel: event.from_level,
      toLevel: event.to_level,
      note: event.note,
      data: event.data,
    })),
    abilities: alertAbilities(actor, alertFacts(row)),
  };
}

const precisionOf = (closed: number, real: number) => ({ closed, real, precision: closed === 0 ? null : real / closed });

/**
 * Alert precision: of the closed alerts judged real or not, the share that were real — per rule and
 * overall, over the alerts the actor may see (optionally one region's subtree).
 */
export async function alertPrecision(db: Kysely<Database>, actor: Actor, regionCode?: string): Promise<AlertPrecision> {
  const prefixes = alertScope(actor);
  if (prefixes.length === 0) return { overall: precisionOf(0, 0), rules: [] };
  const rows = await boardQuery(db, prefixes, { status: 'closed', regionCode })
    .innerJoin('monitor_warning_rule as rule', 'rule.id', 'a.rule_id')
    .where('a.was_real', 'is not', null)
    .select(['rule.id', 'rule.code', 'rule.name_zh', 'rule.name_en'])
    .select((eb) => [eb.fn.countAll<string>().as('closed'), eb.fn.count<string>('a.id').filterWhere('a.was_real', '=', true).as('real')])
    .groupBy(['rule.id', 'rule.code', 'rule.name_zh', 'rule.name_en'])
    .orderBy('rule.code')
    .execute();
  const rules = rows.map((row) => ({ ruleId: row.id, code: row.code, nameZh: row.name_zh, nameEn: row.name_en, ...precisionOf(Number(row.closed), Number(row.real)) }));
  const closed = rules.reduce((sum, rule) => sum + rule.closed, 0);
  const real = rules.reduce((sum, rule) => sum + rule.real, 0);
  return { overall: precisionOf(closed, real), rules };
}
