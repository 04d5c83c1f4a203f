/**
 * Report reminders, run periodically by the server: for every period that has begun and is due within
 * three days or has been overdue for up to a month, each responsible unit that still has a task without a submitted report is
 * notified — once per unit, plan, period and kind, kept in `report_reminder`. Inserting the reminder
 * rows first (`on conflict do nothing`) decides who is notified, so two servers running the job at once
 * never remind a unit twice.
 */
import { chinaDate } from '../../kernel/periods.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import { reminderKind } from './periods.ts';
import { remindUnits } from './reports.notices.ts';
import { periodsOfPlan } from './reports.repo.ts';

/** When the reminders are computed for. */
export interface ReminderRun {
  /** The moment of the run; due dates are compared with its date in China. */
  now: Date;
}

/** One batch of reminders sent. */
export interface ReminderBatch {
  planId: string;
  period: string;
  kind: string;
  unitIds: string[];
}

/** Sends the reminders due at `now`; returns the batches sent (empty when everyone was already told). */
export async function sendReportReminders(context: WriteContext, run: ReminderRun): Promise<ReminderBatch[]> {
  const today = chinaDate(run.now);
  const plans = await context.db.selectFrom('plan').select(['id', 'title', 'region_code', 'schedule', 'start_date', 'end_date']).where('start_date', '<=', today).execute();
  const batches: ReminderBatch[] = [];
  for (const plan of plans) {
    for (const period of periodsOfPlan(plan)) {
      const kind = reminderKind(period.due, today);
      if (!kind || period.start > today) continue;
      const pending = await context.db
        .selectFrom('task_unit')
        .innerJoin('plan_task', 'plan_task.id', 'task_unit.task_id')
        .select('task_unit.unit_id')
        .distinct()
        .where('plan_task.plan_id', '=', plan.id)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('task_report')
                .select('task_report.id')
                .whereRef('task_report.task_id', '=', 'task_unit.task_id')
                .whereRef('task_report.unit_id', '=', 'task_unit.unit_id')
                .where('task_report.period', '=', period.period)
                .where('task_report.status', 'in', ['submitted', 'accepted']),
            ),
          ),
        )
        .execute();
      if (pending.length === 0) continue;
      const claimed = await context.db
        .insertInto('report_reminder')
        .values(pending.map((row) => ({ unit_id: row.unit_id, plan_id: plan.id, period: period.period, kind, sent_at: run.now })))
        .onConflict((conflict) => conflict.doNothing())
        .returning('unit_id')
        .execute();
      if (claimed.length === 0) continue;
      const unitIds = claimed.map((row) => row.unit_id).sort();
      await remindUnits(context, unitIds, kind, plan, period);
      await recordAudit(context, {
        action: 'plans.report.remind',
        entityType: 'plan',
        entityId: plan.id,
        regionCode: plan.region_code,
        after: { period: period.period, due: period.due, kind, units: unitIds.length },
      });
      batches.push({ planId: plan.id, period: period.period, kind, unitIds });
    }
  }
  return batches;
}
