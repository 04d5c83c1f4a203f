/**
 * Readies a database for serving: applies migrations and, on first start, loads the seed areas (the
 * regions of the seed programmes down to villages), the units those programmes name, and the first
 * administrator. Every step is idempotent, so it runs on every start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ensureAdministrator } from '../access/index.ts';
import { systemActor } from '../kernel/actor.ts';
import { createUnit, findUnitsByName, importRegions, type CreateUnitInput } from '../org/index.ts';
import { loadMonitorPack, readMonitorPack, type MonitorPackSummary } from '../monitor/index.ts';
import { loadPlanPack, readPlanPack } from '../plans/index.ts';
import { loadPolicyPacks } from '../benefits/index.ts';
import type { AuditActor, WriteContext } from '../store/audit.ts';
import type { Store } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';

const packsDir = new URL('../../packs/foundation/', import.meta.url);
const planPacksDir = new URL('../../packs/plans/', import.meta.url);
const monitorPacksDir = new URL('../../packs/monitor/', import.meta.url);

interface AreasPack {
  areas: { code: string; name: string }[];
  provinces: { code: string; name: string }[];
}

interface UnitsPack {
  units: { region: string; name: string; kind: CreateUnitInput['kind']; aliases: string[] }[];
}

function readPack<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, packsDir), 'utf8')) as T;
}

/** The actor first-start work is attributed to in the audit trail. */
export const firstStartActor: AuditActor = { id: null, name: 'system:first-start' };

/** What preparing the database did. */
export interface PreparationReport {
  migrationsApplied: string[];
  regionsLoaded: number;
  unitsCreated: number;
  /** Keys of the seed plans loaded now. */
  plansLoaded: string[];
  /** What the default monitor packs added: indicators, forms and warning rules. */
  monitorLoaded: MonitorPackSummary;
  administratorCreated: boolean;
  /** Printed once when the administrator's password was generated. */
  generatedPassword: string | null;
}

/** Applies migrations and loads the seed data that is missing. */
export async function prepareDatabase(
  store: Store,
  options: { adminPassword?: string | undefined; onProgress?: (message: string) => void } = {},
): Promise<PreparationReport> {
  const say = options.onProgress ?? (() => {});
  const migrationsApplied = await migrate(store.db);
  if (migrationsApplied.length) say(`migrations applied: ${migrationsApplied.join(', ')}`);
  return store.db.transaction().execute(async (trx) => {
    const context: WriteContext = { db: trx, actor: firstStartActor, now: new Date() };
    const regionsLoaded = await loadSeedAreas(context, say);
    let unitsCreated = await loadSeedUnits(context);
    const plans = await loadSeedPlans(context);
    unitsCreated += plans.unitsCreated;
    if (unitsCreated) say(`seed units created: ${unitsCreated}`);
    if (plans.plansLoaded.length) say(`seed plans loaded: ${plans.plansLoaded.join(', ')}`);
    const monitorLoaded = await loadSeedMonitorPacks(context);
    const policies = await loadPolicyPacks(context);
    if (policies.versionsCreated.length) say(`policy pack versions recorded: ${policies.versionsCreated.join(', ')}`);
    if (monitorLoaded.rulesCreated + monitorLoaded.indicatorsCreated) {
      say(`monitor packs loaded: ${monitorLoaded.indicatorsCreated} indicators, ${monitorLoaded.formsCreated} forms, ${monitorLoaded.rulesCreated} warning rules`);
    }
    const admin = await ensureAdministrator(context, options.adminPassword);
    return {
      migrationsApplied,
      regionsLoaded,
      unitsCreated,
      plansLoaded: plans.plansLoaded,
      monitorLoaded,
      administratorCreated: admin.created,
      generatedPassword: admin.generatedPassword,
    };
  });
}

async function loadSeedAreas(context: WriteContext, say: (message: string) => void): Promise<number> {
  const pack = readPack<AreasPack>('areas.json');
  const loaded = await context.db.selectFrom('region').select('code').where('code', '=', pack.areas[0]?.code ?? '').executeTakeFirst();
  if (loaded) return 0;
  say('loading the seed areas (文山州, 临夏州, 大足区) down to villages…');
  const areaSummary = await importRegions(context, pack.areas.map((area) => area.code), {
    onProgress: ({ level, stored }) => say(`  ${level}: ${stored}`),
  });
  const provinceSummary = await importRegions(context, pack.provinces.map((province) => province.code), { maxLevel: 'county' });
  const count = (summary: Record<string, number>) => Object.values(summary).reduce((sum, value) => sum + value, 0);
  return count(areaSummary) + count(provinceSummary);
}

async function loadSeedUnits(context: WriteContext): Promise<number> {
  let created = 0;
  for (const unit of readPack<UnitsPack>('units.json').units) {
    const existing = await findUnitsByName(context.db, unit.name, unit.region);
    if (existing.some((found) => found.region_code === unit.region)) continue;
    await createUnit(context, systemActor, { name: unit.name, regionCode: unit.region, kind: unit.kind, aliases: unit.aliases, contacts: [] });
    created += 1;
  }
  return created;
}

/** Loads every plan pack shipped in packs/plans whose plans are not loaded yet. */
async function loadSeedPlans(context: WriteContext): Promise<{ plansLoaded: string[]; unitsCreated: number }> {
  const files = readdirSync(planPacksDir).filter((file) => /\.(ya?ml|json)$/.test(file)).sort();
  const result = { plansLoaded: [] as string[], unitsCreated: 0 };
  for (const file of files) {
    const summary = await loadPlanPack(context, readPlanPack(new URL(file, planPacksDir).pathname), `packs/plans/${file}`);
    result.plansLoaded.push(...summary.plansLoaded);
    result.unitsCreated += summary.unitsCreated;
  }
  return result;
}

/**
 * Loads the default monitor packs: the common indicators and forms first (the file order is alphabetical,
 * so `indicators.yaml` is put ahead of the regional warning packs that use its indicators).
 */
async function loadSeedMonitorPacks(context: WriteContext): Promise<MonitorPackSummary> {
  const files = readdirSync(monitorPacksDir).filter((file) => /\.(ya?ml|json)$/.test(file));
  files.sort((a, b) => Number(b.startsWith('indicators')) - Number(a.startsWith('indicators')) || a.localeCompare(b));
  const total: MonitorPackSummary = { indicatorsCreated: 0, formsCreated: 0, rulesCreated: 0 };
  for (const file of files) {
    const summary = await loadMonitorPack(context, systemActor, readMonitorPack(new URL(file, monitorPacksDir).pathname), `packs/monitor/${file}`);
    total.indicatorsCreated += summary.indicatorsCreated;
    total.formsCreated += summary.formsCreated;
    total.rulesCreated += summary.rulesCreated;
  }
  return total;
}
