import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPack } from '../rules/pack-yaml.ts';
import type { Policy } from '../rules/policy.ts';
import { decideApplication, exclusiveGroupOf, snapshotOf } from './application-decision.ts';

const pack = readPack(readFileSync(new URL('../../packs/policies/linxia-2020-employment.yaml', import.meta.url), 'utf8'));
const policy = (id: string) => pack.policies.find((candidate) => candidate.id === id) as Policy;
const hire = { 'person.id': '622921199204080510', 'person.groups': ['建档立卡贫困'], 'hire.id': 'H1', 'hire.employer_kind': '企业', 'hire.employer_size': '小型', 'hire.same_county': true, 'hire.start_date': '2020-01-15' };

describe('application decision', () => {
  it('keeps the registry value an answer replaced, and refuses a bad answer naming answers.<path>', () => {
    const snapshot = snapshotOf(pack, hire, { 'hire.employer_kind': '扶贫车间', 'person.local': true });
    expect(snapshot['hire.employer_kind']).toEqual({ value: '扶贫车间', source: 'answer', registryValue: '企业' });
    expect(snapshot['person.local']).toEqual({ value: true, source: 'answer' });
    expect(snapshot['hire.start_date']).toEqual({ value: '2020-01-15', source: 'registry' });
    expect(() => snapshotOf(pack, hire, { 'person.local': 'perhaps' })).toThrow(expect.objectContaining({ field: 'answers.person.local' }));
    expect(() => snapshotOf(pack, hire, { 'person.salary': 1 })).toThrow(expect.objectContaining({ field: 'answers.person.salary' }));
  });

  it('traces the rule version, parameters and clauses, and keys the grant by the once-per fact', () => {
    const decision = decideApplication({ pack, versionId: 'v1', policy: policy('sme-local-hiring'), snapshot: snapshotOf(pack, hire, {}), asOf: '2021-03-01', beneficiaryIdNumber: 'USCC' });
    expect(decision.trace).toMatchObject({ status: 'eligible', amountFen: 200_000, ruleVersionId: 'v1', on: '2020-01-15', basis: { clause: '四(二)6' } });
    expect(decision.trace.parameters.map((use) => use.name)).toEqual(['sme_hire_one_year']);
    expect(decision).toMatchObject({ grantKey: 'H1', periodKey: 'ever' });
  });

  it('keys a policy without a once-per limit by the beneficiary, and names exclusivity groups', () => {
    const loan = decideApplication({ pack, versionId: 'v1', policy: policy('startup-loan'), snapshot: snapshotOf(pack, {}, { 'loan.requested': '250000', 'loan.applied_on': '2020-05-01' }), asOf: '2020-12-31', beneficiaryIdNumber: '622921199204080510' });
    expect(loan).toMatchObject({ grantKey: '622921199204080510', periodKey: 'ever', trace: { amountFen: 20_000_000, capped: { before: 25_000_000, cap: 20_000_000 } } });
    expect(exclusiveGroupOf(pack, 'workshop-hiring')).toBe('poor-hiring-or-workshop');
    expect(exclusiveGroupOf(pack, 'sme-local-hiring')).toBeNull();
  });

  it('decides as the engine does: the amount is the pack evaluation’s for any employment length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), (days) => {
        const end = new Date(Date.UTC(2020, 0, 15 + days)).toISOString().slice(0, 10);
        const decision = decideApplication({ pack, versionId: 'v', policy: policy('sme-local-hiring'), snapshot: snapshotOf(pack, { ...hire, 'hire.end_date': end }, {}), asOf: '2022-06-30', beneficiaryIdNumber: 'X' });
        const months = (Number(end.slice(0, 4)) - 2020) * 12 + Number(end.slice(5, 7)) - 1 - (Number(end.slice(8, 10)) < 15 ? 1 : 0);
        if (months >= 12) expect(decision.trace.amountFen).toBe(200_000);
        else if (months >= 6) expect(decision.trace.amountFen).toBe(100_000);
        else expect(decision.trace.status).toBe('not_eligible');
      }),
    );
  });
});
