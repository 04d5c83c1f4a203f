/**
 * The wire shapes of collecting monitoring data from spreadsheets: the template of a form for a period, an
 * upload that is checked in the background (progress, errors by row and column), and its commit or discard.
 */
import { z } from 'zod';
import { timestamp } from './common.contract.ts';
import { monitorImportErrorCodes, monitorImportStatuses } from './monitor-import-constants.ts';
import { monitorPeriod } from './monitor.contract.ts';

/** The vocabularies, re-exported for those who import the contract. */
export { busyImportStatuses, monitorImportErrorCodes, monitorImportStatuses, type MonitorImportErrorCode, type MonitorImportStatus } from './monitor-import-constants.ts';

/** `GET /api/monitor/forms/:formId/template.xlsx` and `POST /api/monitor/forms/:formId/imports`. */
export const monitorImportPeriodQuery = z.strictObject({ period: monitorPeriod });

/** The form in the path. */
export const monitorFormParams = z.strictObject({ formId: z.uuid() });

/** The import in the path. */
export const monitorImportParams = z.strictObject({ id: z.uuid() });

/** One problem found by the check: the row as Excel numbers it, the column letter and its header. */
export const monitorImportError = z.object({
  row: z.number().int(),
  /** The column letter (`C`), or `''` for a problem of the whole row or file. */
  column: z.string(),
  /** The column's header as printed (indicator name, unit and code), or `''`. */
  header: z.string(),
  code: z.enum(monitorImportErrorCodes),
  /** In the requested language. */
  message: z.string(),
});

/** An import as its uploader or a coordinator sees it; poll it for progress while `status` is `checking`. */
export const monitorImportView = z.object({
  id: z.uuid(),
  formId: z.uuid(),
  formCode: z.string(),
  formName: z.string(),
  period: z.string(),
  status: z.enum(monitorImportStatuses),
  fileName: z.string().nullable(),
  /** Data rows in the file; 0 until the check has counted them. */
  totalRows: z.number().int(),
  /** Data rows checked so far: the progress bar is processedRows / totalRows. */
  processedRows: z.number().int(),
  errorCount: z.number().int(),
  /** The first errors found (at most 100); download `errors.xlsx` for all of them. */
  errors: z.array(monitorImportError),
  /** Values staged by the check, to be written by the commit. */
  stagedValues: z.number().int(),
  regionCode: z.string(),
  createdBy: z.string().nullable(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
  /** What the viewer may do now. */
  abilities: z.object({ commit: z.boolean(), discard: z.boolean(), downloadErrors: z.boolean() }),
});

/** The answer to a commit: the import as it now is and how many values were written. */
export const monitorImportCommitResult = z.object({ import: monitorImportView, saved: z.number().int() });

export type MonitorImportError = z.output<typeof monitorImportError>;
export type MonitorImportView = z.output<typeof monitorImportView>;
export type MonitorImportCommitResult = z.output<typeof monitorImportCommitResult>;
