/**
 * Benchmark data, inserted in bulk with Kysely (not through the services, which would audit every row
 * and take minutes): units spread over the townships and villages of the seed areas, audit entries
 * spread over every region, and the accounts the scenarios sign in as. Everything is deterministic, so
 * both engines hold the same rows.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { createUser } from '../src/access/index.ts';
import { systemActor } from '../src/kernel/actor.ts';
import { createUnit } from '../src/org/index.ts';
import type { WriteContext } from '../src/store/audit.ts';
import type { Database } from '../src/store/tables.ts';

/** The region prefixes of the seed areas loaded down to villages: 文山州, 临夏州, 大足区. */
const seedAreaPrefixes = ['5326', '6229', '500111'];

/** The county the scoped accounts are granted in: 临夏县. */
export const benchCounty = '622921';

/** The password of the accounts the benchmark creates. */
export const benchPassword = 'Bench-pass-2020';

/** Usernames of the scoped accounts. */
export const benchUsers = { coordinator: 'bench.coordinator', auditor: 'bench.auditor' } as const;

/** The kinds of local unit generated, by the word their name ends with. */
const unitTypes = [
  ['便民服务中心', 'government'],
  ['就业服务站', 'institution'],
  ['劳务合作社', 'association'],
  ['扶贫车间', 'enterprise'],
  ['农民专业合作社', 'association'],
  ['卫生院', 'institution'],
  ['农村信用社', 'bank'],
  ['电子商务服务站', 'enterprise'],
  ['综合文化站', 'institution'],
  ['党群服务中心', 'other'],
] as const;

/** A name fragment that matches one unit in ten, used for the `q=` scenario. */
export const unitNameFragment = '扶贫车间';

const batchSize = 1000;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) await insert(rows.slice(start, start + batchSize));
}

/** The townships and villages of the seed areas, in code order. */
async function seedAreaLocalities(db: Kysely<Database>) {
  return db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('level', '>=', 4)
    .where((eb) => eb.or(seedAreaPrefixes.map((prefix) => eb('code', 'like', `${prefix}%`))))
    .orderBy('code')
    .execute();
}

/**
 * Inserts `count` units round-robin over the seed areas' townships and villages (「某某村扶贫车间」),
 * one in ten with an alias; returns how many regions they were spread over and how many aliases.
 */
export async function insertUnits(db: Kysely<Database>, count: number): Promise<{ regions: number; aliases: number }> {
  const localities = await seedAreaLocalities(db);
  if (localities.length === 0) throw new Error('no townships or villages loaded: run the first start before generating units');
  const now = new Date();
  const units = Array.from({ length: count }, (_, index) => {
    const region = localities[index % localities.length]!;
    const slot = Math.floor(index / localities.length);
    const [word, kind] = unitTypes[slot % unitTypes.length]!;
    const round = Math.floor(slot / unitTypes.length);
    const suffix = round > 0 ? String(round + 1) : '';
    return {
      unit: { id: randomUUID(), region_code: region.code, name: `${region.name}${word}${suffix}`, kind, created_at: now, updated_at: now },
      alias: `${region.name.slice(0, 2)}${word}${suffix}`,
    };
  });
  const aliases = units
    .filter((_, index) => index % 10 === 0)
    .map(({ unit, alias }) => ({ unit_id: unit.id, region_code: unit.region_code, alias }));
  await db.transaction().execute(async (trx) => {
    await insertInBatches(units.map((entry) => entry.unit), (batch) => trx.insertInto('unit').values(batch).execute());
    await insertInBatches(aliases, (batch) => trx.insertInto('unit_alias').values(batch).execute());
  });
  return { regions: localities.length, aliases: aliases.length };
}

const auditActions = [
  ['org.unit.create', 'unit'],
  ['org.unit.update', 'unit'],
  ['org.unit.contacts.replace', 'unit'],
  ['access.user.create', 'user'],
  ['access.user.update', 'user'],
] as const;

/**
 * Inserts `count` audit entries over the past year, oldest first, each in a region picked evenly from
 * all loaded regions (one in twenty without a region, like sign-in events), with before/after
 * snapshots that carry a phone number to mask. Returns how many regions were used.
 */
export async function insertAuditEntries(db: Kysely<Database>, count: number): Promise<{ regions: number }> {
  const regions = (await db.selectFrom('region').select('code').orderBy('code').execute()).map((row) => row.code);
  const yearAgo = Date.now() - 365 * 86_400_000;
  const step = (365 * 86_400_000) / count;
  const rows = Array.from({ length: count }, (_, index) => {
    const [action, entityType] = auditActions[index % auditActions.length]!;
    const snapshot = (version: number) =>
      JSON.stringify({ name: `单位${index}`, version, contacts: [{ name: '张三', phone: '13800138000' }] });
    return {
      at: new Date(yearAgo + index * step),
      actor_name: `bench.user${index % 50}`,
      action,
      entity_type: entityType,
      entity_id: randomUUID(),
      // 7919 is prime and coprime to any plausible region count: a stride that visits every region.
      region_code: index % 20 === 0 ? null : (regions[(index * 7919) % regions.length] ?? null),
      before: action.endsWith('create') ? null : snapshot(1),
      after: snapshot(2),
      request_id: randomUUID(),
    };
  });
  await db.transaction().execute(async (trx) => {
    await insertInBatches(rows, (batch) => trx.insertInto('audit_log').values(batch).execute());
  });
  return { regions: regions.length };
}

/** Refreshes planner statistics, as autovacuum would on a server (PGlite has no autovacuum). */
export async function analyze(db: Kysely<Database>): Promise<void> {
  await sql`analyze`.execute(db);
}

/** Creates a unit in 临夏县 and, on it, a coordinator and an auditor with the benchmark password. */
export async function createScopedAccounts(db: Kysely<Database>): Promise<void> {
  const context: WriteContext = { db, actor: { id: null, name: 'bench:setup' }, now: new Date() };
  const unitId = await createUnit(context, systemActor, {
    name: '临夏县稳保工作专班办公室',
    regionCode: benchCounty,
    kind: 'government',
    aliases: [],
    contacts: [],
  });
  for (const [role, username] of Object.entries(benchUsers) as [keyof typeof benchUsers, string][]) {
    await createUser(context, systemActor, { username, displayName: username, password: benchPassword, grants: [{ role, unitId }] });
  }
}
