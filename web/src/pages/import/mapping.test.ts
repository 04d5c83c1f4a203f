import { describe, expect, it } from 'vitest';
import { initialMapping, isComplete, mappingToSend, unmappedNames } from './mapping.ts';

const unitId = '7f2a32cf-8786-4894-88c8-a30346a0b747';

describe('import name mapping', () => {
  it('starts from the pack’s proposals and leaves the other names open', () => {
    const draft = initialMapping(['区人社局', '各镇街'], { 各镇街: { collective: 'governments-below' } });
    expect(draft).toEqual({ 区人社局: undefined, 各镇街: { collective: 'governments-below' } });
    expect(unmappedNames(['区人社局', '各镇街'], draft)).toEqual(['区人社局']);
  });

  it('needs a name, kind and region before a new unit counts as an answer', () => {
    expect(isComplete({ create: { fullName: '  ', kind: 'department', regionCode: '500111' } })).toBe(false);
    expect(isComplete({ create: { fullName: '大足区就业局', kind: 'department', regionCode: '' } })).toBe(false);
    expect(isComplete({ create: { fullName: '大足区就业局', kind: 'department', regionCode: '500111' } })).toBe(true);
    expect(isComplete({ unitId: '' })).toBe(false);
    expect(isComplete({ unitId })).toBe(true);
  });

  it('sends only complete answers, with new names trimmed', () => {
    const sent = mappingToSend({
      甲: { unitId },
      乙: { create: { fullName: ' 大足区就业局 ', kind: 'department', regionCode: '500111' } },
      丙: undefined,
      丁: { unitId: '' },
    });
    expect(sent).toEqual({ 甲: { unitId }, 乙: { create: { fullName: '大足区就业局', kind: 'department', regionCode: '500111' } } });
  });
});
