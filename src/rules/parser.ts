/**
 * Lexer and parser of the rules language: a small CEL-like expression syntax with no loops, no
 * assignment and no way to name anything outside the facts, the parameters and a fixed list of
 * functions. Precedence from loosest to tightest: `if … then … else …`, `or`, `and`, `not`,
 * comparisons and `in` (not chained), `+ -`, `* /`, unary `-`.
 */
import type { BinaryOperator, Expression } from './ast.ts';
import { yuanToFen } from '../kernel/money.ts';
import { isIsoDate } from '../kernel/periods.ts';
import { RuleError } from './errors.ts';

type TokenKind = 'number' | 'money' | 'string' | 'name' | 'symbol' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  /** the string's content, the number's digits, or the money amount in fen */
  value: string | number;
  start: number;
  end: number;
}

/** Words that cannot be used as fact names. */
export const keywords = new Set(['and', 'or', 'not', 'in', 'if', 'then', 'else', 'true', 'false']);

const symbols = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '(', ')', '[', ']', ','];
const moneyUnits: Array<[string, number]> = [['万元', 1_000_000], ['元', 100], ['分', 1]];

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isNameStart(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z_]/.test(char);
}

function moneyOf(source: string, digits: string, unit: number, start: number): number {
  const [whole = '0', fraction = ''] = digits.split('.');
  // 1.5万元 = 15000元: shift the decimal point by the unit's power of ten, then read the yuan exactly.
  const places = Math.log10(unit / 100);
  let yuan = digits;
  if (places > 0) yuan = `${whole}${fraction.padEnd(places, '0').slice(0, places)}.${fraction.slice(places)}`.replace(/\.$/, '');
  if (unit === 1) {
    if (fraction !== '') throw new RuleError(source, start, { zh: '分必须是整数', en: 'fen must be a whole number' });
    return Number(whole);
  }
  try {
    return yuanToFen(yuan);
  } catch {
    throw new RuleError(source, start, { zh: `金额 ${digits} 不是整分`, en: `amount ${digits} is not a whole number of fen` });
  }
}

/** Splits a rule into tokens; throws a RuleError at the first character that belongs to no token. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      index++;
      continue;
    }
    const start = index;
    if (isDigit(char)) {
      while (isDigit(source[index])) index++;
      if (source[index] === '.' && isDigit(source[index + 1])) {
        index++;
        while (isDigit(source[index])) index++;
      }
      const digits = source.slice(start, index);
      const unit = moneyUnits.find(([name]) => source.startsWith(name, index));
      if (unit) {
        index += unit[0].length;
        tokens.push({ kind: 'money', text: source.slice(start, index), value: moneyOf(source, digits, unit[1], start), start, end: index });
      } else {
        tokens.push({ kind: 'number', text: digits, value: Number(digits), start, end: index });
      }
      continue;
    }
    if (char === "'" || char === '"') {
      let value = '';
      index++;
      while (index < source.length && source[index] !== char) {
        if (source[index] === '\\' && index + 1 < source.length) index++;
        value += source[index];
        index++;
      }
      if (index >= source.length) throw new RuleError(source, start, { zh: '字符串没有结束引号', en: 'string has no closing quote' });
      index++;
      tokens.push({ kind: 'string', text: source.slice(start, index), value, start, end: index });
      continue;
    }
    if (isNameStart(char)) {
      while (index < source.length && /[A-Za-z0-9_.]/.test(source[index] ?? '')) index++;
      const text = source.slice(start, index);
      if (text.endsWith('.') || text.includes('..')) {
        throw new RuleError(source, start, { zh: `名称 ${text} 不完整`, en: `name ${text} is incomplete` });
      }
      tokens.push({ kind: 'name', text, value: text, start, end: index });
      continue;
    }
    const symbol = symbols.find((candidate) => source.startsWith(candidate, index));
    if (!symbol) {
      throw new RuleError(source, start, { zh: `无法识别的字符「${char}」`, en: `unexpected character "${char}"` });
    }
    index += symbol.length;
    tokens.push({ kind: 'symbol', text: symbol, value: symbol, start, end: index });
  }
  tokens.push({ kind: 'end', text: '', value: '', start: source.length, end: source.length });
  return tokens;
}

const comparisons = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** Parses one expression; throws a RuleError with the position of the first problem. */
export function parse(source: string): Expression {
  const tokens = tokenize(source);
  let position = 0;

  const peek = (): Token => tokens[position] as Token;
  const next = (): Token => tokens[position++] as Token;
  const isWord = (word: string): boolean => peek().kind === 'name' && peek().text === word;
  const isSymbol = (symbol: string): boolean => peek().kind === 'symbol' && peek().text === symbol;
  const fail = (token: Token, zh: string, en: string): never => {
    throw new RuleError(source, token.start, { zh, en });
  };
  const describe = (token: Token): string => (token.kind === 'end' ? '规则结尾' : `「${token.text}」`);
  const describeEn = (token: Token): string => (token.kind === 'end' ? 'the end of the rule' : `"${token.text}"`);
  const expectSymbol = (symbol: string): Token => {
    if (!isSymbol(symbol)) fail(peek(), `这里应为「${symbol}」，却是${describe(peek())}`, `expected "${symbol}" but found ${describeEn(peek())}`);
    return next();
  };
  const expectWord = (word: string): Token => {
    if (!isWord(word)) fail(peek(), `这里应为「${word}」，却是${describe(peek())}`, `expected "${word}" but found ${describeEn(peek())}`);
    return next();
  };

  function expression(): Expression {
    if (isWord('if')) {
      const start = next().start;
      const condition = expression();
      expectWord('then');
      const then = expression();
      expectWord('else');
      const otherwise = expression();
      return { kind: 'if', condition, then, otherwise, start, end: otherwise.end };
    }
    return disjunction();
  }

  function binaryLevel(operand: () => Expression, operators: string[]): Expression {
    let left = operand();
    while (operators.some((operator) => (operator === 'and' || operator === 'or' ? isWord(operator) : isSymbol(operator)))) {
      const operator = next().text as BinaryOperator;
      const right = operand();
      left = { kind: 'binary', operator, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  function disjunction(): Expression {
    return binaryLevel(conjunction, ['or']);
  }

  function conjunction(): Expression {
    return binaryLevel(negation, ['and']);
  }

  function negation(): Expression {
    if (isWord('not')) {
      const start = next().start;
      const operand = negation();
      return { kind: 'unary', operator: 'not', operand, start, end: operand.end };
    }
    return comparison();
  }

  function comparison(): Expression {
    const left = additive();
    if (peek().kind === 'symbol' && comparisons.has(peek().text)) {
      const operator = next().text as BinaryOperator;
      const right = additive();
      if (peek().kind === 'symbol' && comparisons.has(peek().text)) {
        fail(peek(), '比较不能连写，请用 and 连接', 'comparisons cannot be chained; join them with "and"');
      }
      return { kind: 'binary', operator, left, right, start: left.start, end: right.end };
    }
    const negated = isWord('not') && tokens[position + 1]?.kind === 'name' && tokens[position + 1]?.text === 'in';
    if (isWord('in') || negated) {
      if (negated) next();
      next();
      const list = additive();
      return { kind: 'in', value: left, list, negated, start: left.start, end: list.end };
    }
    return left;
  }

  function additive(): Expression {
    return binaryLevel(multiplicative, ['+', '-']);
  }

  function multiplicative(): Expression {
    return binaryLevel(unary, ['*', '/']);
  }

  function unary(): Expression {
    if (isSymbol('-')) {
      const start = next().start;
      const operand = unary();
      return { kind: 'unary', operator: '-', operand, start, end: operand.end };
    }
    return primary();
  }

  function list(start: number): Expression {
    const items: Expression[] = [];
    if (!isSymbol(']')) {
      items.push(expression());
      while (isSymbol(',')) {
        next();
        items.push(expression());
      }
    }
    const end = expectSymbol(']').end;
    return { kind: 'list', items, start, end };
  }

  function call(name: Token): Expression {
    expectSymbol('(');
    const args: Expression[] = [];
    if (!isSymbol(')')) {
      args.push(expression());
      while (isSymbol(',')) {
        next();
        args.push(expression());
      }
    }
    const end = expectSymbol(')').end;
    if (name.text === 'date') {
      const [text] = args;
      if (args.length !== 1 || text?.kind !== 'string') fail(name, "日期写作 date('YYYY-MM-DD')", "a date is written date('YYYY-MM-DD')");
      const value = (text as { value: string }).value;
      if (!isIsoDate(value)) fail(name, `「${value}」不是有效日期`, `"${value}" is not a valid date`);
      return { kind: 'date', value, start: name.start, end };
    }
    return { kind: 'call', name: name.text, args, start: name.start, end };
  }

  function primary(): Expression {
    const token = next();
    const { start, end } = token;
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value as number, start, end };
      case 'money':
        return { kind: 'money', fen: token.value as number, start, end };
      case 'string':
        return { kind: 'string', value: token.value as string, start, end };
      case 'symbol':
        if (token.text === '(') {
          const inner = expression();
          expectSymbol(')');
          return inner;
        }
        if (token.text === '[') return list(start);
        break;
      case 'name': {
        if (token.text === 'true' || token.text === 'false') return { kind: 'boolean', value: token.text === 'true', start, end };
        if (keywords.has(token.text)) break;
        if (isSymbol('(')) {
          if (token.text.includes('.')) fail(token, `没有名为 ${token.text} 的函数`, `there is no function named ${token.text}`);
          return call(token);
        }
        if (token.text === 'as_of') return { kind: 'as_of', start, end };
        if (token.text.startsWith('param.')) return { kind: 'parameter', name: token.text.slice('param.'.length), start, end };
        if (token.text === 'param') break;
        return { kind: 'fact', path: token.text, start, end };
      }
      default:
        break;
    }
    return fail(token, `这里应为一个值，却是${describe(token)}`, `expected a value but found ${describeEn(token)}`);
  }

  const result = expression();
  if (peek().kind !== 'end') fail(peek(), `多余的${describe(peek())}`, `unexpected ${describeEn(peek())} after the expression`);
  return result;
}
