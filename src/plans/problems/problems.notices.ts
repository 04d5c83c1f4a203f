/**
 * What units are told about problems: the owner unit when a problem is logged, escalated to it or put
 * under 挂牌督办, and the unit that logged it when it is closed (销号). Webhook receivers get the same event.
 */
import type { LocalizedText } from '../../kernel/errors.ts';
import { notifyUnits, type WebhookEvent } from '../../notify/index.ts';
import type { WriteContext } from '../../store/audit.ts';
import type { ProblemEventKind } from '../../contracts/plan-problems-constants.ts';

/** The events of a problem's history that someone is told about, and who. */
const noticeOf: Partial<Record<ProblemEventKind, { event: WebhookEvent; to: 'owner' | 'reporter'; title: (number: string, title: string) => LocalizedText }>> = {
  created: { event: 'problem.logged', to: 'owner', title: (number, title) => ({ zh: `新问题 ${number}：${title}`, en: `New problem ${number}: ${title}` }) },
  escalated: { event: 'problem.escalated', to: 'owner', title: (number, title) => ({ zh: `问题上报至本单位 ${number}：${title}`, en: `Problem escalated to your unit ${number}: ${title}` }) },
  flagged: { event: 'problem.supervised', to: 'owner', title: (number, title) => ({ zh: `挂牌督办 ${number}：${title}`, en: `Under supervision (挂牌督办) ${number}: ${title}` }) },
  closed: { event: 'problem.closed', to: 'reporter', title: (number, title) => ({ zh: `问题已销号 ${number}：${title}`, en: `Problem closed ${number}: ${title}` }) },
};

/** Notifies the unit concerned by a new event of a problem's history, when the event is one people are told of. */
export async function tellAboutProblemEvent(context: WriteContext, problemId: string, kind: ProblemEventKind, comment: string | null): Promise<void> {
  const notice = noticeOf[kind];
  if (!notice) return;
  const problem = await context.db
    .selectFrom('problem')
    .select(['id', 'number', 'title', 'category', 'severity', 'owner_level', 'owner_unit_id', 'reported_by_unit_id', 'region_code', 'flagged'])
    .where('id', '=', problemId)
    .executeTakeFirstOrThrow();
  const unitId = notice.to === 'owner' ? problem.owner_unit_id : problem.reported_by_unit_id;
  if (!unitId) return;
  const title = notice.title(problem.number, problem.title);
  await notifyUnits(context, {
    unitIds: [unitId],
    kind: notice.event,
    title,
    body: comment ? { zh: `${title.zh}。说明：${comment}`, en: `${title.en}. Note: ${comment}` } : title,
    link: `/plans/problems/${problem.id}`,
    event: notice.event,
    payload: {
      problemId: problem.id,
      number: problem.number,
      category: problem.category,
      severity: problem.severity,
      ownerLevel: problem.owner_level,
      regionCode: problem.region_code,
      flagged: problem.flagged,
    },
  });
}
