import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { readFacts } from '../../rules/facts.ts';
import { readPack } from '../../rules/pack-yaml.ts';
import { evaluatePack } from '../../rules/precedence.ts';
import { applyChange, readLiteral, WhatIfTally } from './what-if.ts';

const pack = readPack(readFileSync(new URL('../../../packs/policies/linxia-2020-employment.yaml', import.meta.url), 'utf8'), 'linxia');
const transferred = readFacts(pack.schema, { 'person.id': 'p1', 'person.groups': ['建档立卡贫困'], 'transfer.organised': true, 'transfer.scope': '省内', 'transfer.on': '2020-05-01', 'hire.start_date': '2020-05-01', 'hire.end_date': '2020-06-15' });

function amountOf(rules: typeof pack, policy: string): number | string {
  const decision = evaluatePack(rules, transferred, '2020-12-31').get(policy);
  return decision?.status === 'eligible' ? decision.amount : (decision?.status ?? 'none');
}

describe('whatIf.applyChange', () => {
  it('changes a parameter throughout, leaving the original pack as it was', () => {
    const changed = applyChange(pack, { kind: 'parameter', parameter: 'transport_in_province', value: '400元' });
    expect(amountOf(changed, 'transfer-transport')).toBe(40000);
    expect(amountOf(pack, 'transfer-transport')).toBe(30000);
  });

  it('changes a parameter from a date only', () => {
    expect(amountOf(applyChange(pack, { kind: 'parameter', parameter: 'transport_in_province', value: '400元', from: '2020-06-01' }), 'transfer-transport')).toBe(30000);
    expect(amountOf(applyChange(pack, { kind: 'parameter', parameter: 'transport_in_province', value: '400元', from: '2020-05-01' }), 'transfer-transport')).toBe(40000);
  });

  it('eases a condition (3 months → 1)', () => {
    expect(amountOf(pack, 'transfer-living')).toBe('not_eligible');
    const eased = applyChange(pack, { kind: 'condition', policy: 'transfer-living', index: 2, when: 'spell_months(hire.start_date, hire.end_date, as_of) >= 1' });
    expect(amountOf(eased, 'transfer-living')).toBe(150000);
  });

  it('refuses a condition that does not type-check, with its position', () => {
    try {
      applyChange(pack, { kind: 'condition', policy: 'transfer-living', index: 2, when: 'hire.start_date >= 3' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).field).toBe('change.when');
      expect((error as AppError).text.zh).toMatch(/第 1 行第 \d+ 列/);
    }
    expect(() => applyChange(pack, { kind: 'condition', policy: 'transfer-living', index: 9, when: 'true' })).toThrow(/condition 10/);
    expect(() => applyChange(pack, { kind: 'parameter', parameter: 'nothing', value: '1元' })).toThrow(/no parameter/);
  });

  it('reads values as the parameter type: money needs 元', () => {
    expect(readLiteral('4000元', { kind: 'money' }, 'value')).toBe(400000);
    expect(() => readLiteral('4000', { kind: 'money' }, 'value')).toThrow(/4000元/);
    expect(readLiteral('3', { kind: 'months' }, 'value')).toBe(3);
    expect(() => readLiteral('3.5', { kind: 'months' }, 'value')).toThrow();
  });
});

describe('whatIf.tally', () => {
  it('counts gains, losses and changes by county, and the totals add up', () => {
    const grants = fc.array(fc.tuple(fc.constantFrom('622921', '622925'), fc.option(fc.integer({ min: 0, max: 500000 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 500000 }), { nil: undefined })), { maxLength: 50 });
    fc.assert(
      fc.property(grants, (rows) => {
        const tally = new WhatIfTally();
        for (const [county, before, after] of rows) {
          tally.add(county, new Map(before === undefined ? [] : [['p', before]]), new Map(after === undefined ? [] : [['p', after]]));
        }
        const { counties, total } = tally.result();
        expect(total.after - total.before).toBe(rows.reduce((sum, [, before, after]) => sum + (after ?? 0) - (before ?? 0), 0));
        expect(total.gain).toBe(rows.filter(([, before, after]) => before === undefined && after !== undefined).length);
        expect(total.lose).toBe(rows.filter(([, before, after]) => before !== undefined && after === undefined).length);
        expect(counties.reduce((sum, line) => sum + line.change, 0)).toBe(total.change);
      }),
    );
  });
});
