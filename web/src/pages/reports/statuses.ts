/** The report workflow's enumerations as the web app shows them: lists for selects, and a colour per state. */
import type { ProgressStatus, ReportStatus, Timeliness } from '../../types.ts';

/** What a unit can say about a task's progress, in the order a form offers them. */
export const progressStatuses = ['not_started', 'on_track', 'at_risk', 'delayed', 'completed'] as const satisfies readonly ProgressStatus[];

/** The report states, in workflow order. */
export const reportStatuses = ['draft', 'submitted', 'returned', 'accepted'] as const satisfies readonly ReportStatus[];

/** The antd tag colour of each report state. */
export const reportStatusColour: Record<ReportStatus, string> = { draft: 'default', submitted: 'processing', returned: 'warning', accepted: 'success' };

/** The antd tag colour of each progress status. */
export const progressStatusColour: Record<ProgressStatus, string> = {
  not_started: 'default',
  on_track: 'green',
  at_risk: 'gold',
  delayed: 'red',
  completed: 'blue',
};

/** The antd tag colour of each timeliness value. */
export const timelinessColour: Record<Timeliness, string> = { on_time: 'green', late: 'gold', missing: 'red', not_due: 'default' };
