import { describe, expect, it } from 'vitest';
import { hasRoleIn, inJurisdiction, jurisdictionPrefixes, regionWithin, type Actor } from './actor.ts';

function actorWith(...grants: [Actor['grants'][number]['role'], string][]): Actor {
  return { userId: 'u', username: 'u', grants: grants.map(([role, regionCode]) => ({ role, regionCode, unitId: regionCode })) };
}

describe('regionWithin', () => {
  it('puts a village inside its county, prefecture, province and the country', () => {
    for (const root of ['622921', '622900', '620000', '000000']) expect(regionWithin('622921101201', root)).toBe(true);
  });

  it('keeps a neighbouring county outside', () => {
    expect(regionWithin('622925', '622921')).toBe(false);
    expect(regionWithin('622921', '622925')).toBe(false);
  });

  it('keeps a prefecture outside its own county', () => {
    expect(regionWithin('622900', '622921')).toBe(false);
  });
});

describe('hasRoleIn', () => {
  const countyCoordinator = actorWith(['coordinator', '622921']);

  it('grants a role inside the unit region subtree only', () => {
    expect(hasRoleIn(countyCoordinator, ['coordinator'], '622921101')).toBe(true);
    expect(hasRoleIn(countyCoordinator, ['coordinator'], '622925')).toBe(false);
  });

  it('does not lend one role’s reach to another role', () => {
    const mixed = actorWith(['auditor', '622900'], ['coordinator', '622921']);
    expect(hasRoleIn(mixed, ['coordinator'], '622925')).toBe(false);
    expect(inJurisdiction(mixed, '622925')).toBe(true);
  });
});

describe('jurisdictionPrefixes', () => {
  it('drops prefixes nested inside another grant', () => {
    expect(jurisdictionPrefixes(actorWith(['admin', '622900'], ['admin', '622921'], ['admin', '532600']))).toEqual(['5326', '6229']);
  });

  it('gives the empty prefix for the whole country', () => {
    expect(jurisdictionPrefixes(actorWith(['admin', '000000'], ['admin', '622921']))).toEqual(['']);
  });

  it('filters by role', () => {
    expect(jurisdictionPrefixes(actorWith(['reporter', '622921'], ['auditor', '622925']), ['auditor'])).toEqual(['622925']);
  });
});
