/**
 * Judges a whole plan as of a day, IO-free: every target's schedule, progress and colour, then every task's
 * colour from its targets and its report signals. The service loads the facts and records the outcome.
 */
import { taskColour, targetColour, type Colour, type ColourRules, type TargetColourDecision, type ColourDecision } from './colour.ts';
import { daysBetween, expectedShare, targetProgress, type Comparator, type Figure, type ScheduleMilestone, type TargetProgress } from './schedule.ts';
import { reportSignals, type DuePeriod, type ReportFact } from './signals.ts';

/** A target as the evaluation needs it. */
export interface TargetFacts {
  id: string;
  indicator: string;
  regionCode: string;
  parentTargetId: string | null;
  comparator: Comparator;
  value: number;
  deadline: string;
  milestones: ScheduleMilestone[];
}

/** A reported figure, for one target and region. */
export interface FigureFact extends Figure {
  targetId: string;
  regionCode: string;
}

/** A task with what its colour depends on. */
export interface TaskFacts {
  id: string;
  targetIds: string[];
  units: { unitId: string; name: string }[];
  reports: ReportFact[];
}

/** Everything a plan's colours depend on. */
export interface PlanFacts {
  start: string;
  rules: ColourRules;
  targets: TargetFacts[];
  figures: FigureFact[];
  tasks: TaskFacts[];
  periods: DuePeriod[];
}

/** One target judged. */
export interface TargetEvaluation {
  target: TargetFacts;
  expected: number;
  progress: TargetProgress;
  decision: TargetColourDecision;
}

/** One task judged. */
export interface TaskEvaluation {
  taskId: string;
  decision: ColourDecision;
}

/** The colour an entity had before the day judged, for red's stickiness. */
export type PreviousColour = (entityType: 'task' | 'target', entityId: string) => Colour | null;

/**
 * The figures that count for a target's own progress: those reported for its own region, either on the
 * target itself or, for a region's share of a larger target, on the parent for that region.
 */
export function ownFigures(target: TargetFacts, figures: readonly FigureFact[]): FigureFact[] {
  return figures.filter(
    (figure) => figure.regionCode === target.regionCode && (figure.targetId === target.id || (target.parentTargetId !== null && figure.targetId === target.parentTargetId)),
  );
}

/** Judges one target as of `asOf`. */
export function evaluateTarget(facts: PlanFacts, target: TargetFacts, asOf: string, previous: Colour | null): TargetEvaluation {
  // A limit holds the whole time, so its schedule is 1 from the start: broken means fully behind.
  const expected = target.comparator === '<=' ? 1 : expectedShare({ start: facts.start, deadline: target.deadline, value: target.value, milestones: target.milestones }, asOf);
  const progress = targetProgress(target, ownFigures(target, facts.figures), asOf);
  const decision = targetColour(previous, progress.progress, expected, daysBetween(asOf, target.deadline), facts.rules);
  return { target, expected, progress, decision };
}

/** Judges every target and task of a plan as of `asOf`. */
export function evaluatePlan(facts: PlanFacts, asOf: string, previous: PreviousColour): { targets: TargetEvaluation[]; tasks: TaskEvaluation[] } {
  const targets = facts.targets.map((target) => evaluateTarget(facts, target, asOf, previous('target', target.id)));
  const byId = new Map(targets.map((evaluation) => [evaluation.target.id, evaluation]));
  const tasks = facts.tasks.map((task) => {
    const linked = task.targetIds.flatMap((id) => {
      const evaluation = byId.get(id);
      return evaluation ? [{ label: evaluation.target.indicator, colour: evaluation.decision.colour }] : [];
    });
    return { taskId: task.id, decision: taskColour(linked, reportSignals(facts.periods, task.units, task.reports, asOf)) };
  });
  return { targets, tasks };
}
