/**
 * `wenbao monitor import FORM_CODE PERIOD FILE [--commit]`: checks a filled template (xlsx or CSV) as the
 * upload route does, with a progress line on stderr, lists the errors by row and column, and commits only
 * when asked and nothing is wrong; without `--commit` it is a dry run and the staged rows are discarded.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { systemActor } from '../kernel/actor.ts';
import { commitMonitorImport, createMonitorImport, discardMonitorImport, loadImportFormByCode, runImportCheck } from '../monitor/index.ts';
import type { WriteContext } from '../store/audit.ts';
import type { Store } from '../store/database.ts';

/** What the command was asked. */
export interface MonitorImportCommand {
  formCode: string;
  period: string;
  file: string;
  commit: boolean;
}

/** Runs the import; answers the process exit code (0 done, 1 errors found). */
export async function runMonitorImport(store: Store, command: MonitorImportCommand, asOperator: <T>(work: (context: WriteContext) => Promise<T>) => Promise<T>): Promise<number> {
  const { db } = store;
  const form = await loadImportFormByCode(db, command.formCode);
  const upload = { fileName: basename(command.file), bytes: readFileSync(command.file) };
  const { id, claim } = await asOperator((context) => createMonitorImport(context, systemActor, { formId: form.id, period: command.period, upload }));
  const clock = () => new Date();
  let checking = true;
  const progress = (async () => {
    while (checking) {
      const state = await db.selectFrom('monitor_import').select(['processed_rows', 'total_rows', 'error_count']).where('id', '=', id).executeTakeFirst();
      if (state) process.stderr.write(`\r  checked ${state.processed_rows} / ${state.total_rows || '?'} rows, ${state.error_count} errors   `);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  try {
    await runImportCheck(db, id, claim, clock);
  } finally {
    checking = false;
    await progress;
  }
  const result = await db.selectFrom('monitor_import').select(['status', 'processed_rows', 'error_count']).where('id', '=', id).executeTakeFirstOrThrow();
  process.stderr.write(`\r  checked ${result.processed_rows} rows, ${result.error_count} errors${' '.repeat(20)}\n`);
  if (result.error_count > 0 || result.status !== 'checked') {
    const errors = await db.selectFrom('monitor_import_error').select(['row_number', 'column_ref', 'message_zh', 'message_en']).where('import_id', '=', id).orderBy('position').limit(50).execute();
    for (const error of errors) console.log(`row ${error.row_number}${error.column_ref ? ` column ${error.column_ref}` : ''}: ${error.message_zh} / ${error.message_en}`);
    if (result.error_count > errors.length) console.log(`… and ${result.error_count - errors.length} more`);
    await asOperator((context) => discardMonitorImport(context, systemActor, id));
    console.log(`nothing imported: ${result.error_count} errors`);
    return 1;
  }
  if (!command.commit) {
    const staged = await db.selectFrom('monitor_import_row').select((eb) => eb.fn.countAll<string>().as('n')).where('import_id', '=', id).executeTakeFirstOrThrow();
    await asOperator((context) => discardMonitorImport(context, systemActor, id));
    console.log(`dry run: ${staged.n} values would be saved; run again with --commit to save them`);
    return 0;
  }
  const saved = await asOperator((context) => commitMonitorImport(context, systemActor, id));
  console.log(`imported ${saved.saved} values into ${form.code} for ${command.period} (import ${id})`);
  return 0;
}
