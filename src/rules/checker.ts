/**
 * The type checker: a rule is refused, with the position and the reason in Chinese and English, unless
 * every fact it reads is in the facts schema, every parameter is declared, and every operator and
 * function gets values of the types it takes. Money is kept apart from plain numbers (write `3000元`),
 * and a string compared with an enum must be one of the enum's values.
 */
import type { Expression } from './ast.ts';
import { RuleError } from './errors.ts';
import { functionNames, roundingModes } from './functions.ts';
import { comparable, isNumeric, typeName, typeNameZh, type FactsSchema, type RuleType } from './types.ts';

/** What a rule may refer to besides its literals. */
export interface CheckScope {
  schema: FactsSchema;
  parameters: Map<string, RuleType>;
}

const numberType: RuleType = { kind: 'number' };
const booleanType: RuleType = { kind: 'boolean' };

/** The type of the expression; throws a RuleError at the first part that does not type-check. */
export function check(node: Expression, source: string, scope: CheckScope): RuleType {
  const fail = (at: Expression, zh: string, en: string): never => {
    throw new RuleError(source, at.start, { zh, en });
  };
  const describe = (type: RuleType): string => `${typeNameZh(type)}（${typeName(type)}）`;

  function expect(at: Expression, type: RuleType, wanted: RuleType['kind'][], what: string, whatEn: string): void {
    if (!wanted.includes(type.kind)) {
      fail(at, `${what}应为${wanted.join('或')}，这里是${describe(type)}`, `${whatEn} must be ${wanted.join(' or ')}, not ${typeName(type)}`);
    }
  }

  function checkLiteralAgainstEnum(literal: Expression, type: RuleType): void {
    const values = type.kind === 'enum' ? type.values : type.kind === 'list' && type.of.kind === 'enum' ? type.of.values : undefined;
    if (literal.kind === 'string' && values && !values.includes(literal.value)) {
      fail(literal, `「${literal.value}」不是可选值之一：${values.join('、')}`, `"${literal.value}" is not one of ${values.join(', ')}`);
    }
  }

  function arithmetic(node: Extract<Expression, { kind: 'binary' }>, left: RuleType, right: RuleType): RuleType {
    expect(node.left, left, ['number', 'months', 'money'], `「${node.operator}」的左边`, `the left side of "${node.operator}"`);
    expect(node.right, right, ['number', 'months', 'money'], `「${node.operator}」的右边`, `the right side of "${node.operator}"`);
    const money = left.kind === 'money' || right.kind === 'money';
    if (node.operator === '+' || node.operator === '-') {
      if (money && left.kind !== right.kind) fail(node, '金额只能与金额相加减（请写成如 3000元）', 'money adds only to money (write e.g. 3000元)');
      if (left.kind === 'months' && right.kind === 'months') return left;
      return money ? { kind: 'money' } : numberType;
    }
    if (node.operator === '*') {
      if (left.kind === 'money' && right.kind === 'money') fail(node, '金额不能与金额相乘', 'money cannot be multiplied by money');
      return money ? { kind: 'money' } : numberType;
    }
    if (right.kind === 'money') {
      if (left.kind !== 'money') fail(node, '不能用数值除以金额', 'a number cannot be divided by money');
      return numberType;
    }
    return left.kind === 'money' ? { kind: 'money' } : numberType;
  }

  function call(node: Extract<Expression, { kind: 'call' }>): RuleType {
    if (!(functionNames as readonly string[]).includes(node.name)) {
      fail(node, `没有名为 ${node.name} 的函数；可用：${functionNames.join('、')}`, `there is no function named ${node.name}; available: ${functionNames.join(', ')}`);
    }
    const args = node.args.map((arg) => visit(arg));
    const arity = (count: number): void => {
      if (args.length !== count) fail(node, `${node.name} 需要 ${count} 个参数，这里有 ${args.length} 个`, `${node.name} takes ${count} arguments, not ${args.length}`);
    };
    const dates = (): void => {
      node.args.forEach((arg, index) => expect(arg, args[index] as RuleType, ['date'], `${node.name} 的第 ${index + 1} 个参数`, `argument ${index + 1} of ${node.name}`));
    };
    switch (node.name) {
      case 'min':
      case 'max': {
        if (args.length < 2) fail(node, `${node.name} 至少需要 2 个参数`, `${node.name} takes at least 2 arguments`);
        const first = args[0] as RuleType;
        expect(node.args[0] as Expression, first, ['number', 'months', 'money', 'date'], `${node.name} 的参数`, `the arguments of ${node.name}`);
        node.args.forEach((arg, index) => {
          const type = args[index] as RuleType;
          if (!(comparable(first, type) && (first.kind === 'money') === (type.kind === 'money'))) {
            fail(arg, `${node.name} 的参数类型须一致：${describe(first)} 与 ${describe(type)}`, `the arguments of ${node.name} must have one type: ${typeName(first)} and ${typeName(type)}`);
          }
        });
        return args.every((type) => type.kind === 'months') ? first : first.kind === 'months' ? numberType : first;
      }
      case 'round': {
        if (args.length !== 1 && args.length !== 2) fail(node, 'round 需要 1 或 2 个参数', 'round takes 1 or 2 arguments');
        const value = args[0] as RuleType;
        expect(node.args[0] as Expression, value, ['number', 'months', 'money'], 'round 的参数', 'the argument of round');
        const mode = node.args[1];
        if (mode && (mode.kind !== 'string' || !(roundingModes as readonly string[]).includes(mode.value))) {
          fail(mode, `取整方式应为 ${roundingModes.join('、')} 之一`, `the rounding mode must be one of ${roundingModes.join(', ')}`);
        }
        return value;
      }
      case 'abs':
        arity(1);
        expect(node.args[0] as Expression, args[0] as RuleType, ['number', 'months', 'money'], 'abs 的参数', 'the argument of abs');
        return args[0] as RuleType;
      case 'months_between':
        arity(2);
        dates();
        return { kind: 'months' };
      case 'days_between':
        arity(2);
        dates();
        return numberType;
      case 'spell_months':
        arity(3);
        dates();
        return { kind: 'months' };
      default: {
        arity(2);
        expect(node.args[0] as Expression, args[0] as RuleType, ['date'], 'add_months 的第 1 个参数', 'argument 1 of add_months');
        expect(node.args[1] as Expression, args[1] as RuleType, ['number', 'months'], 'add_months 的第 2 个参数', 'argument 2 of add_months');
        return { kind: 'date' };
      }
    }
  }

  function visit(node: Expression): RuleType {
    switch (node.kind) {
      case 'number':
        return numberType;
      case 'money':
        return { kind: 'money' };
      case 'string':
        return { kind: 'string' };
      case 'boolean':
        return booleanType;
      case 'date':
      case 'as_of':
        return { kind: 'date' };
      case 'list': {
        const types = node.items.map((item) => visit(item));
        const first = types[0];
        if (!first) return fail(node, '列表不能为空', 'a list cannot be empty');
        types.forEach((type, index) => {
          if (!comparable(first, type)) fail(node.items[index] as Expression, '列表中的值类型须一致', 'the values of a list must have one type');
        });
        return { kind: 'list', of: first };
      }
      case 'fact': {
        const spec = scope.schema.facts.get(node.path);
        if (!spec) return fail(node, `事实表 ${scope.schema.id} 中没有「${node.path}」`, `the facts schema ${scope.schema.id} has no "${node.path}"`);
        return spec.type;
      }
      case 'parameter': {
        const type = scope.parameters.get(node.name);
        if (!type) return fail(node, `没有声明参数「${node.name}」`, `parameter "${node.name}" is not declared`);
        return type;
      }
      case 'unary': {
        const type = visit(node.operand);
        if (node.operator === 'not') {
          expect(node.operand, type, ['boolean'], 'not 的对象', 'the operand of "not"');
          return booleanType;
        }
        expect(node.operand, type, ['number', 'months', 'money'], '负号的对象', 'the operand of "-"');
        return type;
      }
      case 'binary': {
        const left = visit(node.left);
        const right = visit(node.right);
        if (node.operator === 'and' || node.operator === 'or') {
          expect(node.left, left, ['boolean'], `${node.operator} 的左边`, `the left side of "${node.operator}"`);
          expect(node.right, right, ['boolean'], `${node.operator} 的右边`, `the right side of "${node.operator}"`);
          return booleanType;
        }
        if (['+', '-', '*', '/'].includes(node.operator)) return arithmetic(node, left, right);
        if (!comparable(left, right)) {
          const hint = left.kind === 'money' || right.kind === 'money' ? '（金额请写成如 3000元）' : '';
          fail(node, `不能比较${describe(left)}与${describe(right)}${hint}`, `cannot compare ${typeName(left)} with ${typeName(right)}`);
        }
        const ordered = node.operator !== '==' && node.operator !== '!=';
        if (ordered && !(isNumeric(left) || left.kind === 'date')) {
          fail(node, `${describe(left)}没有大小之分`, `${typeName(left)} values have no order`);
        }
        checkLiteralAgainstEnum(node.right, left);
        checkLiteralAgainstEnum(node.left, right);
        return booleanType;
      }
      case 'in': {
        const value = visit(node.value);
        const list = visit(node.list);
        if (list.kind !== 'list') return fail(node.list, `in 的右边应为列表，这里是${describe(list)}`, `the right side of "in" must be a list, not ${typeName(list)}`);
        if (!comparable(value, list.of)) fail(node, `${describe(value)}不能在${describe(list)}中查找`, `cannot look for ${typeName(value)} in ${typeName(list)}`);
        checkLiteralAgainstEnum(node.value, list);
        if (node.list.kind === 'list') for (const item of node.list.items) checkLiteralAgainstEnum(item, value);
        return booleanType;
      }
      case 'if': {
        expect(node.condition, visit(node.condition), ['boolean'], 'if 的条件', 'the condition of "if"');
        const then = visit(node.then);
        const otherwise = visit(node.otherwise);
        if (!comparable(then, otherwise) || (then.kind === 'money') !== (otherwise.kind === 'money')) {
          fail(node.otherwise, `then 与 else 的类型须一致：${describe(then)} 与 ${describe(otherwise)}`, `"then" and "else" must have one type: ${typeName(then)} and ${typeName(otherwise)}`);
        }
        return then.kind === 'months' && otherwise.kind !== 'months' ? otherwise : then;
      }
      case 'call':
        return call(node);
    }
  }

  return visit(node);
}

/** Checks that the expression has the wanted type, refusing it with its position otherwise. */
export function checkAs(node: Expression, source: string, scope: CheckScope, wanted: RuleType['kind'], what: { zh: string; en: string }): RuleType {
  const type = check(node, source, scope);
  if (type.kind !== wanted && !(wanted === 'number' && type.kind === 'months')) {
    throw new RuleError(source, node.start, {
      zh: `${what.zh}应为${typeNameZh({ kind: wanted } as RuleType)}（${wanted}），这里是${typeNameZh(type)}（${typeName(type)}）`,
      en: `${what.en} must be ${wanted}, not ${typeName(type)}`,
    });
  }
  return type;
}
