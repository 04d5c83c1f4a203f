import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutSpans, type BinaryOperator, type Expression } from './ast.ts';
import { RuleError } from './errors.ts';
import { parse } from './parser.ts';
import { print } from './printer.ts';

function refusal(source: string): RuleError {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error(`parsed: ${source}`);
}

const span = { start: 0, end: 0 };
const leaf: fc.Arbitrary<Expression> = fc.oneof(
  fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 99_999 }).map((value) => value / 100)).map((value) => ({ kind: 'number' as const, value, ...span })),
  fc.integer({ min: 0, max: 100_000_000 }).map((fen) => ({ kind: 'money' as const, fen, ...span })),
  fc.string({ maxLength: 6 }).map((value) => ({ kind: 'string' as const, value, ...span })),
  fc.boolean().map((value) => ({ kind: 'boolean' as const, value, ...span })),
  fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => ({ kind: 'date' as const, value: date.toISOString().slice(0, 10), ...span })),
  fc.constantFrom('person.groups', 'hire.start_date', 'a', 'hire.employer.size').map((path) => ({ kind: 'fact' as const, path, ...span })),
  fc.constantFrom('cap', 'award_2020').map((name) => ({ kind: 'parameter' as const, name, ...span })),
  fc.constant({ kind: 'as_of' as const, ...span }),
);
const operators: BinaryOperator[] = ['+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>=', 'and', 'or'];
const { tree } = fc.letrec<{ tree: Expression }>((recurse) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ kind: fc.constant('unary' as const), operator: fc.constantFrom('-' as const, 'not' as const), operand: recurse('tree'), ...{ start: fc.constant(0), end: fc.constant(0) } }),
    fc.record({ kind: fc.constant('binary' as const), operator: fc.constantFrom(...operators), left: recurse('tree'), right: recurse('tree'), start: fc.constant(0), end: fc.constant(0) }),
    fc.record({ kind: fc.constant('in' as const), value: recurse('tree'), list: recurse('tree'), negated: fc.boolean(), start: fc.constant(0), end: fc.constant(0) }),
    fc.record({ kind: fc.constant('if' as const), condition: recurse('tree'), then: recurse('tree'), otherwise: recurse('tree'), start: fc.constant(0), end: fc.constant(0) }),
    fc.record({ kind: fc.constant('list' as const), items: fc.array(recurse('tree'), { maxLength: 3 }), start: fc.constant(0), end: fc.constant(0) }),
    fc.record({ kind: fc.constant('call' as const), name: fc.constantFrom('min', 'max', 'spell_months'), args: fc.array(recurse('tree'), { maxLength: 3 }), start: fc.constant(0), end: fc.constant(0) }),
  ),
}));

describe('rules.parse', () => {
  it('reads literals, facts, parameters, money in yuan, 万元 and fen, and dates', () => {
    const node = parse("hire.employer.size in ['小型', '微型'] and 1.5万元 + 3000元 + 50分 >= param.cap and hire.start_date >= date('2020-01-01')");
    expect(print(node)).toBe("hire.employer.size in ['小型', '微型'] and 15000元 + 3000元 + 0.50元 >= param.cap and hire.start_date >= date('2020-01-01')");
  });

  it('binds the way the grammar says: if loosest, then or, and, not, comparison, + -, * /', () => {
    expect(withoutSpans(parse('not a and b or c'))).toEqual(withoutSpans(parse('((not a) and b) or c')));
    expect(withoutSpans(parse('1 + 2 * 3 - 4'))).toEqual(withoutSpans(parse('(1 + (2 * 3)) - 4')));
    expect(withoutSpans(parse('if a then 1 else 2 + 3'))).toEqual(withoutSpans(parse('if a then 1 else (2 + 3)')));
  });

  it('points at an unexpected character with its line and column', () => {
    const error = refusal('a >= 6 and\n  b # 3');
    expect(error.position).toMatchObject({ line: 2, column: 5 });
    expect(error.text.zh).toContain('规则第 2 行第 5 列');
    expect(error.text.zh).toContain('无法识别的字符「#」');
    expect(error.text.en).toContain('unexpected character "#"');
  });

  it('refuses a missing operand, an unclosed parenthesis or string, and chained comparisons, where they occur', () => {
    expect(refusal('a + ').position.column).toBe(5);
    expect(refusal('(a + 1').text.en).toContain('expected ")"');
    expect(refusal("'abc").position.column).toBe(1);
    expect(refusal('1 < a < 3').text.zh).toContain('比较不能连写');
    expect(refusal("date('2020-02-30')").text.en).toContain('not a valid date');
    expect(refusal('0.005元').text.en).toContain('not a whole number of fen');
    expect(refusal('a b').text.en).toContain('unexpected "b"');
  });

  it('gives back the same tree from its printed text, for any tree (parse ∘ print = identity)', () => {
    fc.assert(
      fc.property(tree, (node) => {
        expect(withoutSpans(parse(print(node)))).toEqual(withoutSpans(node));
      }),
      { numRuns: 500 },
    );
  });
});
