import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codePositions, evaluateFormula, formulaCodes, FormulaError, parseEquation, parseFormula, type FormulaNode } from './formula.ts';

const values = (entries: Record<string, number | null>) => new Map(Object.entries(entries));

function positionOf(text: string): number {
  try {
    parseFormula(text);
  } catch (error) {
    if (error instanceof FormulaError) return error.position;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe('formula.parse', () => {
  it('follows precedence and parentheses', () => {
    const node = parseFormula('a + b * 2');
    expect(evaluateFormula(node, values({ a: 1, b: 3 })).value).toBe(7);
    expect(evaluateFormula(parseFormula('(a + b) * 2'), values({ a: 1, b: 3 })).value).toBe(8);
    expect(evaluateFormula(parseFormula('a - b - c'), values({ a: 10, b: 3, c: 2 })).value).toBe(5);
    expect(evaluateFormula(parseFormula('a / b / c'), values({ a: 12, b: 3, c: 2 })).value).toBe(2);
    expect(evaluateFormula(parseFormula('-a + 2.5'), values({ a: 1 })).value).toBe(1.5);
  });

  it('lists each code once in order of first use', () => {
    expect(formulaCodes(parseFormula('zan_fu_kuan / (general_budget + fund_budget) * 100 + zan_fu_kuan'))).toEqual(['zan_fu_kuan', 'general_budget', 'fund_budget']);
    expect(codePositions(parseFormula('a + bb'))).toEqual([
      { code: 'a', position: 0 },
      { code: 'bb', position: 4 },
    ]);
  });

  it('points at the position of a bad character, a missing operand, a missing parenthesis and two operands in a row', () => {
    expect(positionOf('a + $b')).toBe(4);
    expect(positionOf('a +')).toBe(3);
    expect(positionOf('(a + b')).toBe(6);
    expect(positionOf('a b')).toBe(2);
    expect(positionOf('a + )')).toBe(4);
    expect(positionOf('')).toBe(0);
  });

  it('says what is wrong in both languages', () => {
    try {
      parseFormula('stock / ');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaError);
      expect((error as FormulaError).zh).toContain('第 9 个字符');
      expect((error as FormulaError).message).toContain('at character 9');
    }
  });
});

describe('formula.evaluate', () => {
  it('computes the registered unemployment rate from its components', () => {
    const rate = parseFormula('registered_unemployed / labour_force * 100');
    expect(evaluateFormula(rate, values({ registered_unemployed: 45, labour_force: 1000 }))).toEqual({ value: 4.5, missing: [] });
  });

  it('is missing, naming every missing component, when a component is absent or null', () => {
    const node = parseFormula('stock / daily_consumption + reserve');
    expect(evaluateFormula(node, values({ stock: 10, daily_consumption: null }))).toEqual({ value: null, missing: ['daily_consumption', 'reserve'] });
  });

  it('is missing, not infinite, when dividing by zero', () => {
    expect(evaluateFormula(parseFormula('stock / daily_consumption'), values({ stock: 10, daily_consumption: 0 }))).toEqual({ value: null, missing: [] });
    expect(evaluateFormula(parseFormula('a / (b - b)'), values({ a: 1, b: 5 })).value).toBeNull();
  });
});

describe('formula.equation', () => {
  it('reads both sides and shifts error positions to the whole text', () => {
    const equation = parseEquation('headcount_end = headcount_start + hires - separations');
    expect(formulaCodes(equation.right)).toEqual(['headcount_start', 'hires', 'separations']);
    try {
      parseEquation('a = b +');
      expect.unreachable();
    } catch (error) {
      expect((error as FormulaError).position).toBe(7);
    }
    expect(() => parseEquation('a + b')).toThrow(FormulaError);
    expect(() => parseEquation('a = b = c')).toThrow(FormulaError);
  });
});

/** Random formulas with their value computed independently. */
const codes = ['a', 'b', 'c', 'd'] as const;
const leaf = fc.oneof(fc.constantFrom(...codes).map((code) => ({ text: code, code })), fc.integer({ min: 0, max: 99 }).map((number) => ({ text: String(number), code: null })));
const formula: fc.Arbitrary<string> = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf.map((item) => item.text),
    fc.tuple(tie('expression'), fc.constantFrom('+', '-', '*', '/'), tie('expression')).map(([left, operator, right]) => `(${left} ${operator} ${right})`),
  ),
})).expression;

function reference(node: FormulaNode, env: Record<string, number>): number | null {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'code':
      return env[node.code]!;
    case 'negate': {
      const value = reference(node.operand, env);
      return value === null ? null : -value;
    }
    case 'binary': {
      const left = reference(node.left, env);
      const right = reference(node.right, env);
      if (left === null || right === null) return null;
      if (node.operator === '/') return right === 0 ? null : left / right;
      return node.operator === '+' ? left + right : node.operator === '-' ? left - right : left * right;
    }
  }
}

describe('formula properties', () => {
  it('names exactly the codes missing, and is missing whenever one is', () => {
    fc.assert(
      fc.property(formula, fc.subarray<string>([...codes]), (text, absent) => {
        const node = parseFormula(text);
        const env = new Map<string, number | null>(codes.map((code) => [code, absent.includes(code) ? null : 1]));
        const result = evaluateFormula(node, env);
        const used = formulaCodes(node);
        const expected = used.filter((code) => absent.includes(code));
        expect(result.missing).toEqual(expected);
        if (expected.length > 0) expect(result.value).toBeNull();
      }),
    );
  });

  it('reads back what it parses, with spaces or without', () => {
    fc.assert(
      fc.property(formula, fc.record({ a: fc.integer({ min: -9, max: 9 }), b: fc.integer(), c: fc.integer({ min: 0, max: 3 }), d: fc.integer() }), (text, env) => {
        const spaced = parseFormula(text);
        const tight = parseFormula(text.replace(/ /g, ''));
        const map = new Map(Object.entries(env));
        expect(evaluateFormula(tight, map)).toEqual(evaluateFormula(spaced, map));
        const value = evaluateFormula(spaced, map).value;
        const expected = reference(spaced, env);
        expect(value).toEqual(expected === null || !Number.isFinite(expected) ? null : expected);
      }),
    );
  });

  it('never throws on arbitrary text except with a FormulaError carrying a position inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          parseFormula(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FormulaError);
          expect((error as FormulaError).position).toBeGreaterThanOrEqual(0);
          expect((error as FormulaError).position).toBeLessThanOrEqual(text.length);
        }
      }),
    );
  });
});
