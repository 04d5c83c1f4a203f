#!/usr/bin/env node
// The whole test suite, as `npm test` runs it: type check, layering check, unit and integration tests
// (on PGlite, and on PostgreSQL too: TEST_DATABASE_URL, or a throwaway server started here when the
// PostgreSQL binaries are installed), the web build, then browser tests in Chromium. Ends with one line
// "N passed, M failed" counting every test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const outputDir = '.test-output';
rmSync(outputDir, { recursive: true, force: true });
let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) failures.push(label);
  console.log(`${result.status === 0 ? '✔' : '✘'} ${label} (${seconds} s)`);
  return result.status === 0;
}

function countTests(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}

function vitest(label, projects, env = {}) {
  const file = join(outputDir, `${label}.json`);
  const projectArgs = projects.flatMap((project) => ['--project', project]);
  run(label, 'npx', ['vitest', 'run', ...projectArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], env);
  countTests(file);
}

function startPostgres() {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: () => {} };
  const dataDir = mkdtempSync(join(tmpdir(), 'wenbao-test-pg-'));
  const port = String(56000 + Math.floor(Math.random() * 1000));
  const started = spawnSync('bash', ['scripts/start-test-postgres.sh', dataDir, port], { encoding: 'utf8' });
  if (started.status !== 0) {
    console.log(`PostgreSQL not available (${started.stderr.trim()}); the integration tests run on PGlite only.`);
    return { url: undefined, stop: () => {} };
  }
  const url = started.stdout.trim().split('\n').at(-1);
  const stop = () => {
    const pgCtl = spawnSync('bash', ['-c', 'ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1'], { encoding: 'utf8' }).stdout.trim();
    const command = `'${pgCtl}' -D '${dataDir}' -m immediate stop`;
    spawnSync('bash', ['-c', process.getuid?.() === 0 ? `su postgres -s /bin/bash -c "${command}"` : command], { stdio: 'ignore' });
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, stop };
}

const postgres = startPostgres();
try {
  run('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  run('layering', 'npx', ['depcruise', 'src', 'web/src', '--config', '.dependency-cruiser.cjs']);
  vitest('unit-and-integration', ['unit', 'integration'], postgres.url ? { TEST_DATABASE_URL: postgres.url } : {});
  if (run('web build', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'])) {
    vitest('browser', ['browser']);
  }
} finally {
  postgres.stop();
}
console.log(`\nengines: pglite${postgres.url ? ' + postgres' : ''}`);
if (failures.length) console.log(`failed steps: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length || failed ? 1 : 0);
