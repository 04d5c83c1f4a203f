/** Pure helpers over a plan's section tree: the units it names, section choices, filtering, unit grouping. */
import type { SectionView, TaskView } from '../../types.ts';

/** A responsible unit of a task as the plan lists it. */
export type TaskUnit = TaskView['units'][number];

/** A unit named somewhere in a plan, for the unit filter. */
export interface PlanUnit {
  unitId: string;
  name: string;
  /** Every name the document used for it, in order of first use. */
  namedAs: string[];
}

/** Every task in the tree, in document order (a section's own tasks before its subsections'). */
export function allTasks(sections: readonly SectionView[]): TaskView[] {
  return sections.flatMap((section) => [...section.tasks, ...allTasks(section.sections)]);
}

/** The distinct units the plan names, in order of first appearance. */
export function unitsOfPlan(sections: readonly SectionView[]): PlanUnit[] {
  const units = new Map<string, PlanUnit>();
  for (const task of allTasks(sections)) {
    for (const unit of task.units) {
      const known = units.get(unit.unitId);
      if (!known) units.set(unit.unitId, { unitId: unit.unitId, name: unit.name, namedAs: [unit.namedAs] });
      else if (!known.namedAs.includes(unit.namedAs)) known.namedAs.push(unit.namedAs);
    }
  }
  return [...units.values()];
}

/** The sections flattened for a select, each with its depth (0 for top level). */
export function sectionChoices(sections: readonly SectionView[], depth = 0): { id: string; label: string; depth: number }[] {
  return sections.flatMap((section) => [
    { id: section.id, label: `${section.number} ${section.title}`, depth },
    ...sectionChoices(section.sections, depth + 1),
  ]);
}

/** The section with this id anywhere in the tree. */
export function findSection(sections: readonly SectionView[], id: string): SectionView | undefined {
  for (const section of sections) {
    if (section.id === id) return section;
    const inner = findSection(section.sections, id);
    if (inner) return inner;
  }
  return undefined;
}

/** The tree keeping only tasks that pass `keep`, and only sections that still hold a task. */
export function pruneSections(sections: readonly SectionView[], keep: (task: TaskView) => boolean): SectionView[] {
  return sections
    .map((section) => ({ ...section, tasks: section.tasks.filter(keep), sections: pruneSections(section.sections, keep) }))
    .filter((section) => section.tasks.length > 0 || section.sections.length > 0);
}

/** What the task list is narrowed to; empty fields do not narrow. */
export interface TaskFilter {
  unitId?: string | undefined;
  sectionId?: string | undefined;
  /** Task ids of the chosen colour, once colours are known. */
  taskIds?: ReadonlySet<string> | undefined;
}

/** The tree as the filters leave it. */
export function filterTree(sections: readonly SectionView[], filter: TaskFilter): SectionView[] {
  const chosen = filter.sectionId ? findSection(sections, filter.sectionId) : undefined;
  const roots = filter.sectionId ? (chosen ? [chosen] : []) : sections;
  return pruneSections(
    roots,
    (task) =>
      (!filter.unitId || task.units.some((unit) => unit.unitId === filter.unitId)) && (!filter.taskIds || filter.taskIds.has(task.id)),
  );
}

/** Consecutive units listed under one document name (a collective such as 各县市 expands to many units). */
export interface UnitGroup {
  namedAs: string;
  isLead: boolean;
  units: TaskUnit[];
}

/** A task's units grouped by the name the document used, keeping document order. */
export function groupUnits(units: readonly TaskUnit[]): UnitGroup[] {
  const groups: UnitGroup[] = [];
  for (const unit of units) {
    const last = groups.at(-1);
    if (last && last.namedAs === unit.namedAs && last.isLead === unit.isLead) last.units.push(unit);
    else groups.push({ namedAs: unit.namedAs, isLead: unit.isLead, units: [unit] });
  }
  return groups;
}
