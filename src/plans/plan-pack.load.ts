/**
 * Loads a checked plan pack into the database: resolves every unit name through the pack's directory to a
 * real unit (finding it by full name or alias in its region, creating it with the document's name as an
 * alias when missing, expanding collectives such as 各县(市) to the governments one level down, or taking
 * the unit an importer chose by id), then writes the plan, its sections, tasks, responsible units, targets
 * and milestones. A plan whose key is already loaded is left as it is, so loading on every start is safe.
 */
import { systemActor } from '../kernel/actor.ts';
import { unprocessable } from '../kernel/errors.ts';
import { regionLevel } from '../kernel/region-code.ts';
import { addUnitAlias, createUnit, findUnitsByName, getUnit, listRegionChildren } from '../org/index.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import type { PackPlan, PackSection, PackTask, PlanPack } from './plan-pack.schema.ts';

type PackUnit = PlanPack['units'][number];

/** What a pack load did. */
export interface PackLoadSummary {
  plansLoaded: string[];
  plansSkipped: string[];
  unitsCreated: number;
}

/** The unit ids a document name stands for: one unit, or many for a collective. */
type UnitDirectory = Map<string, { ids: string[]; collective: boolean }>;

/** The name of the government of a region: 街道 are run by an office (办事处), others by a 人民政府. */
export function governmentName(regionName: string): string {
  return regionName.endsWith('街道') ? `${regionName}办事处` : `${regionName}人民政府`;
}

async function findOrCreateUnit(
  context: WriteContext,
  entry: { name: string; region: string; kind: PackUnit['kind']; aliases: string[] },
  counter: { created: number },
): Promise<string> {
  for (const name of [entry.name, ...entry.aliases]) {
    const found = (await findUnitsByName(context.db, name, entry.region)).filter((unit) => unit.region_code === entry.region);
    if (found.length > 1) {
      throw unprocessable('units', {
        zh: `名称“${name}”在 ${entry.region} 对应多个单位，请在方案包中写明全称。`,
        en: `"${name}" names several units in ${entry.region}; give the full name in the pack.`,
      });
    }
    const [unit] = found;
    if (!unit) continue;
    for (const alias of entry.aliases) {
      const known = await findUnitsByName(context.db, alias, entry.region);
      if (alias !== unit.name && !known.some((other) => other.id === unit.id)) await addUnitAlias(context, systemActor, unit.id, alias);
    }
    return unit.id;
  }
  counter.created += 1;
  return createUnit(context, systemActor, {
    name: entry.name,
    regionCode: entry.region,
    kind: entry.kind ?? 'other',
    aliases: entry.aliases,
    contacts: [],
  });
}

/** The governments one level below a region, created as units when missing. */
async function governmentsBelow(context: WriteContext, regionCode: string, counter: { created: number }): Promise<string[]> {
  const children = await listRegionChildren(context.db, regionCode);
  const ids: string[] = [];
  for (const child of children) {
    ids.push(await findOrCreateUnit(context, { name: governmentName(child.name), region: child.code, kind: 'government', aliases: [] }, counter));
  }
  return ids;
}

/** A unit chosen by id; the document's name becomes its alias when no unit of its region goes by it yet. */
async function chosenUnit(context: WriteContext, unitId: string, name: string): Promise<string> {
  const unit = await getUnit(context.db, systemActor, unitId);
  const taken = (await findUnitsByName(context.db, name, unit.regionCode)).some((other) => other.region_code === unit.regionCode);
  if (name !== unit.name && !taken) await addUnitAlias(context, systemActor, unit.id, name);
  return unit.id;
}

async function resolveDirectory(context: WriteContext, units: PackUnit[], counter: { created: number }): Promise<UnitDirectory> {
  const directory: UnitDirectory = new Map();
  for (const entry of units) {
    if (entry.unitId) {
      directory.set(entry.name, { ids: [await chosenUnit(context, entry.unitId, entry.name)], collective: false });
      continue;
    }
    if (entry.collective === 'governments-below') {
      directory.set(entry.name, { ids: await governmentsBelow(context, entry.region, counter), collective: true });
      continue;
    }
    const canonical = entry.fullName ?? entry.name;
    const aliases = canonical === entry.name ? [] : [entry.name];
    const id = await findOrCreateUnit(context, { name: canonical, region: entry.region, kind: entry.kind, aliases }, counter);
    directory.set(entry.name, { ids: [id], collective: false });
  }
  return directory;
}

async function insertTask(context: WriteContext, planId: string, sectionId: string, position: number, task: PackTask, directory: UnitDirectory, targetIds: Map<string, string>) {
  const lead = task.lead === null ? undefined : directory.get(task.lead);
  const { id } = await context.db
    .insertInto('plan_task')
    .values({
      plan_id: planId,
      section_id: sectionId,
      position,
      number: task.number,
      title: task.title ?? null,
      text: task.text,
      clause: task.clause,
      responsibility_text: task.responsibilityText ?? null,
      lead_named_as: task.lead,
      due_date: task.due ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows: { task_id: string; unit_id: string; position: number; is_lead: boolean; named_as: string }[] = [];
  for (const name of task.units) {
    const resolved = directory.get(name);
    for (const unitId of resolved?.ids ?? []) {
      if (rows.some((row) => row.unit_id === unitId)) continue;
      const isLead = name === task.lead && lead !== undefined && !lead.collective;
      rows.push({ task_id: id, unit_id: unitId, position: rows.length, is_lead: isLead, named_as: name });
    }
  }
  if (rows.length > 0) await context.db.insertInto('task_unit').values(rows).execute();
  const links = (task.targets ?? []).flatMap((key) => (targetIds.has(key) ? [{ task_id: id, target_id: targetIds.get(key) ?? '' }] : []));
  if (links.length > 0) await context.db.insertInto('task_target').values(links).execute();
}

async function insertSections(
  context: WriteContext,
  planId: string,
  sections: PackSection[],
  parentId: string | null,
  directory: UnitDirectory,
  targetIds: Map<string, string>,
): Promise<void> {
  for (const [position, section] of sections.entries()) {
    const { id } = await context.db
      .insertInto('plan_section')
      .values({ plan_id: planId, parent_section_id: parentId, position, number: section.number, title: section.title, clause: section.clause ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [taskPosition, task] of (section.tasks ?? []).entries()) {
      await insertTask(context, planId, id, taskPosition, task, directory, targetIds);
    }
    await insertSections(context, planId, section.sections ?? [], id, directory, targetIds);
  }
}

async function insertTargets(context: WriteContext, planId: string, plan: PackPlan): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const target of plan.targets) {
    const { id } = await context.db
      .insertInto('plan_target')
      .values({
        plan_id: planId,
        key: target.key,
        indicator: target.indicator,
        region_code: target.region,
        comparator: target.comparator,
        value: target.value,
        unit: target.unit,
        deadline: target.deadline,
        text: target.text,
        clause: target.clause,
        source: target.source ?? null,
        note: target.note ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(target.key, id);
    if (target.milestones.length > 0) {
      await context.db
        .insertInto('target_milestone')
        .values(
          target.milestones.map((milestone, position) => ({
            target_id: id,
            position,
            due_by: milestone.by,
            share: milestone.share ?? null,
            value: milestone.value ?? null,
            text: milestone.text ?? null,
          })),
        )
        .execute();
    }
  }
  return ids;
}

function countTasks(sections: PackSection[]): number {
  return sections.reduce((sum, section) => sum + (section.tasks?.length ?? 0) + countTasks(section.sections ?? []), 0);
}

/** Loads the plans of a pack that are not loaded yet, inside the caller's transaction. */
export async function loadPlanPack(context: WriteContext, pack: PlanPack, file: string): Promise<PackLoadSummary> {
  const summary: PackLoadSummary = { plansLoaded: [], plansSkipped: [], unitsCreated: 0 };
  const pending: PackPlan[] = [];
  for (const plan of pack.plans) {
    const existing = await context.db.selectFrom('plan').select('id').where('key', '=', plan.key).executeTakeFirst();
    if (existing) summary.plansSkipped.push(plan.key);
    else pending.push(plan);
  }
  if (pending.length === 0) return summary;
  const counter = { created: 0 };
  const directory = await resolveDirectory(context, pack.units, counter);
  for (const plan of pending) {
    const issuer = directory.get(plan.issuer);
    const { id } = await context.db
      .insertInto('plan')
      .values({
        key: plan.key,
        title: plan.title,
        doc_number: plan.docNumber,
        issuer_unit_id: issuer && !issuer.collective ? (issuer.ids[0] ?? null) : null,
        region_code: plan.region,
        issued_on: plan.issuedOn,
        start_date: plan.start,
        end_date: plan.end,
        schedule: JSON.stringify(plan.schedule),
        lead_rule: plan.leadRule,
        sources: JSON.stringify(plan.sources),
        created_at: context.now,
        updated_at: context.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const targetIds = await insertTargets(context, id, plan);
    await insertSections(context, id, plan.sections, null, directory, targetIds);
    await recordAudit(context, {
      action: 'plans.plan.load',
      entityType: 'plan',
      entityId: id,
      regionCode: plan.region,
      after: { key: plan.key, title: plan.title, file, tasks: countTasks(plan.sections), targets: plan.targets.length, level: regionLevel(plan.region) },
    });
    summary.plansLoaded.push(plan.key);
  }
  summary.unitsCreated = counter.created;
  return summary;
}
