/**
 * The report workflow as a table, IO-free: `draft → submitted → accepted`, or `submitted → returned →
 * submitted` again. Accepted reports are final. Every refusal carries the reason the user is shown.
 */
import type { ReportStatus } from '../../contracts/plan-reports.contract.ts';
import type { LocalizedText } from '../../kernel/errors.ts';

export { progressStatuses, reportStatuses, type ProgressStatus, type ReportStatus } from '../../contracts/plan-reports.contract.ts';

/** What can be done to a report. */
export type ReportAction = 'edit' | 'submit' | 'accept' | 'return' | 'attach';

const allowedFrom: Record<ReportAction, readonly ReportStatus[]> = {
  edit: ['draft', 'returned'],
  attach: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  accept: ['submitted'],
  return: ['submitted'],
};

const statusNames: Record<ReportStatus, LocalizedText> = {
  draft: { zh: '尚是草稿', en: 'a draft' },
  submitted: { zh: '已报送', en: 'submitted' },
  accepted: { zh: '已采纳', en: 'accepted' },
  returned: { zh: '已退回', en: 'returned' },
};

const actionNames: Record<ReportAction, LocalizedText> = {
  edit: { zh: '修改', en: 'edited' },
  attach: { zh: '添加附件', en: 'given attachments' },
  submit: { zh: '报送', en: 'submitted' },
  accept: { zh: '采纳', en: 'accepted' },
  return: { zh: '退回', en: 'returned' },
};

const advice: Record<ReportStatus, LocalizedText> = {
  draft: { zh: '请先报送。', en: 'Submit it first.' },
  submitted: { zh: '请等待审核；如需修改，请联系专班退回。', en: 'Wait for the review; ask the coordinators to return it if it needs changes.' },
  accepted: { zh: '已采纳的报告不可更改。', en: 'Accepted reports are final.' },
  returned: { zh: '请修改后重新报送。', en: 'Revise it and submit it again.' },
};

/** The state a report moves to when `action` is done, for the actions that change it. */
export function nextStatus(action: 'submit' | 'accept' | 'return'): ReportStatus {
  return { submit: 'submitted', accept: 'accepted', return: 'returned' }[action] as ReportStatus;
}

/** Why `action` cannot be done to a report in `status`, or null when it can. */
export function refusal(status: ReportStatus, action: ReportAction): LocalizedText | null {
  if (allowedFrom[action].includes(status)) return null;
  return {
    zh: `报告${statusNames[status].zh}，不能${actionNames[action].zh}。${advice[status].zh}`,
    en: `The report is ${statusNames[status].en} and cannot be ${actionNames[action].en}. ${advice[status].en}`,
  };
}

/** True when `action` may be done to a report in `status`. */
export function allows(status: ReportStatus, action: ReportAction): boolean {
  return refusal(status, action) === null;
}
