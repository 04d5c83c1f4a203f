/**
 * The check (dry run) of an upload, chunk by chunk: rows are streamed from the stored file, a chunk's
 * reporter codes are looked up in one query, valid rows are staged in monitor_import_row and errors kept in
 * monitor_import_error, and the import's progress is updated — one short transaction per chunk, so other
 * requests interleave and any server can report progress from the table.
 *
 * Where it runs: in the process that took the upload, right after answering it, so the check starts at once
 * and nobody waits for a polling interval. Everything it needs (the file, the uploader's reach) is in the
 * database, and the import is claimed with a lease (`claimed_until`, renewed every chunk and used as the
 * claim's token): if that process dies, the lease lapses and `resumeImportChecks`, run by every server's
 * periodic jobs, takes the check over on whichever server gets there first (SKIP LOCKED) and starts it
 * again from the top. A runner that lost its claim notices at its next chunk and stops.
 */
import type { Kysely } from 'kysely';
import { readStoredFile } from '../../files/index.ts';
import { chinaDate } from '../../kernel/periods.ts';
import type { Database } from '../../store/tables.ts';
import { checkFormRules } from '../form-rules.ts';
import { isHeaderRow, isKeyRow, readKeyRow, type CheckError, type SheetLayout, type SheetRow } from './import.layout.ts';
import { readSourceRows, spreadsheetKind, type SourceRow } from './import.readers.ts';
import { loadImportForm, resolveReporters, type ImportForm } from './import.repo.ts';
import { checkRows, type RowFigures, type StagedValue } from './import.rows.ts';
import { metaSheetName, readMeta, templateFormat } from './import.workbooks.ts';

/** Data rows checked per chunk (and per transaction). */
const chunkRows = 1000;
/** How long a claim holds without being renewed. */
export const claimMilliseconds = 120_000;
/** The most data rows one upload may hold. */
export const maxImportRows = 200_000;
/** Errors kept on the import row for display; all of them are in monitor_import_error. */
const shownErrors = 100;
/** Key rows are looked for in this many first rows of a sheet (a title may come first). */
const keySearchRows = 10;

/** Why a check stopped early: the import was discarded, or another server took it over. */
class ClaimLost extends Error {}

/** The check's running state, persisted chunk by chunk. */
interface CheckRun {
  db: Kysely<Database>;
  importId: string;
  clock: () => Date;
  claim: Date;
  processed: number;
  errorCount: number;
  shown: CheckError[];
}

async function persistChunk(run: CheckRun, staged: StagedValue[], errors: CheckError[], processed: number, extra: { totalRows?: number } = {}): Promise<void> {
  const next = new Date(run.clock().getTime() + claimMilliseconds);
  const shownBefore = run.shown.length;
  const shown = shownBefore < shownErrors ? [...run.shown, ...errors.slice(0, shownErrors - shownBefore)] : run.shown;
  await run.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('monitor_import')
      .set({
        processed_rows: processed,
        error_count: run.errorCount + errors.length,
        claimed_until: next,
        ...(shown.length !== shownBefore ? { errors: JSON.stringify(shown) } : {}),
        ...(extra.totalRows !== undefined ? { total_rows: extra.totalRows } : {}),
      })
      .where('id', '=', run.importId)
      .where('status', '=', 'checking')
      .where('claimed_until', '=', run.claim)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new ClaimLost();
    for (let start = 0; start < staged.length; start += chunkRows) {
      await trx
        .insertInto('monitor_import_row')
        .values(
          staged.slice(start, start + chunkRows).map((value) => ({
            import_id: run.importId,
            row_number: value.row,
            indicator_id: value.indicatorId,
            region_code: value.regionCode,
            subject_id: value.subjectId,
            period: value.period,
            breakdown: value.breakdown,
            value: value.value,
          })),
        )
        .execute();
    }
    for (let start = 0; start < errors.length; start += chunkRows) {
      await trx
        .insertInto('monitor_import_error')
        .values(
          errors.slice(start, start + chunkRows).map((error, index) => ({
            import_id: run.importId,
            position: run.errorCount + start + index,
            row_number: error.row,
            column_ref: error.column,
            header: error.header.slice(0, 200),
            code: error.code,
            message_zh: error.zh,
            message_en: error.en,
          })),
        )
        .execute();
    }
  });
  run.claim = next;
  run.processed = processed;
  run.errorCount += errors.length;
  run.shown = shown;
}

/** The data sheet's rows after its key row (and header), the layout, and the template's metadata. */
interface SheetScan {
  layout: SheetLayout | null;
  keyErrors: CheckError[];
  meta: Record<string, string>;
  dataRows: number;
}

/** Walks the rows of the file once: finds the data sheet and its key row, and hands every data row to `onRow`. */
async function scanRows(rows: AsyncIterable<SourceRow>, form: ImportForm, onRow: ((row: SheetRow) => Promise<void>) | null): Promise<SheetScan> {
  const scan: SheetScan = { layout: null, keyErrors: [], meta: {}, dataRows: 0 };
  const metaRows: SheetRow[] = [];
  let dataSheet: string | null = null;
  let headerPending = false;
  const reporter = form.reporterLevel === 'subject' ? 'subject' : 'region';
  for await (const { sheet, hidden, row } of rows) {
    if (hidden && sheet === metaSheetName) {
      metaRows.push(row);
      continue;
    }
    if (hidden) continue;
    if (dataSheet === null) {
      if (row.row <= keySearchRows && isKeyRow(row)) {
        dataSheet = sheet;
        const read = readKeyRow(row, form.indicators, reporter);
        scan.layout = read.layout;
        scan.keyErrors = read.errors;
        headerPending = true;
      }
      continue;
    }
    if (sheet !== dataSheet) continue;
    if (headerPending) {
      headerPending = false;
      if (isHeaderRow(row)) continue;
    }
    if (row.cells.every((cell) => cell === null || String(cell).trim() === '')) continue;
    scan.dataRows += 1;
    if (onRow) await onRow(row);
  }
  scan.meta = readMeta(metaRows);
  return scan;
}

/** File-level errors: no key row, a template made for another form or period, too many rows. */
function fileErrors(scan: SheetScan, form: ImportForm, period: string): CheckError[] {
  const errors: CheckError[] = [...scan.keyErrors];
  const whole = (code: CheckError['code'], zh: string, en: string): CheckError => ({ row: 1, column: '', header: '', code, zh, en });
  if (!scan.layout) {
    const key = form.reporterLevel === 'subject' ? 'subject' : 'region';
    errors.push(whole('no_key_row', `找不到键行：请使用下载的模板，或在前 ${keySearchRows} 行中放一行以“${key}”开头、列出指标代码的键行`, `No key row: use the downloaded template, or put a row starting with "${key}" and listing the indicator codes within the first ${keySearchRows} rows`));
  }
  if (scan.meta.format === templateFormat && scan.meta.form && scan.meta.form !== form.code) {
    errors.push(whole('template_mismatch', `此模板属于填报表“${scan.meta.form}”，不是“${form.code}”`, `This template belongs to the form "${scan.meta.form}", not "${form.code}"`));
  }
  if (scan.meta.format === templateFormat && scan.meta.period && scan.meta.period !== period) {
    errors.push(whole('template_mismatch', `此模板是 ${scan.meta.period} 期的，不是 ${period} 期的：请按 ${scan.meta.period} 上传，或下载 ${period} 期的模板`, `This template is for ${scan.meta.period}, not ${period}: upload it for ${scan.meta.period} or download the template of ${period}`));
  }
  if (scan.dataRows > maxImportRows) errors.push(whole('too_many_rows', `一次最多导入 ${maxImportRows} 行，本文件有 ${scan.dataRows} 行：请分批上传`, `An upload may hold at most ${maxImportRows} rows; this one has ${scan.dataRows}: split it`));
  return errors;
}

async function markFailed(db: Kysely<Database>, importId: string, clock: () => Date, error: CheckError): Promise<void> {
  await db
    .updateTable('monitor_import')
    .set({ status: 'failed', error_count: 1, errors: JSON.stringify([error]), finished_at: clock(), claimed_until: null })
    .where('id', '=', importId)
    .where('status', '=', 'checking')
    .execute();
}

/**
 * Checks an import whose claim the caller holds (`claim` is the `claimed_until` it wrote). Starts from the
 * top: anything staged by an earlier, interrupted run is cleared first.
 */
export async function runImportCheck(db: Kysely<Database>, importId: string, claim: Date, clock: () => Date): Promise<void> {
  const record = await db.selectFrom('monitor_import').selectAll().where('id', '=', importId).executeTakeFirst();
  if (!record || record.status !== 'checking') return;
  const run: CheckRun = { db, importId, clock, claim, processed: 0, errorCount: 0, shown: [] };
  try {
    // Clears what an interrupted run left, only while the claim is still this run's.
    const reset = await db.transaction().execute(async (trx) => {
      const held = await trx
        .updateTable('monitor_import')
        .set({ processed_rows: 0, error_count: 0, errors: '[]' })
        .where('id', '=', importId)
        .where('status', '=', 'checking')
        .where('claimed_until', '=', claim)
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) !== 1) return false;
      await trx.deleteFrom('monitor_import_row').where('import_id', '=', importId).execute();
      await trx.deleteFrom('monitor_import_error').where('import_id', '=', importId).execute();
      return true;
    });
    if (!reset) return;
    const form = await loadImportForm(db, record.form_id);
    const file = record.file_id ? await readStoredFile(db, record.file_id) : null;
    const kind = file ? spreadsheetKind(file.file_name, file.content) : null;
    if (!file || !kind) {
      await markFailed(db, importId, clock, { row: 1, column: '', header: '', code: 'unreadable_file', zh: '无法读取文件：请上传 .xlsx 或 .csv', en: 'Cannot read the file: upload .xlsx or .csv' });
      return;
    }
    const counted = await scanRows(readSourceRows(kind, file.content), form, null);
    const errors = fileErrors(counted, form, record.period);
    await persistChunk(run, [], errors, 0, { totalRows: counted.dataRows });
    if (counted.layout && counted.dataRows <= maxImportRows) await checkAllRows(run, form, record.period, record.reach, counted.layout, readSourceRows(kind, file.content));
    await db
      .updateTable('monitor_import')
      .set({ status: 'checked', finished_at: clock(), claimed_until: null })
      .where('id', '=', importId)
      .where('status', '=', 'checking')
      .where('claimed_until', '=', run.claim)
      .execute();
  } catch (error) {
    if (error instanceof ClaimLost) return;
    await markFailed(db, importId, clock, {
      row: 1,
      column: '',
      header: '',
      code: 'unreadable_file',
      zh: '检查文件时出错：文件可能已损坏，请重新上传',
      en: 'The file could not be checked; it may be damaged: upload it again',
    });
    throw error;
  }
}

/**
 * The form's rules on one row: equations and ranges refuse the row. Outlier rules are left to filing through
 * the form, where a person can confirm a figure; an import has nobody to ask row by row. Required figures are
 * a filing's check too: an import files no submission, and a row may carry part of a form, as values posted
 * to the API may.
 */
function rowValidator(form: ImportForm): ((figures: RowFigures) => { indicatorCode: string | null; zh: string; en: string }[]) | undefined {
  const rules = form.rules.filter((rule) => rule.kind !== 'outlier' && rule.kind !== 'required');
  if (rules.length === 0) return undefined;
  const indicators = form.indicators.map((indicator) => ({ code: indicator.code, required: false }));
  const history = new Map<string, number[]>();
  return (figures) => checkFormRules({ rules, values: figures, indicators, history }).errors.map((issue) => ({ indicatorCode: issue.code, zh: issue.zh, en: issue.en }));
}

/** The second pass: every data row checked (against the layout the first pass read) and persisted a chunk at a time. */
async function checkAllRows(run: CheckRun, form: ImportForm, period: string, reach: string[], layout: SheetLayout, rows: AsyncIterable<SourceRow>): Promise<void> {
  const seen = new Map<string, number>();
  const today = chinaDate(run.clock());
  const validate = rowValidator(form);
  let chunk: SheetRow[] = [];
  let processed = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const codeColumn = layout.codeColumn;
    const codes = chunk.map((row) => String(row.cells[codeColumn] ?? '').trim()).filter((code) => code !== '');
    const targets = await resolveReporters(run.db, form, reach, codes);
    const result = checkRows(chunk, {
      layout,
      defaultPeriod: period,
      frequency: form.frequency,
      today,
      seen,
      ...(validate && { validate }),
      resolve: (code) => targets.get(code) ?? { code: 'unknown_region', zh: `无法识别“${code}”`, en: `Cannot place "${code}"` },
    });
    processed += chunk.length;
    chunk = [];
    await persistChunk(run, result.staged, result.errors, processed);
  };
  await scanRows(rows, form, async (row) => {
    chunk.push(row);
    if (chunk.length >= chunkRows) await flush();
  });
  await flush();
}
