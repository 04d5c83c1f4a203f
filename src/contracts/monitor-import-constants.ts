/** The fixed vocabularies of monitoring imports, shared by the wire schemas and the web app. */

/** Where an import is: checked in the background, then committed by a person or discarded. */
export const monitorImportStatuses = ['checking', 'checked', 'committing', 'committed', 'failed', 'discarded'] as const;

/** A state of an import. */
export type MonitorImportStatus = (typeof monitorImportStatuses)[number];

/** The states in which the server is still working on an import: the page polls for progress. */
export const busyImportStatuses = ['checking', 'committing'] as const satisfies readonly MonitorImportStatus[];

/** What is wrong with a cell, a row or the file. */
export const monitorImportErrorCodes = [
  'unreadable_file',
  'no_key_row',
  'template_mismatch',
  'unknown_indicator',
  'unknown_category',
  'duplicate_column',
  'missing_code',
  'unknown_region',
  'unknown_subject',
  'wrong_level',
  'outside_scope',
  'outside_jurisdiction',
  'not_a_number',
  'not_whole_number',
  'bad_period',
  'duplicate_row',
  'rule',
  'too_many_rows',
] as const;

/** One of the import error codes. */
export type MonitorImportErrorCode = (typeof monitorImportErrorCodes)[number];
