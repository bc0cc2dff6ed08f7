import { describe, it, expect } from 'vitest';
import { DomainError } from './errors.ts';
import { meanScores, validateScoreCard } from './scores.ts';

describe('validateScoreCard', () => {
  it('accepts integers 1–5', () => {
    expect(validateScoreCard({ impact: 1, difficulty: 5, innovation: 3 })).toEqual([]);
  });

  it('reports each out-of-range dimension with score.out_of_range', () => {
    expect(validateScoreCard({ impact: 0, difficulty: 6, innovation: 3.5 })).toEqual([
      { field: 'impact', key: 'score.out_of_range', params: { min: 1, max: 5 } },
      { field: 'difficulty', key: 'score.out_of_range', params: { min: 1, max: 5 } },
      { field: 'innovation', key: 'score.out_of_range', params: { min: 1, max: 5 } },
    ]);
  });

  it('rejects NaN', () => {
    expect(validateScoreCard({ impact: Number.NaN, difficulty: 2, innovation: 2 }).map((e) => e.field)).toEqual(['impact']);
  });

  it('prefixes field names', () => {
    expect(validateScoreCard({ impact: 9, difficulty: 2, innovation: 2 }, '1.')[0]?.field).toBe('1.impact');
  });
});

describe('meanScores', () => {
  it('is the mean per dimension over reviewers', () => {
    expect(
      meanScores([
        { impact: 4, difficulty: 3, innovation: 5 },
        { impact: 5, difficulty: 2, innovation: 4 },
      ]),
    ).toEqual({ impact: 4.5, difficulty: 2.5, innovation: 4.5 });
  });

  it('is null when there is no card', () => {
    expect(meanScores([])).toBeNull();
  });

  it('refuses an invalid card rather than averaging it', () => {
    expect(() => meanScores([{ impact: 4, difficulty: 3, innovation: 5 }, { impact: 11, difficulty: 3, innovation: 5 }])).toThrow(DomainError);
  });
});
