/**
 * Writes a syntax tree back as rule text, with only the parentheses the grammar needs, so that
 * `parse(print(tree))` gives the same tree (a property test holds it to that).
 */
import type { Expression } from './ast.ts';

const level = { if: 0, or: 1, and: 2, not: 3, comparison: 4, additive: 5, multiplicative: 6, unary: 7, primary: 8 } as const;

function levelOf(node: Expression): number {
  switch (node.kind) {
    case 'if':
      return level.if;
    case 'binary':
      if (node.operator === 'or') return level.or;
      if (node.operator === 'and') return level.and;
      if (node.operator === '+' || node.operator === '-') return level.additive;
      if (node.operator === '*' || node.operator === '/') return level.multiplicative;
      return level.comparison;
    case 'in':
      return level.comparison;
    case 'unary':
      return node.operator === 'not' ? level.not : level.unary;
    default:
      return level.primary;
  }
}

function at(node: Expression, minimum: number): string {
  const text = print(node);
  return levelOf(node) < minimum ? `(${text})` : text;
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function money(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? `${whole}元` : `${whole}.${String(cents).padStart(2, '0')}元`;
}

function plainNumber(value: number): string {
  // Numbers are written without exponents, which the lexer does not read.
  return Number.isInteger(value) ? BigInt(value).toString() : value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** The rule text of a syntax tree. */
export function print(node: Expression): string {
  switch (node.kind) {
    case 'number':
      return plainNumber(node.value);
    case 'money':
      return money(node.fen);
    case 'string':
      return quote(node.value);
    case 'boolean':
      return String(node.value);
    case 'date':
      return `date('${node.value}')`;
    case 'list':
      return `[${node.items.map(print).join(', ')}]`;
    case 'fact':
      return node.path;
    case 'parameter':
      return `param.${node.name}`;
    case 'as_of':
      return 'as_of';
    case 'unary':
      return node.operator === 'not' ? `not ${at(node.operand, level.not)}` : `-${at(node.operand, level.unary)}`;
    case 'binary': {
      const own = levelOf(node);
      // Left-associative levels take an equal-level left operand; comparisons do not chain at all.
      const leftMinimum = own === level.comparison ? own + 1 : own;
      return `${at(node.left, leftMinimum)} ${node.operator} ${at(node.right, own + 1)}`;
    }
    case 'in':
      return `${at(node.value, level.additive)} ${node.negated ? 'not in' : 'in'} ${at(node.list, level.additive)}`;
    case 'if':
      return `if ${print(node.condition)} then ${print(node.then)} else ${print(node.otherwise)}`;
    case 'call':
      return `${node.name}(${node.args.map(print).join(', ')})`;
  }
}
