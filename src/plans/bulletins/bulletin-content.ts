/**
 * The content of a bulletin (通报), IO-free: from the facts the service gathers — target progress, each
 * unit's punctuality, task colours, the problem ledger — it writes the five sections a bulletin has and
 * the trace that ties every figure to the reports it came from. A published bulletin keeps this content
 * unchanged, so everything a reader sees is in it: headings, summaries, rows and the ranking weights.
 */
import type { BulletinContent, ColoursSection, ProblemsSection, PunctualitySection, RankingSection, RankingWeights, TargetsSection } from '../../contracts/plan-bulletins.contract.ts';
import { problemCategories, problemCategoryLabels, type ProblemCategory, type ProblemStatus } from '../../contracts/plan-problems-constants.ts';
import { colourValues, type Colour } from '../../contracts/plan-progress-constants.ts';
import type { TargetProgressView } from '../../contracts/plan-progress.contract.ts';
import type { UnitPunctuality } from '../../contracts/plan-reports.contract.ts';
import { regionWithin } from '../../kernel/actor.ts';
import { period as readPeriod, periodLabel } from '../../kernel/periods.ts';
import { rankRegions, roundTenth, type RankingInput } from './ranking.ts';

/** A target's progress as of the period end, and the reports its figure came from. */
export type TargetFact = TargetProgressView & { reportIds: string[] };

/** A unit's punctuality for the period, and its reports sorted by timeliness. */
export type UnitFact = UnitPunctuality & { onTimeReportIds: string[]; lateReportIds: string[] };

/** A task's colour, its lead units as the document names them, and its reports for the period. */
export interface TaskFact {
  id: string;
  number: string;
  /** The task's title, or the start of its text when it has none. */
  title: string;
  colour: Colour;
  /** Why it has its colour, in both languages joined by `bilingual`. */
  reason: string;
  leadUnits: string;
  reportIds: string[];
}

/** A problem of the plan's ledger as it stood when the bulletin was drawn up. */
export interface ProblemFact {
  id: string;
  number: string;
  title: string;
  category: ProblemCategory;
  status: ProblemStatus;
  regionCode: string;
  regionName: string;
  ownerUnit: string;
  deadline: string;
  flagged: boolean;
  overdue: boolean;
}

/** Everything a bulletin is written from. */
export interface BulletinFacts {
  plan: { id: string; title: string; docNumber: string | null };
  period: { period: string; start: string; end: string; due: string };
  docNumber: string | null;
  issuer: string;
  issuedOn: string;
  /** The day the problem ledger was read. */
  problemsAsOf: string;
  weights: RankingWeights;
  /** The regions ranked: those one level below the plan's region that have something to score. */
  regions: { code: string; name: string }[];
  targets: TargetFact[];
  units: UnitFact[];
  tasks: TaskFact[];
  problems: ProblemFact[];
}

/** Colours as a bulletin names them. */
export const colourNames: Record<Colour, string> = { green: '绿色', blue: '蓝色', yellow: '黄色', red: '红色' };

/** Problem states as a bulletin names them. */
export const problemStatusNames: Record<ProblemStatus, string> = { open: '待办理', in_progress: '办理中', resolved: '待销号', closed: '已销号', reopened: '重新办理' };

const percentOf = (part: number, whole: number) => (whole === 0 ? 100 : roundTenth((part / whole) * 100));
const sortedUnique = (ids: Iterable<string>) => [...new Set(ids)].sort();

/** A number as a bulletin writes it: no binary noise, no trailing zeros. */
export function formatFigure(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** A date as an official document writes it: 2020年7月20日. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** True when a period gives a bulletin nothing to say: no report was due and no figure was given for it. */
export function isEmptyPeriod(facts: Pick<BulletinFacts, 'period' | 'units' | 'targets'>): boolean {
  const due = facts.units.reduce((sum, unit) => sum + unit.onTime + unit.late + unit.missing, 0);
  const figures = facts.targets.filter((target) => target.figureAsOf !== null && target.figureAsOf >= facts.period.start);
  return due === 0 && figures.length === 0;
}

function targetsSection(facts: BulletinFacts, trace: Record<string, string[]>): TargetsSection {
  const rows = facts.targets.map((target) => {
    const key = `targets.${target.key}`;
    trace[key] = sortedUnique(target.reportIds);
    return {
      key,
      targetId: target.id,
      indicator: target.indicator,
      regionCode: target.regionCode,
      regionName: target.regionName,
      comparator: target.comparator,
      value: target.value,
      unit: target.unit,
      deadline: target.deadline,
      figure: target.figure,
      figureAsOf: target.figureAsOf,
      progress: roundTenth(target.progress * 100),
      schedule: roundTenth(target.expectedShare * 100),
      slip: roundTenth(target.slip),
      colour: target.colour,
    };
  });
  const met = facts.targets.filter((target) => target.met).length;
  const behind = facts.targets.filter((target) => target.colour === 'yellow' || target.colour === 'red').length;
  const summary =
    rows.length === 0
      ? '本方案未设置量化目标。'
      : `截至${chineseDate(facts.period.end)}，方案${rows.length}项量化目标中，已完成${met}项；进度滞后于时序进度（黄色、红色）的${behind}项。`;
  return { kind: 'targets', heading: '目标任务完成情况', summary, rows };
}

function punctualitySection(facts: BulletinFacts, trace: Record<string, string[]>): PunctualitySection {
  const rows = facts.units.map((unit) => {
    const key = `punctuality.${unit.unitId}`;
    trace[key] = sortedUnique([...unit.onTimeReportIds, ...unit.lateReportIds]);
    trace[`${key}.onTime`] = sortedUnique(unit.onTimeReportIds);
    trace[`${key}.late`] = sortedUnique(unit.lateReportIds);
    return {
      key,
      unitId: unit.unitId,
      unitName: unit.unitName,
      regionCode: unit.regionCode,
      assigned: unit.assigned,
      onTime: unit.onTime,
      late: unit.late,
      missing: unit.missing,
      completeness: roundTenth(unit.completeness * 100),
    };
  });
  const sum = (pick: (unit: UnitFact) => number) => facts.units.reduce((total, unit) => total + pick(unit), 0);
  const totals = {
    assigned: sum((unit) => unit.assigned),
    onTime: sum((unit) => unit.onTime),
    late: sum((unit) => unit.late),
    missing: sum((unit) => unit.missing),
    completeness: percentOf(sum((unit) => unit.reported), sum((unit) => unit.assigned)),
  };
  trace['punctuality.total'] = sortedUnique(facts.units.flatMap((unit) => [...unit.onTimeReportIds, ...unit.lateReportIds]));
  const lateUnits = facts.units.filter((unit) => unit.missing > 0).map((unit) => unit.unitName);
  const named = lateUnits.length > 0 ? `未按要求报送的单位：${lateUnits.slice(0, 10).join('、')}${lateUnits.length > 10 ? `等${lateUnits.length}个单位` : ''}。` : '各单位均已报送。';
  const summary = `本期报送截止日期为${chineseDate(facts.period.due)}。${rows.length}个责任单位应报${totals.assigned}份，按时报送${totals.onTime}份，逾期报送${totals.late}份，未报送${totals.missing}份，报送完整率${totals.completeness}%。${named}`;
  return { kind: 'punctuality', heading: '工作报送情况', summary, due: facts.period.due, rows, totals };
}

function coloursSection(facts: BulletinFacts, trace: Record<string, string[]>): ColoursSection {
  const counts = Object.fromEntries(colourValues.map((colour) => [colour, 0])) as Record<Colour, number>;
  for (const task of facts.tasks) counts[task.colour] += 1;
  for (const colour of colourValues) {
    trace[`colours.${colour}`] = sortedUnique(facts.tasks.filter((task) => task.colour === colour).flatMap((task) => task.reportIds));
  }
  // Red before yellow; within a colour, the document's order.
  const listed = (['red', 'yellow'] as const).flatMap((colour) =>
    facts.tasks
      .filter((task) => task.colour === colour)
      .map((task) => {
        const key = `colours.${task.id}`;
        trace[key] = sortedUnique(task.reportIds);
        return { key, taskId: task.id, number: task.number, title: task.title, colour, reason: task.reason, leadUnits: task.leadUnits };
      }),
  );
  const summary = `方案${facts.tasks.length}项任务中，绿色${counts.green}项，蓝色${counts.blue}项，黄色${counts.yellow}项，红色${counts.red}项。${
    listed.length > 0 ? '红色、黄色任务及其牵头单位列表如下，请相关单位对照整改。' : '本期无红色、黄色任务。'
  }`;
  return { kind: 'colours', heading: '任务进度情况', summary, counts, listed };
}

function problemsSection(facts: BulletinFacts): ProblemsSection {
  const open = facts.problems.filter((problem) => problem.status !== 'closed');
  const flagged = open.filter((problem) => problem.flagged).sort((a, b) => a.deadline.localeCompare(b.deadline) || a.number.localeCompare(b.number));
  const totals = {
    total: facts.problems.length,
    open: open.length,
    overdue: open.filter((problem) => problem.overdue).length,
    closed: facts.problems.length - open.length,
    flagged: flagged.length,
  };
  const byCategory = problemCategories.flatMap((category) => {
    const inCategory = facts.problems.filter((problem) => problem.category === category);
    if (inCategory.length === 0) return [];
    const stillOpen = inCategory.filter((problem) => problem.status !== 'closed');
    return [{ category, label: problemCategoryLabels[category].zh, open: stillOpen.length, overdue: stillOpen.filter((problem) => problem.overdue).length, closed: inCategory.length - stillOpen.length }];
  });
  const summary =
    totals.total === 0
      ? `截至${chineseDate(facts.problemsAsOf)}，本方案问题台账无登记问题。`
      : `截至${chineseDate(facts.problemsAsOf)}，本方案问题台账共登记问题${totals.total}个，已销号${totals.closed}个，未销号${totals.open}个，其中超期未办结${totals.overdue}个、挂牌督办${totals.flagged}个。`;
  return {
    kind: 'problems',
    heading: '问题办理情况',
    summary,
    asOf: facts.problemsAsOf,
    totals,
    byCategory,
    flagged: flagged.map((problem) => ({
      problemId: problem.id,
      number: problem.number,
      title: problem.title,
      category: problem.category,
      regionName: problem.regionName,
      ownerUnit: problem.ownerUnit,
      deadline: problem.deadline,
      status: problem.status,
      overdue: problem.overdue,
    })),
  };
}

function rankingSection(facts: BulletinFacts, trace: Record<string, string[]>): RankingSection {
  const inputs: RankingInput[] = facts.regions.map((region) => {
    const units = facts.units.filter((unit) => regionWithin(unit.regionCode, region.code));
    const problems = facts.problems.filter((problem) => regionWithin(problem.regionCode, region.code));
    const closed = problems.filter((problem) => problem.status === 'closed').length;
    return {
      regionCode: region.code,
      regionName: region.name,
      targets: facts.targets.filter((target) => regionWithin(target.regionCode, region.code)).map((target) => ({ progress: target.progress, expected: target.expectedShare })),
      reports: { onTime: units.reduce((sum, unit) => sum + unit.onTime, 0), late: units.reduce((sum, unit) => sum + unit.late, 0), missing: units.reduce((sum, unit) => sum + unit.missing, 0) },
      problems: { closed, open: problems.length - closed },
    };
  });
  const rows = rankRegions(inputs, facts.weights).map((row) => {
    const key = `ranking.${row.regionCode}`;
    const targetReports = facts.targets.filter((target) => regionWithin(target.regionCode, row.regionCode)).flatMap((target) => target.reportIds);
    const unitReports = facts.units.filter((unit) => regionWithin(unit.regionCode, row.regionCode)).flatMap((unit) => [...unit.onTimeReportIds, ...unit.lateReportIds]);
    trace[`${key}.targetProgress`] = sortedUnique(targetReports);
    trace[`${key}.punctuality`] = sortedUnique(unitReports);
    trace[key] = sortedUnique([...targetReports, ...unitReports]);
    return { key, ...row };
  });
  const { targetProgress, punctuality, problemCloseOut } = facts.weights;
  const method = `综合得分按目标进度${targetProgress}%、报送及时率${punctuality}%、问题销号率${problemCloseOut}%的权重计算（目标进度按各项目标完成进度与时序进度之比计，最高100分；逾期报送按半份计；无相应事项的分项按100分计）。`;
  const summary = rows.length === 0 ? `${method}本期无参与排名的地区。` : `${method}${rows[0]?.regionName}综合得分最高（${rows[0]?.composite}分）。`;
  return { kind: 'ranking', heading: '综合排名', summary, weights: facts.weights, rows };
}

/** The bulletin's title: 关于2020年上半年重点任务推进情况的通报. */
export function bulletinTitle(label: string): string {
  return `关于${label}重点任务推进情况的通报`;
}

/** Writes a bulletin's content from its facts. */
export function composeBulletin(facts: BulletinFacts): BulletinContent {
  const label = periodLabel(readPeriod(facts.period.period), 'zh');
  const trace: Record<string, string[]> = {};
  const sections = [targetsSection(facts, trace), punctualitySection(facts, trace), coloursSection(facts, trace), problemsSection(facts), rankingSection(facts, trace)];
  const cited = facts.plan.docNumber ? `《${facts.plan.title}》（${facts.plan.docNumber}）` : `《${facts.plan.title}》`;
  return {
    plan: facts.plan,
    title: bulletinTitle(label),
    docNumber: facts.docNumber,
    period: facts.period.period,
    label,
    periodStart: facts.period.start,
    periodEnd: facts.period.end,
    due: facts.period.due,
    issuer: facts.issuer,
    issuedOn: facts.issuedOn,
    addressee: '各有关单位：',
    opening: `为推动${cited}各项任务落实，现将${label}目标任务完成、工作报送、任务进度、问题办理及综合排名情况通报如下：`,
    weights: facts.weights,
    sections,
    trace: Object.fromEntries(Object.entries(trace).sort(([a], [b]) => a.localeCompare(b))),
  };
}
