import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { checkWeights, closeOutScore, defaultRankingWeights, punctualityScore, rankRegions, roundTenth, targetProgressScore, type RankingInput } from './ranking.ts';

/**
 * Four counties worked by hand with the default weights (progress 50, punctuality 30, close-out 20):
 *
 * | county | targets (progress/expected)      | target | reports on time/late/missing | punct. | closed/open | close-out | composite                    |
 * | A      | 0.4/0.5 → 0.8, 0.6/0.5 → 1 (cap) | 90     | 6 / 2 / 2 → (6 + 1) / 10     | 70     | 3 / 1       | 75        | 45 + 21 + 15 = 81.0          |
 * | B      | 0.3/0.5 → 0.6                    | 60     | 4 / 0 / 0                    | 100    | none        | 100       | 30 + 30 + 20 = 80.0          |
 * | C      | none                             | 100    | 1 / 1 / 1 → 1.5 / 3          | 50     | 0 / 2       | 0         | 50 + 15 + 0 = 65.0           |
 * | D      | 0.36/0.45 → 0.8                  | 80     | 2 / 2 / 0 → 3 / 4            | 75     | 7 / 1       | 87.5      | 40 + 22.5 + 17.5 = 80.0      |
 *
 * B and D tie at 80.0 and share rank 2; C is fourth.
 */
const counties: RankingInput[] = [
  { regionCode: '622923', regionName: 'C县', targets: [], reports: { onTime: 1, late: 1, missing: 1 }, problems: { closed: 0, open: 2 } },
  { regionCode: '622924', regionName: 'D县', targets: [{ progress: 0.36, expected: 0.45 }], reports: { onTime: 2, late: 2, missing: 0 }, problems: { closed: 7, open: 1 } },
  {
    regionCode: '622921',
    regionName: 'A县',
    targets: [
      { progress: 0.4, expected: 0.5 },
      { progress: 0.6, expected: 0.5 },
    ],
    reports: { onTime: 6, late: 2, missing: 2 },
    problems: { closed: 3, open: 1 },
  },
  { regionCode: '622922', regionName: 'B县', targets: [{ progress: 0.3, expected: 0.5 }], reports: { onTime: 4, late: 0, missing: 0 }, problems: { closed: 0, open: 0 } },
];

describe('rankRegions', () => {
  it('scores each component and the weighted composite as worked by hand', () => {
    const rows = rankRegions(counties);
    expect(rows).toEqual([
      { rank: 1, regionCode: '622921', regionName: 'A县', targetProgress: 90, punctuality: 70, problemCloseOut: 75, composite: 81 },
      { rank: 2, regionCode: '622922', regionName: 'B县', targetProgress: 60, punctuality: 100, problemCloseOut: 100, composite: 80 },
      { rank: 2, regionCode: '622924', regionName: 'D县', targetProgress: 80, punctuality: 75, problemCloseOut: 87.5, composite: 80 },
      { rank: 4, regionCode: '622923', regionName: 'C县', targetProgress: 100, punctuality: 50, problemCloseOut: 0, composite: 65 },
    ]);
  });

  it('reorders with other weights: punctuality alone puts B first, C last', () => {
    const rows = rankRegions(counties, { targetProgress: 0, punctuality: 100, problemCloseOut: 0 });
    expect(rows.map((row) => [row.rank, row.regionName, row.composite])).toEqual([
      [1, 'B县', 100],
      [2, 'D县', 75],
      [3, 'A县', 70],
      [4, 'C县', 50],
    ]);
  });

  it('rounds the composite to 0.1 half up, although 1/12 × 15 is 1.2499999… in binary', () => {
    const [row] = rankRegions([{ regionCode: '622921', regionName: 'A县', targets: [], reports: { onTime: 0, late: 0, missing: 1 }, problems: { closed: 1, open: 11 } }], {
      targetProgress: 0,
      punctuality: 85,
      problemCloseOut: 15,
    });
    expect(row).toMatchObject({ punctuality: 0, problemCloseOut: 8.3, composite: 1.3 });
  });

  it('gives every region of a three-way tie the same rank and skips the next ones', () => {
    const same = (code: string): RankingInput => ({ regionCode: code, regionName: code, targets: [], reports: { onTime: 1, late: 0, missing: 0 }, problems: { closed: 0, open: 0 } });
    const worse: RankingInput = { ...same('622929'), reports: { onTime: 0, late: 0, missing: 1 } };
    expect(rankRegions([worse, same('622927'), same('622921'), same('622925')]).map((row) => [row.regionCode, row.rank])).toEqual([
      ['622921', 1],
      ['622925', 1],
      ['622927', 1],
      ['622929', 4],
    ]);
  });
});

describe('the components', () => {
  it('caps a target ahead of schedule at full marks and counts nothing expected as on schedule', () => {
    expect(targetProgressScore([{ progress: 2, expected: 0.5 }])).toBe(100);
    expect(targetProgressScore([{ progress: 0, expected: 0 }])).toBe(100);
    expect(targetProgressScore([{ progress: 0.25, expected: 1 }, { progress: 0.5, expected: 1 }])).toBe(37.5);
  });

  it('counts a late report as half an on-time one and nothing due as full marks', () => {
    expect(punctualityScore({ onTime: 0, late: 4, missing: 0 })).toBe(50);
    expect(punctualityScore({ onTime: 0, late: 0, missing: 0 })).toBe(100);
    expect(punctualityScore({ onTime: 0, late: 0, missing: 3 })).toBe(0);
  });

  it('scores close-out as closed ÷ (closed + open), 100 with no problems', () => {
    expect(closeOutScore({ closed: 1, open: 3 })).toBe(25);
    expect(closeOutScore({ closed: 0, open: 0 })).toBe(100);
  });

  it('rounds half away from zero at one decimal', () => {
    expect(roundTenth(72.45)).toBe(72.5);
    expect(roundTenth(100 / 3)).toBe(33.3);
    expect(roundTenth(-1.25)).toBe(-1.3);
  });
});

describe('checkWeights', () => {
  it('accepts the defaults and weights with decimals that add up to 100', () => {
    expect(checkWeights(defaultRankingWeights)).toEqual({ targetProgress: 50, punctuality: 30, problemCloseOut: 20 });
    expect(() => checkWeights({ targetProgress: 33.3, punctuality: 33.3, problemCloseOut: 33.4 })).not.toThrow();
  });

  it('refuses weights that do not add up to 100%, naming weights and the sum', () => {
    const refusal = (() => {
      try {
        checkWeights({ targetProgress: 50, punctuality: 30, problemCloseOut: 30 });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'unprocessable', field: 'weights' });
    expect((refusal as AppError).text.zh).toContain('110%');
  });

  it('refuses a negative weight even when the sum is 100', () => {
    expect(() => checkWeights({ targetProgress: 120, punctuality: -10, problemCloseOut: -10 })).toThrow(/0 to 100/);
  });
});
