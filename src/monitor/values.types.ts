/** The shapes values travel in between the monitor's forms, its API, its Excel import and its readers. */

/** Where a value came from. */
export type ValueSource = 'form' | 'import' | 'api' | 'pack';

/** One value to save, already checked by the caller (indicator, region or subject, period and category exist and fit). */
export interface ValueRow {
  /** The indicator the value is for. */
  indicatorId: string;
  /** The region entered for; for a subject's value, the subject's region (its roll-ups start there). */
  regionCode: string;
  /** The monitored subject, or null for a region's own figure. */
  subjectId: string | null;
  /** The period in canonical form (`2020-06`), of the indicator's frequency. */
  period: string;
  /** The disaggregation category, `''` for the total. */
  breakdown: string;
  /** The figure: a number, or decimal text kept exactly (`'12.35'`). */
  value: number | string;
}

/** A series whose figures changed: warning evaluation re-reads these after a save. */
export interface AffectedSeries {
  indicatorId: string;
  regionCode: string;
  subjectId: string | null;
  period: string;
}

/** Options of a bulk save. */
export interface SaveValueRowsOptions {
  /** Where the figures came from. */
  source: ValueSource;
  /** The submission the values belong to (a filed form), if any. */
  submissionId?: string | null;
  /** Values whose outlier flag someone confirmed (keys from `valueKey`). */
  confirmedOutliers?: ReadonlySet<string>;
}

/** The result of a bulk save. */
export interface SaveValueRowsResult {
  saved: number;
  affected: AffectedSeries[];
}

/** An aggregate as the readers return it: null when missing, with the indicator codes that were missing. */
export interface AggregateValue {
  value: number | null;
  missing: string[];
}

/** One point of a series. */
export interface SeriesPoint {
  period: string;
  value: number | null;
}

/** One child region's value, for county comparison and drill-down. */
export interface ChildValue {
  regionCode: string;
  regionName: string;
  value: number | null;
  missing: string[];
}
