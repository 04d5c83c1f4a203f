import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnKey, columnLetter, isHeaderRow, isKeyRow, readKeyRow, readNumber, type LayoutIndicator } from './import.layout.ts';
import { csvRecords, decodeText, normalizeCell } from './import.readers.ts';

const indicator = (code: string, extra: Partial<LayoutIndicator> = {}): LayoutIndicator => ({
  id: `id-${code}`,
  code,
  nameZh: code,
  nameEn: code,
  unit: '人',
  valueType: 'integer',
  categories: [],
  ...extra,
});
const indicators = [indicator('hires'), indicator('stock', { valueType: 'decimal', categories: ['rice', 'oil'] }), indicator('rate', { valueType: 'percent' })];

describe('columnLetter', () => {
  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('gives every column a different name, growing with the index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16_383 }), (index) => {
        const letters = columnLetter(index);
        expect(letters).toMatch(/^[A-Z]{1,3}$/);
        expect(columnLetter(index + 1) === letters).toBe(false);
        expect(letters.length <= columnLetter(index + 1).length).toBe(true);
      }),
    );
  });
});

describe('readKeyRow', () => {
  it('maps indicator and category columns by code, ignores names, finds a period column', () => {
    const { layout, errors } = readKeyRow({ row: 1, cells: ['region', 'name', 'stock|oil', 'hires', 'period', null] }, indicators, 'region');
    expect(errors).toEqual([]);
    expect(layout.columns.get(2)).toMatchObject({ kind: 'value', breakdown: 'oil', indicator: { code: 'stock' } });
    expect(layout.columns.get(3)).toMatchObject({ kind: 'value', breakdown: '', indicator: { code: 'hires' } });
    expect(layout.periodColumn).toBe(4);
  });

  it('names the cell of an unknown indicator, an unknown category, a repeated column and a wrong reporter key', () => {
    const { errors } = readKeyRow({ row: 1, cells: ['region', 'layoffs', 'stock|wheat', 'hires', 'hires'] }, indicators, 'subject');
    expect(errors.map((error) => [error.column, error.code])).toEqual([
      ['A', 'template_mismatch'],
      ['B', 'unknown_indicator'],
      ['C', 'unknown_category'],
      ['E', 'duplicate_column'],
    ]);
    expect(errors[1]?.en).toContain('layoffs');
  });

  it('recognises key and header rows', () => {
    expect(isKeyRow({ row: 1, cells: ['Region', 'name'] })).toBe(true);
    expect(isKeyRow({ row: 1, cells: ['622921', 'x'] })).toBe(false);
    expect(isHeaderRow({ row: 2, cells: ['代码 Code'] })).toBe(true);
    expect(columnKey('stock', 'rice')).toBe('stock|rice');
  });
});

describe('readNumber', () => {
  it('reads numbers, grouped and full-width digits, and percent signs for percent indicators', () => {
    expect(readNumber(12, 'integer')).toEqual({ ok: true, value: '12' });
    expect(readNumber(' 1,234.5 ', 'decimal')).toEqual({ ok: true, value: '1234.5' });
    expect(readNumber('１２３', 'integer')).toEqual({ ok: true, value: '123' });
    expect(readNumber('4.5%', 'percent')).toEqual({ ok: true, value: '4.5' });
    expect(readNumber('-0.25', 'decimal')).toEqual({ ok: true, value: '-0.25' });
  });

  it('refuses text, a percent sign where none belongs, and fractions of a whole-number indicator', () => {
    for (const text of ['无', '-', '12人', '1,23', '4.5%', '1e999999', 'NaN']) expect(readNumber(text, 'decimal')).toEqual({ ok: false, code: 'not_a_number' });
    expect(readNumber(2.5, 'integer')).toEqual({ ok: false, code: 'not_whole_number' });
    expect(readNumber(Number.POSITIVE_INFINITY, 'decimal')).toEqual({ ok: false, code: 'not_a_number' });
  });

  it('reads back any finite number written as text, to the same value', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (value) => {
        const reading = readNumber(String(value), 'decimal');
        expect(reading.ok && Number(reading.value)).toBe(value === 0 ? 0 : value);
      }),
    );
  });
});

describe('readers', () => {
  it('splits CSV records with quotes, separators and line breaks inside fields', () => {
    expect([...csvRecords('a,"b,1","c ""q"""\r\n"x\ny",2\n')]).toEqual([
      ['a', 'b,1', 'c "q"'],
      ['x\ny', '2'],
    ]);
    expect([...csvRecords('a\tb\tc\n1\t2\t3')]).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('decodes UTF-8 with a BOM and GB18030', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
    expect(decodeText(Uint8Array.from([0xc1, 0xd9, 0xcf, 0xc4]))).toBe('临夏');
  });

  it('turns Excel cell values into numbers or text', () => {
    expect(normalizeCell({ formula: 'A1+1', result: 3 })).toBe(3);
    expect(normalizeCell({ formula: 'A1+1' })).toBe('=?');
    expect(normalizeCell({ richText: [{ text: '1' }, { text: '2' }] })).toBe('12');
    expect(normalizeCell({ error: '#DIV/0!' })).toBe('#DIV/0!');
    expect(normalizeCell(undefined)).toBeNull();
  });
});
