/**
 * The batch compiler: a checked pack becomes one specialised JavaScript function that evaluates every
 * policy over a chunk of columnar facts (see encoding.ts), with the same three-valued logic as the
 * evaluator: booleans are 0 / 1 / 2 (unknown), other values are numbers with NaN for unknown. The
 * function is generated from the syntax tree by this compiler alone — fact paths become column indexes
 * and literals become numbers, so no text from a pack reaches the generated code. Subexpressions that
 * several policies share (a spell's months) are computed once per row. Precedence and once-per limits
 * are applied afterwards by `applyPrecedence`.
 */
import type { Expression } from './ast.ts';
import { Dictionary } from './encoding.ts';
import { addMonths, civil, monthsBetween, roundWhole, spellMonths } from './functions.ts';
import type { Pack } from './pack.ts';
import { valueOn, type DatedValue, type Parameter } from './parameters.ts';
import { print } from './printer.ts';
import type { RuleType } from './types.ts';

/** Outcome codes in a batch: not eligible, eligible (granted), undetermined, suppressed by precedence. */
export const status = { notEligible: 0, eligible: 1, undetermined: 2, suppressed: 3 } as const;

/** A compiled pack, ready to run over chunks. */
export interface CompiledPack {
  /** the fact paths the function reads, in column order */
  columns: string[];
  dictionary: Dictionary;
  /** evaluates rows [0, rows) of the columns into per-policy status and amount arrays */
  run(columns: Float64Array[], rows: number, statuses: Uint8Array[], amounts: Float64Array[], days: Float64Array[]): void;
  /** the generated source, for inspection */
  source: string;
}

function isBooleanType(type: RuleType): boolean {
  return type.kind === 'boolean';
}

const runtime = {
  and3: (a: number, b: number): number => (a === 0 || b === 0 ? 0 : a === 1 && b === 1 ? 1 : 2),
  or3: (a: number, b: number): number => (a === 1 || b === 1 ? 1 : a === 0 && b === 0 ? 0 : 2),
  not3: (a: number): number => (a === 2 ? 2 : 1 - a),
  eqB: (a: number, b: number): number => (a === 2 || b === 2 ? 2 : a === b ? 1 : 0),
  eq: (a: number, b: number): number => (a !== a || b !== b ? 2 : a === b ? 1 : 0),
  lt: (a: number, b: number): number => (a !== a || b !== b ? 2 : a < b ? 1 : 0),
  le: (a: number, b: number): number => (a !== a || b !== b ? 2 : a <= b ? 1 : 0),
  gt: (a: number, b: number): number => (a !== a || b !== b ? 2 : a > b ? 1 : 0),
  ge: (a: number, b: number): number => (a !== a || b !== b ? 2 : a >= b ? 1 : 0),
  ifB: (c: number, x: number, y: number): number => (c === 1 ? x : c === 0 ? y : x === y && x !== 2 ? x : 2),
  ifN: (c: number, x: number, y: number): number => (c === 1 ? x : c === 0 ? y : x === y ? x : Number.NaN),
  div: (a: number, b: number): number => (b === 0 ? Number.NaN : a / b),
  bitIn: (v: number, mask: number): number => (v !== v || mask !== mask ? 2 : (mask >>> v) & 1),
  boolToNumber: (b: number): number => (b === 2 ? Number.NaN : b),
  numberToBool: (n: number): number => (n !== n ? 2 : n),
  monthsBetween,
  spellMonths,
  addMonths: (day: number, months: number): number => (day !== day || months !== months ? Number.NaN : addMonths(day, months)),
  round: roundWhole,
  civil,
};

function datedChain(values: DatedValue[], day: string): string {
  let code = 'NaN';
  for (const value of values) code = `(${day} >= ${value.fromDay === -Infinity ? '-Infinity' : value.fromDay} ? ${Number(value.value)} : ${code})`;
  return code;
}

/** County parameter values by table (one per county parameter read) and county code, as plain data a worker can receive. */
export type CountyTables = Array<Array<[number, Array<{ fromDay: number; value: number }>]>>;

/** The pieces of a compiled pack, for generators that put the policies into loops of their own (batch-rows.ts). */
export interface CompiledRules {
  /** the fact paths the code reads as `f0`, `f1`, …, in column order */
  columns: string[];
  /** helper functions the code calls, as source */
  helpers: string;
  /** per-row shared subexpressions (`const s0 = …;`), to place after the facts and before the policies */
  hoisted: string[];
  /** one block per policy, ending in the statements `store` made of its outcome code, money and day */
  policies: string[];
  countyTables: CountyTables;
}

/** The names the generated code calls, bound to their implementations. */
export function compiledScope(countyTables: CountyTables, asOfDay: number): Record<string, unknown> {
  const tables = countyTables.map((table) => new Map(table));
  const countyValue = (table: number, code: number, day: number): number => {
    const values = tables[table]?.get(code);
    const found = values ? valueOn(values as DatedValue[], day) : undefined;
    return found === undefined ? Number.NaN : Number(found.value);
  };
  return { ...runtime, countyValue, asOf: asOfDay };
}

/**
 * Compiles the pack's policies for the evaluation date into code blocks over fact locals `f<column>`;
 * `store(index, code, money, day)` gives the statements that keep each policy's outcome.
 */
export function compileRules(pack: Pack, asOfDay: number, dictionary: Dictionary, store: (index: number, code: string, money: string, day: string) => string): CompiledRules {
  const columns: string[] = [];
  const columnOf = (path: string): number => {
    let index = columns.indexOf(path);
    if (index < 0) index = columns.push(path) - 1;
    return index;
  };
  const countyTables: Array<Map<number, DatedValue[]>> = [];
  const shared = new Map<string, string>();
  const hoisted: string[] = [];
  const typeOfFact = (path: string): RuleType => (pack.schema.facts.get(path) as { type: RuleType }).type;

  function typeOf(node: Expression): RuleType {
    switch (node.kind) {
      case 'boolean':
      case 'in':
        return { kind: 'boolean' };
      case 'unary':
        return node.operator === 'not' ? { kind: 'boolean' } : typeOf(node.operand);
      case 'binary':
        return ['+', '-', '*', '/'].includes(node.operator) ? { kind: 'number' } : { kind: 'boolean' };
      case 'fact':
        return typeOfFact(node.path);
      case 'parameter':
        return (pack.parameters.get(node.name) as Parameter).type;
      case 'if':
        return typeOf(node.then);
      case 'string':
        return { kind: 'string' };
      default:
        return { kind: 'number' };
    }
  }

  function literalCode(node: Expression, against: RuleType): number {
    if (node.kind !== 'string') throw new Error('not a string literal');
    if (against.kind === 'list' && against.of.kind === 'enum') return against.of.values.indexOf(node.value);
    return dictionary.encode(node.value);
  }

  /** Code for a value in the number representation (booleans as 0/1/NaN). */
  function asNumber(node: Expression, day: string, county: string): string {
    const code = compile(node, day, county);
    return isBooleanType(typeOf(node)) ? `boolToNumber(${code})` : code;
  }

  function membership(node: Extract<Expression, { kind: 'in' }>, day: string, county: string): string {
    const listType = node.list.kind === 'list' ? undefined : typeOf(node.list);
    if (listType) {
      if (listType.kind !== 'list' || listType.of.kind !== 'enum' || listType.of.values.length > 31) {
        throw new Error(`batch evaluation supports "in" over lists of up to 31 enum values: ${print(node)}`);
      }
      const value = node.value.kind === 'string' ? String(literalCode(node.value, listType)) : `(${compile(node.value, day, county)})`;
      const test = `bitIn(${value}, ${compile(node.list, day, county)})`;
      return node.negated ? `not3(${test})` : test;
    }
    const items = (node.list as Extract<Expression, { kind: 'list' }>).items;
    const value = asNumber(node.value, day, county);
    const itemCodes = items.map((item) => (item.kind === 'string' ? String(dictionary.encode(item.value)) : asNumber(item, day, county)));
    const name = `in${items.length}`;
    if (!helpers.has(name)) {
      const params = items.map((_, index) => `a${index}`);
      helpers.set(
        name,
        `function ${name}(v, ${params.join(', ')}) { if (v !== v) return 2; if (${params.map((p) => `v === ${p}`).join(' || ')}) return 1; return ${params.map((p) => `${p} !== ${p}`).join(' || ')} ? 2 : 0; }`,
      );
    }
    const test = `${name}(${value}, ${itemCodes.join(', ')})`;
    return node.negated ? `not3(${test})` : test;
  }

  function compare(node: Extract<Expression, { kind: 'binary' }>, day: string, county: string): string {
    const names: Record<string, string> = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '==': 'eq', '!=': 'eq' };
    const leftType = typeOf(node.left);
    const rightType = typeOf(node.right);
    let code: string;
    if ((node.operator === '==' || node.operator === '!=') && isBooleanType(leftType) && isBooleanType(rightType)) {
      code = `eqB(${compile(node.left, day, county)}, ${compile(node.right, day, county)})`;
    } else {
      const side = (child: Expression, other: RuleType): string => (child.kind === 'string' ? String(literalCode(child, other)) : asNumber(child, day, county));
      code = `${names[node.operator]}(${side(node.left, rightType)}, ${side(node.right, leftType)})`;
    }
    return node.operator === '!=' ? `not3(${code})` : code;
  }

  const helpers = new Map<string, string>();

  function compile(node: Expression, day: string, county: string): string {
    switch (node.kind) {
      case 'number':
        return String(node.value);
      case 'money':
        return String(node.fen);
      case 'boolean':
        return node.value ? '1' : '0';
      case 'date':
        return String(Date.UTC(Number(node.value.slice(0, 4)), Number(node.value.slice(5, 7)) - 1, Number(node.value.slice(8, 10))) / 86_400_000);
      case 'string':
        return String(dictionary.encode(node.value));
      case 'as_of':
        return String(asOfDay);
      case 'list':
        throw new Error(`a list is only evaluated in batch as the right side of "in": ${print(node)}`);
      case 'fact':
        return `f${columnOf(node.path)}`;
      case 'parameter': {
        const parameter = pack.parameters.get(node.name) as Parameter;
        if (!['number', 'months', 'money', 'date'].includes(parameter.type.kind)) throw new Error(`batch evaluation supports numeric parameters only: ${node.name}`);
        if (parameter.scope === 'general') return day === 'asOf' ? String(valueOn(parameter.values, asOfDay)?.value ?? 'NaN') : datedChain(parameter.values, day);
        const table = new Map<number, DatedValue[]>();
        for (const [code, values] of parameter.counties) table.set(dictionary.encode(code), values);
        const index = countyTables.push(table) - 1;
        return `countyValue(${index}, ${county}, ${day === 'asOf' ? asOfDay : day})`;
      }
      case 'unary':
        return node.operator === 'not' ? `not3(${compile(node.operand, day, county)})` : `(-${compile(node.operand, day, county)})`;
      case 'binary': {
        const { operator } = node;
        if (operator === 'and') return `and3(${compile(node.left, day, county)}, ${compile(node.right, day, county)})`;
        if (operator === 'or') return `or3(${compile(node.left, day, county)}, ${compile(node.right, day, county)})`;
        if (operator === '/') return `div(${compile(node.left, day, county)}, ${compile(node.right, day, county)})`;
        if (operator === '+' || operator === '-' || operator === '*') return `(${compile(node.left, day, county)} ${operator} ${compile(node.right, day, county)})`;
        return compare(node, day, county);
      }
      case 'in':
        return membership(node, day, county);
      case 'if': {
        const helper = isBooleanType(typeOf(node.then)) ? 'ifB' : 'ifN';
        return `${helper}(${compile(node.condition, day, county)}, ${compile(node.then, day, county)}, ${compile(node.otherwise, day, county)})`;
      }
      case 'call': {
        const args = node.args.map((arg) => compile(arg, day, county));
        let code: string;
        switch (node.name) {
          case 'min':
          case 'max':
            code = `Math.${node.name}(${args.join(', ')})`;
            break;
          case 'round':
            code = `round(${args[0]}, ${JSON.stringify(node.args[1]?.kind === 'string' ? node.args[1].value : 'half_up')})`;
            break;
          case 'abs':
            code = `Math.abs(${args[0]})`;
            break;
          case 'months_between':
            code = `monthsBetween(${args.join(', ')})`;
            break;
          case 'days_between':
            code = `(${args[1]} - ${args[0]})`;
            break;
          case 'add_months':
            code = `addMonths(${args.join(', ')})`;
            break;
          default:
            code = `spellMonths(${args.join(', ')})`;
        }
        // The same call with the same arguments is computed once per row.
        if (/\bd\d+\b|countyValue/.test(code)) return code;
        let name = shared.get(code);
        if (!name) {
          name = `s${shared.size}`;
          shared.set(code, name);
          hoisted.push(`const ${name} = ${code};`);
        }
        return name;
      }
    }
  }

  const countyIndex = pack.schema.county === undefined ? undefined : columnOf(pack.schema.county);
  const county = countyIndex === undefined ? 'NaN' : `f${countyIndex}`;
  const body: string[] = [];
  pack.policies.forEach((policy, index) => {
    const day = policy.date ? `d${index}` : 'asOf';
    const dayCode = policy.date ? compile(policy.date.expression, day, county) : String(asOfDay);
    const conditions = policy.eligibility.map((condition) => compile(condition.rule.expression, day, county));
    const amount = compile(policy.amount.expression, day, county);
    const cap = policy.cap ? compile(policy.cap.expression, day, county) : undefined;
    const from = policy.validFrom ? Date.UTC(Number(policy.validFrom.slice(0, 4)), Number(policy.validFrom.slice(5, 7)) - 1, Number(policy.validFrom.slice(8, 10))) / 86_400_000 : undefined;
    const to = policy.validTo ? Date.UTC(Number(policy.validTo.slice(0, 4)), Number(policy.validTo.slice(5, 7)) - 1, Number(policy.validTo.slice(8, 10))) / 86_400_000 : undefined;
    const outside = [from === undefined ? '' : `${day} < ${from}`, to === undefined ? '' : `${day} > ${to}`].filter(Boolean).join(' || ') || 'false';
    const rounding = JSON.stringify(policy.rounding);
    // A false condition settles the outcome whatever the others are: the later ones are read only while all hold or are unknown.
    body.push(`
      {
        ${policy.date ? `const ${day} = ${dayCode};` : ''}
        let code = 1, money = 0;
        if (${day} === ${day} && (${outside})) code = 0;
        else {
          let unknown = ${day} !== ${day};
          ${conditions.map((condition, position) => `const k${position} = ${condition};\n          if (k${position} === 0) code = 0;\n          else {\n          if (k${position} === 2) unknown = true;`).join('\n          ')}
          if (unknown) code = 2;
          else {
            const raw = ${amount};
            if (raw !== raw) code = 2;
            else {
              money = round(raw, ${rounding});
              ${cap ? `const capRaw = ${cap}; if (capRaw !== capRaw) code = 2; else { const capped = round(capRaw, ${rounding}); if (money > capped) money = capped; }` : ''}
            }
          }
          ${conditions.map(() => '}').join('')}
        }
        ${store(index, 'code', 'money', day)}
      }`);
  });
  const tables: CountyTables = countyTables.map((table) => [...table].map(([code, values]) => [code, values.map((value) => ({ fromDay: value.fromDay, value: Number(value.value) }))]));
  return { columns, helpers: [...helpers.values()].join('\n'), hoisted, policies: body, countyTables: tables };
}

/** The statements that keep policy `index`'s outcome in the arrays `run` fills (see `runSource`). */
export function storeInArrays(index: number, code: string, money: string, day: string): string {
  return `status${index}[i] = ${code};\n        amount${index}[i] = ${code} === 1 ? ${money} : 0;\n        day${index}[i] = ${day};`;
}

/** The source of the factory of `CompiledPack['run']`, from rules compiled with `storeInArrays`; call it with `compiledScope`'s names. */
export function runSource(rules: CompiledRules, policies: number): string {
  const { columns, helpers, hoisted, policies: body } = rules;
  return `"use strict";
${helpers}
return function run(columns, rows, statuses, amounts, days) {
  ${columns.map((_, index) => `const c${index} = columns[${index}];`).join('\n  ')}
  ${Array.from({ length: policies }, (_, index) => `const status${index} = statuses[${index}], amount${index} = amounts[${index}], day${index} = days[${index}];`).join('\n  ')}
  for (let i = 0; i < rows; i++) {
    ${columns.map((_, index) => `const f${index} = c${index}[i];`).join('\n    ')}
    ${hoisted.join('\n    ')}
    ${body.join('\n')}
  }
};`;
}

/** Compiles a checked pack for the evaluation date; county values come from the pack's parameters. */
export function compilePack(pack: Pack, asOfDay: number, dictionary = new Dictionary()): CompiledPack {
  const rules = compileRules(pack, asOfDay, dictionary, storeInArrays);
  const source = runSource(rules, pack.policies.length);
  const scope = compiledScope(rules.countyTables, asOfDay);
  const names = Object.keys(scope);
  // The source is made only of this compiler's own text, column indexes and numbers (see the file's comment).
  const factory = new Function(...names, source) as (...args: unknown[]) => CompiledPack['run'];
  const run = factory(...names.map((name) => scope[name]));
  return { columns: rules.columns, dictionary, run, source };
}
