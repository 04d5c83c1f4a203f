/**
 * Policy packs: a facts schema, dated and county parameters, policies, exclusivity groups, declared
 * combinations and test cases, read from a parsed YAML or JSON document (format in docs/rules-language.md). Reading a pack
 * type-checks every rule, and refuses the pack with the place of the first problem: the YAML path and,
 * inside a rule, its line and column.
 */
import { unprocessable, type LocalizedText } from '../kernel/errors.ts';
import type { Rounding } from '../kernel/money.ts';
import { isIsoDate, periodKinds, type PeriodKind } from '../kernel/periods.ts';
import { checkAs, type CheckScope } from './checker.ts';
import { RuleError } from './errors.ts';
import { dayOfDate, roundingModes } from './functions.ts';
import type { DatedValue, Parameter } from './parameters.ts';
import { parse } from './parser.ts';
import { beneficiaryKinds, type BeneficiaryKind, type EvidenceItem, type Policy, type Rule } from './policy.ts';
import { parseTypeName, type FactsSchema, type FactSpec, type RuleType } from './types.ts';

/** How the members of an exclusivity group give way to one another. */
export type Strategy = 'higher' | 'priority' | 'first_match';

/** Policies of which a beneficiary receives at most one (不重复享受). */
export interface ExclusiveGroup {
  id: string;
  strategy: Strategy;
  /** in priority order for `priority` and `first_match` */
  policies: string[];
  basis: string;
}

/** Two or more policies declared to be received together, with the reason. */
export interface Combination {
  policies: string[];
  reason: string;
}

/** What a test case expects of one policy: an amount in fen, or a status. */
export type Expectation = { amount: number } | { status: 'not_eligible' | 'undetermined' | 'suppressed' };

/** A test case as data: facts in, outcomes out. */
export interface TestCase {
  name: string;
  asOf: string;
  facts: Record<string, unknown>;
  /** county parameter values the case assumes, by parameter then county */
  counties?: Record<string, Record<string, unknown>>;
  expect: Map<string, Expectation>;
  /** the facts the undetermined outcome must ask for */
  asks?: string[];
}

/** A pack read and checked. */
export interface Pack {
  id: string;
  version: string;
  title: LocalizedText;
  schema: FactsSchema;
  parameters: Map<string, Parameter>;
  policies: Policy[];
  groups: ExclusiveGroup[];
  combinations: Combination[];
  /** per-policy cases (policy alone) and pack cases (after precedence) */
  tests: Array<{ policy?: string; case: TestCase }>;
}

type Node = Record<string, unknown>;

function refuse(where: string, zh: string, en: string): never {
  throw unprocessable(where, { zh: `${where}：${zh}`, en: `${where}: ${en}` });
}

function object(value: unknown, where: string): Node {
  if (!value || typeof value !== 'object' || Array.isArray(value)) refuse(where, '应为映射', 'must be a mapping');
  return value as Node;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') refuse(where, '应为非空文本', 'must be non-empty text');
  return value as string;
}

function optionalText(value: unknown, where: string): string | undefined {
  return value === undefined || value === null ? undefined : text(value, where);
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) refuse(where, '应为列表', 'must be a list');
  return value as unknown[];
}

function localized(node: Node, where: string, zhKey = 'zh', enKey = 'en'): LocalizedText {
  return { zh: text(node[zhKey], `${where}.${zhKey}`), en: text(node[enKey], `${where}.${enKey}`) };
}

function date(value: unknown, where: string): string {
  const written = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (typeof written !== 'string' || !isIsoDate(written)) refuse(where, '应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  return written as string;
}

function rule(value: unknown, where: string): Rule {
  const source = text(typeof value === 'number' || typeof value === 'boolean' ? String(value) : value, where);
  try {
    return { source, expression: parse(source) };
  } catch (error) {
    throw located(error, where);
  }
}

function located(error: unknown, where: string): unknown {
  if (error instanceof RuleError) return unprocessable(where, { zh: `${where}：${error.text.zh}`, en: `${where}: ${error.text.en}` });
  return error;
}

function checked(scope: CheckScope, value: Rule, where: string, wanted: RuleType['kind'], what: LocalizedText): Rule {
  try {
    checkAs(value.expression, value.source, scope, wanted, what);
  } catch (error) {
    throw located(error, where);
  }
  return value;
}

function factType(node: Node, where: string): RuleType {
  const name = text(node.type, `${where}.type`);
  if (name === 'enum') return { kind: 'enum', values: list(node.values, `${where}.values`).map((value, index) => text(value, `${where}.values[${index}]`)) };
  if (name === 'list') return { kind: 'list', of: factType(object(node.of, `${where}.of`), `${where}.of`) };
  return parseTypeName(name) ?? refuse(`${where}.type`, `未知类型 ${name}`, `unknown type ${name}`);
}

function readSchema(node: Node): FactsSchema {
  const facts = new Map<string, FactSpec>();
  for (const [path, value] of Object.entries(object(node.fields, 'facts.fields'))) {
    const where = `facts.fields.${path}`;
    const spec = object(value, where);
    facts.set(path, { path, type: factType(spec, where), label: localized(spec, where), question: localized(spec, where, 'ask_zh', 'ask_en') });
  }
  const schema: FactsSchema = { id: text(node.id, 'facts.id'), facts };
  const county = optionalText(node.county, 'facts.county');
  if (county !== undefined) {
    if (facts.get(county)?.type.kind !== 'string') refuse('facts.county', `${county} 应为 string 类型的事实`, `${county} must be a string fact`);
    schema.county = county;
  }
  return schema;
}

/** Reads a literal value of a parameter (`3000元`, `6`, `date('2020-06-30')`) with the language's own lexer. */
function literal(value: unknown, type: RuleType, where: string): number | string | boolean {
  const source = typeof value === 'string' ? value : String(value);
  const expression = rule(source, where).expression;
  const negative = expression.kind === 'unary' && expression.operator === '-';
  const inner = negative ? expression.operand : expression;
  const sign = negative ? -1 : 1;
  if (type.kind === 'money' && inner.kind === 'money') return sign * inner.fen;
  if ((type.kind === 'number' || type.kind === 'months') && inner.kind === 'number') return sign * inner.value;
  if (type.kind === 'date' && inner.kind === 'date') return dayOfDate(inner.value);
  if (type.kind === 'boolean' && inner.kind === 'boolean' && !negative) return inner.value;
  if ((type.kind === 'string' || type.kind === 'enum') && inner.kind === 'string' && !negative) return inner.value;
  return refuse(where, `「${source}」不是 ${type.kind} 类型的值（金额写作 3000元）`, `"${source}" is not a ${type.kind} value (money is written 3000元)`);
}

function datedValues(value: unknown, type: RuleType, where: string, range?: [number, number]): DatedValue[] {
  const values = list(value, where).map((item, index): DatedValue => {
    const at = `${where}[${index}]`;
    const node = object(item, at);
    const from = node.from === undefined || node.from === null ? undefined : date(node.from, `${at}.from`);
    const read = literal(node.value, type, `${at}.value`);
    if (range && typeof read === 'number' && (read < range[0] || read > range[1])) {
      const [low, high] = type.kind === 'money' ? [`${range[0] / 100}元`, `${range[1] / 100}元`] : range;
      refuse(`${at}.value`, `超出文件规定的范围 ${low}–${high}`, `outside the range ${low}–${high} the source sets`);
    }
    const dated: DatedValue = { fromDay: from === undefined ? -Infinity : dayOfDate(from), value: read, reference: text(node.reference, `${at}.reference`) };
    if (from !== undefined) dated.from = from;
    return dated;
  });
  values.forEach((dated, index) => {
    const previous = values[index - 1];
    if (previous && !(dated.fromDay > previous.fromDay)) refuse(`${where}[${index}].from`, '取值须按生效日期先后排列且日期不重复', 'values must be in order of their dates, each date once');
  });
  return values;
}

function readParameter(name: string, value: unknown): Parameter {
  const where = `parameters.${name}`;
  const node = object(value, where);
  const type = factType(node, where);
  const scope = node.scope === 'county' ? 'county' : node.scope === undefined || node.scope === 'general' ? 'general' : refuse(`${where}.scope`, '应为 general 或 county', 'must be general or county');
  let range: [number, number] | undefined;
  if (node.range !== undefined) {
    const [low, high] = list(node.range, `${where}.range`).map((bound, index) => literal(bound, type, `${where}.range[${index}]`));
    if (typeof low !== 'number' || typeof high !== 'number' || low > high) refuse(`${where}.range`, '应为 [下限, 上限]', 'must be [low, high]');
    range = [low as number, high as number];
  }
  const parameter: Parameter = {
    name,
    type,
    label: localized(node, where),
    scope,
    values: scope === 'general' ? datedValues(node.values, type, `${where}.values`) : [],
    counties: new Map(),
    reference: text(node.reference, `${where}.reference`),
  };
  if (range) parameter.range = range;
  const unit = optionalText(node.unit, `${where}.unit`);
  if (unit) parameter.unit = unit;
  if (scope === 'county') setCountyValues(parameter, node.counties ?? {}, `${where}.counties`);
  return parameter;
}

/** Sets the values counties decided for a county parameter (from the pack or from a separate file). */
export function setCountyValues(parameter: Parameter, counties: unknown, where: string): void {
  for (const [county, values] of Object.entries(object(counties, where))) {
    const dated = Array.isArray(values) ? values : [{ value: values, reference: `${where}.${county}` }];
    parameter.counties.set(county, datedValues(dated, parameter.type, `${where}.${county}`, parameter.range));
  }
}

function readEvidence(value: unknown, where: string): EvidenceItem[] {
  const items = list(value ?? [], where).map((item, index): EvidenceItem => {
    const at = `${where}[${index}]`;
    const node = object(item, at);
    const id = text(node.id, `${at}.id`);
    if (!/^[a-z][a-z0-9-]{0,59}$/.test(id)) refuse(`${at}.id`, '编号应为小写字母、数字和连字符', 'the id must be lower-case letters, digits and hyphens');
    if (node.optional !== undefined && typeof node.optional !== 'boolean') refuse(`${at}.optional`, '应为 true 或 false', 'must be true or false');
    return { id, text: localized(node, at), optional: node.optional === true };
  });
  items.forEach((item, index) => {
    if (items.findIndex((other) => other.id === item.id) !== index) refuse(`${where}[${index}].id`, `材料编号 ${item.id} 重复`, `duplicate evidence id ${item.id}`);
  });
  return items;
}

function readPolicy(value: unknown, index: number, scope: CheckScope): Policy {
  const node = object(value, `policies[${index}]`);
  const id = text(node.id, `policies[${index}].id`);
  const where = `policies.${id}`;
  const basisNode = object(node.basis, `${where}.basis`);
  const kind = text(node.beneficiary, `${where}.beneficiary`);
  if (!(beneficiaryKinds as readonly string[]).includes(kind)) refuse(`${where}.beneficiary`, `应为 ${beneficiaryKinds.join('、')} 之一`, `must be one of ${beneficiaryKinds.join(', ')}`);
  const rounding = (node.rounding ?? 'half_up') as Rounding;
  if (!roundingModes.includes(rounding)) refuse(`${where}.rounding`, `应为 ${roundingModes.join('、')} 之一`, `must be one of ${roundingModes.join(', ')}`);
  const policy: Policy = {
    id,
    name: localized(object(node.name, `${where}.name`), `${where}.name`),
    basis: {
      document: text(basisNode.document, `${where}.basis.document`),
      clause: text(basisNode.clause, `${where}.basis.clause`),
      quote: text(basisNode.quote, `${where}.basis.quote`),
    },
    beneficiary: kind as BeneficiaryKind,
    eligibility: list(node.eligibility, `${where}.eligibility`).map((item, position) => {
      const at = `${where}.eligibility[${position}]`;
      const condition = object(item, at);
      return {
        rule: checked(scope, rule(condition.when, `${at}.when`), `${at}.when`, 'boolean', { zh: '条件', en: 'a condition' }),
        text: localized(condition, at),
      };
    }),
    amount: checked(scope, rule(node.amount, `${where}.amount`), `${where}.amount`, 'money', { zh: '金额', en: 'the amount' }),
    rounding,
    benefit: node.benefit === 'loan_limit' ? 'loan_limit' : 'subsidy',
    evidence: readEvidence(node.evidence, `${where}.evidence`),
  };
  const number = optionalText(basisNode.number, `${where}.basis.number`);
  if (number) policy.basis.number = number;
  const valid = node.valid === undefined ? {} : object(node.valid, `${where}.valid`);
  if (valid.from !== undefined && valid.from !== null) policy.validFrom = date(valid.from, `${where}.valid.from`);
  if (valid.to !== undefined && valid.to !== null) policy.validTo = date(valid.to, `${where}.valid.to`);
  if (node.date !== undefined) policy.date = checked(scope, rule(node.date, `${where}.date`), `${where}.date`, 'date', { zh: '事项日期', en: 'the date' });
  if (node.cap !== undefined) policy.cap = checked(scope, rule(node.cap, `${where}.cap`), `${where}.cap`, 'money', { zh: '上限', en: 'the cap' });
  if (node.once_per !== undefined) {
    const once = object(node.once_per, `${where}.once_per`);
    const key = text(once.key, `${where}.once_per.key`);
    if (!scope.schema.facts.has(key)) refuse(`${where}.once_per.key`, `事实表中没有「${key}」`, `the facts schema has no "${key}"`);
    const period = (once.period ?? 'ever') as PeriodKind | 'ever';
    if (period !== 'ever' && !periodKinds.includes(period)) refuse(`${where}.once_per.period`, `应为 ever 或 ${periodKinds.join('、')}`, `must be ever or one of ${periodKinds.join(', ')}`);
    policy.oncePer = { key, period };
  }
  return policy;
}

function readExpectation(value: unknown, where: string): Expectation {
  if (value === 'not_eligible' || value === 'undetermined' || value === 'suppressed') return { status: value };
  return { amount: literal(value, { kind: 'money' }, where) as number };
}

function readCase(value: unknown, where: string, policy: string | undefined): TestCase {
  const node = object(value, where);
  const expect = new Map<string, Expectation>();
  if (policy !== undefined) expect.set(policy, readExpectation(node.expect, `${where}.expect`));
  else for (const [id, expected] of Object.entries(object(node.expect, `${where}.expect`))) expect.set(id, readExpectation(expected, `${where}.expect.${id}`));
  const testCase: TestCase = {
    name: text(node.name, `${where}.name`),
    asOf: date(node.as_of, `${where}.as_of`),
    facts: object(node.facts ?? {}, `${where}.facts`),
    expect,
  };
  if (node.asks !== undefined) testCase.asks = list(node.asks, `${where}.asks`).map((fact, index) => text(fact, `${where}.asks[${index}]`));
  if (node.counties !== undefined) testCase.counties = object(node.counties, `${where}.counties`) as Record<string, Record<string, unknown>>;
  return testCase;
}

/** Reads and type-checks a pack from its parsed YAML or JSON document; throws an AppError naming the place of the first problem. */
export function readPackDocument(document: unknown, name = 'pack'): Pack {
  const root = object(document, name);
  const schema = readSchema(object(root.facts, 'facts'));
  const parameters = new Map<string, Parameter>();
  for (const [parameterName, value] of Object.entries(object(root.parameters ?? {}, 'parameters'))) parameters.set(parameterName, readParameter(parameterName, value));
  const scope: CheckScope = { schema, parameters: new Map([...parameters].map(([key, parameter]) => [key, parameter.type])) };
  const policies = list(root.policies, 'policies').map((value, index) => readPolicy(value, index, scope));
  const ids = new Set<string>();
  for (const policy of policies) {
    if (ids.has(policy.id)) refuse(`policies.${policy.id}`, '政策编号重复', 'duplicate policy id');
    ids.add(policy.id);
  }
  const known = (id: unknown, where: string): string => {
    const written = text(id, where);
    if (!ids.has(written)) refuse(where, `没有编号为 ${written} 的政策`, `no policy has the id ${written}`);
    return written;
  };
  const groups = list(root.exclusive ?? [], 'exclusive').map((value, index): ExclusiveGroup => {
    const where = `exclusive[${index}]`;
    const node = object(value, where);
    const strategy = text(node.strategy, `${where}.strategy`);
    if (!['higher', 'priority', 'first_match'].includes(strategy)) refuse(`${where}.strategy`, '应为 higher、priority 或 first_match', 'must be higher, priority or first_match');
    const members = list(node.policies, `${where}.policies`).map((id, position) => known(id, `${where}.policies[${position}]`));
    if (members.length < 2) refuse(`${where}.policies`, '至少需要两项政策', 'needs at least two policies');
    return { id: text(node.id, `${where}.id`), strategy: strategy as Strategy, policies: members, basis: text(node.basis, `${where}.basis`) };
  });
  const grouped = new Map<string, string>();
  for (const group of groups) {
    for (const id of group.policies) {
      const other = grouped.get(id);
      if (other) refuse(`exclusive.${group.id}`, `政策 ${id} 已属于互斥组 ${other}`, `policy ${id} is already in the exclusivity group ${other}`);
      grouped.set(id, group.id);
    }
  }
  const combinations = list(root.combinable ?? [], 'combinable').map((value, index): Combination => {
    const where = `combinable[${index}]`;
    const node = object(value, where);
    return { policies: list(node.policies, `${where}.policies`).map((id, position) => known(id, `${where}.policies[${position}]`)), reason: text(node.reason, `${where}.reason`) };
  });
  const tests: Pack['tests'] = [];
  list(root.policies, 'policies').forEach((value, index) => {
    const node = value as Node;
    const id = (policies[index] as Policy).id;
    list(node.tests ?? [], `policies.${id}.tests`).forEach((item, position) => tests.push({ policy: id, case: readCase(item, `policies.${id}.tests[${position}]`, id) }));
  });
  list(root.tests ?? [], 'tests').forEach((item, position) => {
    const testCase = readCase(item, `tests[${position}]`, undefined);
    for (const id of testCase.expect.keys()) known(id, `tests[${position}].expect.${id}`);
    tests.push({ case: testCase });
  });
  return {
    id: text(root.pack, 'pack'),
    version: String(root.version ?? '1'),
    title: localized(object(root.title, 'title'), 'title'),
    schema,
    parameters,
    policies,
    groups,
    combinations,
    tests,
  };
}
