import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors.ts';
import { readFacts } from './facts.ts';
import { findOverlaps } from './overlap.ts';
import type { Pack } from './pack.ts';
import { readPack } from './pack-yaml.ts';
import { runPackTests, withCountyValues } from './pack-tests.ts';
import { evaluatePolicy } from './policy.ts';
import { evaluatePack, situationOf } from './precedence.ts';

const linxiaFile = new URL('../../packs/policies/linxia-2020-employment.yaml', import.meta.url);
const linxiaText = readFileSync(linxiaFile, 'utf8');
const linxia = readPack(linxiaText, 'linxia-2020-employment.yaml');

function policy(pack: Pack, id: string) {
  const found = pack.policies.find((candidate) => candidate.id === id);
  if (!found) throw new Error(id);
  return found;
}

function refusal(text: string): AppError {
  try {
    readPack(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('read');
}

const poorHire = { 'person.id': 'p1', 'person.county': '622921', 'person.groups': '建档立卡贫困', 'person.local': true, 'hire.id': 'h1', 'hire.start_date': '2020-01-15' };

describe('rules.packs.linxia', () => {
  const results = runPackTests(linxia);
  it.each(results.map((result) => [`${result.policy ?? 'pack'}: ${result.name}`, result] as const))('%s', (_, result) => {
    expect(result.problems).toEqual([]);
  });

  it('ships a test case for every policy and quotes its clause word for word from the seed document', () => {
    for (const each of linxia.policies) {
      expect(linxia.tests.some((test) => test.policy === each.id)).toBe(true);
      expect(each.basis.quote.length).toBeGreaterThan(20);
    }
    // The plan pack holds the seed document's measures as written.
    const seed = readFileSync(new URL('../../packs/plans/linxia-2020-employment.yaml', import.meta.url), 'utf8');
    for (const each of linxia.policies) {
      for (const sentence of each.basis.quote.split(/[，。；]/).filter((part) => part.length > 6)) {
        expect(seed.replace(/\s/g, '')).toContain(sentence.replace(/\s/g, ''));
      }
    }
  });

  it('explains a refusal with the first failing condition and the facts behind it, in plain Chinese', () => {
    const outcome = evaluatePolicy(policy(linxia, 'poor-worker-hiring'), readFacts(linxia.schema, { ...poorHire, 'hire.end_date': '2020-07-14' }), situationOf(linxia, '2020-12-31'));
    expect(outcome.status).toBe('not_eligible');
    if (outcome.status !== 'not_eligible') return;
    expect(outcome.reason.zh).toBe('不符合「稳定就业半年以上」：入职日期为2020-01-15，离职日期为2020-07-14');
    expect(outcome.condition).toBe('spell_months(hire.start_date, hire.end_date, as_of) >= 6');
    expect(outcome.basis.clause).toBe('四(二)6');
  });

  it('asks for the missing facts as questions from the schema, conditions before amounts', () => {
    const outcome = evaluatePolicy(policy(linxia, 'transfer-transport'), readFacts(linxia.schema, { 'person.groups': '边缘易致贫', 'transfer.on': '2020-03-01' }), situationOf(linxia, '2020-12-31'));
    expect(outcome.status).toBe('undetermined');
    if (outcome.status !== 'undetermined') return;
    expect(outcome.questions.map((question) => question.text.zh)).toEqual(['该劳动力是否为有组织输转？']);
    const known = evaluatePolicy(policy(linxia, 'transfer-transport'), readFacts(linxia.schema, { 'person.groups': '边缘易致贫', 'transfer.on': '2020-03-01', 'transfer.organised': '是' }), situationOf(linxia, '2020-12-31'));
    expect(known.status === 'undetermined' && known.questions.map((question) => question.text.zh)).toEqual(['输转到省内还是省外？']);
  });

  it('gives the amount with the parameter values, their 文号 and the conditions met', () => {
    const outcome = evaluatePolicy(policy(linxia, 'poor-worker-hiring'), readFacts(linxia.schema, poorHire), situationOf(linxia, '2021-01-15'));
    expect(outcome).toMatchObject({ status: 'eligible', amount: 500_000, parameters: [{ name: 'poor_hire_one_year', value: 500_000, reference: '临夏州关于保居民就业的工作方案 四(二)6' }] });
    if (outcome.status === 'eligible') expect(outcome.conditions.map((condition) => condition.zh)).toContain('稳定就业半年以上');
  });

  it('takes the loan limit in force on the application date: 150,000 the day before the raise, 200,000 on it', () => {
    const loan = policy(linxia, 'startup-loan');
    const on = (date: string) => evaluatePolicy(loan, readFacts(linxia.schema, { 'loan.requested': '300000', 'loan.applied_on': date }), situationOf(linxia, '2020-12-31'));
    expect(on('2020-04-14')).toMatchObject({ status: 'eligible', amount: 15_000_000, capped: { before: 30_000_000, cap: 15_000_000 } });
    const raised = on('2020-04-15');
    expect(raised).toMatchObject({ status: 'eligible', amount: 20_000_000 });
    if (raised.status === 'eligible') expect(raised.parameters[0]).toMatchObject({ from: '2020-04-15', reference: '财金〔2020〕21号；临夏州关于保居民就业的工作方案 四(四)19' });
  });

  it('says what replaced a suppressed benefit and why (就高不就低)', () => {
    const pack = withCountyValues(linxia, { workshop_award: { '622921': '4000元' } });
    const facts = readFacts(pack.schema, { ...poorHire, 'hire.employer_kind': '扶贫车间', 'hire.workshop_poor_workers': 50, 'hire.end_date': '2020-09-01' });
    const decisions = evaluatePack(pack, facts, '2020-12-31');
    expect(decisions.get('workshop-hiring')).toMatchObject({ status: 'eligible', amount: 400_000 });
    const suppressed = decisions.get('poor-worker-hiring');
    expect(suppressed).toMatchObject({ status: 'suppressed', amount: 300_000, replacedBy: 'workshop-hiring' });
    if (suppressed?.status === 'suppressed') {
      expect(suppressed.reason.zh).toContain('与「扶贫车间带动就业奖补」不重复享受，按就高不就低原则享受后者（4,000.00 元 ≥ 3,000.00 元）');
    }
  });

  it('grants a once-per benefit only once per beneficiary and period', () => {
    const ledger = new Set<string>();
    const facts = readFacts(linxia.schema, { 'person.id': 'p7', 'person.groups': '建档立卡贫困', 'transfer.organised': true, 'transfer.scope': '省内', 'transfer.on': '2020-03-01' });
    expect(evaluatePack(linxia, facts, '2020-12-31', ledger).get('transfer-transport')).toMatchObject({ status: 'eligible', amount: 30_000 });
    expect(evaluatePack(linxia, facts, '2020-12-31', ledger).get('transfer-transport')).toMatchObject({ status: 'suppressed' });
  });

  it('finds no undeclared overlap in the Linxia pack', () => {
    expect(findOverlaps(linxia)).toEqual([]);
  });
});

describe('rules.readPack', () => {
  it('reports an overlap that is not declared, with facts that show it', () => {
    const undeclared = readPack(linxiaText.replace(/combinable:\n {2}- policies: \[poor-worker-hiring, sme-local-hiring\]\n {4}reason: [^\n]+\n/, 'combinable:\n'));
    const overlaps = findOverlaps(undeclared);
    expect(overlaps.map((overlap) => overlap.policies)).toEqual([['poor-worker-hiring', 'sme-local-hiring']]);
    expect(overlaps[0]?.message.zh).toContain('既未列入同一互斥组，也未声明可叠加');
  });

  it('refuses a rule that does not type-check, with the policy, the line and column and the reason', () => {
    const error = refusal(linxiaText.replace("when: hire.employer_kind == '企业'", "when: hire.employer_kind == '国企'"));
    expect(error.field).toBe('policies.sme-local-hiring.eligibility[0].when');
    expect(error.text.zh).toContain('规则第 1 行第 23 列：「国企」不是可选值之一');
  });

  it('refuses a county value outside the range the source gives, and values out of date order', () => {
    expect(() => withCountyValues(linxia, { labour_award: { '622921': '6000元' } })).toThrow(/outside the range 1800元–5400元 the source sets/);
    const error = refusal(linxiaText.replace('- from: 2020-04-15', '- from: 1999-04-15').replace('      - value: 150000元', '      - from: 2000-01-01\n        value: 150000元'));
    expect(error.text.en).toContain('values must be in order of their dates');
  });

  it('refuses an amount that is not money and a county parameter with no such parameter', () => {
    expect(refusal(linxiaText.replace('amount: param.agency_award', 'amount: 200')).text.zh).toContain('金额应为金额（money），这里是数值（number）');
    expect(() => withCountyValues(linxia, { living_subsidy: { '622921': '1元' } })).toThrow(/not a county parameter/);
  });
});
