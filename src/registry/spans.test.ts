import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, ageOn, continuousStart, locationClass, nextDay, wholeMonths } from './spans.ts';

const dates = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('wholeMonths', () => {
  it('counts a month complete on the day before the same day of the next month', () => {
    expect(wholeMonths('2020-01-01', '2020-06-30')).toBe(6);
    expect(wholeMonths('2020-01-01', '2020-06-29')).toBe(5);
    expect(wholeMonths('2020-01-15', '2020-07-14')).toBe(6);
    expect(wholeMonths('2020-01-15', '2020-07-13')).toBe(5);
    expect(wholeMonths('2020-01-31', '2020-02-27')).toBe(0);
    expect(wholeMonths('2020-01-31', '2020-02-28')).toBe(1);
    expect(wholeMonths('2020-03-01', '2020-02-01')).toBe(0);
  });

  it('never decreases as the end date moves later', () => {
    fc.assert(fc.property(dates, dates, (start, through) => wholeMonths(start, through) <= wholeMonths(start, nextDay(through))));
  });

  it('agrees with addMonths', () => {
    fc.assert(
      fc.property(dates, fc.nat(240), (start, months) => {
        const through = addMonths(start, months);
        return wholeMonths(start, through) >= months - 1 && wholeMonths(start, through) <= months;
      }),
    );
  });
});

describe('ageOn', () => {
  it('counts full years', () => {
    expect(ageOn('1990-06-15', '2020-06-14')).toBe(29);
    expect(ageOn('1990-06-15', '2020-06-15')).toBe(30);
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
  });
});

describe('continuousStart', () => {
  it('joins spans that follow each other day to day', () => {
    const spans = [
      { start: '2019-01-01', end: '2019-12-31' },
      { start: '2020-01-01', end: null },
    ];
    expect(continuousStart(spans, '2020-06-30')).toBe('2019-01-01');
  });

  it('starts again after a gap', () => {
    const spans = [
      { start: '2019-01-01', end: '2019-12-30' },
      { start: '2020-01-01', end: '2020-12-31' },
    ];
    expect(continuousStart(spans, '2020-06-30')).toBe('2020-01-01');
    expect(continuousStart(spans, '2021-01-01')).toBeNull();
  });

  it('ignores spans starting after the date', () => {
    expect(continuousStart([{ start: '2021-01-01', end: null }], '2020-06-30')).toBeNull();
  });
});

describe('locationClass', () => {
  it('compares the employer region with the hukou county and province', () => {
    expect(locationClass('622921100', '622921')).toBe('in_county');
    expect(locationClass('622925', '622921')).toBe('in_province');
    expect(locationClass('440300', '622921')).toBe('out_of_province');
    expect(locationClass(null, '622921')).toBe('unknown');
  });
});
