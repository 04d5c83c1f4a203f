/**
 * The evaluator: three-valued and short-circuiting. A fact that is missing makes a value unknown, and
 * an unknown value spreads only as far as it matters: `false and ?` is false, `true or ?` is true,
 * `if ? then 5 else 5` is 5. An unknown value carries the facts and parameters it waits for, so a
 * result can ask exactly for them. Dates are day numbers; money is fen (fractional until rounded).
 */
import type { Rounding } from '../kernel/money.ts';
import type { Expression } from './ast.ts';
import { addMonths, monthsBetween, roundWhole, spellMonths } from './functions.ts';

/** A known value: a number (also money, months and dates), a boolean, a string or a list. */
export type Value = number | boolean | string | Value[];

/** A value that cannot be known yet, with what it waits for. */
export class Unknown {
  constructor(
    readonly facts: ReadonlySet<string>,
    readonly parameters: ReadonlySet<string> = new Set(),
  ) {}

  /** The union of what two unknowns wait for. */
  join(other: Unknown): Unknown {
    return new Unknown(new Set([...this.facts, ...other.facts]), new Set([...this.parameters, ...other.parameters]));
  }
}

/** What a result is: a known value or an unknown one. */
export type Result = Value | Unknown;

/** A parameter value as it was used: for the explanation. */
export interface ParameterUse {
  name: string;
  value: number | string | boolean;
  /** the date the value took effect, if it has one */
  from?: string;
  reference: string;
}

/** What an expression is evaluated against. */
export interface Environment {
  /** the fact's value, or undefined when it is missing */
  fact(path: string): Value | undefined;
  /** the parameter's value at the policy's date, or undefined when none is set (a county has not decided) */
  parameter(name: string): ParameterUse | undefined;
  /** the evaluation date, as a day number */
  asOf: number;
  /** parameters read, in order: filled in as the evaluation goes */
  used: ParameterUse[];
}

const noFacts: ReadonlySet<string> = new Set();
/** An unknown that waits for no fact: a division by zero. */
export const undefinedValue = new Unknown(noFacts);

function isUnknown(value: Result): value is Unknown {
  return value instanceof Unknown;
}

function equal(left: Value, right: Value): boolean {
  return left === right;
}

function compare(operator: string, left: Value, right: Value): boolean {
  switch (operator) {
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    default:
      return left >= right;
  }
}

function arithmetic(operator: string, left: number, right: number): Result {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    default:
      return right === 0 ? undefinedValue : left / right;
  }
}

function membership(value: Result, items: Result[], negated: boolean): Result {
  if (isUnknown(value)) return value;
  let pending: Unknown | undefined;
  for (const item of items) {
    if (isUnknown(item)) pending = pending ? pending.join(item) : item;
    else if (equal(item, value)) return !negated;
  }
  return pending ?? negated;
}

function call(name: string, args: Result[]): Result {
  if (name === 'spell_months') {
    const [start, end, asOf] = args;
    if (isUnknown(start as Result)) return start as Result;
    if (isUnknown(asOf as Result)) return asOf as Result;
    // A spell with no end yet is still running: its end is not waited for.
    return spellMonths(start as number, isUnknown(end as Result) ? Number.NaN : (end as number), asOf as number);
  }
  if (name === 'round') {
    const [value, mode] = args;
    if (isUnknown(value as Result)) return value as Result;
    return roundWhole(value as number, ((mode as string | undefined) ?? 'half_up') as Rounding);
  }
  let pending: Unknown | undefined;
  for (const arg of args) if (isUnknown(arg)) pending = pending ? pending.join(arg) : arg;
  if (pending) return pending;
  const numbers = args as number[];
  switch (name) {
    case 'min':
      return Math.min(...numbers);
    case 'max':
      return Math.max(...numbers);
    case 'abs':
      return Math.abs(numbers[0] as number);
    case 'months_between':
      return monthsBetween(numbers[0] as number, numbers[1] as number);
    case 'days_between':
      return (numbers[1] as number) - (numbers[0] as number);
    case 'add_months':
      return addMonths(numbers[0] as number, numbers[1] as number);
    default:
      throw new Error(`unchecked function ${name}; rules are type-checked before they are evaluated`);
  }
}

/** The value of a checked expression in an environment. */
export function evaluate(node: Expression, environment: Environment): Result {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'money':
      return node.fen;
    case 'string':
    case 'boolean':
    case 'date':
      return node.kind === 'date' ? dayNumberOf(node.value) : node.value;
    case 'as_of':
      return environment.asOf;
    case 'list': {
      const items = node.items.map((item) => evaluate(item, environment));
      const pending = items.filter(isUnknown);
      return pending.length ? pending.reduce((all, item) => all.join(item)) : (items as Value[]);
    }
    case 'fact': {
      const value = environment.fact(node.path);
      return value === undefined ? new Unknown(new Set([node.path])) : value;
    }
    case 'parameter': {
      const use = environment.parameter(node.name);
      if (!use) return new Unknown(noFacts, new Set([node.name]));
      if (!environment.used.some((seen) => seen.name === use.name && seen.from === use.from)) environment.used.push(use);
      return use.value;
    }
    case 'unary': {
      const operand = evaluate(node.operand, environment);
      if (isUnknown(operand)) return operand;
      return node.operator === 'not' ? !operand : -(operand as number);
    }
    case 'binary': {
      const { operator } = node;
      if (operator === 'and' || operator === 'or') {
        const decisive = operator === 'or';
        const left = evaluate(node.left, environment);
        if (left === decisive) return decisive;
        const right = evaluate(node.right, environment);
        if (right === decisive) return decisive;
        if (isUnknown(left)) return isUnknown(right) ? left.join(right) : left;
        return right;
      }
      const left = evaluate(node.left, environment);
      const right = evaluate(node.right, environment);
      if (isUnknown(left)) return isUnknown(right) ? left.join(right) : left;
      if (isUnknown(right)) return right;
      if (operator === '+' || operator === '-' || operator === '*' || operator === '/') return arithmetic(operator, left as number, right as number);
      return compare(operator, left, right);
    }
    case 'in': {
      const value = evaluate(node.value, environment);
      if (node.list.kind === 'list') return membership(value, node.list.items.map((item) => evaluate(item, environment)), node.negated);
      const list = evaluate(node.list, environment);
      if (isUnknown(list)) return isUnknown(value) ? value.join(list) : list;
      return membership(value, list as Value[], node.negated);
    }
    case 'if': {
      const condition = evaluate(node.condition, environment);
      if (condition === true) return evaluate(node.then, environment);
      if (condition === false) return evaluate(node.otherwise, environment);
      const then = evaluate(node.then, environment);
      const otherwise = evaluate(node.otherwise, environment);
      // Both branches agree: the condition does not matter.
      if (!isUnknown(then) && !isUnknown(otherwise) && equal(then, otherwise)) return then;
      let pending = condition as Unknown;
      if (isUnknown(then)) pending = pending.join(then);
      if (isUnknown(otherwise)) pending = pending.join(otherwise);
      return pending;
    }
    case 'call':
      return call(node.name, node.args.map((arg) => evaluate(arg, environment)));
  }
}

const dayCache = new Map<string, number>();

/** The day number of a date literal, cached because literals repeat in every evaluation. */
function dayNumberOf(date: string): number {
  let day = dayCache.get(date);
  if (day === undefined) {
    day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
    dayCache.set(date, day);
  }
  return day;
}

/** True when the result is unknown. */
export function unknown(value: Result): value is Unknown {
  return isUnknown(value);
}
