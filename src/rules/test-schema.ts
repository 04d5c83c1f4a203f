/** A small facts schema and pack text shared by the rules engine's unit tests. */
import type { FactsSchema, FactSpec, RuleType } from './types.ts';

function spec(path: string, type: RuleType, zh: string): FactSpec {
  return { path, type, label: { zh, en: path }, question: { zh: `${zh}是多少？`, en: `What is ${path}?` } };
}

/** Facts of a person and a hire, one of each type. */
export const testSchema: FactsSchema = {
  id: 'test',
  county: 'person.county',
  facts: new Map(
    [
      spec('person.id', { kind: 'string' }, '人员编号'),
      spec('person.county', { kind: 'string' }, '县'),
      spec('person.groups', { kind: 'list', of: { kind: 'enum', values: ['建档立卡贫困', '边缘易致贫', '高校毕业生'] } }, '人员类别'),
      spec('person.months_employed', { kind: 'number' }, '就业月数'),
      spec('person.local', { kind: 'boolean' }, '本地'),
      spec('hire.size', { kind: 'enum', values: ['大型', '中型', '小型', '微型'] }, '规模'),
      spec('hire.start', { kind: 'date' }, '入职日期'),
      spec('hire.end', { kind: 'date' }, '离职日期'),
      spec('hire.contract', { kind: 'months' }, '合同月数'),
      spec('hire.wage', { kind: 'money' }, '工资'),
    ].map((fact) => [fact.path, fact]),
  ),
};
