/**
 * Reading facts into values the evaluator uses, checked against the facts schema. A fact of the wrong
 * type is refused naming the field; an empty or absent fact is missing (the evaluation asks for it).
 * Money is fen as a whole number, or yuan as text (`3000`, `3000.50`, `3000元`); dates are
 * `YYYY-MM-DD`; a list may be written as text separated by `|`, and `[]` is the empty list.
 */
import { invalidInput } from '../kernel/errors.ts';
import { yuanToFen } from '../kernel/money.ts';
import { isIsoDate } from '../kernel/periods.ts';
import type { Value } from './evaluate.ts';
import { dayOfDate } from './functions.ts';
import { typeName, type FactsSchema, type RuleType } from './types.ts';

/** Facts as given: by path (`hire.employer.size`) or nested (`{ hire: { employer: { size } } }`). */
export type RawFacts = Record<string, unknown>;

/** Facts read and checked: values by path. */
export type Facts = Map<string, Value>;

function flatten(raw: RawFacts, prefix: string, into: Map<string, unknown>): void {
  for (const [key, value] of Object.entries(raw)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) flatten(value as RawFacts, path, into);
    else into.set(path, value);
  }
}

const booleanWords = new Map<string, boolean>([
  ['true', true], ['false', false], ['1', true], ['0', false], ['是', true], ['否', false], ['yes', true], ['no', false],
]);

/** The value of one fact, or undefined when it is empty; throws naming the field when it has the wrong type. */
export function readFact(path: string, type: RuleType, raw: unknown): Value | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const refuse = (): never => {
    throw invalidInput(path, {
      zh: `事实「${path}」应为 ${typeName(type)}，收到「${String(raw)}」`,
      en: `fact "${path}" must be ${typeName(type)}, got "${String(raw)}"`,
    });
  };
  switch (type.kind) {
    case 'number':
    case 'months': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(value) || (type.kind === 'months' && !Number.isInteger(value))) return refuse();
      return value;
    }
    case 'money': {
      if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : refuse();
      if (typeof raw !== 'string') return refuse();
      try {
        return yuanToFen(raw.trim().replace(/元$/, ''));
      } catch {
        return refuse();
      }
    }
    case 'date': {
      const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : raw;
      return typeof text === 'string' && isIsoDate(text) ? dayOfDate(text) : refuse();
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const value = typeof raw === 'string' ? booleanWords.get(raw.trim().toLowerCase()) : undefined;
      return value ?? refuse();
    }
    case 'string':
      return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : refuse();
    case 'enum':
      return typeof raw === 'string' && type.values.includes(raw) ? raw : refuse();
    case 'list': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? (raw.trim() === '[]' ? [] : raw.split('|').filter((item) => item !== '')) : refuse();
      return items.map((item) => readFact(path, type.of, item) ?? refuse());
    }
  }
}

/** The facts checked against the schema; throws naming the first field that is unknown or of the wrong type. */
export function readFacts(schema: FactsSchema, raw: RawFacts): Facts {
  const flat = new Map<string, unknown>();
  flatten(raw, '', flat);
  const facts: Facts = new Map();
  for (const [path, value] of flat) {
    const spec = schema.facts.get(path);
    if (!spec) {
      throw invalidInput(path, { zh: `事实表 ${schema.id} 中没有「${path}」`, en: `the facts schema ${schema.id} has no "${path}"` });
    }
    const read = readFact(path, spec.type, value);
    if (read !== undefined) facts.set(path, read);
  }
  return facts;
}
