import { describe, expect, it } from 'vitest';
import { parseDueDate } from './due-date.ts';

describe('parseDueDate', () => {
  it.each([
    ['2020-06-30', '2020-06-30'],
    ['2020/6/30', '2020-06-30'],
    ['2020年6月30日前', '2020-06-30'],
    ['2020年6月底前', '2020-06-30'],
    ['6月底', '2020-06-30'],
    ['2月底前', '2020-02-29'],
    ['6月上旬', '2020-06-10'],
    ['6月中旬', '2020-06-20'],
    ['6月下旬', '2020-06-30'],
    ['9月15日前', '2020-09-15'],
    ['2020年底前', '2020-12-31'],
    ['年底前', '2020-12-31'],
    ['2021年上半年', '2021-06-30'],
    ['第三季度', '2020-09-30'],
    ['2020年', '2020-12-31'],
    ['2020年6月底前完成摸底，12月底前全面完成', '2020-12-31'],
  ])('reads %s as %s', (text, date) => {
    expect(parseDueDate(text, 2020)).toEqual({ date, understood: true });
  });

  it.each(['', '长期坚持', '持续推进', '每月10日前报送'])('reads %s as no deadline', (text) => {
    expect(parseDueDate(text, 2020).date).toBeNull();
    expect(parseDueDate(text, 2020).understood).toBe(true);
  });

  it('does not understand a date that does not exist or a vague phrase', () => {
    expect(parseDueDate('2020年13月', 2020).understood).toBe(false);
    expect(parseDueDate('2020-02-30', 2020).understood).toBe(false);
    expect(parseDueDate('尽快', 2020).understood).toBe(false);
  });
});
