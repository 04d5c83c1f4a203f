import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './support/engines.ts';

const run = promisify(execFile);

/** Environment pointing the CLI at a fresh database on the engine. */
async function freshDatabase(engine: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    return { env: { WENBAO_DATA_DIR: mkdtempSync(join(tmpdir(), 'wenbao-cli-')) }, drop: async () => {} };
  }
  const name = `wenbao_cli_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

describe.each(engines)('wenbao command on %s', (engine) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const dir = mkdtempSync(join(tmpdir(), 'wenbao-cli-files-'));

  async function wenbao(...args: string[]) {
    const { stdout, stderr } = await run('node', ['bin/wenbao.mjs', ...args], {
      env: { ...process.env, DATABASE_URL: '', WENBAO_DATA_DIR: '', ...database.env },
      timeout: 120_000,
    });
    return { stdout, stderr };
  }

  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('migrates an empty database and then reports it up to date', async () => {
    expect((await wenbao('migrate')).stdout).toContain('applied: 0001');
    expect((await wenbao('migrate')).stdout).toContain('up to date');
  });

  it('imports 临夏州 with its counties, townships and villages', async () => {
    const { stdout } = await wenbao('regions', 'import', '622900');
    expect(stdout).toMatch(/county: 8\b/);
    expect(stdout).toMatch(/village: \d{3,}/);
    expect(stdout).toMatch(/imported \d+ regions under 622900/);
  });

  it('refuses a code that is not a division code, naming it', async () => {
    await expect(wenbao('regions', 'import', '62290')).rejects.toMatchObject({ stderr: expect.stringContaining('62290') });
  });

  it('creates the first administrator on prepare and prints the generated password once', async () => {
    const first = await wenbao('prepare');
    expect(first.stdout).toMatch(/administrator: admin \/ \S{16}/);
    const second = await wenbao('prepare');
    expect(second.stdout).not.toContain('administrator:');
  });

  it('creates a user on a unit named in Chinese and resets the password', async () => {
    const created = await wenbao('user', 'create', 'linxia.hr', '--role', 'reporter', '--unit', '临夏州人力资源和社会保障局');
    expect(created.stdout).toMatch(/initial password .*: \S{16}/);
    const reset = await wenbao('user', 'reset-password', 'linxia.hr');
    expect(reset.stdout).toMatch(/temporary password for linxia.hr/);
  });

  it('restores a backup to identical data', async () => {
    const first = join(dir, `first-${engine}.gz`);
    const second = join(dir, `second-${engine}.gz`);
    const backup = await wenbao('backup', first);
    const rows = Number(/backed up (\d+) rows/.exec(backup.stdout)?.[1]);
    expect(rows).toBeGreaterThan(1000);
    await wenbao('user', 'create', 'later.user', '--role', 'auditor', '--unit', '临夏州财政局');
    const restore = await wenbao('restore', first, '--yes');
    expect(restore.stdout).toContain(`restored ${rows} rows`);
    await wenbao('backup', second);
    await expect(wenbao('user', 'reset-password', 'later.user')).rejects.toMatchObject({ stderr: expect.stringContaining('no account') });
    expect((await wenbao('backup', second)).stdout).toContain(`backed up ${rows} rows`);
  });

  it('checks plan packs, naming every problem of a bad one', async () => {
    expect((await wenbao('plans', 'check', 'packs/plans/dazu-2020-stable-employment.yaml')).stdout).toContain('1 plan(s)');
    const bad = join(dir, 'bad-pack.yaml');
    writeFileSync(bad, 'format: wenbao-plan-pack/1\nunits: []\nplans: []\n');
    await expect(wenbao('plans', 'check', bad)).rejects.toMatchObject({ stderr: expect.stringContaining('plans') });
  });

  it('will not restore without --yes', async () => {
    await expect(wenbao('restore', join(dir, `first-${engine}.gz`))).rejects.toMatchObject({ stderr: expect.stringContaining('--yes') });
  });
});
