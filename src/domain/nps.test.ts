import { describe, it, expect } from 'vitest';
import { DomainError } from './errors.ts';
import { npsBucket, summarizeNps } from './nps.ts';

const errorOf = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('npsBucket', () => {
  it('buckets 0–6 / 7–8 / 9–10', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsBucket)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });

  it.each([11, -1, 3.5, Number.NaN])('rejects %s with validation_failed', (score) => {
    const e = errorOf(() => npsBucket(score));
    expect(e.code).toBe('validation_failed');
    expect(e.fields).toEqual([{ field: 'score', key: 'score.out_of_range', params: { min: 0, max: 10 } }]);
  });
});

describe('summarizeNps', () => {
  it('all promoters = 100, interval collapses to [100, 100]', () => {
    const s = summarizeNps([9, 10, 10, 9]);
    expect(s).toMatchObject({ n: 4, promoters: 4, passives: 0, detractors: 0, nps: 100, hidden: false });
    expect(s.interval).toEqual({ low: 100, high: 100 });
  });

  it('all detractors = −100', () => {
    const s = summarizeNps([0, 3, 6]);
    expect(s.nps).toBe(-100);
    expect(s.interval).toEqual({ low: -100, high: -100 });
  });

  it('mixed answers: counts, score, distribution and 95 % interval', () => {
    // 5 promoters, 3 passives, 2 detractors, n = 10: NPS = 50 − 20 = 30.
    // p = .5, d = .2, var = (.7 − .09)/10 = .061, 1.96·√.061·100 = 48.41 → [−18, 78].
    const s = summarizeNps([10, 10, 9, 9, 9, 8, 7, 7, 2, 6]);
    expect(s).toMatchObject({ n: 10, promoters: 5, passives: 3, detractors: 2, nps: 30, hidden: false });
    expect(s.interval).toEqual({ low: -18, high: 78 });
    expect(s.distribution).toEqual([0, 0, 1, 0, 0, 0, 1, 2, 1, 3, 2]);
  });

  it('clamps the interval to [−100, 100]', () => {
    // 2 promoters, 1 detractor: NPS 33.3, half-width 1.96·√((1 − 1/9)/3)·100 ≈ 106.7 → [−73.4, 140] → [−73, 100].
    expect(summarizeNps([10, 10, 0]).interval).toEqual({ low: -73, high: 100 });
  });

  it('rounds halves away from zero, symmetrically', () => {
    // 1 promoter, 7 passives: 12.5 → 13; 1 detractor, 7 passives: −12.5 → −13.
    expect(summarizeNps([9, 7, 7, 7, 7, 7, 7, 7]).nps).toBe(13);
    expect(summarizeNps([0, 7, 7, 7, 7, 7, 7, 7]).nps).toBe(-13);
  });

  it('all passives = 0, not −0', () => {
    const s = summarizeNps([7, 8, 7]);
    expect(Object.is(s.nps, 0)).toBe(true);
    expect(s.interval).toEqual({ low: 0, high: 0 });
  });

  it('n = 2 is hidden: n visible, everything else null', () => {
    expect(summarizeNps([10, 0])).toEqual({
      n: 2,
      promoters: null,
      passives: null,
      detractors: null,
      nps: null,
      interval: null,
      distribution: null,
      hidden: true,
    });
  });

  it('n = 3 is shown', () => {
    const s = summarizeNps([10, 8, 0]);
    expect(s.hidden).toBe(false);
    expect(s.nps).toBe(0);
    expect(s.distribution).toHaveLength(11);
  });

  it('n = 0 is hidden even with minResponses 0', () => {
    expect(summarizeNps([], { minResponses: 0 })).toMatchObject({ n: 0, nps: null, hidden: true });
  });

  it('honours a custom minResponses', () => {
    expect(summarizeNps([10, 10, 10], { minResponses: 5 }).hidden).toBe(true);
    expect(summarizeNps([10], { minResponses: 1 }).nps).toBe(100);
  });

  it('rejects invalid answers, naming each one', () => {
    const e = errorOf(() => summarizeNps([10, 11, 3.5, 5]));
    expect(e.code).toBe('validation_failed');
    expect(e.fields.map((f) => f.field)).toEqual(['scores.1', 'scores.2']);
  });
});
