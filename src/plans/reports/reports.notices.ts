/** What units are told about their reports: the review outcome, and reminders before and after due dates. */
import type { LocalizedText } from '../../kernel/errors.ts';
import { period as readPeriod, periodLabel } from '../../kernel/periods.ts';
import { notifyUnits } from '../../notify/index.ts';
import type { WriteContext } from '../../store/audit.ts';
import type { ReminderKind } from './periods.ts';

/** The period as people read it, in both languages. */
export function periodLabels(period: string): LocalizedText {
  const parsed = readPeriod(period);
  return { zh: periodLabel(parsed, 'zh'), en: periodLabel(parsed, 'en') };
}

/** Tells the reporting unit that its report was accepted or returned (with the reviewer's comment). */
export async function tellUnitAboutReview(
  context: WriteContext,
  report: { id: string; plan_id: string; plan_title: string; task_id: string; task_number: string; unit_id: string; period: string },
  outcome: 'accepted' | 'returned',
  comment: string | null,
): Promise<void> {
  const label = periodLabels(report.period);
  const returned = outcome === 'returned';
  const remark = comment ? { zh: `审核意见：${comment}`, en: `Reviewer’s comment: ${comment}` } : { zh: '', en: '' };
  await notifyUnits(context, {
    unitIds: [report.unit_id],
    kind: returned ? 'report.returned' : 'report.accepted',
    title: returned
      ? { zh: `报告被退回：任务 ${report.task_number}（${label.zh}）`, en: `Report returned: task ${report.task_number} (${label.en})` }
      : { zh: `报告已采纳：任务 ${report.task_number}（${label.zh}）`, en: `Report accepted: task ${report.task_number} (${label.en})` },
    body: {
      zh: `《${report.plan_title}》任务 ${report.task_number} ${label.zh}的报告${returned ? '被退回，请修改后重新报送' : '已采纳'}。${remark.zh}`,
      en: `The ${label.en} report on task ${report.task_number} of “${report.plan_title}” was ${returned ? 'returned; revise it and submit it again' : 'accepted'}. ${remark.en}`.trim(),
    },
    link: `/reports/${report.id}`,
    event: returned ? 'report.returned' : 'report.accepted',
    payload: { reportId: report.id, planId: report.plan_id, taskId: report.task_id, unitId: report.unit_id, period: report.period, status: outcome },
  });
}

/** Reminds units that have not reported for a period that it is due soon, or overdue. */
export async function remindUnits(
  context: WriteContext,
  unitIds: string[],
  kind: ReminderKind,
  plan: { id: string; title: string },
  period: { period: string; due: string },
): Promise<void> {
  const label = periodLabels(period.period);
  const overdue = kind === 'report.overdue';
  await notifyUnits(context, {
    unitIds,
    kind,
    title: overdue
      ? { zh: `报告已逾期：${label.zh}`, en: `Report overdue: ${label.en}` }
      : { zh: `报告即将到期：${label.zh}`, en: `Report due soon: ${label.en}` },
    body: overdue
      ? {
          zh: `《${plan.title}》${label.zh}的任务进展报告应于 ${period.due} 前报送，贵单位尚未报送，请尽快报送。`,
          en: `The ${label.en} progress reports for “${plan.title}” were due on ${period.due} and your unit has not submitted them; please do so now.`,
        }
      : {
          zh: `《${plan.title}》${label.zh}的任务进展报告请于 ${period.due} 前报送。`,
          en: `The ${label.en} progress reports for “${plan.title}” are due on ${period.due}.`,
        },
    link: `/my/tasks?plan=${plan.id}&period=${period.period}`,
    event: overdue ? 'report.overdue' : 'report.reminder',
    payload: { planId: plan.id, period: period.period, due: period.due, kind },
  });
}
