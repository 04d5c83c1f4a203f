/**
 * The problem ledger's enumerations as plain lists, so the web app can import them as values without Zod
 * (like `constants.ts`). Codes are stable English words; the Chinese labels are the ledger's own terms.
 */

/**
 * Kinds of difficulty. The Linxia 保产业链供应链稳定 plan lists 用工、融资、生产、供应、销售、运输 for its ledger;
 * 清欠 (arrears owed to private and small enterprises) has its own 挂牌督办 rule in the 保市场主体 plan.
 */
export const problemCategories = [
  'labour',
  'finance',
  'materials',
  'production',
  'sales',
  'transport',
  'land',
  'energy',
  'arrears',
  'policy',
  'other',
] as const;

/** One of the problem categories. */
export type ProblemCategory = (typeof problemCategories)[number];

/** The label of each category in both interface languages. */
export const problemCategoryLabels: Record<ProblemCategory, { zh: string; en: string }> = {
  labour: { zh: '用工', en: 'Labour' },
  finance: { zh: '融资', en: 'Finance' },
  materials: { zh: '原料', en: 'Materials' },
  production: { zh: '生产', en: 'Production' },
  sales: { zh: '销售', en: 'Sales' },
  transport: { zh: '运输', en: 'Transport' },
  land: { zh: '用地', en: 'Land' },
  energy: { zh: '用能', en: 'Energy' },
  arrears: { zh: '清欠', en: 'Arrears owed to enterprises' },
  policy: { zh: '政策', en: 'Policy' },
  other: { zh: '其他', en: 'Other' },
};

/** How serious a problem is. */
export const problemSeverities = ['low', 'medium', 'high', 'critical'] as const;

/** One of the severities. */
export type ProblemSeverity = (typeof problemSeverities)[number];

/** Where a problem stands: `open → in_progress → resolved → closed` (销号), and `reopened` after a failed check. */
export const problemStatuses = ['open', 'in_progress', 'resolved', 'closed', 'reopened'] as const;

/** One of the problem states. */
export type ProblemStatus = (typeof problemStatuses)[number];

/** The label of each state in both interface languages. */
export const problemStatusLabels: Record<ProblemStatus, { zh: string; en: string }> = {
  open: { zh: '待办', en: 'open' },
  in_progress: { zh: '办理中', en: 'in progress' },
  resolved: { zh: '已解决待核验', en: 'resolved, awaiting verification' },
  closed: { zh: '已销号', en: 'closed' },
  reopened: { zh: '重新办理', en: 'reopened' },
};

/** The 专班 that owns a problem, from the county up: 县域内由县专班解决，跨县域由州专班协调，需省级协调的提交省专班. */
export const ownerLevels = ['county', 'prefecture', 'province'] as const;

/** One of the owner levels. */
export type OwnerLevel = (typeof ownerLevels)[number];

/** Who logged a problem: a unit, a liaison officer (a caseworker) for an enterprise, or the enterprise itself. */
export const reporterKinds = ['unit', 'liaison', 'enterprise'] as const;

/** One of the reporter kinds. */
export type ReporterKind = (typeof reporterKinds)[number];

/** The kinds of event in a problem's history. */
export const problemEventKinds = [
  'created',
  'assigned',
  'escalated',
  'flagged',
  'unflagged',
  'progress',
  'resolved',
  'verified',
  'closed',
  'reopened',
  'follow_up',
] as const;

/** One of the problem event kinds. */
export type ProblemEventKind = (typeof problemEventKinds)[number];

/** What a 回头看 found: the resolution holds, or the problem is open again. */
export const followUpOutcomes = ['holds', 'reopen'] as const;

/** One of the follow-up outcomes. */
export type FollowUpOutcome = (typeof followUpOutcomes)[number];
