import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  chinaDate,
  comparePeriods,
  daysInMonth,
  formatPeriod,
  isIsoDate,
  isPeriod,
  nextPeriod,
  parsePeriod,
  period,
  periodContains,
  periodEnd,
  periodKinds,
  periodLabel,
  periodOf,
  periodStart,
  periodsWithin,
  previousPeriod,
  samePeriodLastYear,
  type Period,
} from './periods.ts';

const dates = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const periods = fc.tuple(fc.constantFrom(...periodKinds), dates).map(([kind, date]) => periodOf(kind, date));
const texts = (list: Period[]): string[] => list.map(formatPeriod);

describe('calendar helpers', () => {
  it('knows month lengths and leap years', () => {
    expect(daysInMonth(2020, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2021, 12)).toBe(31);
  });

  it('accepts only real dates', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('1999-02-29')).toBe(false);
    expect(isIsoDate('2020-13-01')).toBe(false);
    expect(isIsoDate('2020-6-1')).toBe(false);
  });

  it('reads the date in China', () => {
    expect(chinaDate(new Date('2020-06-30T15:59:59Z'))).toBe('2020-06-30');
    expect(chinaDate(new Date('2020-06-30T16:00:00Z'))).toBe('2020-07-01');
  });
});

describe('parsePeriod and period', () => {
  it('reads all five forms', () => {
    expect(parsePeriod('2020')).toEqual({ kind: 'year', year: 2020, index: 1 });
    expect(parsePeriod('2020H2')).toEqual({ kind: 'half', year: 2020, index: 2 });
    expect(parsePeriod('2020q3')).toEqual({ kind: 'quarter', year: 2020, index: 3 });
    expect(parsePeriod('2020-06')).toEqual({ kind: 'month', year: 2020, index: 6 });
    expect(parsePeriod(' 2020-02-01 ')).toEqual({ kind: 'day', year: 2020, index: 32 });
  });

  it('returns null for anything else', () => {
    for (const text of ['', '20', '0999', '2020H3', '2020Q0', '2020Q5', '2020-13', '2020-6', '2019-02-29', '2020-06-31', '2020-06-15T00']) {
      expect(parsePeriod(text), text).toBeNull();
    }
  });

  it('throws a RangeError naming the accepted forms', () => {
    expect(() => period('2020Q5')).toThrow(/2020Q2/);
    expect(() => period('x')).toThrow(RangeError);
  });

  it('round-trips through formatPeriod', () => {
    fc.assert(fc.property(periods, (p) => formatPeriod(period(formatPeriod(p))) === formatPeriod(p) && isPeriod(p)));
    for (const text of ['2020', '2020H1', '2020Q4', '2020-06', '2020-12-31']) expect(formatPeriod(period(text))).toBe(text);
  });
});

describe('period bounds', () => {
  it('gives inclusive start and end dates', () => {
    const bounds = (text: string): string[] => [periodStart(period(text)), periodEnd(period(text))];
    expect(bounds('2020')).toEqual(['2020-01-01', '2020-12-31']);
    expect(bounds('2020H2')).toEqual(['2020-07-01', '2020-12-31']);
    expect(bounds('2020Q1')).toEqual(['2020-01-01', '2020-03-31']);
    expect(bounds('2020-02')).toEqual(['2020-02-01', '2020-02-29']);
    expect(bounds('2021-02')).toEqual(['2021-02-01', '2021-02-28']);
    expect(bounds('2020-06-15')).toEqual(['2020-06-15', '2020-06-15']);
  });

  it('puts the date it was built from inside the period', () => {
    fc.assert(
      fc.property(fc.constantFrom(...periodKinds), dates, (kind, date) => {
        const p = periodOf(kind, date);
        return periodStart(p) <= date && date <= periodEnd(p);
      }),
    );
  });

  it('decides containment exactly as the bounds do', () => {
    fc.assert(
      fc.property(periods, periods, (outer, inner) => {
        const byBounds = periodStart(outer) <= periodStart(inner) && periodEnd(inner) <= periodEnd(outer);
        return periodContains(outer, inner) === byBounds;
      }),
    );
    expect(periodContains(period('2020H1'), period('2020Q2'))).toBe(true);
    expect(periodContains(period('2020Q2'), period('2020H1'))).toBe(false);
    expect(periodContains(period('2020Q3'), period('2020-06-30'))).toBe(false);
  });
});

describe('ordering and stepping', () => {
  it('orders by start, longer first', () => {
    const sorted = ['2020-04', '2020Q2', '2020', '2019-12-31', '2020H1', '2020-04-01'].map(period).sort(comparePeriods);
    expect(texts(sorted)).toEqual(['2019-12-31', '2020', '2020H1', '2020Q2', '2020-04', '2020-04-01']);
  });

  it('steps across year ends', () => {
    expect(formatPeriod(nextPeriod(period('2020Q4')))).toBe('2021Q1');
    expect(formatPeriod(nextPeriod(period('2020-12-31')))).toBe('2021-01-01');
    expect(formatPeriod(previousPeriod(period('2021-01')))).toBe('2020-12');
    expect(formatPeriod(previousPeriod(period('2021-01-01')))).toBe('2020-12-31');
    expect(formatPeriod(nextPeriod(period('2020-02-28')))).toBe('2020-02-29');
  });

  it('makes next and previous inverse and adjacent', () => {
    fc.assert(
      fc.property(periods, (p) => {
        const next = nextPeriod(p);
        const dayAfterEnd = periodOf('day', periodEnd(p));
        return (
          formatPeriod(previousPeriod(next)) === formatPeriod(p) &&
          formatPeriod(nextPeriod(previousPeriod(p))) === formatPeriod(p) &&
          periodStart(next) === periodStart(nextPeriod(dayAfterEnd))
        );
      }),
    );
  });

  it('finds the same period last year', () => {
    expect(formatPeriod(samePeriodLastYear(period('2020Q2')))).toBe('2019Q2');
    expect(formatPeriod(samePeriodLastYear(period('2021-03-01')))).toBe('2020-03-01');
    expect(formatPeriod(samePeriodLastYear(period('2020-02-29')))).toBe('2019-02-28');
  });
});

describe('periodOf and periodsWithin', () => {
  it('finds the period of each kind containing a date', () => {
    const of = (date: string): string[] => periodKinds.map((kind) => formatPeriod(periodOf(kind, date)));
    expect(of('2020-08-15')).toEqual(['2020', '2020H2', '2020Q3', '2020-08', '2020-08-15']);
    expect(() => periodOf('month', '2020-02-30')).toThrow(RangeError);
  });

  it('lists the finer periods inside a period', () => {
    expect(texts(periodsWithin(period('2020Q2'), 'month'))).toEqual(['2020-04', '2020-05', '2020-06']);
    expect(texts(periodsWithin(period('2020'), 'half'))).toEqual(['2020H1', '2020H2']);
    expect(periodsWithin(period('2020-02'), 'day')).toHaveLength(29);
    expect(texts(periodsWithin(period('2020Q2'), 'quarter'))).toEqual(['2020Q2']);
    expect(periodsWithin(period('2020-06'), 'quarter')).toEqual([]);
  });

  it('covers the outer period exactly with its parts', () => {
    fc.assert(
      fc.property(periods, fc.constantFrom(...periodKinds), (outer, kind) => {
        const parts = periodsWithin(outer, kind);
        if (periodKinds.indexOf(kind) < periodKinds.indexOf(outer.kind)) return parts.length === 0;
        const first = parts[0];
        const last = parts[parts.length - 1];
        return !!first && !!last && periodStart(first) === periodStart(outer) && periodEnd(last) === periodEnd(outer);
      }),
      { numRuns: 200 },
    );
  });
});

describe('periodLabel', () => {
  it('labels periods in Chinese', () => {
    const labels = ['2020', '2020H1', '2020H2', '2020Q2', '2020-06', '2020-06-15'].map((text) => periodLabel(period(text), 'zh'));
    expect(labels).toEqual(['2020年', '2020年上半年', '2020年下半年', '2020年第二季度', '2020年6月', '2020年6月15日']);
  });

  it('labels periods in English', () => {
    const labels = ['2020', '2020H1', '2020Q2', '2020-06', '2020-06-15'].map((text) => periodLabel(period(text), 'en'));
    expect(labels).toEqual(['2020', '2020 H1', '2020 Q2', 'Jun 2020', '15 Jun 2020']);
  });
});
