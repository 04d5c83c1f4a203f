import { describe, expect, it } from 'vitest';
import { cellOfField, cellValues, entryCells, filledValues, readRefusal } from './entryFields.ts';

const form = {
  indicators: [
    { id: '1', code: 'hires', nameZh: '招用', nameEn: 'Hires', unit: '人', required: true, breakdownCategories: [] },
    { id: '2', code: 'layoffs', nameZh: '裁员', nameEn: 'Layoffs', unit: '人', required: false, breakdownCategories: ['male', 'female'] },
  ],
};

describe('data-entry cells', () => {
  it('gives a total and a cell per category', () => {
    expect(entryCells(form).map((cell) => cell.name)).toEqual(['hires', 'layoffs', 'layoffs::male', 'layoffs::female']);
  });

  it('files only filled cells and maps a refusal back to the cell sent at that index', () => {
    const cells = entryCells(form);
    const { cells: sent, values } = filledValues(cells, { hires: '12', layoffs: '', 'layoffs::female': 3 });
    expect(values).toEqual([
      { indicator: 'hires', breakdown: '', value: '12' },
      { indicator: 'layoffs', breakdown: 'female', value: '3' },
    ]);
    expect(cellOfField('values[1].value', sent)?.name).toBe('layoffs::female');
    expect(cellOfField('values.0.indicator', sent)?.name).toBe('hires');
    expect(cellOfField('values', sent)).toBeNull();
    expect(cellOfField('period', sent)).toBeNull();
  });

  it('asks for confirmation only when the refusal is for outliers, marking every flagged cell', () => {
    const { cells: sent } = filledValues(entryCells(form), { hires: '90', layoffs: '40', 'layoffs::female': 3 });
    const outliers = readRefusal({ code: 'outliers_unconfirmed', field: 'values[0].value', fields: ['values[0].value', 'values[1].value'] }, sent);
    expect(outliers).toEqual({ cells: [sent[0], sent[1]], confirmOutliers: true });
    // a range error on a cell an outlier rule also watches is a plain refusal, not a question
    const range = readRefusal({ code: 'unprocessable', field: 'values[0].value' }, sent);
    expect(range).toEqual({ cells: [sent[0]], confirmOutliers: false });
    expect(readRefusal({ code: 'unprocessable', field: 'period' }, sent)).toEqual({ cells: [], confirmOutliers: false });
  });

  it('prefills stored values into their cells', () => {
    expect(cellValues([{ indicator: 'layoffs', breakdown: 'male', value: '2' }, { indicator: 'hires', breakdown: '', value: '5' }])).toEqual({ 'layoffs::male': '2', hires: '5' });
  });
});
