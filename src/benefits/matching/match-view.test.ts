import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFacts } from '../../rules/facts.ts';
import { readPack } from '../../rules/pack-yaml.ts';
import { evaluatePack } from '../../rules/precedence.ts';
import { claimableKinds, onceKeys, packQuestions, presentMatches } from './match-view.ts';

const pack = readPack(readFileSync(new URL('../../../packs/policies/linxia-2020-employment.yaml', import.meta.url), 'utf8'), 'linxia');

describe('matching.present', () => {
  it('explains eligible, not eligible, undetermined and suppressed outcomes in the asked language', () => {
    const facts = readFacts(pack.schema, { 'person.county': '622921', 'person.groups': ['建档立卡贫困'], 'person.local': true, 'hire.id': 'h', 'hire.employer_kind': '扶贫车间', 'hire.workshop_poor_workers': 60, 'hire.start_date': '2020-03-01' });
    const withCounty = { ...pack, parameters: new Map(pack.parameters) };
    const award = withCounty.parameters.get('workshop_award');
    if (award) withCounty.parameters.set('workshop_award', { ...award, counties: new Map([['622921', [{ fromDay: -Infinity, value: 400000, reference: '县定' }]]]) });
    const matches = presentMatches(withCounty, 'v1', evaluatePack(withCounty, facts, '2020-12-31'), claimableKinds.enterprise, 'zh');
    const byId = Object.fromEntries(matches.map((match) => [match.policy, match]));
    expect(byId['workshop-hiring']).toMatchObject({ status: 'eligible', amountFen: 400000 });
    expect(byId['workshop-hiring']?.parameters[0]).toMatchObject({ name: 'workshop_award@622921', value: '4,000.00 元' });
    expect(byId['poor-worker-hiring']).toMatchObject({ status: 'suppressed', replacedBy: 'workshop-hiring' });
    expect(byId['poor-worker-hiring']?.reason).toContain('就高不就低');
    expect(byId['sme-local-hiring']?.status).toBe('not_eligible');
    expect(byId['sme-local-hiring']?.reason).toContain('用人单位是企业');
    expect(byId['transfer-transport']).toBeUndefined();
    const english = presentMatches(withCounty, 'v1', evaluatePack(withCounty, facts, '2020-12-31'), claimableKinds.enterprise, 'en');
    expect(english.find((match) => match.policy === 'sme-local-hiring')?.howToApply).toContain('clause 四(二)6');
  });

  it('asks the questions of the policies an applicant may claim, without the once-per keys', () => {
    const questions = packQuestions(pack, claimableKinds.person, 'zh', onceKeys(pack));
    const facts = questions.map((question) => question.fact);
    expect(facts).toContain('transfer.organised');
    expect(facts).not.toContain('person.id');
    expect(questions.find((question) => question.fact === 'person.groups')?.choices).toContain('建档立卡贫困');
  });
});
