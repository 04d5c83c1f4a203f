/** Reading plans: the list an actor may see, and one plan as a tree of sections, tasks, units and targets. */
import type { Kysely } from 'kysely';
import { inJurisdictionOrAbove, jurisdictionOrAbove, type Actor } from '../kernel/actor.ts';
import { notFound } from '../kernel/errors.ts';
import type { PlanDetail, PlanSummary, TargetView } from '../contracts/plans.contract.ts';
import type { Database } from '../store/tables.ts';
import { milestoneOf } from './milestones.ts';
import { canReadPlan } from './plans.policy.ts';

const planWord = { zh: '方案', en: 'Plan' };

/** Plans the actor may read, newest first, with their task and target counts. */
export async function listPlans(db: Kysely<Database>, actor: Actor) {
  const { prefixes, ancestors } = jurisdictionOrAbove(actor);
  const rows = await db
    .selectFrom('plan')
    .innerJoin('region', 'region.code', 'plan.region_code')
    .select(['plan.id', 'plan.key', 'plan.title', 'plan.doc_number', 'plan.region_code', 'region.name as region_name', 'plan.start_date', 'plan.end_date', 'plan.lead_rule'])
    .select((eb) => [
      eb.selectFrom('plan_task').select(eb.fn.countAll<number>().as('n')).whereRef('plan_task.plan_id', '=', 'plan.id').as('task_count'),
      eb.selectFrom('plan_target').select(eb.fn.countAll<number>().as('n')).whereRef('plan_target.plan_id', '=', 'plan.id').as('target_count'),
    ])
    .where((eb) =>
      eb.or([...prefixes.map((prefix) => eb('plan.region_code', 'like', `${prefix}%`)), ...(ancestors.length ? [eb('plan.region_code', 'in', ancestors)] : [])]),
    )
    .orderBy('plan.start_date', 'desc')
    .orderBy('plan.title')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    title: row.title,
    docNumber: row.doc_number,
    regionCode: row.region_code,
    regionName: row.region_name,
    start: row.start_date,
    end: row.end_date,
    leadRule: row.lead_rule as PlanSummary['leadRule'],
    taskCount: Number(row.task_count ?? 0),
    targetCount: Number(row.target_count ?? 0),
  }));
}

/** One plan with its sections (nested), tasks (with responsible units) and targets (with milestones). */
export async function getPlan(db: Kysely<Database>, actor: Actor, id: string) {
  const plan = await db
    .selectFrom('plan')
    .leftJoin('unit', 'unit.id', 'plan.issuer_unit_id')
    .selectAll('plan')
    .select('unit.name as issuer_name')
    .where('plan.id', '=', id)
    .executeTakeFirst();
  if (!plan || !canReadPlan(actor, plan.region_code)) throw notFound(planWord);
  const [sections, tasks, taskUnits, targets, milestones, links] = await Promise.all([
    db.selectFrom('plan_section').selectAll().where('plan_id', '=', id).orderBy('position').execute(),
    db.selectFrom('plan_task').selectAll().where('plan_id', '=', id).orderBy('position').execute(),
    db
      .selectFrom('task_unit')
      .innerJoin('plan_task', 'plan_task.id', 'task_unit.task_id')
      .innerJoin('unit', 'unit.id', 'task_unit.unit_id')
      .select(['task_unit.task_id', 'task_unit.unit_id', 'task_unit.position', 'task_unit.is_lead', 'task_unit.named_as', 'task_unit.acknowledged_at', 'unit.name', 'unit.region_code'])
      .where('plan_task.plan_id', '=', id)
      .orderBy('task_unit.position')
      .execute(),
    db.selectFrom('plan_target').selectAll().where('plan_id', '=', id).orderBy('key').execute(),
    db
      .selectFrom('target_milestone')
      .innerJoin('plan_target', 'plan_target.id', 'target_milestone.target_id')
      .selectAll('target_milestone')
      .where('plan_target.plan_id', '=', id)
      .orderBy('target_milestone.position')
      .execute(),
    db.selectFrom('task_target').innerJoin('plan_task', 'plan_task.id', 'task_target.task_id').selectAll('task_target').where('plan_task.plan_id', '=', id).execute(),
  ]);
  const presentTask = (task: (typeof tasks)[number]) => ({
    id: task.id,
    number: task.number,
    title: task.title,
    text: task.text,
    clause: task.clause,
    responsibilityText: task.responsibility_text,
    leadNamedAs: task.lead_named_as,
    due: task.due_date,
    units: taskUnits
      .filter((unit) => unit.task_id === task.id)
      .map((unit) => ({ unitId: unit.unit_id, name: unit.name, regionCode: unit.region_code, namedAs: unit.named_as, isLead: unit.is_lead, acknowledgedAt: unit.acknowledged_at?.toISOString() ?? null })),
    targetIds: links.filter((link) => link.task_id === task.id).map((link) => link.target_id),
  });
  type SectionView = { id: string; number: string; title: string; clause: string | null; tasks: ReturnType<typeof presentTask>[]; sections: SectionView[] };
  const build = (parentId: string | null): SectionView[] =>
    sections
      .filter((section) => section.parent_section_id === parentId)
      .map((section) => ({
        id: section.id,
        number: section.number,
        title: section.title,
        clause: section.clause,
        tasks: tasks.filter((task) => task.section_id === section.id).map(presentTask),
        sections: build(section.id),
      }));
  return {
    id: plan.id,
    key: plan.key,
    title: plan.title,
    docNumber: plan.doc_number,
    issuer: plan.issuer_name,
    regionCode: plan.region_code,
    issuedOn: plan.issued_on,
    start: plan.start_date,
    end: plan.end_date,
    schedule: plan.schedule,
    leadRule: plan.lead_rule as PlanDetail['leadRule'],
    sources: plan.sources,
    sections: build(null),
    // A county reading a prefecture plan sees the prefecture's targets and its own share, not its neighbours'.
    targets: targets.filter((target) => inJurisdictionOrAbove(actor, target.region_code)).map((target) => ({
      id: target.id,
      key: target.key,
      indicator: target.indicator,
      regionCode: target.region_code,
      comparator: target.comparator as TargetView['comparator'],
      value: Number(target.value),
      unit: target.unit,
      deadline: target.deadline,
      text: target.text,
      clause: target.clause,
      source: target.source,
      note: target.note,
      milestones: milestones
        .filter((milestone) => milestone.target_id === target.id)
        .map(milestoneOf),
    })),
  };
}
