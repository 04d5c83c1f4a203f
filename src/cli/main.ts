/**
 * The `wenbao` command: serve the platform, migrate, import regions, manage accounts, back up and
 * restore. It talks to the database named by DATABASE_URL, or to the PGlite data directory
 * (WENBAO_DATA_DIR, default ./data/pglite).
 */
import { Command, InvalidArgumentError } from 'commander';
import { createUser, findUserId, resetPassword } from '../access/index.ts';
import { roles, systemActor, type Role } from '../kernel/actor.ts';
import { AppError } from '../kernel/errors.ts';
import { regionLevels, type RegionLevel } from '../kernel/region-code.ts';
import { findUnitsByName, importRegions, parseRootCodes } from '../org/index.ts';
import { loadPlanPack, readPlanPack } from '../plans/index.ts';
import { commandLineRegistryActor, importRegistryFile, tableFormatOf } from '../registry/index.ts';
import { registryImportKinds, type RegistryImportKind } from '../contracts/registry-constants.ts';
import { createReadStream } from 'node:fs';
import { backupDatabase, restoreDatabase } from '../store/backup.ts';
import { openStore, type Store } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';
import { prepareDatabase } from '../server/first-start.ts';
import { runMonitorImport } from './monitor-import.ts';
import { serve } from './serve.ts';
import type { WriteContext } from '../store/audit.ts';

/** Opens the configured database, runs `work`, and closes it. */
async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.WENBAO_DATA_DIR });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Runs `work` in one transaction attributed to the person at the terminal. */
function asOperator<T>(store: Store, work: (context: WriteContext) => Promise<T>): Promise<T> {
  const operator = process.env.USER ?? 'operator';
  return store.db.transaction().execute((trx) => work({ db: trx, actor: { id: null, name: `cli:${operator}` }, now: new Date() }));
}

function parseLevel(value: string): RegionLevel {
  if (!(regionLevels as readonly string[]).includes(value)) throw new InvalidArgumentError(`one of ${regionLevels.join(', ')}`);
  return value as RegionLevel;
}

function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value)) throw new InvalidArgumentError(`one of ${roles.join(', ')}`);
  return value as Role;
}

async function resolveUnitId(store: Store, unit: string): Promise<string> {
  if (/^[0-9a-f-]{36}$/i.test(unit)) return unit;
  const matches = await findUnitsByName(store.db, unit, '000000');
  if (matches.length === 1 && matches[0]) return matches[0].id;
  if (matches.length === 0) throw new Error(`no unit is named "${unit}"`);
  throw new Error(`"${unit}" names ${matches.length} units; pass the unit id instead:\n${matches.map((m) => `  ${m.id}  ${m.name} (${m.region_code})`).join('\n')}`);
}

const program = new Command('wenbao').description('Wenbao (稳保): employment-stabilisation and consumption-promotion programmes');

program
  .command('serve')
  .description('prepare the database (migrations, seed areas, first administrator) and serve the platform')
  .option('-p, --port <port>', 'port to listen on', process.env.PORT ?? '3000')
  .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
  .action(async (options: { port: string; host: string }) => {
    await serve({ port: Number(options.port), host: options.host });
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withStore(async (store) => {
      const applied = await migrate(store.db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
    }),
  );

const regions = program.command('regions').description('the region tree (GB/T 2260 division codes)');
regions
  .command('import <codes...>')
  .description('load regions (e.g. 622900 for 临夏州) with their ancestors and everything below them')
  .option('--depth <level>', `deepest level to load: ${regionLevels.slice(1).join(', ')}`, parseLevel, 'village')
  .action((codes: string[], options: { depth: RegionLevel }) =>
    withStore(async (store) => {
      await migrate(store.db);
      const roots = parseRootCodes(codes);
      const summary = await asOperator(store, (context) =>
        importRegions(context, roots, { maxLevel: options.depth, onProgress: ({ level, stored }) => console.log(`  ${level}: ${stored}`) }),
      );
      const total = Object.values(summary).reduce((sum, value) => sum + value, 0);
      console.log(`imported ${total} regions under ${roots.join(', ')}`);
    }),
  );

const user = program.command('user').description('accounts');
user
  .command('create <username>')
  .description('create an account with one role on a unit; prints the generated password once')
  .requiredOption('--role <role>', roles.join(' | '), parseRole)
  .requiredOption('--unit <unit>', 'unit id or exact unit name')
  .option('--name <displayName>', 'name shown in the interface')
  .option('--password <password>', 'initial password (otherwise generated and must be changed at first sign-in)')
  .action((username: string, options: { role: Role; unit: string; name?: string; password?: string }) =>
    withStore(async (store) => {
      await migrate(store.db);
      const unitId = await resolveUnitId(store, options.unit);
      const created = await asOperator(store, (context) =>
        createUser(context, systemActor, {
          username,
          displayName: options.name ?? username,
          password: options.password,
          grants: [{ role: options.role, unitId }],
        }),
      );
      console.log(`created ${username} (${created.id})`);
      if (created.initialPassword) console.log(`initial password (shown once, must be changed at first sign-in): ${created.initialPassword}`);
    }),
  );
user
  .command('reset-password <username>')
  .description('set a new password, unlock the account and end its sessions')
  .option('--password <password>', 'the new password (otherwise generated and must be changed at next sign-in)')
  .action((username: string, options: { password?: string }) =>
    withStore(async (store) => {
      const id = await findUserId(store.db, username);
      if (!id) throw new Error(`no account is named ${username}`);
      const password = await asOperator(store, (context) => resetPassword(context, systemActor, id, options.password));
      console.log(options.password ? `password of ${username} reset` : `temporary password for ${username} (shown once): ${password}`);
    }),
  );

const plans = program.command('plans').description('plans (督查督办) and plan packs');
plans
  .command('check <files...>')
  .description('check plan pack files (YAML or JSON) without loading them; lists every problem found')
  .action((files: string[]) => {
    for (const file of files) {
      const pack = readPlanPack(file);
      console.log(`${file}: ${pack.plans.length} plan(s), ${pack.units.length} unit names — ok`);
    }
  });
plans
  .command('load <files...>')
  .description('load plan packs; plans already loaded (by key) are left as they are')
  .action((files: string[]) =>
    withStore(async (store) => {
      await migrate(store.db);
      for (const file of files) {
        const pack = readPlanPack(file);
        const summary = await asOperator(store, (context) => loadPlanPack(context, pack, file));
        console.log(`${file}: loaded ${summary.plansLoaded.join(', ') || 'nothing new'}; units created: ${summary.unitsCreated}`);
      }
    }),
  );

const monitor = program.command('monitor').description('monitoring and early warning (监测预警)');
monitor
  .command('import <formCode> <period> <file>')
  .description('check a filled form template (xlsx or csv) for a period; with --commit, save its figures when nothing is wrong')
  .option('--commit', 'save the figures (otherwise a dry run)', false)
  .action((formCode: string, period: string, file: string, options: { commit: boolean }) =>
    withStore(async (store) => {
      await migrate(store.db);
      process.exitCode = await runMonitorImport(store, { formCode, period, file, commit: options.commit }, (work) => asOperator(store, work));
    }),
  );

const registry = program.command('registry').description('registries of persons and enterprises');
registry
  .command('import <kind> <file>')
  .description(`import ${registryImportKinds.join(' | ')} from an xlsx or csv file, all-or-nothing; progress on stderr`)
  .option('--region <code>', 'every row must lie in this region (default: the whole country)', '000000')
  .action((kind: string, file: string, options: { region: string }) =>
    withStore(async (store) => {
      if (!(registryImportKinds as readonly string[]).includes(kind)) throw new InvalidArgumentError(`kind: one of ${registryImportKinds.join(', ')}`);
      await migrate(store.db);
      const operator = process.env.USER ?? 'operator';
      const started = Date.now();
      const result = await importRegistryFile(
        store.db,
        { actor: commandLineRegistryActor, audit: { id: null, name: `cli:${operator}` }, userId: null, now: () => new Date() },
        {
          kind: kind as RegistryImportKind,
          fileName: file,
          format: tableFormatOf(file),
          source: createReadStream(file, { highWaterMark: 1024 * 1024 }),
          regionCode: options.region,
          onProgress: ({ rowsRead, status }) => {
            const seconds = (Date.now() - started) / 1000;
            process.stderr.write(`\r  ${status}: ${rowsRead.toLocaleString('en')} rows, ${Math.round(rowsRead / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s   `);
          },
        },
      );
      process.stderr.write('\n');
      if (result.status === 'committed') {
        console.log(`${file}: ${result.rowsRead} rows, ${result.created} created, ${result.updated} updated`);
        return;
      }
      for (const problem of result.errors) console.error(`  row ${problem.row}, ${problem.column}: ${problem.zh} / ${problem.en}`);
      if (result.errorCount > result.errors.length) console.error(`  … and ${result.errorCount - result.errors.length} more`);
      console.error(`${file}: ${result.errorCount} problem(s); nothing was imported`);
      process.exitCode = 1;
    }),
  );

program
  .command('backup <file>')
  .description('write a consistent snapshot of all data to FILE (gzip JSON lines); safe while serving on PostgreSQL')
  .action((file: string) =>
    withStore(async (store) => {
      const summary = await backupDatabase(store.db, file, ({ table, rows }) => process.stderr.write(`\r  ${table}: ${rows} rows   `));
      process.stderr.write('\n');
      console.log(`backed up ${summary.rows} rows from ${summary.tables} tables to ${file}`);
    }),
  );

program
  .command('restore <file>')
  .description('replace all data with a backup made by this version of Wenbao')
  .requiredOption('--yes', 'confirm that all current data is replaced')
  .action((file: string) =>
    withStore(async (store) => {
      await migrate(store.db);
      const summary = await restoreDatabase(store.db, file, ({ table, rows }) => process.stderr.write(`\r  ${table}: ${rows} rows   `));
      process.stderr.write('\n');
      console.log(`restored ${summary.rows} rows into ${summary.tables} tables from ${file}`);
    }),
  );

program
  .command('prepare')
  .description('apply migrations and load the seed data without serving')
  .action(() =>
    withStore(async (store) => {
      const report = await prepareDatabase(store, { adminPassword: process.env.WENBAO_ADMIN_PASSWORD, onProgress: console.log });
      if (report.generatedPassword) console.log(`administrator: admin / ${report.generatedPassword} (shown once)`);
    }),
  );

// bin/wenbao.mjs runs `rules` on a light path before this file loads; this entry serves `tsx src/cli/main.ts rules …`
// and the help text, and imports the command only when it runs.
program
  .command('rules')
  .description('policy rule packs: `rules check PACK`, `rules run PACK --input facts.csv --output out.csv` (no database)')
  .allowUnknownOption()
  .helpOption(false)
  .argument('[args...]')
  .action(async (args: string[]) => {
    const { runRulesCommand } = await import('./rules.ts');
    process.exitCode = await runRulesCommand(args);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(error instanceof AppError ? error.text.zh + ' / ' + error.text.en : error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
