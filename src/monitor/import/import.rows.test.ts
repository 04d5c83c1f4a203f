import { describe, expect, it } from 'vitest';
import { readKeyRow, type LayoutIndicator } from './import.layout.ts';
import { checkRows, type RowCheckContext } from './import.rows.ts';

const indicators: LayoutIndicator[] = [
  { id: 'i-hires', code: 'hires', nameZh: '招聘', nameEn: 'Hires', unit: '人', valueType: 'integer', categories: [] },
  { id: 'i-price', code: 'price', nameZh: '价格', nameEn: 'Price', unit: '元', valueType: 'decimal', categories: ['rice'] },
];
const { layout } = readKeyRow({ row: 1, cells: ['region', 'name', 'hires', 'price', 'price|rice', 'period'] }, indicators, 'region');

function context(extra: Partial<RowCheckContext> = {}): RowCheckContext {
  return {
    layout,
    defaultPeriod: '2020-06',
    frequency: 'month',
    today: '2020-07-15',
    seen: new Map(),
    resolve: (code) =>
      code === '622921' || code === '622922'
        ? { regionCode: code, subjectId: null }
        : code === '532621'
          ? { code: 'outside_jurisdiction', zh: '不在管辖范围内', en: 'Outside your jurisdiction' }
          : { code: 'unknown_region', zh: '没有此地区', en: 'No such region' },
    ...extra,
  };
}

describe('checkRows', () => {
  it('stages every figure of a good row, categories included, with the default or the row’s period', () => {
    const { staged, errors } = checkRows(
      [
        { row: 3, cells: ['622921', '临夏县', 12, '3.5', 2.25, null] },
        { row: 4, cells: ['622922', '康乐县', 7, null, null, '2020-05'] },
      ],
      context(),
    );
    expect(errors).toEqual([]);
    expect(staged).toEqual([
      { row: 3, indicatorId: 'i-hires', regionCode: '622921', subjectId: null, period: '2020-06', breakdown: '', value: '12' },
      { row: 3, indicatorId: 'i-price', regionCode: '622921', subjectId: null, period: '2020-06', breakdown: '', value: '3.5' },
      { row: 3, indicatorId: 'i-price', regionCode: '622921', subjectId: null, period: '2020-06', breakdown: 'rice', value: '2.25' },
      { row: 4, indicatorId: 'i-hires', regionCode: '622922', subjectId: null, period: '2020-05', breakdown: '', value: '7' },
    ]);
  });

  it('names row and column of text in a number cell, a fraction of people, a bad region and a bad period, staging nothing of those rows', () => {
    const { staged, errors } = checkRows(
      [
        { row: 3, cells: ['622921', null, '十二', '3.5'] },
        { row: 4, cells: ['622922', null, 2.5] },
        { row: 5, cells: ['999999', null, 1] },
        { row: 6, cells: ['532621', null, 1] },
        { row: 7, cells: ['622921', null, 1, null, null, '2020Q2'] },
        { row: 8, cells: ['622922', null, 1, null, null, '2020-09'] },
        { row: 9, cells: [null, null, 4] },
      ],
      context(),
    );
    expect(staged).toEqual([]);
    expect(errors.map((error) => [error.row, error.column, error.code])).toEqual([
      [3, 'C', 'not_a_number'],
      [4, 'C', 'not_whole_number'],
      [5, 'A', 'unknown_region'],
      [6, 'A', 'outside_jurisdiction'],
      [7, 'F', 'bad_period'],
      [8, 'F', 'bad_period'],
      [9, 'A', 'missing_code'],
    ]);
    expect(errors[0]).toMatchObject({ header: 'hires', zh: expect.stringContaining('十二'), en: '"十二" is not a number' });
  });

  it('refuses a second row for the same region and period across chunks, naming the first', () => {
    const shared = context();
    checkRows([{ row: 3, cells: ['622921', null, 1] }], shared);
    const { errors } = checkRows([{ row: 900, cells: ['622921', null, 2] }, { row: 901, cells: ['622921', null, 2, null, null, '2020-05'] }], shared);
    expect(errors).toEqual([expect.objectContaining({ row: 900, column: 'A', code: 'duplicate_row', en: expect.stringContaining('row 3') })]);
  });

  it('skips blank lines and rows without figures, and applies the form rules to what is left', () => {
    const validate = (figures: ReadonlyMap<string, number>) => ((figures.get('hires') ?? 0) > 100 ? [{ indicatorCode: 'hires', zh: '招聘超过 100', en: 'Hires over 100' }] : []);
    const { staged, errors } = checkRows(
      [
        { row: 3, cells: [null, null, null] },
        { row: 4, cells: ['622921', '临夏县', null, null] },
        { row: 5, cells: ['622922', null, 101] },
      ],
      context({ validate }),
    );
    expect(staged).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ row: 5, column: 'C', code: 'rule', en: 'Hires over 100' })]);
  });
});
