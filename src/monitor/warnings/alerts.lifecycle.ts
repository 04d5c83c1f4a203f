/**
 * Handling an alert: open → acknowledged (the acknowledging user becomes owner) → handling (actions logged)
 * → closed (outcome, and whether it was real) or dismissed (reason) from any open state; anything else is
 * refused with 409. Alerts nobody acknowledges in time escalate to the next level of government.
 */
import type { AlertLevel } from '../../contracts/monitor-warnings-constants.ts';
import { levelLabels } from '../../contracts/monitor-warnings-constants.ts';
import type { Actor } from '../../kernel/actor.ts';
import { parentRegionCode, regionLevel } from '../../kernel/region-code.ts';
import type { WriteContext } from '../../store/audit.ts';
import {
  addAlertEvent,
  assertAlertStatus,
  auditAlert,
  escalationUnits,
  loadAlertForChange,
  responseOf,
  tellUnits,
  unmuteBelow,
  type StoredExplanation,
} from './alerts.repo.ts';

/** Acknowledges an open alert; the actor becomes its owner. */
export async function acknowledgeAlert(context: WriteContext, actor: Actor, id: string, note?: string): Promise<void> {
  const before = await loadAlertForChange(context, actor, id);
  assertAlertStatus(before, ['open'], { zh: '签收', en: 'acknowledged' });
  await context.db
    .updateTable('monitor_alert')
    .set({ status: 'acknowledged', owner_user_id: actor.userId, acknowledged_at: context.now, updated_at: context.now })
    .where('id', '=', id)
    .execute();
  await addAlertEvent(context, id, { kind: 'acknowledged', note: note ?? null });
  await auditAlert(context, 'acknowledge', before, id);
}

/** Logs an action taken on an acknowledged alert; it is then being handled. */
export async function recordAlertAction(context: WriteContext, actor: Actor, id: string, note: string): Promise<void> {
  const before = await loadAlertForChange(context, actor, id);
  assertAlertStatus(before, ['acknowledged', 'handling'], { zh: '记录处置（请先签收）', en: 'handled before it is acknowledged' });
  await context.db.updateTable('monitor_alert').set({ status: 'handling', updated_at: context.now }).where('id', '=', id).execute();
  await addAlertEvent(context, id, { kind: 'action', note });
  await auditAlert(context, 'action', before, id);
}

/** Closes an alert with its outcome and whether the signal was a real problem (alert precision). */
export async function closeAlert(context: WriteContext, actor: Actor, id: string, input: { outcome: string; wasReal: boolean }): Promise<void> {
  const before = await loadAlertForChange(context, actor, id);
  assertAlertStatus(before, ['open', 'acknowledged', 'handling'], { zh: '办结', en: 'closed' });
  await context.db
    .updateTable('monitor_alert')
    .set({ status: 'closed', outcome: input.outcome, was_real: input.wasReal, closed_at: context.now, updated_at: context.now, ...(before.owner_user_id === null && { owner_user_id: actor.userId }) })
    .where('id', '=', id)
    .execute();
  await addAlertEvent(context, id, { kind: 'closed', note: input.outcome, data: { wasReal: input.wasReal } });
  await unmuteBelow(context, id);
  await auditAlert(context, 'close', before, id);
}

/** Dismisses an alert with the reason (a false signal, a data error). */
export async function dismissAlert(context: WriteContext, actor: Actor, id: string, reason: string): Promise<void> {
  const before = await loadAlertForChange(context, actor, id);
  assertAlertStatus(before, ['open', 'acknowledged', 'handling'], { zh: '撤销', en: 'dismissed' });
  await context.db
    .updateTable('monitor_alert')
    .set({ status: 'dismissed', dismiss_reason: reason, closed_at: context.now, updated_at: context.now })
    .where('id', '=', id)
    .execute();
  await addAlertEvent(context, id, { kind: 'dismissed', note: reason });
  await unmuteBelow(context, id);
  await auditAlert(context, 'dismiss', before, id);
}

/** How many overdue alerts one round escalates; the job runs again at once while there are more. */
export const alertEscalationBatch = 100;

/**
 * Escalates every open, unmuted alert whose acknowledgement deadline has come (at or before `now`) to the
 * next level of government: its units are told, the alert gets a fresh deadline, and an event records it.
 * Alerts already at the province stay where they are. Returns how many were escalated.
 */
export async function escalateOverdueAlerts(context: WriteContext, now: Date): Promise<number> {
  const due = await context.db
    .selectFrom('monitor_alert')
    .innerJoin('monitor_warning_rule as rule', 'rule.id', 'monitor_alert.rule_id')
    .selectAll('monitor_alert')
    .select(['rule.response', 'rule.name_zh as rule_name_zh', 'rule.name_en as rule_name_en'])
    .where('monitor_alert.status', '=', 'open')
    .where('monitor_alert.muted_by', 'is', null)
    .where('monitor_alert.acknowledge_due_at', '<=', now)
    .orderBy('monitor_alert.acknowledge_due_at')
    .limit(alertEscalationBatch)
    .forUpdate('monitor_alert')
    .skipLocked()
    .execute();
  let escalated = 0;
  for (const row of due) {
    const from = row.escalated_to ?? row.region_code;
    const to = parentRegionCode(from);
    const plan = responseOf(row.response, row.level as AlertLevel);
    const hours = plan?.acknowledgeHours ?? 24;
    if (to === null || regionLevel(to) === 'country') {
      // Nobody sits above the province here: keep the alert there, with no deadline to miss again.
      await context.db.updateTable('monitor_alert').set({ acknowledge_due_at: null, updated_at: now }).where('id', '=', row.id).execute();
      continue;
    }
    const toName = (await context.db.selectFrom('region').select('name').where('code', '=', to).executeTakeFirst())?.name ?? to;
    await context.db
      .updateTable('monitor_alert')
      .set({ escalated_to: to, escalations: row.escalations + 1, acknowledge_due_at: new Date(now.getTime() + hours * 3_600_000), updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await addAlertEvent({ ...context, now }, row.id, { kind: 'escalated', note: `${from} → ${to}`, data: { from, to, deadlineMissed: row.acknowledge_due_at?.toISOString() ?? null } });
    const label = levelLabels[row.level as AlertLevel];
    const explanation = row.explanation as StoredExplanation;
    await tellUnits({ ...context, now }, {
      unitIds: await escalationUnits(context.db, plan, to),
      kind: 'alert.escalated',
      title: { zh: `逾期未签收的${label.zh}预警上报至${toName}：${row.rule_name_zh}`, en: `Unacknowledged ${label.en} alert escalated to ${toName}: ${row.rule_name_en}` },
      explanation: { zh: explanation.zh ?? '', en: explanation.en ?? '' },
      alert: { ...row, escalated_to: to },
    });
    await auditAlert({ ...context, now }, 'escalate', row, row.id);
    escalated += 1;
  }
  return escalated;
}
