import { describe, expect, it } from 'vitest';
import { allTasks, filterTree, groupUnits, sectionChoices, unitsOfPlan } from './planTree.ts';
import type { SectionView, TaskView } from '../../types.ts';

function unit(unitId: string, namedAs: string, isLead = false) {
  return { unitId, name: `${namedAs}全称`, regionCode: '500111', namedAs, isLead, acknowledgedAt: null };
}

function task(id: string, units: TaskView['units']): TaskView {
  return { id, number: id, title: null, text: `任务${id}`, clause: id, responsibilityText: null, leadNamedAs: null, due: null, units, targetIds: [] };
}

const tree: SectionView[] = [
  {
    id: 's1',
    number: '一',
    title: '稳岗',
    clause: null,
    tasks: [task('1', [unit('hr', '区人力社保局', true), unit('fin', '区财政局')])],
    sections: [{ id: 's1a', number: '(一)', title: '援企', clause: null, tasks: [task('2', [unit('fin', '区财政局', true)])], sections: [] }],
  },
  { id: 's2', number: '二', title: '就业', clause: null, tasks: [task('3', [unit('hr', '区人社局')])], sections: [] },
];

describe('plan tree', () => {
  it('lists tasks in document order', () => {
    expect(allTasks(tree).map((item) => item.id)).toEqual(['1', '2', '3']);
  });

  it('lists each unit once with every name the document used for it', () => {
    expect(unitsOfPlan(tree).map((item) => [item.unitId, item.namedAs])).toEqual([
      ['hr', ['区人力社保局', '区人社局']],
      ['fin', ['区财政局']],
    ]);
  });

  it('flattens sections with their depth', () => {
    expect(sectionChoices(tree).map((choice) => [choice.id, choice.depth])).toEqual([['s1', 0], ['s1a', 1], ['s2', 0]]);
  });

  it('keeps only the tasks of a unit and drops emptied sections', () => {
    const kept = filterTree(tree, { unitId: 'fin' });
    expect(allTasks(kept).map((item) => item.id)).toEqual(['1', '2']);
    expect(kept.map((section) => section.id)).toEqual(['s1']);
  });

  it('narrows to one section, subsections included', () => {
    expect(allTasks(filterTree(tree, { sectionId: 's1' })).map((item) => item.id)).toEqual(['1', '2']);
    expect(allTasks(filterTree(tree, { sectionId: 's1a' })).map((item) => item.id)).toEqual(['2']);
    expect(filterTree(tree, { sectionId: 'gone' })).toEqual([]);
  });

  it('combines the unit filter with a set of task ids (a colour)', () => {
    expect(allTasks(filterTree(tree, { unitId: 'hr', taskIds: new Set(['3']) })).map((item) => item.id)).toEqual(['3']);
  });

  it('folds consecutive units listed under one name, keeping the lead apart', () => {
    const groups = groupUnits([unit('a', '各县市'), unit('b', '各县市'), unit('hr', '州人社局', true), unit('c', '各县市')]);
    expect(groups.map((group) => [group.namedAs, group.units.length, group.isLead])).toEqual([
      ['各县市', 2, false],
      ['州人社局', 1, true],
      ['各县市', 1, false],
    ]);
  });
});
