/**
 * Collecting figures from spreadsheets: the template of a form for a period, the upload (stored, then
 * checked in the background by `import.check.ts`), and the commit that writes every staged value in one
 * transaction — or the discard. Nothing reaches monitor_value before the commit.
 */
import type { Kysely } from 'kysely';
import type { MonitorImportError, MonitorImportView } from '../../contracts/monitor-import.contract.ts';
import { storeUpload, type Upload } from '../../files/index.ts';
import type { Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts';
import { chinaDate, formatPeriod, parsePeriod, periodStart } from '../../kernel/periods.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import type { Database } from '../../store/tables.ts';
import { saveValueRows } from '../values.save.ts';
import type { ValueRow } from '../values.types.ts';
import { reevaluate } from '../warnings/alerts.raise.ts';
import { claimMilliseconds, runImportCheck } from './import.check.ts';
import { canCollectForForm, canSeeImport, entryReach, importRegion } from './import.policy.ts';
import { countStaged, existingValues, listReporters, loadImportForm, prefixesInScope, type ImportForm } from './import.repo.ts';
import { spreadsheetKind } from './import.readers.ts';
import { buildErrorsWorkbook, buildTemplate } from './import.workbooks.ts';

/** The most reporters one template lists. */
const maxTemplateRows = 200_000;

const notFoundImport = () => notFound({ zh: '导入记录', en: 'Import' });

/** The period of the query, checked against the form: its frequency, and begun already. */
function checkPeriod(form: ImportForm, text: string, now: Date): string {
  const parsed = parsePeriod(text);
  if (!parsed || parsed.kind !== form.frequency) {
    throw unprocessable('period', { zh: `期间“${text}”不符合本表的填报频率（${form.frequency}）`, en: `The period "${text}" does not fit the form's frequency (${form.frequency})` });
  }
  if (periodStart(parsed) > chinaDate(now)) throw unprocessable('period', { zh: `期间“${text}”尚未开始`, en: `The period "${text}" has not begun yet` });
  return formatPeriod(parsed);
}

async function formForCollector(db: Kysely<Database>, actor: Actor, formId: string): Promise<ImportForm> {
  const form = await loadImportForm(db, formId);
  if (!canCollectForForm(actor, form.scopeRegionCode)) {
    throw forbidden({ zh: '只有本表填报范围内的填报员或专班人员可以用表格填报。', en: 'Only a reporter or coordinator within the form’s scope may collect figures for it.' });
  }
  return form;
}

/** The template workbook of a form for a period: every reporter in the actor's reach and the form's scope. */
export async function formTemplate(db: Kysely<Database>, actor: Actor, input: { formId: string; period: string; now: Date; language: 'zh' | 'en' }) {
  const form = await formForCollector(db, actor, input.formId);
  const period = checkPeriod(form, input.period, input.now);
  const reporters = await listReporters(db, form, prefixesInScope(entryReach(actor), form.scopeRegionCode), maxTemplateRows);
  const existing = await existingValues(db, form, period, reporters);
  const bytes = await buildTemplate({
    form: { id: form.id, code: form.code, nameZh: form.nameZh, nameEn: form.nameEn, reporter: form.reporterLevel === 'subject' ? 'subject' : 'region', indicators: form.indicators },
    period,
    reporters,
    existing,
    language: input.language,
  });
  return { bytes, fileName: `${input.language === 'zh' ? form.nameZh : form.code}-${period}.xlsx` };
}

/** An upload to check. */
export interface CreateImportInput {
  formId: string;
  /** The period the figures are for (rows may carry their own in a `period` column). */
  period: string;
  upload: Upload;
}

/**
 * Stores an upload and creates its import, status `checking`, claimed by the caller for the check it is
 * to start once the transaction has committed (`startImportCheck`). Returns the import's id and claim.
 */
export async function createImport(context: WriteContext, actor: Actor, input: CreateImportInput): Promise<{ id: string; claim: Date }> {
  const form = await formForCollector(context.db, actor, input.formId);
  const period = checkPeriod(form, input.period, context.now);
  if (!spreadsheetKind(input.upload.fileName, input.upload.bytes)) {
    throw unprocessable('file', { zh: '请上传 Excel（.xlsx）或 CSV 文件。', en: 'Upload an Excel (.xlsx) or CSV file.' });
  }
  const regionCode = importRegion(actor, form.scopeRegionCode);
  const fileId = await storeUpload(context, input.upload, { regionCode });
  const claim = new Date(context.now.getTime() + claimMilliseconds);
  const { id } = await context.db
    .insertInto('monitor_import')
    .values({
      form_id: form.id,
      period,
      file_id: fileId,
      status: 'checking',
      region_code: regionCode,
      // the signed-in uploader; null for the command line, whose system actor is no stored account
      created_by: context.actor.id,
      created_at: context.now,
      reach: prefixesInScope(entryReach(actor), form.scopeRegionCode),
      claimed_until: claim,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(context, { action: 'monitor.import.upload', entityType: 'monitor_import', entityId: id, regionCode, after: { form: form.code, period, fileId } });
  return { id, claim };
}

/** Starts the check of a freshly created import in this process; failures are reported, not thrown. */
export function startImportCheck(db: Kysely<Database>, importId: string, claim: Date, clock: () => Date, onError: (error: unknown) => void): Promise<void> {
  return runImportCheck(db, importId, claim, clock).catch(onError);
}

/**
 * Takes over one check whose claim has lapsed (its server stopped) and runs it; returns true when it found
 * one, so a periodic job calls it again at once.
 */
export async function resumeImportChecks(db: Kysely<Database>, clock: () => Date): Promise<boolean> {
  const now = clock();
  const claim = new Date(now.getTime() + claimMilliseconds);
  const taken = await db.transaction().execute(async (trx) => {
    const stale = await trx
      .selectFrom('monitor_import')
      .select('id')
      .where('status', '=', 'checking')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!stale) return null;
    await trx.updateTable('monitor_import').set({ claimed_until: claim }).where('id', '=', stale.id).execute();
    return stale.id;
  });
  if (!taken) return false;
  await runImportCheck(db, taken, claim, clock);
  return true;
}

/** Loads an import the actor may see, locking it when asked; 404 otherwise. */
async function visibleImport(db: Kysely<Database>, actor: Actor, id: string, lock = false) {
  let query = db.selectFrom('monitor_import').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const record = await query.executeTakeFirst();
  if (!record || !canSeeImport(actor, { createdBy: record.created_by, regionCode: record.region_code })) throw notFoundImport();
  return record;
}

/** An import as the actor sees it, messages in the given language. */
export async function getImport(db: Kysely<Database>, actor: Actor, id: string, language: 'zh' | 'en'): Promise<MonitorImportView> {
  const record = await visibleImport(db, actor, id);
  const form = await db.selectFrom('monitor_form').select(['code', 'name_zh', 'name_en']).where('id', '=', record.form_id).executeTakeFirstOrThrow();
  const file = record.file_id ? await db.selectFrom('stored_file').select('file_name').where('id', '=', record.file_id).executeTakeFirst() : undefined;
  const shown = (Array.isArray(record.errors) ? record.errors : []) as { row: number; column: string; header: string; code: MonitorImportError['code']; zh: string; en: string }[];
  const status = record.status as MonitorImportView['status'];
  return {
    id: record.id,
    formId: record.form_id,
    formCode: form.code,
    formName: language === 'zh' ? form.name_zh : form.name_en,
    period: record.period,
    status,
    fileName: file?.file_name ?? null,
    totalRows: record.total_rows,
    processedRows: record.processed_rows,
    errorCount: record.error_count,
    errors: shown.map((error) => ({ row: error.row, column: error.column, header: error.header, code: error.code, message: language === 'zh' ? error.zh : error.en })),
    stagedValues: await countStaged(db, record.id),
    regionCode: record.region_code,
    createdBy: record.created_by,
    createdAt: record.created_at.toISOString(),
    finishedAt: record.finished_at?.toISOString() ?? null,
    abilities: {
      commit: status === 'checked' && record.error_count === 0,
      discard: ['checking', 'checked', 'failed'].includes(status),
      downloadErrors: record.error_count > 0,
    },
  };
}

/** The workbook of every error of an import the actor may see. */
export async function importErrorsWorkbook(db: Kysely<Database>, actor: Actor, id: string) {
  const record = await visibleImport(db, actor, id);
  async function* batches() {
    for (let position = 0; ; position += 5000) {
      const rows = await db
        .selectFrom('monitor_import_error')
        .select(['row_number', 'column_ref', 'header', 'code', 'message_zh', 'message_en'])
        .where('import_id', '=', id)
        .where('position', '>=', position)
        .where('position', '<', position + 5000)
        .orderBy('position')
        .execute();
      if (rows.length === 0) return;
      yield rows.map((row) => ({ row: row.row_number, column: row.column_ref, header: row.header, code: row.code, zh: row.message_zh, en: row.message_en }));
    }
  }
  const bytes = await buildErrorsWorkbook(batches(), `${record.period} · ${record.error_count} 个错误 / errors`);
  return { bytes, fileName: `errors-${record.period}-${id.slice(0, 8)}.xlsx` };
}

/**
 * Commits a checked import without errors: every staged value saved through `saveValueRows` in the caller's
 * transaction (roll-ups and warning re-evaluation included), one audit entry for the import. Refused with 409 while it is not checked
 * or has errors, and with 403 when a staged region lies outside the committing actor's reach.
 */
export async function commitImport(context: WriteContext, actor: Actor, id: string) {
  const record = await visibleImport(context.db, actor, id, true);
  if (record.status !== 'checked') {
    throw conflict('status', { zh: `此导入的状态为“${record.status}”，只有检查完成的导入可以提交。`, en: `This import is ${record.status}; only a checked import can be committed.` });
  }
  if (record.error_count > 0) {
    throw conflict('errors', { zh: `此导入有 ${record.error_count} 个错误，请改正后重新上传。`, en: `This import has ${record.error_count} errors; correct them and upload again.` });
  }
  const reach = entryReach(actor);
  const outside = await context.db
    .selectFrom('monitor_import_row')
    .select('region_code')
    .where('import_id', '=', id)
    .where((eb) => eb.not(eb.or(reach.map((prefix) => eb('region_code', 'like', `${prefix}%`)))))
    .limit(1)
    .executeTakeFirst();
  if (outside) throw forbidden({ zh: `导入中有您管辖范围以外的地区（${outside.region_code}），不能由您提交。`, en: `The import holds a region outside your jurisdiction (${outside.region_code}); you may not commit it.` });
  const staged = await context.db
    .selectFrom('monitor_import_row')
    .select(['indicator_id', 'region_code', 'subject_id', 'period', 'breakdown', 'value'])
    .where('import_id', '=', id)
    .orderBy('row_number')
    .execute();
  const rows: ValueRow[] = staged.map((row) => ({ indicatorId: row.indicator_id, regionCode: row.region_code, subjectId: row.subject_id, period: row.period, breakdown: row.breakdown, value: row.value }));
  const result = await saveValueRows(context, rows, { source: 'import' });
  // Warning rules see the imported figures in the same transaction, as they see figures filed by hand.
  await reevaluate(context, result.affected, context.now);
  await context.db.updateTable('monitor_import').set({ status: 'committed', claimed_until: null }).where('id', '=', id).execute();
  // The values now carry the figures; the staging copy would only double the storage.
  await context.db.deleteFrom('monitor_import_row').where('import_id', '=', id).execute();
  await recordAudit(context, {
    action: 'monitor.import.commit',
    entityType: 'monitor_import',
    entityId: id,
    regionCode: record.region_code,
    before: { status: record.status },
    after: { status: 'committed', period: record.period, rows: record.total_rows, saved: result.saved },
  });
  return { saved: result.saved, affected: result.affected };
}

/** Discards an import that is not committed: its staged values and errors are dropped, a running check stops. */
export async function discardImport(context: WriteContext, actor: Actor, id: string): Promise<void> {
  const record = await visibleImport(context.db, actor, id, true);
  if (!['checking', 'checked', 'failed'].includes(record.status)) {
    throw conflict('status', { zh: `此导入的状态为“${record.status}”，不能放弃。`, en: `This import is ${record.status} and cannot be discarded.` });
  }
  await context.db.updateTable('monitor_import').set({ status: 'discarded', claimed_until: null, finished_at: context.now }).where('id', '=', id).execute();
  await context.db.deleteFrom('monitor_import_row').where('import_id', '=', id).execute();
  await context.db.deleteFrom('monitor_import_error').where('import_id', '=', id).execute();
  await recordAudit(context, { action: 'monitor.import.discard', entityType: 'monitor_import', entityId: id, regionCode: record.region_code, before: { status: record.status }, after: { status: 'discarded' } });
}
