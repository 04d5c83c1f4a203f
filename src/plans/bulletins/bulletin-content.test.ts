import { describe, expect, it } from 'vitest';
import type { TargetProgressView } from '../../contracts/plan-progress.contract.ts';
import { bilingual } from '../../kernel/errors.ts';
import { composeBulletin, isEmptyPeriod, type BulletinFacts, type ProblemFact, type UnitFact } from './bulletin-content.ts';
import { cellText, layoutBulletin } from './bulletin-layout.ts';
import { defaultRankingWeights } from './ranking.ts';

function target(overrides: Partial<TargetProgressView> & { key: string; regionCode: string; reportIds?: string[] }): TargetProgressView & { reportIds: string[] } {
  return {
    id: `t-${overrides.key}`,
    indicator: '城镇新增就业',
    regionName: '临夏县',
    parentTargetId: null,
    comparator: '>=',
    value: 1000,
    unit: '人',
    deadline: '2020-12-31',
    expectedShare: 0.5,
    figure: 400,
    figureAsOf: '2020-06-30',
    progress: 0.4,
    met: false,
    slip: 10,
    colour: 'yellow',
    reason: '滞后时序进度10.0个百分点（超过5个百分点）',
    regions: [],
    reportIds: ['r-figure'],
    ...overrides,
  };
}

function unit(unitId: string, regionCode: string, counts: { onTime: string[]; late: string[]; missing: number }): UnitFact {
  const assigned = counts.onTime.length + counts.late.length + counts.missing;
  const reported = counts.onTime.length + counts.late.length;
  return {
    unitId,
    unitName: `${unitId}单位`,
    regionCode,
    assigned,
    reported,
    onTime: counts.onTime.length,
    late: counts.late.length,
    missing: counts.missing,
    notDue: 0,
    completeness: assigned === 0 ? 1 : reported / assigned,
    timeliness: counts.missing > 0 ? 'missing' : 'on_time',
    onTimeReportIds: counts.onTime,
    lateReportIds: counts.late,
  };
}

function problem(number: string, regionCode: string, status: ProblemFact['status'], extra: Partial<ProblemFact> = {}): ProblemFact {
  return { id: `p-${number}`, number, title: `问题${number}`, category: 'labour', status, regionCode, regionName: '县', ownerUnit: '专班', deadline: '2020-07-01', flagged: false, overdue: false, ...extra };
}

const facts: BulletinFacts = {
  plan: { id: 'plan-1', title: '临夏州稳就业工作方案', docNumber: '临州办发〔2020〕1号' },
  period: { period: '2020-06', start: '2020-06-01', end: '2020-06-30', due: '2020-07-05' },
  docNumber: '临就业办〔2020〕3号',
  issuer: '临夏州就业工作领导小组办公室',
  issuedOn: '2020-07-20',
  problemsAsOf: '2020-07-20',
  weights: defaultRankingWeights,
  regions: [
    { code: '622921', name: '临夏县' },
    { code: '622925', name: '和政县' },
  ],
  targets: [target({ key: 'jobs-622921', regionCode: '622921' }), target({ key: 'jobs-622925', regionCode: '622925', regionName: '和政县', figure: 600, progress: 0.6, slip: -10, colour: 'green', reportIds: [] })],
  units: [unit('a', '622921', { onTime: ['r1'], late: ['r2'], missing: 2 }), unit('b', '622925', { onTime: ['r3', 'r4'], late: [], missing: 0 }), unit('c', '622900', { onTime: [], late: [], missing: 1 })],
  tasks: [
    { id: 'task-1', number: '1', title: '稳岗返还', colour: 'red', reason: bilingual('临夏县人民政府2020年6月报告逾期未报送', 'report missing past due: 2020-06 临夏县人民政府'), leadUnits: '州人社局', reportIds: ['r2', 'r1'] },
    { id: 'task-2', number: '2', title: '创业担保贷款', colour: 'green', reason: '', leadUnits: '州财政局', reportIds: ['r3'] },
    { id: 'task-3', number: '3', title: '公益性岗位', colour: 'yellow', reason: bilingual('和政县人民政府2020年6月报告逾期报送', 'report late: 2020-06 和政县人民政府'), leadUnits: '各县(市)', reportIds: [] },
  ],
  problems: [
    problem('WT-2020-000001', '622921', 'open', { flagged: true, overdue: true }),
    problem('WT-2020-000002', '622921', 'closed'),
    problem('WT-2020-000003', '622925', 'in_progress', { category: 'arrears', deadline: '2020-08-01' }),
  ],
};

describe('composeBulletin', () => {
  const content = composeBulletin(facts);

  it('names the period, the plan and the bulletin as an official document does', () => {
    expect(content).toMatchObject({ title: '关于2020年6月重点任务推进情况的通报', label: '2020年6月', docNumber: '临就业办〔2020〕3号', issuer: '临夏州就业工作领导小组办公室', due: '2020-07-05' });
    expect(content.opening).toContain('《临夏州稳就业工作方案》（临州办发〔2020〕1号）');
    expect(content.sections.map((section) => section.heading)).toEqual(['目标任务完成情况', '工作报送情况', '任务进度情况', '问题办理情况', '综合排名']);
  });

  it('totals punctuality over the units and traces each count to its reports', () => {
    const punctuality = content.sections[1];
    if (punctuality?.kind !== 'punctuality') throw new Error('expected punctuality');
    // 4 of 7 reports submitted: 57.1%.
    expect(punctuality.totals).toEqual({ assigned: 7, onTime: 3, late: 1, missing: 3, completeness: 57.1 });
    expect(punctuality.rows[0]).toMatchObject({ key: 'punctuality.a', onTime: 1, late: 1, missing: 2, completeness: 50 });
    expect(content.trace['punctuality.a']).toEqual(['r1', 'r2']);
    expect(content.trace['punctuality.a.late']).toEqual(['r2']);
    expect(content.trace['punctuality.total']).toEqual(['r1', 'r2', 'r3', 'r4']);
  });

  it('lists red tasks before yellow ones, and counts every colour', () => {
    const colours = content.sections[2];
    if (colours?.kind !== 'colours') throw new Error('expected colours');
    expect(colours.counts).toEqual({ green: 1, blue: 0, yellow: 1, red: 1 });
    expect(colours.listed.map((task) => [task.number, task.colour, task.leadUnits])).toEqual([
      ['1', 'red', '州人社局'],
      ['3', 'yellow', '各县(市)'],
    ]);
    // The content keeps both languages, so that an English reader has the reason too.
    expect(colours.listed[1]?.reason).toBe(bilingual('和政县人民政府2020年6月报告逾期报送', 'report late: 2020-06 和政县人民政府'));
    expect(content.trace['colours.task-1']).toEqual(['r1', 'r2']);
    expect(content.trace['colours.red']).toEqual(['r1', 'r2']);
  });

  it('counts open, overdue and closed problems by category and lists only open 挂牌督办 ones', () => {
    const problems = content.sections[3];
    if (problems?.kind !== 'problems') throw new Error('expected problems');
    expect(problems.totals).toEqual({ total: 3, open: 2, overdue: 1, closed: 1, flagged: 1 });
    expect(problems.byCategory).toEqual([
      { category: 'labour', label: '用工', open: 1, overdue: 1, closed: 1 },
      { category: 'arrears', label: '清欠', open: 1, overdue: 0, closed: 0 },
    ]);
    expect(problems.flagged.map((entry) => entry.number)).toEqual(['WT-2020-000001']);
  });

  it('ranks the counties on their own targets, units and problems, leaving the prefecture’s own units out', () => {
    const ranking = content.sections[4];
    if (ranking?.kind !== 'ranking') throw new Error('expected ranking');
    // 临夏县: 0.4/0.5 → 80; (1 + 0.5)/4 → 37.5; 1 of 2 closed → 50; 40 + 11.25 + 10 = 61.25 → 61.3.
    // 和政县: 0.6/0.5 → capped 100; 2/2 → 100; 0 of 1 closed → 0; 50 + 30 + 0 = 80.
    expect(ranking.rows).toEqual([
      { key: 'ranking.622925', rank: 1, regionCode: '622925', regionName: '和政县', targetProgress: 100, punctuality: 100, problemCloseOut: 0, composite: 80 },
      { key: 'ranking.622921', rank: 2, regionCode: '622921', regionName: '临夏县', targetProgress: 80, punctuality: 37.5, problemCloseOut: 50, composite: 61.3 },
    ]);
    expect(content.trace['ranking.622921']).toEqual(['r-figure', 'r1', 'r2']);
    expect(ranking.summary).toContain('目标进度50%、报送及时率30%、问题销号率20%');
  });
});

describe('isEmptyPeriod', () => {
  it('is empty only with no report due and no figure given in the period', () => {
    const quiet = { period: facts.period, units: [unit('a', '622921', { onTime: [], late: [], missing: 0 })], targets: [target({ key: 'x', regionCode: '622921', figureAsOf: '2020-05-31' })] };
    expect(isEmptyPeriod(quiet)).toBe(true);
    expect(isEmptyPeriod({ ...quiet, targets: [target({ key: 'x', regionCode: '622921', figureAsOf: '2020-06-30' })] })).toBe(false);
    expect(isEmptyPeriod({ ...quiet, units: [unit('a', '622921', { onTime: [], late: [], missing: 1 })] })).toBe(false);
  });
});

describe('layoutBulletin', () => {
  it('numbers the sections 一、 to 五、 and keeps numbers as numbers in the tables', () => {
    const laid = layoutBulletin(composeBulletin(facts));
    expect(laid.map((section) => section.heading)).toEqual(['一、目标任务完成情况', '二、工作报送情况', '三、任务进度情况', '四、问题办理情况', '五、综合排名']);
    const targets = laid[0]?.parts[0]?.table;
    expect(targets?.rows[0]?.slice(0, 5)).toEqual([1, '城镇新增就业', '临夏县', '≥', 1000]);
    const punctuality = laid[1]?.parts[0]?.table;
    expect(punctuality?.rows.at(-1)).toEqual(['合计', null, 7, 3, 1, 3, 57.1]);
    expect(laid[2]?.parts.map((part) => part.heading)).toEqual(['（一）任务颜色分布', '（二）红色、黄色任务']);
  });

  it('prints the Chinese reason of each red and yellow task, and none for a reason kept in English only', () => {
    const listed = layoutBulletin(composeBulletin(facts))[2]?.parts[1]?.table;
    expect(listed?.columns.at(-1)?.header).toBe('预警原因');
    expect(listed?.rows.map((row) => row.at(-1))).toEqual(['临夏县人民政府2020年6月报告逾期未报送', '和政县人民政府2020年6月报告逾期报送']);
    const older = { ...facts, tasks: facts.tasks.map((task) => ({ ...task, reason: 'report late: 2020-06 和政县人民政府' })) };
    expect(layoutBulletin(composeBulletin(older))[2]?.parts[1]?.table?.rows.map((row) => row.at(-1))).toEqual([null, null]);
  });

  it('prints a missing figure as a dash and numbers without binary noise', () => {
    expect(cellText(null)).toBe('—');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
  });
});
