import { describe, expect, it } from 'vitest';
import { evaluate, Unknown, type Environment, type Result } from './evaluate.ts';
import { readFacts, type RawFacts } from './facts.ts';
import { dayOfDate, monthsBetween, roundWhole } from './functions.ts';
import { parse } from './parser.ts';
import { testSchema } from './test-schema.ts';

function run(source: string, raw: RawFacts, asOf = '2020-12-31'): Result {
  const facts = readFacts(testSchema, raw);
  const environment: Environment = {
    fact: (path) => facts.get(path),
    parameter: (name) => (name === 'award' ? { name, value: 300_000, reference: '文号' } : undefined),
    asOf: dayOfDate(asOf),
    used: [],
  };
  return evaluate(parse(source), environment);
}

function waitsFor(result: Result): string[] {
  if (!(result instanceof Unknown)) throw new Error(`known: ${String(result)}`);
  return [...result.facts, ...result.parameters];
}

describe('rules.evaluate', () => {
  it('lets a missing fact matter only where it can change the answer', () => {
    expect(run('person.local and person.months_employed >= 6', { 'person.months_employed': 5.9 })).toBe(false);
    expect(waitsFor(run('person.local and person.months_employed >= 6', { 'person.months_employed': 6 }))).toEqual(['person.local']);
    expect(run('person.local or person.months_employed >= 6', { 'person.months_employed': 6 })).toBe(true);
    expect(run("if person.local then 1000元 else 1000元", {})).toBe(100_000);
    expect(waitsFor(run("if person.local then 1000元 else hire.wage", {})).sort()).toEqual(['hire.wage', 'person.local']);
    expect(waitsFor(run('person.local and hire.contract >= 6', {})).sort()).toEqual(['hire.contract', 'person.local']);
  });

  it('tells 5.9 months from 6', () => {
    expect(run('person.months_employed >= 6', { 'person.months_employed': '5.9' })).toBe(false);
    expect(run('person.months_employed >= 6', { 'person.months_employed': 6 })).toBe(true);
  });

  it('counts a spell to its end, or to the evaluation date while it lasts', () => {
    expect(run('spell_months(hire.start, hire.end, as_of)', { 'hire.start': '2020-01-15', 'hire.end': '2020-07-14' })).toBe(5);
    expect(run('spell_months(hire.start, hire.end, as_of)', { 'hire.start': '2020-01-15', 'hire.end': '2020-07-15' })).toBe(6);
    expect(run('spell_months(hire.start, hire.end, as_of)', { 'hire.start': '2020-01-15' }, '2021-01-15')).toBe(12);
    expect(run('spell_months(hire.start, hire.end, as_of)', { 'hire.start': '2020-01-15', 'hire.end': '2022-01-01' }, '2020-12-31')).toBe(11);
    expect(monthsBetween(dayOfDate('2020-01-31'), dayOfDate('2020-02-29'))).toBe(1);
    expect(monthsBetween(dayOfDate('1890-01-31'), dayOfDate('1890-02-27'))).toBe(0);
  });

  it('keeps money in fen and rounds once, in the declared mode', () => {
    expect(run('param.award * 0.15', {})).toBeCloseTo(45_000);
    expect(roundWhole(0.15 * 100 * 100 + 0.5, 'half_up')).toBe(1501);
    expect(roundWhole(1500.5, 'down')).toBe(1500);
    expect(roundWhole(1500.0001, 'up')).toBe(1501);
    expect(roundWhole(-1500.5, 'half_up')).toBe(-1501);
    expect(roundWhole(0.1 * 3 * 10, 'up')).toBe(3);
  });

  it('looks for a value in a list fact and in a list of literals', () => {
    expect(run("'建档立卡贫困' in person.groups", { 'person.groups': '高校毕业生|建档立卡贫困' })).toBe(true);
    expect(run("'建档立卡贫困' in person.groups", { 'person.groups': '[]' })).toBe(false);
    expect(run("hire.size not in ['大型']", { 'hire.size': '小型' })).toBe(true);
  });

  it('refuses facts of the wrong type, naming the field', () => {
    expect(() => readFacts(testSchema, { 'hire.start': '2020-02-30' })).toThrow(/hire\.start/);
    expect(() => readFacts(testSchema, { 'hire.contract': 5.5 })).toThrow(/"hire.contract" must be months/);
    expect(() => readFacts(testSchema, { 'hire.size': '特大型' })).toThrow(/hire\.size/);
    expect(() => readFacts(testSchema, { 'hire.wage': '12.345' })).toThrow(/hire\.wage/);
    expect(() => readFacts(testSchema, { person: { age: 3 } })).toThrow(/no "person.age"/);
    expect(readFacts(testSchema, { hire: { wage: '3000.50元' } }).get('hire.wage')).toBe(300_050);
  });
});
