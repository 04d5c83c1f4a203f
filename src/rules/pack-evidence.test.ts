import { describe, expect, it } from 'vitest';
import { readPackDocument } from './pack.ts';

const base = (evidence: unknown) => ({
  pack: 'p',
  title: { zh: '包', en: 'pack' },
  facts: { id: 's', fields: {} },
  policies: [{ id: 'a', name: { zh: 'a', en: 'a' }, basis: { document: 'd', clause: 'c', quote: 'q' }, beneficiary: 'person', eligibility: [], amount: '100元', ...(evidence === undefined ? {} : { evidence }) }],
});

describe('policy evidence lists', () => {
  it('reads the documents a policy requires, optional ones marked', () => {
    const pack = readPackDocument(base([{ id: 'labour-contract', zh: '劳动合同', en: 'labour contract' }, { id: 'photos', zh: '照片', en: 'photos', optional: true }]));
    expect(pack.policies[0]?.evidence).toEqual([
      { id: 'labour-contract', text: { zh: '劳动合同', en: 'labour contract' }, optional: false },
      { id: 'photos', text: { zh: '照片', en: 'photos' }, optional: true },
    ]);
  });

  it('requires nothing when a policy names no evidence', () => {
    expect(readPackDocument(base(undefined)).policies[0]?.evidence).toEqual([]);
  });

  it('refuses a bad id, a duplicate and a non-boolean optional, naming the place', () => {
    expect(() => readPackDocument(base([{ id: 'Labour Contract', zh: 'x', en: 'x' }]))).toThrow(expect.objectContaining({ field: 'policies.a.evidence[0].id' }));
    expect(() => readPackDocument(base([{ id: 'x', zh: 'x', en: 'x' }, { id: 'x', zh: 'y', en: 'y' }]))).toThrow(expect.objectContaining({ field: 'policies.a.evidence[1].id' }));
    expect(() => readPackDocument(base([{ id: 'x', zh: 'x', en: 'x', optional: 'yes' }]))).toThrow(expect.objectContaining({ field: 'policies.a.evidence[0].optional' }));
    expect(() => readPackDocument(base([{ id: 'x', en: 'x' }]))).toThrow(expect.objectContaining({ field: 'policies.a.evidence[0].zh' }));
  });
});
