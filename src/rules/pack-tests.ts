/**
 * Running a pack's test cases, which are data beside the policies: the facts go in, and each policy's
 * outcome (an amount to the fen, or not eligible, undetermined, suppressed) must come out. A case
 * under a policy tests that policy alone; a case at the pack's level tests the decisions after
 * precedence.
 */
import { AppError } from '../kernel/errors.ts';
import { formatYuan } from '../kernel/money.ts';
import { readFacts } from './facts.ts';
import type { Expectation, Pack, TestCase } from './pack.ts';
import { setCountyValues } from './pack.ts';
import type { Parameter } from './parameters.ts';
import { evaluatePolicy, type Outcome } from './policy.ts';
import { evaluatePack, situationOf, type Decision } from './precedence.ts';

/** The result of one test case. */
export interface CaseResult {
  name: string;
  policy?: string;
  passed: boolean;
  /** what differed, when it failed */
  problems: string[];
}

/** The pack with county parameter values set as a test case (or a county's decision file) gives them. */
export function withCountyValues(pack: Pack, counties: Record<string, Record<string, unknown>>, where = 'counties'): Pack {
  const parameters = new Map<string, Parameter>(pack.parameters);
  for (const [name, values] of Object.entries(counties)) {
    const parameter = parameters.get(name);
    if (!parameter || parameter.scope !== 'county') {
      throw new AppError('unprocessable', { zh: `${where}：${name} 不是县级参数`, en: `${where}: ${name} is not a county parameter` }, `${where}.${name}`);
    }
    const copy: Parameter = { ...parameter, counties: new Map(parameter.counties) };
    setCountyValues(copy, values, `${where}.${name}`);
    parameters.set(name, copy);
  }
  return { ...pack, parameters };
}

function describe(decision: Decision | Outcome): string {
  if (decision.status === 'eligible') return formatYuan(decision.amount);
  if (decision.status === 'not_eligible') return `not_eligible (${decision.reason.zh})`;
  if (decision.status === 'undetermined') return `undetermined (${decision.questions.map((question) => question.fact ?? question.parameter ?? question.text.zh).join(', ')})`;
  return `suppressed (${decision.reason.zh})`;
}

function matches(expected: Expectation, decision: Decision | Outcome): boolean {
  if ('amount' in expected) return decision.status === 'eligible' && decision.amount === expected.amount;
  return decision.status === expected.status;
}

function runCase(pack: Pack, testCase: TestCase, policyId: string | undefined): string[] {
  const subject = testCase.counties ? withCountyValues(pack, testCase.counties, `${testCase.name}.counties`) : pack;
  const facts = readFacts(subject.schema, testCase.facts);
  const decisions = new Map<string, Decision | Outcome>();
  if (policyId !== undefined) {
    const policy = subject.policies.find((candidate) => candidate.id === policyId);
    if (policy) decisions.set(policyId, evaluatePolicy(policy, facts, situationOf(subject, testCase.asOf)));
  } else {
    for (const [id, decision] of evaluatePack(subject, facts, testCase.asOf)) decisions.set(id, decision);
  }
  const problems: string[] = [];
  for (const [id, expected] of testCase.expect) {
    const decision = decisions.get(id);
    if (!decision) continue;
    if (!matches(expected, decision)) {
      const wanted = 'amount' in expected ? formatYuan(expected.amount) : expected.status;
      problems.push(`${id}: expected ${wanted}, got ${describe(decision)}`);
    }
    if (testCase.asks && decision.status === 'undetermined') {
      const asked = decision.questions.map((question) => question.fact ?? question.parameter);
      for (const fact of testCase.asks) if (!asked.includes(fact)) problems.push(`${id}: should ask for ${fact}, asks for ${asked.join(', ')}`);
      for (const fact of asked) if (fact && !testCase.asks.includes(fact)) problems.push(`${id}: asks for ${fact}, which does not matter here`);
    }
  }
  return problems;
}

/** Runs every test case of the pack. */
export function runPackTests(pack: Pack): CaseResult[] {
  return pack.tests.map(({ policy, case: testCase }) => {
    let problems: string[];
    try {
      problems = runCase(pack, testCase, policy);
    } catch (error) {
      problems = [error instanceof AppError ? error.text.en : String(error)];
    }
    const result: CaseResult = { name: testCase.name, passed: problems.length === 0, problems };
    if (policy !== undefined) result.policy = policy;
    return result;
  });
}
