import { describe, expect, it } from 'vitest';
import { creditCodeChecksum } from '../../kernel/credit-code.ts';
import { residentIdChecksum } from '../../kernel/resident-id.ts';
import { mapHeader } from './columns.ts';
import { readDate, readEnterpriseRow, readPersonRow } from './rows.ts';

const body = '62292119900517123';
const id = body + residentIdChecksum(body);
const today = '2020-06-30';

describe('readPersonRow', () => {
  const { header } = mapHeader('persons', ['身份证号', '姓名', '户籍地区划代码', '人员类别'], 1);

  it('reads sex and birth date from the identity number and groups by Chinese name', () => {
    const result = readPersonRow(header, [id.toLowerCase(), '张三', '', '建档立卡贫困劳动力、退役军人'], today);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ residentId: id, sex: 'male', birthDate: '1990-05-17', hukouRegionCode: '622921', groups: ['registered_poor', 'veteran'] }),
    });
  });

  it('names the column of every bad cell', () => {
    const result = readPersonRow(header, [`${body}${residentIdChecksum(body) === '0' ? '1' : '0'}`, '', '62292', '外星人'], today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.column)).toEqual(['身份证号', '姓名', '户籍地区划代码', '人员类别']);
  });

  it('refuses a birth date after the import date', () => {
    const future = '62292120250101123';
    const result = readPersonRow(header, [future + residentIdChecksum(future), '张三', '', ''], today);
    expect(result.ok).toBe(false);
  });
});

describe('readEnterpriseRow', () => {
  const { header, problems } = mapHeader('enterprises', ['统一社会信用代码', '名称', '行业代码', '所在地区划代码', '从业人员', '营业收入（元）'], 1);

  it('computes the size class from the row', () => {
    expect(problems).toEqual([]);
    const code = `91622921000000001`;
    const result = readEnterpriseRow(header, [code + creditCodeChecksum(code), '甲', 'C13', '622921', '25', '3,000,000.00']);
    expect(result).toMatchObject({ ok: true, value: { sizeClass: 'small', revenueFen: 300_000_000, kind: 'enterprise' } });
  });

  it('reports a missing required column by its template name', () => {
    expect(mapHeader('enterprises', ['名称'], 1).problems.map((problem) => problem.column)).toEqual(['统一社会信用代码', '行业代码', '所在地区划代码']);
  });
});

describe('readDate', () => {
  it('reads the ways dates are written in Chinese spreadsheets', () => {
    expect(readDate('2020-06-30')).toBe('2020-06-30');
    expect(readDate('2020/6/3')).toBe('2020-06-03');
    expect(readDate('2020年6月30日')).toBe('2020-06-30');
    expect(readDate('20200630')).toBe('2020-06-30');
    expect(readDate('44012')).toBe('2020-06-30');
    expect(readDate('2020-02-30')).toBeNull();
  });
});
