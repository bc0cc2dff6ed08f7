import { describe, it, expect } from 'vitest';
import { DomainError } from './errors.ts';
import { krScore, objectiveScore, validateKrScore } from './okr.ts';

describe('key-result score', () => {
  it('accepts 0.0 to 1.0 inclusive', () => {
    expect(validateKrScore(0)).toEqual([]);
    expect(validateKrScore(0.7)).toEqual([]);
    expect(validateKrScore(1)).toEqual([]);
    expect(krScore(0.3)).toBe(0.3);
  });

  it('rejects values outside [0, 1] or not finite', () => {
    expect(validateKrScore(1.1)).toEqual([{ field: 'score', key: 'okr.score_out_of_range', params: { min: '0.0', max: '1.0' } }]);
    expect(validateKrScore(-0.1)).toHaveLength(1);
    expect(validateKrScore(Number.NaN)).toHaveLength(1);
    expect(() => krScore(2)).toThrow(DomainError);
  });
});

describe('objectiveScore', () => {
  it('is the mean of its key-result scores', () => {
    expect(objectiveScore([0.5, 1, 0.3])).toBeCloseTo(0.6, 12);
    expect(objectiveScore([0.7])).toBe(0.7);
  });

  it('is null without key results', () => {
    expect(objectiveScore([])).toBeNull();
  });

  it('throws validation_failed naming the bad key result', () => {
    try {
      objectiveScore([0.5, 1.5]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).fields.map((f) => f.field)).toEqual(['krScores.1']);
    }
  });
});
