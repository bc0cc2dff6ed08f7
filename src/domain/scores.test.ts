import { describe, it, expect } from 'vitest';
import { DomainError } from './errors.ts';
import { meanScores, parseScoreCard, validateScoreCard } from './scores.ts';

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

describe('parseScoreCard: the one score parser of both platforms', () => {
  const card = (picks: Record<string, string | undefined>) => parseScoreCard((d) => picks[d]);
  it('reads whole numbers, full-width digits too', () => {
    expect(card({ impact: '4', difficulty: ' 3 ', innovation: '５' })).toEqual({ impact: 4, difficulty: 3, innovation: 5 });
  });
  it('nothing picked is null (approving then asks for scores)', () => {
    expect(card({})).toBeNull();
    expect(card({ impact: '', difficulty: ' ' })).toBeNull();
  });
  it('a missing or bad pick fails the one score error on its own field', () => {
    for (const picks of [{ impact: '4', difficulty: '3' }, { impact: '4', difficulty: '3', innovation: '4.5' }, { impact: '4', difficulty: '3', innovation: '0x3' }, { impact: '9', difficulty: '3', innovation: '3' }]) {
      const c = card(picks)!;
      const fields = validateScoreCard(c);
      expect(fields).toHaveLength(1);
      expect(fields[0]).toMatchObject({ key: 'score.out_of_range', params: { min: 1, max: 5 } });
    }
  });
});
