import { describe, expect, it } from 'vitest';
import { chineseDate, chineseNumeral, formatFigure, formatPercent } from './bulletinText.ts';

describe('bulletin text', () => {
  it('numbers sections 一 to 十 and falls back to digits', () => {
    expect(chineseNumeral(1)).toBe('一');
    expect(chineseNumeral(5)).toBe('五');
    expect(chineseNumeral(11)).toBe('11');
  });

  it('writes dates as an official document does, dropping leading zeros', () => {
    expect(chineseDate('2020-07-05')).toBe('2020年7月5日');
    expect(chineseDate('not a date')).toBe('not a date');
  });

  it('writes figures without binary noise or trailing zeros', () => {
    expect(formatFigure(0.1 + 0.2)).toBe('0.3');
    expect(formatFigure(6000)).toBe('6000');
    expect(formatPercent(62.5)).toBe('62.5%');
  });
});
