import { describe, it, expect } from 'vitest';
import { DomainError } from './errors.ts';
import { cycleKindOf, keyResultScore, krScore, objectiveScore, objectiveScoreOf, outcomeAttainment, rollupRoi, scoreBand, validateCycle, validateKrScore, wouldLoop } from './okr.ts';

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

describe('scoreBand', () => {
  it('is green from 0.7, yellow from 0.4, red below, none without a score', () => {
    expect(scoreBand(1)).toBe('green');
    expect(scoreBand(0.7)).toBe('green');
    expect(scoreBand(0.1 + 0.6)).toBe('green');
    expect(scoreBand(0.65)).toBe('yellow'); // between the 0.6 and 0.7: yellow
    expect(scoreBand(0.6)).toBe('yellow');
    expect(scoreBand(0.4)).toBe('yellow');
    expect(scoreBand(0.399)).toBe('red');
    expect(scoreBand(0)).toBe('red');
    expect(scoreBand(null)).toBeNull();
  });
});

describe('outcomeAttainment', () => {
  it('is the mean clamped progress of the measured metrics, in either direction', () => {
    // increase 10 → 20, actual 15: 0.5; decrease 45 → 28, actual 32: 13/17.
    expect(outcomeAttainment([{ baseline: 10, target: 20, actual: 15 }, { baseline: 45, target: 28, actual: 32 }])).toBeCloseTo((0.5 + 13 / 17) / 2, 12);
  });

  it('clamps each metric: over-achievement counts 1, the wrong way 0', () => {
    expect(outcomeAttainment([{ baseline: 10, target: 20, actual: 40 }, { baseline: 45, target: 28, actual: 50 }])).toBe(0.5);
  });

  it('leaves out unmeasured metrics and is null when none is measured or nothing was targeted', () => {
    expect(outcomeAttainment([{ baseline: 10, target: 20, actual: null }, { baseline: 0, target: 4, actual: 1 }])).toBe(0.25);
    expect(outcomeAttainment([{ baseline: 10, target: 20, actual: null }])).toBeNull();
    expect(outcomeAttainment([{ baseline: 5, target: 5, actual: 6 }])).toBeNull();
    expect(outcomeAttainment([])).toBeNull();
  });
});

describe('keyResultScore', () => {
  it('a score set by hand wins over the linked outcomes', () => {
    expect(keyResultScore(0.3, [1, 1])).toEqual({ score: 0.3, source: 'manual', outcomes: 0 });
  });

  it('derives the mean of the measured outcomes, saying how many', () => {
    expect(keyResultScore(null, [0.5, null, 1])).toEqual({ score: 0.75, source: 'derived', outcomes: 2 });
  });

  it('has no score without a manual one or a measured outcome', () => {
    expect(keyResultScore(null, [null])).toEqual({ score: null, source: 'none', outcomes: 0 });
  });

  it('refuses a manual score out of range', () => {
    expect(() => keyResultScore(1.5, [])).toThrow(DomainError);
  });
});

describe('objectiveScoreOf', () => {
  it('is the mean of the key results that have a score', () => {
    expect(objectiveScoreOf([{ score: 0.4 }, { score: null }, { score: 1 }])).toBeCloseTo(0.7, 12);
    expect(scoreBand(objectiveScoreOf([{ score: 0.4 }, { score: 1 }]))).toBe('green');
    expect(objectiveScoreOf([{ score: null }])).toBeNull();
  });
});

describe('rollupRoi', () => {
  it('is the ratio of the totals over outcomes recording both values', () => {
    expect(rollupRoi([{ cost: 100, benefit: 250 }, { cost: 100, benefit: 50 }, { cost: null, benefit: 900 }, { cost: 0, benefit: 10 }])).toEqual({ cost: 200, benefit: 300, roi: 0.5, outcomes: 2 });
  });

  it('has no ROI when nothing records both', () => {
    expect(rollupRoi([{ cost: null, benefit: 1 }])).toEqual({ cost: 0, benefit: 0, roi: null, outcomes: 0 });
  });
});

describe('cycles', () => {
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  it('need a name, a known kind and an end not before the start', () => {
    expect(validateCycle({ name: '2026 Q4', kind: 'quarter', startsAt: d('2026-10-01'), endsAt: d('2026-12-31') })).toEqual([]);
    expect(validateCycle({ name: ' ', kind: 'month', startsAt: d('2026-10-01'), endsAt: d('2026-09-30') }).map((p) => p.field)).toEqual(['name', 'kind', 'endsAt']);
    expect(validateCycle({ name: 'x', kind: 'year', startsAt: null, endsAt: new Date(Number.NaN) }).map((p) => p.key)).toEqual(['okr.date_invalid', 'okr.date_invalid']);
  });

  it('an imported period gets its kind from its length', () => {
    expect(cycleKindOf(d('2026-10-01'), d('2026-12-31'))).toBe('quarter');
    expect(cycleKindOf(d('2026-07-01'), d('2026-12-31'))).toBe('half');
    expect(cycleKindOf(d('2026-01-01'), d('2026-12-31'))).toBe('year');
  });
});

describe('wouldLoop', () => {
  const parents = new Map<string, string | null>([['a', null], ['b', 'a'], ['c', 'b']]);
  it('refuses an objective as its own ancestor', () => {
    expect(wouldLoop('a', 'c', parents)).toBe(true);
    expect(wouldLoop('a', 'a', parents)).toBe(true);
    expect(wouldLoop('c', 'a', parents)).toBe(false);
    expect(wouldLoop('b', null, parents)).toBe(false);
  });
});
