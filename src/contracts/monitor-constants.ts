/** The fixed vocabularies of monitoring, shared by the wire schemas and the web app. */
import type { ErrorCode } from '../kernel/errors.ts';

/** The kinds of monitored subject. */
export const subjectKinds = ['enterprise', 'price_point', 'supply_enterprise', 'sme_sample', 'household', 'produce'] as const;
/** The levels values are entered at: a region level, or subjects. */
export const entryLevels = ['province', 'prefecture', 'county', 'township', 'village', 'subject'] as const;
/** The period kinds values are entered for. */
export const frequencies = ['day', 'month', 'quarter', 'year'] as const;
/** A period kind values are entered for. */
export type Frequency = (typeof frequencies)[number];
/** The period kinds a dashboard is shown for (a day is too fine to compare). */
export const dashboardFrequencies = ['month', 'quarter', 'year'] as const satisfies readonly Frequency[];
/** How an indicator combines over regions. */
export const regionAggregations = ['sum', 'mean', 'weighted_mean', 'formula', 'none'] as const;
/** How an indicator combines over the periods inside a coarser one. */
export const timeAggregations = ['sum', 'last', 'mean'] as const;
/** What a figure is: a whole number, a decimal, a percentage (0–100). */
export const valueTypes = ['integer', 'decimal', 'percent'] as const;
/** The dimensions an indicator may be broken down by. */
export const breakdownDimensions = ['group', 'commodity', 'industry'] as const;
/** The states of a filed form. */
export const submissionStatuses = ['submitted', 'approved', 'returned'] as const;
/** A state of a filed form. */
export type SubmissionStatus = (typeof submissionStatuses)[number];
/** Where a value came from. */
export const valueSources = ['form', 'import', 'api', 'pack'] as const;
/** How a dashboard figure stands against its plan target. */
export const targetStandings = ['met', 'behind', 'unknown'] as const;
/** A verdict on a target. */
export type TargetStanding = (typeof targetStandings)[number];
/** The error code of a filing refused for figures flagged as outliers: the filer may confirm them and file again. */
export const outliersUnconfirmedCode = 'outliers_unconfirmed' as const satisfies ErrorCode;
