/**
 * Monitored subjects (监测对象): a sample enterprise, a price point, a key supply enterprise, a household at
 * risk of returning to poverty, an unsold-produce report. A subject sits in one region and its values roll
 * up from there, so its region can change only while it has no values.
 */
import type { Kysely } from 'kysely';
import type { CreateSubjectInput, SubjectView, UpdateSubjectInput } from '../contracts/monitor.contract.ts';
import { jurisdictionPrefixes, type Actor } from '../kernel/actor.ts';
import { conflict, forbidden, notFound, unprocessable, type LocalizedText } from '../kernel/errors.ts';
import { containing } from '../kernel/like-pattern.ts';
import { regionPrefix } from '../kernel/region-code.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import { isUniqueViolation } from '../store/errors.ts';
import type { Database } from '../store/tables.ts';
import { canManageMonitor, canReadSubject } from './monitor.policy.ts';

const subjectWord: LocalizedText = { zh: '监测对象', en: 'Monitored subject' };

/** Loads a subject with its region's name, or null. */
export async function loadSubject(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('monitor_subject as s')
    .innerJoin('region as r', 'r.code', 's.region_code')
    .selectAll('s')
    .select('r.name as region_name')
    .where('s.id', '=', id)
    .executeTakeFirst();
}

type SubjectRow = NonNullable<Awaited<ReturnType<typeof loadSubject>>>;

function presentSubject(row: SubjectRow): SubjectView {
  return {
    id: row.id,
    kind: row.kind as SubjectView['kind'],
    code: row.code,
    name: row.name,
    regionCode: row.region_code,
    regionName: row.region_name,
    unitId: row.unit_id,
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    active: row.active,
  };
}

async function checkRegionAndUnit(db: Kysely<Database>, regionCode: string | undefined, unitId: string | null | undefined): Promise<void> {
  if (regionCode !== undefined && !(await db.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst())) {
    throw unprocessable('regionCode', { zh: `行政区划 ${regionCode} 不存在。`, en: `The region ${regionCode} does not exist.` });
  }
  if (unitId && !(await db.selectFrom('unit').select('id').where('id', '=', unitId).executeTakeFirst())) {
    throw unprocessable('unitId', { zh: '填报单位不存在。', en: 'The filing unit does not exist.' });
  }
}

/** Registers a subject inside a region the actor manages. */
export async function createSubject(context: WriteContext, actor: Actor, input: CreateSubjectInput): Promise<SubjectView> {
  if (!canManageMonitor(actor, input.regionCode)) throw forbidden();
  await checkRegionAndUnit(context.db, input.regionCode, input.unitId);
  let id: string;
  try {
    const inserted = await context.db
      .insertInto('monitor_subject')
      .values({ kind: input.kind, code: input.code, name: input.name, region_code: input.regionCode, unit_id: input.unitId, attributes: JSON.stringify(input.attributes), created_at: context.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = inserted.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('code', { zh: `该类监测对象中已有代码 ${input.code}。`, en: `A subject of this kind already has the code ${input.code}.` });
    throw error;
  }
  const view = presentSubject((await loadSubject(context.db, id))!);
  await recordAudit(context, { action: 'monitor.subject.create', entityType: 'monitor_subject', entityId: id, regionCode: input.regionCode, after: view });
  return view;
}

/** Changes a subject; moving it to another region is refused once it has values. */
export async function updateSubject(context: WriteContext, actor: Actor, id: string, input: UpdateSubjectInput): Promise<SubjectView> {
  const before = await loadSubject(context.db, id);
  if (!before || !canReadSubject(actor, { regionCode: before.region_code, unitId: before.unit_id })) throw notFound(subjectWord);
  if (!canManageMonitor(actor, before.region_code) || (input.regionCode !== undefined && !canManageMonitor(actor, input.regionCode))) throw forbidden();
  await checkRegionAndUnit(context.db, input.regionCode, input.unitId);
  if (input.regionCode !== undefined && input.regionCode !== before.region_code) {
    const used = await context.db.selectFrom('monitor_value').select('id').where('subject_id', '=', id).limit(1).executeTakeFirst();
    if (used) throw unprocessable('regionCode', { zh: '该对象已有数据，不能改变所在区划。', en: 'This subject has values; its region cannot change.' });
  }
  await context.db
    .updateTable('monitor_subject')
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.regionCode !== undefined ? { region_code: input.regionCode } : {}),
      ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.attributes !== undefined ? { attributes: JSON.stringify(input.attributes) } : {}),
    })
    .where('id', '=', id)
    .execute();
  const after = presentSubject((await loadSubject(context.db, id))!);
  await recordAudit(context, { action: 'monitor.subject.update', entityType: 'monitor_subject', entityId: id, regionCode: after.regionCode, before: presentSubject(before), after });
  return after;
}

/** Filters for listing subjects. */
export interface SubjectFilter {
  regionCode?: string | undefined;
  kind?: string | undefined;
  query?: string | undefined;
  limit: number;
  offset: number;
}

/** Subjects inside the actor's jurisdiction (and those of the actor's own units), filtered in SQL. */
export async function listSubjects(db: Kysely<Database>, actor: Actor, filter: SubjectFilter) {
  const prefixes = jurisdictionPrefixes(actor);
  const unitIds = actor.grants.map((grant) => grant.unitId);
  let query = db.selectFrom('monitor_subject as s').innerJoin('region as r', 'r.code', 's.region_code');
  if (!prefixes.includes('')) {
    query = query.where((eb) =>
      eb.or([...prefixes.map((prefix) => eb('s.region_code', 'like', `${prefix}%`)), ...(unitIds.length > 0 ? [eb('s.unit_id', 'in', unitIds)] : [])]),
    );
  }
  if (filter.regionCode) query = query.where('s.region_code', 'like', `${regionPrefix(filter.regionCode)}%`);
  if (filter.kind) query = query.where('s.kind', '=', filter.kind);
  if (filter.query) {
    const pattern = containing(filter.query);
    query = query.where((eb) => eb.or([eb('s.name', 'like', pattern), eb('s.code', 'like', pattern)]));
  }
  const [{ total } = { total: 0 }] = await query.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await query.selectAll('s').select('r.name as region_name').orderBy('s.region_code').orderBy('s.code').limit(filter.limit).offset(filter.offset).execute();
  return { items: rows.map(presentSubject), total: Number(total) };
}

/** One subject the actor may read; 404 otherwise (an enterprise's existence is not disclosed). */
export async function getSubject(db: Kysely<Database>, actor: Actor, id: string): Promise<SubjectView> {
  const row = await loadSubject(db, id);
  if (!row || !canReadSubject(actor, { regionCode: row.region_code, unitId: row.unit_id })) throw notFound(subjectWord);
  return presentSubject(row);
}
