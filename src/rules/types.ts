/**
 * Types of the rules language and the facts schema a rule is checked against. Money is integer fen;
 * `months` is a whole number of months; dates are calendar days; an enum is a string from a declared
 * list; a list holds values of one type (a person's groups).
 */
import type { LocalizedText } from '../kernel/errors.ts';

/** A type of the rules language. */
export type RuleType =
  | { kind: 'number' }
  | { kind: 'money' }
  | { kind: 'months' }
  | { kind: 'date' }
  | { kind: 'boolean' }
  | { kind: 'string' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'list'; of: RuleType };

/** One fact a rule may read: its path, type, label and the question that asks for it. */
export interface FactSpec {
  path: string;
  type: RuleType;
  label: LocalizedText;
  question: LocalizedText;
}

/** The facts a pack's rules may read about one row (a person, a hire, an enterprise). */
export interface FactsSchema {
  id: string;
  facts: Map<string, FactSpec>;
  /** the fact holding the row's county code, which selects county parameters */
  county?: string;
}

/** The type written the way rules and messages show it: `money`, `enum(a|b)`, `list(enum(…))`. */
export function typeName(type: RuleType): string {
  if (type.kind === 'enum') return `enum(${type.values.join('|')})`;
  if (type.kind === 'list') return `list(${typeName(type.of)})`;
  return type.kind;
}

/** The Chinese name of a type, for error messages. */
export function typeNameZh(type: RuleType): string {
  const names: Record<string, string> = {
    number: '数值', money: '金额', months: '月数', date: '日期', boolean: '是非', string: '文本', enum: '选项', list: '列表',
  };
  return names[type.kind] ?? type.kind;
}

/** True for the types that order and add: numbers, months, money and dates. */
export function isNumeric(type: RuleType): boolean {
  return type.kind === 'number' || type.kind === 'months' || type.kind === 'money';
}

/** True when a value of one type may be compared with a value of the other. */
export function comparable(left: RuleType, right: RuleType): boolean {
  const plain = (type: RuleType): boolean => type.kind === 'number' || type.kind === 'months';
  if (plain(left) && plain(right)) return true;
  const textual = (type: RuleType): boolean => type.kind === 'string' || type.kind === 'enum';
  if (textual(left) && textual(right)) return true;
  return left.kind === right.kind && left.kind !== 'list';
}

/** Parses a type written in a pack: `number`, `money`, `months`, `date`, `boolean`, `string`. */
export function parseTypeName(name: string): RuleType | undefined {
  if (['number', 'money', 'months', 'date', 'boolean', 'string'].includes(name)) return { kind: name } as RuleType;
  return undefined;
}
