/**
 * Reading and checking plan packs. Parsing validates the shape (Zod); `checkPlanPack` then checks what a
 * schema cannot: that every unit name a task uses is in the pack's unit directory, that leads agree with
 * the plan's lead rule, that task numbers and target keys are unique, and that milestones run in order.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { PackSection, PackTask, PlanPack } from './plan-pack.schema.ts';
import { planPack } from './plan-pack.schema.ts';

/** A problem found in a pack, with where it is. */
export interface PackProblem {
  /** `plans.0.sections.2.tasks.4.lead`, or `plan linxia-employment task 12`. */
  where: string;
  message: string;
}

/** Every task of a plan, depth first, with the path to it. */
export function* walkTasks(sections: PackSection[], path = 'sections'): Generator<{ task: PackTask; where: string }> {
  for (const [sectionIndex, section] of sections.entries()) {
    const here = `${path}.${sectionIndex}`;
    for (const [taskIndex, task] of (section.tasks ?? []).entries()) yield { task, where: `${here}.tasks.${taskIndex}` };
    yield* walkTasks(section.sections ?? [], `${here}.sections`);
  }
}

/** The problems in a pack that its schema cannot see; empty when it is consistent. */
export function checkPlanPack(pack: PlanPack): PackProblem[] {
  const problems: PackProblem[] = [];
  const unitNames = new Set(pack.units.map((unit) => unit.name));
  const duplicateUnits = pack.units.filter((unit, index) => pack.units.findIndex((other) => other.name === unit.name) !== index);
  for (const unit of duplicateUnits) problems.push({ where: 'units', message: `unit name "${unit.name}" is listed twice` });
  const planKeys = new Set<string>();
  for (const [planIndex, plan] of pack.plans.entries()) {
    const at = (where: string) => `plans.${planIndex}(${plan.key}).${where}`;
    if (planKeys.has(plan.key)) problems.push({ where: at('key'), message: `plan key ${plan.key} is used twice` });
    planKeys.add(plan.key);
    if (plan.start > plan.end) problems.push({ where: at('start'), message: 'the plan starts after it ends' });
    if (!unitNames.has(plan.issuer)) problems.push({ where: at('issuer'), message: `"${plan.issuer}" is not in the units directory` });
    const targetKeys = new Set<string>();
    for (const [targetIndex, target] of plan.targets.entries()) {
      if (targetKeys.has(target.key)) problems.push({ where: at(`targets.${targetIndex}`), message: `target key ${target.key} is used twice` });
      targetKeys.add(target.key);
      let previous = '';
      for (const milestone of target.milestones) {
        if (milestone.by < previous) problems.push({ where: at(`targets.${targetIndex}`), message: 'milestones are not in date order' });
        if (milestone.by > target.deadline) problems.push({ where: at(`targets.${targetIndex}`), message: `milestone ${milestone.by} falls after the deadline` });
        previous = milestone.by;
      }
    }
    const numbers = new Set<string>();
    for (const { task, where } of walkTasks(plan.sections)) {
      if (numbers.has(task.number)) problems.push({ where: at(where), message: `task number ${task.number} is used twice` });
      numbers.add(task.number);
      for (const name of task.units) {
        if (!unitNames.has(name)) problems.push({ where: at(`${where}.units`), message: `"${name}" is not in the units directory` });
      }
      if (task.lead !== null && !task.units.includes(task.lead)) {
        problems.push({ where: at(`${where}.lead`), message: `lead "${task.lead}" is not among the task's units` });
      }
      if (plan.leadRule === 'none' && task.lead !== null) {
        problems.push({ where: at(`${where}.lead`), message: 'the plan designates no leads, yet this task has one' });
      }
      if (plan.leadRule === 'first-listed' && task.units.length > 0 && task.lead !== task.units[0]) {
        problems.push({ where: at(`${where}.lead`), message: 'under the first-listed rule the lead is the first unit' });
      }
      for (const key of task.targets ?? []) {
        if (!targetKeys.has(key)) problems.push({ where: at(`${where}.targets`), message: `no target with key ${key}` });
      }
    }
  }
  return problems;
}

/** Thrown when a pack file cannot be used, with every problem found. */
export class PlanPackError extends Error {
  constructor(
    readonly file: string,
    readonly problems: PackProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s)\n${problems.map((p) => `  ${p.where}: ${p.message}`).join('\n')}`);
    this.name = 'PlanPackError';
  }
}

/** Parses a pack from YAML or JSON text and checks it; throws PlanPackError listing every problem. */
export function parsePlanPack(source: string, file = 'pack'): PlanPack {
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(source) : parseYaml(source);
  } catch (error) {
    throw new PlanPackError(file, [{ where: 'file', message: `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}` }]);
  }
  const parsed = planPack.safeParse(raw);
  if (!parsed.success) {
    throw new PlanPackError(
      file,
      parsed.error.issues.map((issue) => ({ where: issue.path.join('.') || 'file', message: issue.message })),
    );
  }
  const problems = checkPlanPack(parsed.data);
  if (problems.length > 0) throw new PlanPackError(file, problems);
  return parsed.data;
}

/** Reads, parses and checks a pack file. */
export function readPlanPack(file: string): PlanPack {
  return parsePlanPack(readFileSync(file, 'utf8'), file);
}
