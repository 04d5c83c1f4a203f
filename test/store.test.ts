import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../src/store/backup.ts';
import type { Store } from '../src/store/database.ts';
import { appliedMigrations, listMigrations, migrate } from '../src/store/migrate.ts';
import { engines } from './support/engines.ts';
import { buildUnit, preparedStore, regions } from './support/fixtures.ts';

/** Every row of every data table, as JSON text, in a stable order: two equal dumps mean equal data. */
async function dumpAll(store: Store): Promise<Record<string, string[]>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(store.db);
  const dump: Record<string, string[]> = {};
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(table_name)} t`.execute(store.db);
    dump[table_name] = rows.rows.map((r) => r.row).sort();
  }
  return dump;
}

describe.each(engines)('store on %s', (engine) => {
  let store: Store;
  const dir = mkdtempSync(join(tmpdir(), 'wenbao-store-'));

  beforeAll(async () => {
    store = await preparedStore(engine);
  });
  afterAll(async () => {
    await store.close();
  });

  describe('migrate', () => {
    it('applies every shipped migration once and is idempotent', async () => {
      expect(await appliedMigrations(store.db)).toEqual(listMigrations().map((m) => m.version));
      expect(await migrate(store.db)).toEqual([]);
    });

    it('declares every foreign key deferrable, so a restore can load tables in any order', async () => {
      const rigid = await sql<{ conname: string }>`
        select conname from pg_constraint
        where contype = 'f' and not condeferrable and connamespace = current_schema()::regnamespace`.execute(store.db);
      expect(rigid.rows.map((r) => r.conname)).toEqual([]);
    });
  });

  describe('types', () => {
    it('returns bigint counts as numbers and dates as ISO calendar strings on both engines', async () => {
      const result = await sql<{ n: number; d: string; t: Date }>`
        select count(*) as n, date '2020-06-30' as d, timestamptz '2020-06-30 08:00:00+08' as t from region`.execute(store.db);
      const row = result.rows[0];
      expect(typeof row?.n).toBe('number');
      expect(row?.d).toBe('2020-06-30');
      expect(row?.t).toBeInstanceOf(Date);
      expect(row?.t.toISOString()).toBe('2020-06-30T00:00:00.000Z');
    });
  });

  describe('backup and restore', () => {
    it('restores exactly the data that was backed up, after it was changed', async () => {
      await buildUnit(store, regions.linxiaCounty, '临夏县商务局');
      const before = await dumpAll(store);
      const file = join(dir, `backup-${engine}.jsonl.gz`);
      const backup = await backupDatabase(store.db, file);
      expect(backup.rows).toBeGreaterThan(100);

      await buildUnit(store, regions.hezheng, '和政县商务局');
      await sql`delete from audit_log where action = 'org.regions.import'`.execute(store.db);
      expect(await dumpAll(store)).not.toEqual(before);

      const restored = await restoreDatabase(store.db, file);
      expect(restored.rows).toBe(backup.rows);
      expect(await dumpAll(store)).toEqual(before);
    });

    it('continues identity sequences after the restored rows', async () => {
      const { max } = await store.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
      await buildUnit(store, regions.hezheng, '和政县财政局');
      const latest = await store.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(latest.id).toBeGreaterThan(Number(max));
    });

    it('refuses a file that is not a backup and leaves the data untouched', async () => {
      const before = await dumpAll(store);
      const file = join(dir, 'not-a-backup.gz');
      writeFileSync(file, gzipSync('{"hello":"world"}\n'));
      await expect(restoreDatabase(store.db, file)).rejects.toThrow(/not a Wenbao backup/);
      expect(await dumpAll(store)).toEqual(before);
    });

    it('refuses a backup from another schema version', async () => {
      const file = join(dir, 'future.gz');
      const header = { format: 'wenbao-backup', formatVersion: 1, createdAt: '', migrations: ['0001', '9999'], tables: [] };
      writeFileSync(file, gzipSync(`${JSON.stringify(header)}\n`));
      await expect(restoreDatabase(store.db, file)).rejects.toThrow(/schema version 9999/);
    });

    it('rolls back a restore that fails halfway', async () => {
      const before = await dumpAll(store);
      const good = join(dir, `good-${engine}.jsonl.gz`);
      await backupDatabase(store.db, good);
      const { gunzipSync } = await import('node:zlib');
      const { readFileSync } = await import('node:fs');
      const lines = gunzipSync(readFileSync(good)).toString().trim().split('\n');
      // A unit whose region does not exist: the deferred foreign key fails at commit, after the truncate.
      lines.push(JSON.stringify({ table: 'unit', rows: [{ id: '11111111-1111-1111-1111-111111111111', region_code: '999999', name: 'x', kind: 'other', parent_unit_id: null, created_at: new Date().toISOString(), updated_at: new Date().toISOString() }] }));
      const bad = join(dir, `bad-${engine}.jsonl.gz`);
      writeFileSync(bad, gzipSync(`${lines.join('\n')}\n`));
      await expect(restoreDatabase(store.db, bad)).rejects.toThrow();
      expect(await dumpAll(store)).toEqual(before);
    });
  });
});
