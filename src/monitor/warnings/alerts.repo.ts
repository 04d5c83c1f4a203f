/**
 * What the alert use cases share: loading an alert for a change (locked, "not found" to outsiders), its
 * history events and audit records, the response plan of its level, and telling the units that plan names.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AlertEventKind, AlertLevel, AlertStatus, LevelName } from '../../contracts/monitor-warnings-constants.ts';
import { alertStatusLabels, levelLabels } from '../../contracts/monitor-warnings-constants.ts';
import type { ResponsePlan } from '../../contracts/monitor-warnings.contract.ts';
import type { Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, notFound, type LocalizedText } from '../../kernel/errors.ts';
import { parentRegionCode, regionAncestry, regionLevel } from '../../kernel/region-code.ts';
import { notifyUnits } from '../../notify/index.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import type { Database, MonitorAlertTable } from '../../store/tables.ts';
import { canHandleAlert, canReadAlert, type AlertFacts } from './warnings.policy.ts';

/** An alert row as stored. */
export type AlertRow = Selectable<MonitorAlertTable>;

/** The word used in "not found" refusals. */
export const alertWord = { zh: '预警', en: 'Alert' };

/** What an alert's explanation holds: the sentence in both languages and the figures behind it. */
export interface StoredExplanation {
  zh: string;
  en: string;
  measure: number | null;
  boundary: number | null;
  recovered: boolean;
  fallback: string | null;
}

/** The policy facts of a stored alert. */
export function alertFacts(row: Pick<AlertRow, 'region_code' | 'escalated_to' | 'status'>): AlertFacts {
  return { regionCode: row.region_code, escalatedTo: row.escalated_to, status: row.status as AlertStatus };
}

/** Loads and locks an alert the actor may act on, or refuses ("not found" to those who may not see it). */
export async function loadAlertForChange(context: WriteContext, actor: Actor, id: string): Promise<AlertRow> {
  const row = await context.db.selectFrom('monitor_alert').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row || !canReadAlert(actor, alertFacts(row))) throw notFound(alertWord);
  if (!canHandleAlert(actor, alertFacts(row))) {
    throw forbidden({ zh: '只有预警所在地区（或其上报地区）的协调员和填报员可以处置预警。', en: 'Only coordinators and reporters of the alert’s region (or the region it was escalated to) may act on it.' });
  }
  return row;
}

/** Refuses a transition the alert's state does not allow (409), naming the state. */
export function assertAlertStatus(row: AlertRow, allowed: readonly AlertStatus[], action: LocalizedText): void {
  const status = row.status as AlertStatus;
  if (allowed.includes(status)) return;
  throw conflict('status', {
    zh: `该预警当前状态为“${alertStatusLabels[status].zh}”，不能${action.zh}。`,
    en: `The alert is ${alertStatusLabels[status].en}; it cannot be ${action.en}.`,
  });
}

/** One event of an alert's history. */
export interface AlertEventInput {
  kind: AlertEventKind;
  fromLevel?: number | null;
  toLevel?: number | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
}

/** Appends an event to the alert's history, as the context's actor at the context's time. */
export async function addAlertEvent(context: WriteContext, alertId: string, event: AlertEventInput): Promise<void> {
  await context.db
    .insertInto('monitor_alert_event')
    .values({
      alert_id: alertId,
      at: context.now,
      actor_id: context.actor.id,
      kind: event.kind,
      from_level: event.fromLevel ?? null,
      to_level: event.toLevel ?? null,
      note: event.note ?? null,
      data: event.data ? JSON.stringify(event.data) : null,
    })
    .execute();
}

function snapshot(row: AlertRow) {
  return {
    ruleId: row.rule_id,
    regionCode: row.region_code,
    subjectId: row.subject_id,
    level: row.level,
    status: row.status,
    period: row.period,
    observedValue: row.observed_value,
    ownerUserId: row.owner_user_id,
    acknowledgeDueAt: row.acknowledge_due_at,
    escalatedTo: row.escalated_to,
    escalations: row.escalations,
    mutedBy: row.muted_by,
    outcome: row.outcome,
    wasReal: row.was_real,
    dismissReason: row.dismiss_reason,
  };
}

/** Records a change of an alert in the audit trail, comparing the row before (null when new) and now. */
export async function auditAlert(context: WriteContext, action: string, before: AlertRow | null, alertId: string): Promise<void> {
  const after = await context.db.selectFrom('monitor_alert').selectAll().where('id', '=', alertId).executeTakeFirstOrThrow();
  await recordAudit(context, {
    action: `monitor.alert.${action}`,
    entityType: 'monitor_alert',
    entityId: alertId,
    regionCode: after.region_code,
    ...(before && { before: snapshot(before) }),
    after: snapshot(after),
  });
}

/** The response plan of one level of a rule, or null when the rule gives none. */
export function responseOf(response: unknown, level: AlertLevel): NonNullable<ResponsePlan[LevelName]> | null {
  return (response as ResponsePlan)[levelLabels[level].name] ?? null;
}

/** The ancestor of `regionCode` (or the region itself) at `level`, or null when the region is above it. */
function regionAt(regionCode: string, level: string): string | null {
  return regionAncestry(regionCode).find((code) => regionLevel(code) === level) ?? null;
}

/** The units a response plan names for an alert in `regionCode`: named units, and units of a kind at a region. */
export async function responseUnits(db: Kysely<Database>, plan: NonNullable<ResponsePlan[LevelName]>, regionCode: string): Promise<string[]> {
  const ids = new Set(plan.unitIds);
  for (const { kind, level } of plan.unitKinds) {
    const region = level === 'own' ? regionCode : level === 'parent' ? parentRegionCode(regionCode) : regionAt(regionCode, level);
    if (!region) continue;
    const found = await db.selectFrom('unit').select('id').where('region_code', '=', region).where('kind', '=', kind).execute();
    for (const unit of found) ids.add(unit.id);
  }
  return [...ids];
}

/**
 * The units told when an alert is escalated to `regionCode`: that region's units of the kinds the plan
 * names, or its government when the plan names no kind.
 */
export async function escalationUnits(db: Kysely<Database>, plan: NonNullable<ResponsePlan[LevelName]> | null, regionCode: string): Promise<string[]> {
  const kinds = [...new Set(plan?.unitKinds.map((entry) => entry.kind) ?? [])];
  const rows = await db
    .selectFrom('unit')
    .select('id')
    .where('region_code', '=', regionCode)
    .where('kind', 'in', kinds.length > 0 ? kinds : ['government'])
    .execute();
  return rows.map((row) => row.id);
}

/** What the units are told about an alert. */
export interface AlertNotice {
  unitIds: readonly string[];
  kind: 'alert.raised' | 'alert.level-raised' | 'alert.escalated';
  title: LocalizedText;
  explanation: LocalizedText;
  alert: Pick<AlertRow, 'id' | 'rule_id' | 'region_code' | 'subject_id' | 'level' | 'period' | 'escalated_to'>;
}

/** Notifies the units in the app and through webhooks subscribed to `alert.raised`. */
export async function tellUnits(context: WriteContext, notice: AlertNotice): Promise<void> {
  if (notice.unitIds.length === 0) return;
  const body = { zh: `${notice.title.zh}。${notice.explanation.zh}`.slice(0, 2000), en: `${notice.title.en}. ${notice.explanation.en}`.slice(0, 2000) };
  await notifyUnits(context, {
    unitIds: notice.unitIds,
    kind: notice.kind,
    title: { zh: notice.title.zh.slice(0, 200), en: notice.title.en.slice(0, 200) },
    body,
    link: `/monitor/alerts/${notice.alert.id}`,
    event: 'alert.raised',
    payload: {
      alertId: notice.alert.id,
      ruleId: notice.alert.rule_id,
      regionCode: notice.alert.region_code,
      subjectId: notice.alert.subject_id,
      level: notice.alert.level,
      period: notice.alert.period,
      escalatedTo: notice.alert.escalated_to,
      notice: notice.kind,
    },
  });
}

/** Lifts the muting an alert imposed on the alerts below it, when it is closed or dismissed. */
export async function unmuteBelow(context: WriteContext, alertId: string): Promise<void> {
  const muted = await context.db.selectFrom('monitor_alert').select('id').where('muted_by', '=', alertId).where('status', 'in', ['open', 'acknowledged', 'handling']).execute();
  if (muted.length === 0) return;
  await context.db.updateTable('monitor_alert').set({ muted_by: null, updated_at: context.now }).where('id', 'in', muted.map((row) => row.id)).execute();
  for (const row of muted) await addAlertEvent(context, row.id, { kind: 'unmuted', data: { by: alertId } });
}
