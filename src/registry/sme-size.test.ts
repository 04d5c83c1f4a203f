import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sizeClassCodes } from '../contracts/registry-constants.ts';
import { industryGroup, smeSizeClass } from './sme-size.ts';

const wan = 1_000_000;

/** [industry, employees, revenue 万元, assets 万元, expected], the boundaries as the 2011 standard prints them. */
const cases: [string, number | null, number | null, number | null, string][] = [
  // 农、林、牧、渔业: Y < 20000 SME; Y ≥ 500 medium; Y ≥ 50 small
  ['A', null, 20000, null, 'large'],
  ['A', null, 19999.99, null, 'medium'],
  ['A', null, 500, null, 'medium'],
  ['A', null, 499.99, null, 'small'],
  ['A', null, 50, null, 'small'],
  ['A', null, 49.99, null, 'micro'],
  // 工业: X < 1000 or Y < 40000; medium X ≥ 300 and Y ≥ 2000; small X ≥ 20 and Y ≥ 300
  ['C13', 1000, 40000, null, 'large'],
  ['C', 999, 40000, null, 'medium'],
  ['B', 1000, 39999, null, 'medium'],
  ['D', 300, 2000, null, 'medium'],
  ['C', 299, 2000, null, 'small'],
  ['C', 300, 1999, null, 'small'],
  ['C', 20, 300, null, 'small'],
  ['C', 19, 300, null, 'micro'],
  ['C', 20, 299, null, 'micro'],
  // 建筑业: Y < 80000 or Z < 80000; medium Y ≥ 6000 and Z ≥ 5000; small Y ≥ 300 and Z ≥ 300
  ['E', null, 80000, 80000, 'large'],
  ['E', null, 80000, 79999, 'medium'],
  ['E', null, 6000, 5000, 'medium'],
  ['E', null, 6000, 4999, 'small'],
  ['E', null, 300, 300, 'small'],
  ['E', null, 299, 300, 'micro'],
  // 批发业: X < 200 or Y < 40000; medium X ≥ 20 and Y ≥ 5000; small X ≥ 5 and Y ≥ 1000
  ['F51', 200, 40000, null, 'large'],
  ['F51', 199, 40000, null, 'medium'],
  ['F51', 20, 5000, null, 'medium'],
  ['F51', 19, 5000, null, 'small'],
  ['F51', 5, 1000, null, 'small'],
  ['F51', 4, 1000, null, 'micro'],
  // 零售业: X < 300 or Y < 20000; medium X ≥ 50 and Y ≥ 500; small X ≥ 10 and Y ≥ 100
  ['F52', 300, 20000, null, 'large'],
  ['F5211', 300, 19999, null, 'medium'],
  ['F52', 50, 500, null, 'medium'],
  ['F52', 50, 499, null, 'small'],
  ['F52', 10, 100, null, 'small'],
  ['F52', 9, 100, null, 'micro'],
  // 交通运输业: X < 1000 or Y < 30000; medium X ≥ 300 and Y ≥ 3000; small X ≥ 20 and Y ≥ 200
  ['G54', 1000, 30000, null, 'large'],
  ['G54', 300, 3000, null, 'medium'],
  ['G54', 300, 2999, null, 'small'],
  ['G54', 20, 200, null, 'small'],
  ['G54', 20, 199, null, 'micro'],
  // 仓储业: X < 200 or Y < 30000; medium X ≥ 100 and Y ≥ 1000; small X ≥ 20 and Y ≥ 100
  ['G59', 200, 30000, null, 'large'],
  ['G59', 100, 1000, null, 'medium'],
  ['G59', 99, 1000, null, 'small'],
  ['G59', 20, 100, null, 'small'],
  ['G59', 19, 100, null, 'micro'],
  // 邮政业: X < 1000 or Y < 30000; medium X ≥ 300 and Y ≥ 2000; small X ≥ 20 and Y ≥ 100
  ['G60', 1000, 30000, null, 'large'],
  ['G60', 300, 2000, null, 'medium'],
  ['G60', 300, 1999, null, 'small'],
  ['G60', 20, 100, null, 'small'],
  ['G60', 20, 99, null, 'micro'],
  // 住宿业 and 餐饮业: X < 300 or Y < 10000; medium X ≥ 100 and Y ≥ 2000; small X ≥ 10 and Y ≥ 100
  ['H61', 300, 10000, null, 'large'],
  ['H61', 100, 2000, null, 'medium'],
  ['H61', 100, 1999, null, 'small'],
  ['H62', 300, 10000, null, 'large'],
  ['H62', 10, 100, null, 'small'],
  ['H62', 10, 99, null, 'micro'],
  // 信息传输业: X < 2000 or Y < 100000; medium X ≥ 100 and Y ≥ 1000; small X ≥ 10 and Y ≥ 100
  ['I63', 2000, 100000, null, 'large'],
  ['I64', 1999, 100000, null, 'medium'],
  ['I63', 100, 1000, null, 'medium'],
  ['I63', 10, 100, null, 'small'],
  ['I63', 9, 100, null, 'micro'],
  // 软件和信息技术服务业: X < 300 or Y < 10000; medium X ≥ 100 and Y ≥ 1000; small X ≥ 10 and Y ≥ 50
  ['I65', 300, 10000, null, 'large'],
  ['I65', 100, 1000, null, 'medium'],
  ['I65', 10, 50, null, 'small'],
  ['I65', 10, 49, null, 'micro'],
  // 房地产开发经营: Y < 200000 or Z < 10000; medium Y ≥ 1000 and Z ≥ 5000; small Y ≥ 100 and Z ≥ 2000
  ['K7010', null, 200000, 10000, 'large'],
  ['K7010', null, 200000, 9999, 'medium'],
  ['K7010', null, 1000, 5000, 'medium'],
  ['K7010', null, 100, 2000, 'small'],
  ['K7010', null, 100, 1999, 'micro'],
  // 物业管理: X < 1000 or Y < 5000; medium X ≥ 300 and Y ≥ 1000; small X ≥ 100 and Y ≥ 500
  ['K7020', 1000, 5000, null, 'large'],
  ['K7020', 300, 1000, null, 'medium'],
  ['K7020', 100, 500, null, 'small'],
  ['K7020', 99, 500, null, 'micro'],
  // 租赁和商务服务业: X < 300 or Z < 120000; medium X ≥ 100 and Z ≥ 8000; small X ≥ 10 and Z ≥ 100
  ['L', 300, null, 120000, 'large'],
  ['L72', 100, null, 8000, 'medium'],
  ['L', 10, null, 100, 'small'],
  ['L', 10, null, 99, 'micro'],
  // 其他未列明行业: X < 300; medium X ≥ 100; small X ≥ 10
  ['M', 300, null, null, 'large'],
  ['Q', 100, null, null, 'medium'],
  ['K7030', 99, null, null, 'small'],
  ['R', 10, null, null, 'small'],
  ['O', 9, null, null, 'micro'],
];

describe('smeSizeClass', () => {
  it.each(cases)('%s with %s persons, %s 万元 revenue, %s 万元 assets is %s', (industry, employees, revenue, assets, expected) => {
    const result = smeSizeClass({
      industry,
      employees,
      revenueFen: revenue === null ? null : Math.round(revenue * wan),
      assetsFen: assets === null ? null : Math.round(assets * wan),
    });
    expect(result).toMatchObject({ ok: true, sizeClass: expected });
  });

  it('needs the division for sections that the standard splits', () => {
    for (const industry of ['F', 'G', 'H', 'I', 'K', 'K70']) expect(industryGroup(industry)).toBe('industry_needs_division');
  });

  it('leaves finance and public bodies outside the standard', () => {
    expect(smeSizeClass({ industry: 'J66', employees: 10, revenueFen: 0, assetsFen: 0 })).toMatchObject({ ok: false, reason: 'industry_not_covered' });
    expect(smeSizeClass({ industry: 'S', employees: 10, revenueFen: 0, assetsFen: 0 })).toMatchObject({ ok: false, reason: 'industry_not_covered' });
  });

  it('says which figure is missing rather than guessing', () => {
    expect(smeSizeClass({ industry: 'C', employees: 50, revenueFen: null, assetsFen: null })).toMatchObject({ ok: false, reason: 'missing_figure' });
  });

  it('never classes an enterprise smaller when its figures grow', () => {
    const industries = ['A', 'C', 'E', 'F51', 'F52', 'G54', 'G59', 'G60', 'H61', 'H62', 'I63', 'I65', 'K7010', 'K7020', 'L', 'M'];
    const figures = fc.record({ employees: fc.nat(5000), revenueFen: fc.nat(3_000_000).map((n) => n * 1000), assetsFen: fc.nat(3_000_000).map((n) => n * 1000) });
    fc.assert(
      fc.property(fc.constantFrom(...industries), figures, figures, (industry, a, b) => {
        const low = { employees: Math.min(a.employees, b.employees), revenueFen: Math.min(a.revenueFen, b.revenueFen), assetsFen: Math.min(a.assetsFen, b.assetsFen) };
        const high = { employees: Math.max(a.employees, b.employees), revenueFen: Math.max(a.revenueFen, b.revenueFen), assetsFen: Math.max(a.assetsFen, b.assetsFen) };
        const small = smeSizeClass({ industry, ...low });
        const large = smeSizeClass({ industry, ...high });
        if (!small.ok || !large.ok) return false;
        return sizeClassCodes.indexOf(large.sizeClass) <= sizeClassCodes.indexOf(small.sizeClass);
      }),
    );
  });
});
