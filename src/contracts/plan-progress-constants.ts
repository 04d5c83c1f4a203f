/**
 * The progress colours as a plain list, so the web app can import them as values without Zod (like
 * `constants.ts`): from the mildest to the worst, the order in which a task takes the worst of its parts.
 */

/** 绿 on schedule, 蓝 unfinished near the deadline, 黄 slipping, 红 slipping badly or overdue. */
export const colourValues = ['green', 'blue', 'yellow', 'red'] as const;

/** One of the colours. */
export type Colour = (typeof colourValues)[number];

/** What a colour is recorded for. */
export const colourEntityTypes = ['target', 'task'] as const;

/** One of the entity types. */
export type ColourEntityType = (typeof colourEntityTypes)[number];
