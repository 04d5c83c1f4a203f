import { describe, expect, it } from 'vitest';
import { check, type CheckScope } from './checker.ts';
import { RuleError } from './errors.ts';
import { parse } from './parser.ts';
import { testSchema } from './test-schema.ts';
import { typeName } from './types.ts';

const scope: CheckScope = { schema: testSchema, parameters: new Map([['award', { kind: 'money' }], ['months', { kind: 'months' }]]) };

function typeOf(source: string): string {
  return typeName(check(parse(source), source, scope));
}

function refusal(source: string): RuleError {
  try {
    check(parse(source), source, scope);
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error(`type-checked: ${source}`);
}

describe('rules.check', () => {
  it('types conditions, money arithmetic, months and dates', () => {
    expect(typeOf("'建档立卡贫困' in person.groups and person.months_employed >= 6")).toBe('boolean');
    expect(typeOf('param.award * 2 + 100元')).toBe('money');
    expect(typeOf('param.award / 3000元')).toBe('number');
    expect(typeOf('spell_months(hire.start, hire.end, as_of)')).toBe('months');
    expect(typeOf('min(hire.wage, param.award)')).toBe('money');
    expect(typeOf("if hire.size == '小型' then 1000元 else 2000元")).toBe('money');
    expect(typeOf("add_months(hire.start, param.months) <= date('2020-12-31')")).toBe('boolean');
  });

  it('refuses an unknown fact, parameter or function, naming it at its column', () => {
    const fact = refusal('person.age >= 16');
    expect(fact.position.column).toBe(1);
    expect(fact.text.zh).toContain('事实表 test 中没有「person.age」');
    expect(refusal('param.nothing > 1元').text.en).toContain('parameter "nothing" is not declared');
    expect(refusal('sqrt(4)').text.en).toContain('there is no function named sqrt');
  });

  it('keeps money apart from plain numbers and says how to write it', () => {
    const error = refusal('hire.wage >= 3000');
    expect(error.text.zh).toContain('不能比较金额（money）与数值（number）（金额请写成如 3000元）');
    expect(error.text.en).toContain('cannot compare money with number');
    expect(refusal('hire.wage + 1').text.zh).toContain('金额只能与金额相加减');
    expect(refusal('hire.wage * hire.wage').text.en).toContain('money cannot be multiplied by money');
  });

  it('refuses an enum value that is not one of its values, and a condition that is not boolean', () => {
    const error = refusal("hire.size == '特大型'");
    expect(error.text.zh).toContain('「特大型」不是可选值之一：大型、中型、小型、微型');
    expect(error.position.column).toBe(14);
    expect(refusal("'党员' in person.groups").text.en).toContain('"党员" is not one of');
    expect(refusal('person.months_employed and person.local').text.en).toContain('the left side of "and" must be boolean, not number');
    expect(refusal('if person.local then 1元 else 2').text.en).toContain('"then" and "else" must have one type');
    expect(refusal("spell_months(hire.start, '2020-01-01', as_of)").text.en).toContain('argument 2 of spell_months must be date');
    expect(refusal("round(hire.wage, 'banker')").text.en).toContain('the rounding mode must be one of half_up, down, up');
  });
});
