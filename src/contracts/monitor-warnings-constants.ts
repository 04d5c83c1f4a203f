/**
 * The warning domain's enumerations as plain lists, so the web app can import them as values without Zod
 * (like `constants.ts`).
 */

/** The kinds of warning rule; each is a pure function of the series it is given. */
export const warningKinds = ['threshold', 'change_previous', 'change_year_ago', 'behind_schedule', 'days_of_supply', 'robust_z', 'price_anomaly'] as const;

/** One of the warning kinds. */
export type WarningKind = (typeof warningKinds)[number];

/** Which side of the boundaries is bad. */
export const warningDirections = ['above', 'below'] as const;

/** One of the directions. */
export type WarningDirection = (typeof warningDirections)[number];

/** The level names from the mildest to the most severe: IV blue, III yellow, II orange, I red (分级预警). */
export const levelNames = ['IV', 'III', 'II', 'I'] as const;

/** One of the level names. */
export type LevelName = (typeof levelNames)[number];

/** A level as stored: 4 = IV blue … 1 = I red. */
export type AlertLevel = 1 | 2 | 3 | 4;

/** The stored number of each level name. */
export const levelNumber: Record<LevelName, AlertLevel> = { IV: 4, III: 3, II: 2, I: 1 };

/** The colour and label of each stored level. */
export const levelLabels: Record<AlertLevel, { name: LevelName; colour: 'blue' | 'yellow' | 'orange' | 'red'; zh: string; en: string }> = {
  4: { name: 'IV', colour: 'blue', zh: 'IV级（蓝色）', en: 'level IV (blue)' },
  3: { name: 'III', colour: 'yellow', zh: 'III级（黄色）', en: 'level III (yellow)' },
  2: { name: 'II', colour: 'orange', zh: 'II级（橙色）', en: 'level II (orange)' },
  1: { name: 'I', colour: 'red', zh: 'I级（红色）', en: 'level I (red)' },
};

/** What a rule watches: the regions of one level, or monitored subjects. */
export const watchLevels = ['province', 'prefecture', 'county', 'township', 'village', 'subject'] as const;

/** One of the watch levels. */
export type WatchLevel = (typeof watchLevels)[number];

/** Where a rule's boundaries come from. */
export const ruleSourceKinds = ['document', 'public_norm', 'platform_default'] as const;

/** One of the source kinds. */
export type RuleSourceKind = (typeof ruleSourceKinds)[number];

/**
 * Where the units of a response plan are looked for, seen from the alert: its own region, the region one
 * up, or the alert region's ancestor at a named level (skipped when the alert sits above that level).
 */
export const responseRegionLevels = ['own', 'parent', 'province', 'prefecture', 'county', 'township', 'village'] as const;

/** One of the response region levels. */
export type ResponseRegionLevel = (typeof responseRegionLevels)[number];

/** Where an alert stands. */
export const alertStatuses = ['open', 'acknowledged', 'handling', 'closed', 'dismissed'] as const;

/** One of the alert states. */
export type AlertStatus = (typeof alertStatuses)[number];

/** The states in which an alert is still being dealt with (at most one per rule × region or subject). */
export const activeAlertStatuses = ['open', 'acknowledged', 'handling'] as const satisfies readonly AlertStatus[];

/** The kinds of event in an alert's history. */
export const alertEventKinds = ['raised', 'level_changed', 'acknowledged', 'action', 'escalated', 'muted', 'unmuted', 'closed', 'dismissed'] as const;

/** One of the alert event kinds. */
export type AlertEventKind = (typeof alertEventKinds)[number];

/** The labels of the alert states. */
export const alertStatusLabels: Record<AlertStatus, { zh: string; en: string }> = {
  open: { zh: '待签收', en: 'open' },
  acknowledged: { zh: '已签收', en: 'acknowledged' },
  handling: { zh: '处置中', en: 'being handled' },
  closed: { zh: '已办结', en: 'closed' },
  dismissed: { zh: '已撤销', en: 'dismissed' },
};
