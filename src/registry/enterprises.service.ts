/**
 * Enterprises (市场主体): credit code validated and unique, kind, industry, region, figures, the size class
 * computed from them by the 2011 SME standard whenever they change, key-enterprise and monitored-sample
 * flags, the liaison officer (联络员), and the enterprise's own unit, whose accounts see it and nothing else.
 */
import type { Kysely, Selectable } from 'kysely';
import type { EnterpriseKind, SizeClass } from '../contracts/registry-constants.ts';
import type { CreateEnterpriseInput, UpdateEnterpriseInput } from '../contracts/registry.contract.ts';
import type { Actor } from '../kernel/actor.ts';
import { containing } from '../kernel/like-pattern.ts';
import { conflict, forbidden, notFound, unprocessable } from '../kernel/errors.ts';
import { parseCreditCode } from '../kernel/credit-code.ts';
import { regionPrefix } from '../kernel/region-code.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import { isUniqueViolation } from '../store/errors.ts';
import type { Database, RegistryEnterpriseTable } from '../store/tables.ts';
import { canReadEnterprise, canWriteEnterprise, canWriteInRegion, ownEnterpriseUnitIds, readerPrefixes } from './registry.policy.ts';
import { assertRegionExists, inRegions, missingReference, words } from './registry.shared.ts';
import { smeSizeClass } from './sme-size.ts';

type EnterpriseRow = Selectable<RegistryEnterpriseTable>;

/** Filters for listing enterprises. */
export interface EnterpriseFilter {
  query?: string | undefined;
  regionCode?: string | undefined;
  sizeClass?: SizeClass | undefined;
  limit: number;
  offset: number;
}

function present(actor: Actor, row: EnterpriseRow) {
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    kind: row.kind as EnterpriseKind,
    industry: row.industry,
    regionCode: row.region_code,
    establishedOn: row.established_on,
    employees: row.employees,
    revenueFen: row.revenue_fen,
    assetsFen: row.assets_fen,
    sizeClass: row.size_class as SizeClass | null,
    keyEnterprise: row.key_enterprise,
    monitoredSample: row.monitored_sample,
    liaisonUserId: row.liaison_user_id,
    unitId: row.unit_id,
    abilities: { update: canWriteEnterprise(actor, placeOf(row)) },
  };
}

function placeOf(row: EnterpriseRow) {
  return { regionCode: row.region_code, unitId: row.unit_id };
}

/** Enterprises the actor may see: those of its jurisdiction, or its own (enterprise accounts); paged in SQL. */
export async function listEnterprises(db: Kysely<Database>, actor: Actor, filter: EnterpriseFilter) {
  const prefixes = readerPrefixes(actor);
  const ownUnits = ownEnterpriseUnitIds(actor);
  let query = db
    .selectFrom('registry_enterprise')
    .where((eb) => eb.or([inRegions(eb, ['registry_enterprise.region_code'], prefixes), ...(ownUnits.length > 0 ? [eb('registry_enterprise.unit_id', 'in', ownUnits)] : [])]));
  if (filter.regionCode) query = query.where('registry_enterprise.region_code', 'like', `${regionPrefix(filter.regionCode)}%`);
  if (filter.sizeClass) query = query.where('registry_enterprise.size_class', '=', filter.sizeClass);
  if (filter.query) {
    const code = parseCreditCode(filter.query);
    query = code.ok ? query.where('registry_enterprise.credit_code', '=', code.value.code) : query.where('registry_enterprise.name', 'like', containing(filter.query));
  }
  const [{ total } = { total: 0 }] = await query.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await query.selectAll('registry_enterprise').orderBy('registry_enterprise.name').orderBy('registry_enterprise.id').limit(filter.limit).offset(filter.offset).execute();
  return { items: rows.map((row) => present(actor, row)), total: Number(total) };
}

async function loadReadable(db: Kysely<Database>, actor: Actor, id: string): Promise<EnterpriseRow> {
  const row = await db.selectFrom('registry_enterprise').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canReadEnterprise(actor, placeOf(row))) throw notFound(words.enterprise);
  return row;
}

/** One enterprise as the actor may see it. */
export async function getEnterprise(db: Kysely<Database>, actor: Actor, id: string) {
  return present(actor, await loadReadable(db, actor, id));
}

/** The size class the figures give, or null when the standard cannot say (missing figure, industry). */
export function sizeClassOf(figures: { industry: string; employees: number | null; revenueFen: number | null; assetsFen: number | null }): SizeClass | null {
  const result = smeSizeClass(figures);
  return result.ok ? result.sizeClass : null;
}

function snapshot(row: EnterpriseRow) {
  const { created_at: _created, updated_at: _updated, id: _id, ...rest } = row;
  return rest;
}

const referenceFields = { liaison_user_id: 'liaisonUserId', unit_id: 'unitId', region_code: 'regionCode' };

/** Registers an enterprise; its size class is computed from its figures. */
export async function createEnterprise(context: WriteContext, actor: Actor, input: CreateEnterpriseInput): Promise<string> {
  await assertRegionExists(context.db, input.regionCode, 'regionCode');
  if (!canWriteInRegion(actor, input.regionCode)) throw forbidden();
  const duplicate = () => conflict('creditCode', { zh: '该统一社会信用代码已登记。', en: 'This credit code is already registered.' });
  const taken = await context.db.selectFrom('registry_enterprise').select('id').where('credit_code', '=', input.creditCode).executeTakeFirst();
  if (taken) throw duplicate();
  const figures = { industry: input.industry, employees: input.employees ?? null, revenueFen: input.revenueFen ?? null, assetsFen: input.assetsFen ?? null };
  const row = await context.db
    .insertInto('registry_enterprise')
    .values({
      credit_code: input.creditCode,
      name: input.name,
      kind: input.kind,
      industry: input.industry,
      region_code: input.regionCode,
      established_on: input.establishedOn ?? null,
      employees: figures.employees,
      revenue_fen: figures.revenueFen,
      assets_fen: figures.assetsFen,
      size_class: sizeClassOf(figures),
      key_enterprise: input.keyEnterprise,
      monitored_sample: input.monitoredSample,
      liaison_user_id: input.liaisonUserId ?? null,
      unit_id: input.unitId ?? null,
      created_at: context.now,
      updated_at: context.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicate() : missingReference(error, referenceFields);
    });
  await recordAudit(context, { action: 'registry.enterprise.create', entityType: 'registry_enterprise', entityId: row.id, regionCode: row.region_code, after: snapshot(row) });
  return row.id;
}

/** Changes an enterprise; the size class is recomputed from the figures it then has. */
export async function updateEnterprise(context: WriteContext, actor: Actor, id: string, input: UpdateEnterpriseInput): Promise<void> {
  const before = await loadReadable(context.db, actor, id);
  if (!canWriteEnterprise(actor, placeOf(before))) throw forbidden();
  if (input.regionCode) {
    await assertRegionExists(context.db, input.regionCode, 'regionCode');
    if (!canWriteInRegion(actor, input.regionCode)) throw unprocessable('regionCode', { zh: '不能把市场主体移出您的管辖范围。', en: 'You cannot move an enterprise outside your jurisdiction.' });
  }
  const pick = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);
  const figures = {
    industry: pick(input.industry, before.industry),
    employees: pick(input.employees, before.employees),
    revenueFen: pick(input.revenueFen, before.revenue_fen),
    assetsFen: pick(input.assetsFen, before.assets_fen),
  };
  const after = await context.db
    .updateTable('registry_enterprise')
    .set({
      name: pick(input.name, before.name),
      kind: pick(input.kind, before.kind),
      industry: figures.industry,
      region_code: pick(input.regionCode, before.region_code),
      established_on: pick(input.establishedOn, before.established_on),
      employees: figures.employees ?? null,
      revenue_fen: figures.revenueFen ?? null,
      assets_fen: figures.assetsFen ?? null,
      size_class: sizeClassOf({ industry: figures.industry, employees: figures.employees ?? null, revenueFen: figures.revenueFen ?? null, assetsFen: figures.assetsFen ?? null }),
      key_enterprise: pick(input.keyEnterprise, before.key_enterprise),
      monitored_sample: pick(input.monitoredSample, before.monitored_sample),
      liaison_user_id: pick(input.liaisonUserId, before.liaison_user_id),
      unit_id: pick(input.unitId, before.unit_id),
      updated_at: context.now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw missingReference(error, referenceFields);
    });
  await recordAudit(context, { action: 'registry.enterprise.update', entityType: 'registry_enterprise', entityId: id, regionCode: after.region_code, before: snapshot(before), after: snapshot(after) });
}
