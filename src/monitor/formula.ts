/**
 * Formulas over indicator codes: `registered_unemployed / labour_force * 100`. Arithmetic only (+ − × ÷,
 * unary minus, parentheses, decimal numbers) so that a formula can be checked when it is saved and can never
 * run anything. A missing component makes the result missing and is named; division by zero is missing too,
 * never zero or infinity.
 */

/** A parsed formula. */
export type FormulaNode =
  | { kind: 'number'; value: number }
  | { kind: 'code'; code: string; position: number }
  | { kind: 'negate'; operand: FormulaNode }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode };

/** The result of evaluating a formula: null when a component is missing (named in `missing`) or a divisor is zero. */
export interface FormulaResult {
  value: number | null;
  missing: string[];
}

/** A formula that cannot be read, with the 0-based character position of the problem. */
export class FormulaError extends Error {
  readonly position: number;
  readonly zh: string;

  constructor(position: number, zh: string, en: string) {
    super(`${en} (at character ${position + 1})`);
    this.name = 'FormulaError';
    this.position = position;
    this.zh = `${zh}（第 ${position + 1} 个字符）`;
  }
}

interface Token {
  kind: 'number' | 'code' | 'operator' | 'open' | 'close' | 'end';
  text: string;
  position: number;
}

const maxLength = 500;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?)|([a-z][a-z0-9_]*)|([-+*/])|(\()|(\)))/y;
  let position = 0;
  while (position < text.length) {
    if (/^\s*$/.test(text.slice(position))) break;
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (!match) {
      const at = position + (text.slice(position).length - text.slice(position).trimStart().length);
      throw new FormulaError(at, `公式中不能出现“${text[at]}”：只能使用指标代码、数字、+ - * / 和括号`, `"${text[at]}" cannot appear in a formula: use indicator codes, numbers, + - * / and parentheses`);
    }
    const start = match.index + (match[0].length - match[0].trimStart().length);
    const kind = match[1] ? 'number' : match[2] ? 'code' : match[3] ? 'operator' : match[4] ? 'open' : 'close';
    tokens.push({ kind, text: match[0].trim(), position: start });
    position = pattern.lastIndex;
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

/** Parses a formula; throws a FormulaError naming the position of the first problem. */
export function parseFormula(text: string): FormulaNode {
  if (text.length > maxLength) throw new FormulaError(maxLength, `公式不能超过 ${maxLength} 个字符`, `A formula cannot be longer than ${maxLength} characters`);
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index]!;
  const take = () => tokens[index++]!;

  function expression(): FormulaNode {
    let left = term();
    while (peek().kind === 'operator' && (peek().text === '+' || peek().text === '-')) {
      const operator = take().text as '+' | '-';
      left = { kind: 'binary', operator, left, right: term() };
    }
    return left;
  }
  function term(): FormulaNode {
    let left = factor();
    while (peek().kind === 'operator' && (peek().text === '*' || peek().text === '/')) {
      const operator = take().text as '*' | '/';
      left = { kind: 'binary', operator, left, right: factor() };
    }
    return left;
  }
  function factor(): FormulaNode {
    const token = take();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: Number(token.text) };
      case 'code':
        return { kind: 'code', code: token.text, position: token.position };
      case 'operator':
        if (token.text === '-') return { kind: 'negate', operand: factor() };
        if (token.text === '+') return factor();
        break;
      case 'open': {
        const inner = expression();
        const close = take();
        if (close.kind !== 'close') throw new FormulaError(close.position, '缺少右括号“)”', 'A closing parenthesis ")" is missing');
        return inner;
      }
      case 'end':
        throw new FormulaError(token.position, '公式不完整：此处缺少指标代码或数字', 'The formula is incomplete: an indicator code or number is missing here');
      case 'close':
        break;
    }
    throw new FormulaError(token.position, `此处应为指标代码、数字或“(”，而不是“${token.text}”`, `Expected an indicator code, a number or "(" here, not "${token.text}"`);
  }

  const node = expression();
  const rest = peek();
  if (rest.kind !== 'end') {
    throw new FormulaError(rest.position, `“${rest.text}”前缺少运算符`, `An operator is missing before "${rest.text}"`);
  }
  return node;
}

/** The indicator codes a formula uses, each once, in order of first appearance. */
export function formulaCodes(node: FormulaNode): string[] {
  const codes: string[] = [];
  const visit = (current: FormulaNode): void => {
    if (current.kind === 'code' && !codes.includes(current.code)) codes.push(current.code);
    if (current.kind === 'negate') visit(current.operand);
    if (current.kind === 'binary') {
      visit(current.left);
      visit(current.right);
    }
  };
  visit(node);
  return codes;
}

/** Every position where a code appears, for pointing at an unknown one. */
export function codePositions(node: FormulaNode): { code: string; position: number }[] {
  if (node.kind === 'code') return [{ code: node.code, position: node.position }];
  if (node.kind === 'negate') return codePositions(node.operand);
  if (node.kind === 'binary') return [...codePositions(node.left), ...codePositions(node.right)];
  return [];
}

/**
 * Evaluates a formula against the components' values. A code absent from `values` or null is missing: the
 * result is null and the missing codes are listed. A zero divisor gives null with no missing code.
 */
export function evaluateFormula(node: FormulaNode, values: ReadonlyMap<string, number | null>): FormulaResult {
  const missing = formulaCodes(node).filter((code) => values.get(code) === undefined || values.get(code) === null);
  if (missing.length > 0) return { value: null, missing };
  const compute = (current: FormulaNode): number | null => {
    switch (current.kind) {
      case 'number':
        return current.value;
      case 'code':
        return values.get(current.code) ?? null;
      case 'negate': {
        const operand = compute(current.operand);
        return operand === null ? null : -operand;
      }
      case 'binary': {
        const left = compute(current.left);
        const right = compute(current.right);
        if (left === null || right === null) return null;
        if (current.operator === '+') return left + right;
        if (current.operator === '-') return left - right;
        if (current.operator === '*') return left * right;
        return right === 0 ? null : left / right;
      }
    }
  };
  const value = compute(node);
  return { value: value === null || !Number.isFinite(value) ? null : value, missing: [] };
}

/** An equation of a form's validation rule: two formulas that must be equal (`end = start + hires - separations`). */
export interface Equation {
  left: FormulaNode;
  right: FormulaNode;
}

/** Parses `left = right`; positions in errors count from the start of the whole equation. */
export function parseEquation(text: string): Equation {
  const equals = text.indexOf('=');
  if (equals < 0) throw new FormulaError(text.length, '等式缺少“=”', 'The equation has no "="');
  if (text.indexOf('=', equals + 1) >= 0) throw new FormulaError(text.indexOf('=', equals + 1), '等式只能有一个“=”', 'An equation has exactly one "="');
  const left = parseFormula(text.slice(0, equals));
  try {
    return { left, right: parseFormula(text.slice(equals + 1)) };
  } catch (error) {
    if (!(error instanceof FormulaError)) throw error;
    const shifted = error.position + equals + 1;
    throw new FormulaError(shifted, error.zh.replace(/（第 \d+ 个字符）$/, ''), error.message.replace(/ \(at character \d+\)$/, ''));
  }
}
