import { describe, expect, it } from 'vitest';
import { forecastMetric, MAX_FORECAST_READINGS, type ForecastInput, type ForecastReading } from './forecast.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const day = (n: number) => new Date(T0 + n * DAY);
/** Readings from [day, value] pairs. */
const series = (pairs: [number, number][]) => pairs.map(([d, value]) => ({ value, measuredAt: day(d) }));
const up = { baseline: 10, target: 20, direction: 'increase' as const };
const down = { baseline: 45, target: 28, direction: 'decrease' as const };

function run<R extends ForecastReading>(over: Partial<ForecastInput<R>> & { readings: readonly R[] }) {
  return forecastMetric<R>({ metric: up, reviewAt: day(64), threshold: 0.15, now: day(31), ...over });
}

describe('forecastMetric: projection on known series', () => {
  // 10 → 13.75 over 30 days: slope 0.125/day, intercept 10.
  const rising = series([[0, 10], [10, 11.25], [20, 12.5], [30, 13.75]]);

  it('increasing metric projected short of the target: at risk, with the formula inputs', () => {
    const f = run({ readings: rising });
    // At day 64: 10 + 0.125·64 = 18 → progress (18 − 10)/(20 − 10) = 0.8, shortfall 0.2 > 0.15.
    expect(f.status).toBe('at_risk');
    expect(f.projection).toEqual({ origin: day(0), slopePerDay: 0.125, intercept: 10, reviewAt: day(64), reviewInDays: 64, value: 18, progress: 0.8, shortfall: expect.closeTo(0.2, 12) });
    expect(f.used).toEqual(rising);
    expect(f.flagged).toEqual([]);
    expect(f.latest).toEqual({ reading: rising[3], progress: 0.375, shortfall: 0.625 });
    expect(f.hints).toEqual([]);
  });

  it('the same trend with a later review reaches the target: on track', () => {
    const f = run({ readings: rising, reviewAt: day(80) });
    expect(f.projection).toMatchObject({ value: 20, progress: 1, shortfall: 0 });
    expect(f.status).toBe('on_track');
  });

  it('decreasing metric (waiting time 45 → 28 min): direction comes from target − baseline', () => {
    const readings = series([[0, 45], [4, 44], [8, 43], [12, 42]]);
    // −0.25/day. Review at day 52: 45 − 13 = 32 → progress 13/17, shortfall 4/17 ≈ 23.5 % → at risk.
    const late = run({ metric: down, readings, reviewAt: day(52), now: day(13) });
    expect(late.status).toBe('at_risk');
    expect(late.projection).toMatchObject({ slopePerDay: -0.25, intercept: 45, value: 32, progress: expect.closeTo(13 / 17, 12), shortfall: expect.closeTo(4 / 17, 12) });
    // Review at day 60: 45 − 15 = 30 → shortfall 2/17 ≈ 11.8 % → on track.
    const early = run({ metric: down, readings, reviewAt: day(60), now: day(13) });
    expect(early.projection).toMatchObject({ value: 30, shortfall: expect.closeTo(2 / 17, 12) });
    expect(early.status).toBe('on_track');
  });

  it('a perfect line is fitted exactly, with zero spread and nothing flagged', () => {
    const f = run({ readings: series([[0, 10], [1, 10.5], [2, 11], [3, 11.5], [4, 12]]), reviewAt: day(20), now: day(4) });
    expect(f.projection).toMatchObject({ slopePerDay: 0.5, intercept: 10, value: 20, progress: 1, shortfall: 0 });
    expect(f.spread).toEqual({ mad: 0, sigma: 0 });
    expect(f.flagged).toEqual([]);
    expect(f.status).toBe('on_track');
  });

  it('flat readings: projected shortfall 100 %, at risk, and the hint says the trend is flat', () => {
    const f = run({ metric: { baseline: 100, target: 120, direction: 'increase' }, readings: series([[0, 100], [1, 100], [2, 100], [3, 100]]), now: day(3) });
    expect(f.projection).toMatchObject({ slopePerDay: 0, value: 100, progress: 0, shortfall: 1 });
    expect(f.status).toBe('at_risk');
    expect(f.hints).toEqual([{ kind: 'stalled_trend', reason: 'flat', slopePerDay: 0 }]);
  });

  it('noisy readings: the median slope, and no wiggle is called an outlier', () => {
    // Pair slopes −2, −2, −1/3, ½, ½, ½, ½, 4/3, 3, 3 → median ½; y − ½t: 10, 12.5, 10, 12.5, 10 → 10.
    // Residuals 0, 2.5, 0, 2.5, 0: MAD 0, so σ = 1.253314 · MeanAD (1) and the cut-off 4.39 > 2.5.
    const f = run({ readings: series([[0, 10], [1, 13], [2, 11], [3, 14], [4, 12]]), reviewAt: day(20), now: day(5) });
    expect(f.projection).toMatchObject({ slopePerDay: 0.5, intercept: 10, value: 20 });
    expect(f.spread).toEqual({ mad: 0, sigma: 1.253314 });
    expect(f.flagged).toEqual([]);
    expect(f.used).toHaveLength(5);
  });
});

describe('forecastMetric: outliers', () => {
  it('MAD = 0 (a perfect line with one bad reading): the reading is flagged, left out, and shown', () => {
    const readings = series([[0, 10], [1, 11], [2, 12], [3, 50], [4, 14], [5, 15]]);
    const f = run({ readings, reviewAt: day(20), now: day(5) });
    // First fit 10 + t; residuals 0, 0, 0, 37, 0, 0 → MAD 0, σ = 1.253314 · 37/6 ≈ 7.73, cut-off ≈ 27 < 37.
    expect(f.flagged).toEqual([{ reading: readings[3], reason: 'outlier', residual: 37 }]);
    expect(f.used).toEqual(readings.filter((_, i) => i !== 3));
    expect(f.projection).toMatchObject({ slopePerDay: 1, intercept: 10, value: 30 });
  });

  it('noisy series with one outlier (MAD > 0): flagged, and the projection is what it would be without it', () => {
    const clean: [number, number][] = [[0, 10], [1, 11.5], [2, 11.5], [3, 13.5], [4, 13.5], [5, 15.5], [6, 15.5], [7, 17.5]];
    const withOutlier: [number, number][] = [...clean.slice(0, 4), [3.5, -40], ...clean.slice(4)];
    const a = run({ readings: series(clean), now: day(8) });
    const b = run({ readings: series(withOutlier), now: day(8) });
    expect(a.flagged).toEqual([]);
    expect(a.spread!.mad).toBeGreaterThan(0);
    expect(b.flagged.map((x) => x.reading.value)).toEqual([-40]);
    expect(b.projection).toEqual(a.projection);
    expect(b.status).toBe(a.status);
  });

  it('an outlier never decides the status alone: a spike to the target is not "achieved"', () => {
    const f = run({ readings: series([[0, 10], [1, 11], [2, 12], [3, 13], [4, 14], [5, 40]]), reviewAt: day(40), now: day(5) });
    expect(f.flagged.map((x) => x.reading.value)).toEqual([40]);
    expect(f.latest!.reading.value).toBe(14);
    expect(f.status).toBe('on_track');
  });

  it('with 3 readings nothing is screened: two always lie on the fit, the third is compared with nothing', () => {
    const f = run({ readings: series([[0, 10], [1, 11], [2, 30]]), now: day(2) });
    expect(f.flagged).toEqual([]);
    expect(f.used).toHaveLength(3);
    expect(f.projection).not.toBeNull();
  });

  it('readings with a non-finite value or date are flagged invalid, not used', () => {
    const bad = { value: Number.NaN, measuredAt: day(1) };
    const noDate = { value: 12, measuredAt: new Date('nope') };
    const f = run({ readings: [...series([[0, 10], [2, 11], [4, 12]]), bad, noDate] });
    expect(f.flagged).toEqual([{ reading: bad, reason: 'invalid', residual: null }, { reading: noDate, reason: 'invalid', residual: null }]);
    expect(f.used).toHaveLength(3);
  });
});

describe('forecastMetric: status', () => {
  it('no readings: no_data, nothing projected', () => {
    expect(run({ readings: [] })).toMatchObject({ status: 'no_data', projection: null, latest: null, used: [], hints: [] });
  });

  it('achieved early: the latest reading reaches the target before the review, whatever the trend', () => {
    expect(run({ readings: series([[0, 10], [5, 15], [10, 21]]), now: day(10) }).status).toBe('achieved');
    expect(run({ metric: down, readings: series([[0, 45], [5, 27]]), now: day(10) }).status).toBe('achieved');
  });

  it('review date passed with a shortfall over the threshold: off_track; within it: on_track', () => {
    const readings = series([[0, 10], [1, 11], [2, 12]]);
    const f = run({ readings, reviewAt: day(30), now: day(31) });
    // Latest 12: progress 0.2, shortfall 0.8.
    expect(f.status).toBe('off_track');
    // 18.5: progress 0.85, shortfall 0.15 (0.15000000000000002 in floats) is not over 0.15.
    expect(run({ readings: series([[0, 10], [1, 15], [2, 18.5]]), reviewAt: day(30), now: day(30) }).status).toBe('on_track');
  });

  it('1–2 readings: no projection; the latest is compared with the plan line from go-live to the target', () => {
    const base = { metric: { baseline: 0, target: 100, direction: 'increase' as const }, startAt: day(0), reviewAt: day(100), now: day(50) };
    // At day 50 the line expects 0.5; 40 lags it by 0.1 (on track), 30 by 0.2 (at risk).
    const onTrack = run({ ...base, readings: series([[50, 40]]) });
    expect(onTrack).toMatchObject({ status: 'on_track', projection: null, plan: { start: day(0), expectedProgress: 0.5 }, latest: { progress: 0.4 } });
    expect(run({ ...base, readings: series([[50, 30]]) }).status).toBe('at_risk');
  });

  it('without a go-live date the plan line starts at the first reading', () => {
    const base = { metric: { baseline: 0, target: 100, direction: 'increase' as const }, reviewAt: day(100), now: day(60) };
    // Line from day 20 to day 100 expects (60 − 20)/80 = 0.5 at day 60; 30 lags by 0.2.
    const f = run({ ...base, readings: series([[20, 10], [60, 30]]) });
    expect(f).toMatchObject({ status: 'at_risk', projection: null, plan: { start: day(20), expectedProgress: 0.5 } });
    // A single reading at the start: the line expects 0, so only a move the wrong way beyond the threshold is at risk.
    expect(run({ ...base, readings: series([[20, 0]]) }).status).toBe('on_track');
    expect(run({ ...base, readings: series([[20, -20]]) }).status).toBe('at_risk');
  });

  it('sorts readings by measured time and hands back the caller’s own objects', () => {
    const readings = series([[20, 12.5], [0, 10], [30, 13.75], [10, 11.25]]).map((r, i) => ({ ...r, id: `r${i}` }));
    const f = run({ readings });
    expect(f.used.map((r) => r.id)).toEqual(['r1', 'r3', 'r0', 'r2']);
    expect(f.used[0]).toBe(readings[1]);
    expect(f.projection).toMatchObject({ slopePerDay: 0.125, value: 18 });
  });

  it(`looks at the latest ${MAX_FORECAST_READINGS} readings only, and says how many older ones it left out`, () => {
    const readings = Array.from({ length: 250 }, (_, i) => ({ value: i < 50 ? 1000 : 10 + (i - 50) * 0.01, measuredAt: new Date(T0 + i * 8_640_000) }));
    const f = run({ readings, now: day(25) });
    expect(f.olderNotConsidered).toBe(50);
    expect(f.used).toHaveLength(200);
    expect(f.projection).toMatchObject({ origin: day(5), slopePerDay: expect.closeTo(0.1, 9), intercept: expect.closeTo(10, 9) });
  });
});

describe('forecastMetric: what to look at', () => {
  it('a trend pointing away from the target', () => {
    const f = run({ metric: down, readings: series([[0, 45], [1, 46], [2, 47], [3, 48]]), now: day(3) });
    expect(f.status).toBe('at_risk');
    expect(f.hints).toEqual([{ kind: 'stalled_trend', reason: 'wrong_direction', slopePerDay: 1 }]);
  });

  it('a recent drop: the latest reading far below the trend is flagged and pointed at', () => {
    const readings = series([[0, 10], [1, 11], [2, 12], [3, 13], [4, 14], [5, 9]]);
    const f = run({ readings, reviewAt: day(20), now: day(5) });
    expect(f.flagged.map((x) => x.reading)).toEqual([readings[5]]);
    expect(f.hints).toEqual([{ kind: 'recent_drop', value: 9, measuredAt: day(5), expected: 15, deviation: -6 }]);
  });

  it('a recent drop within the noise band is hinted but not flagged (2 σ < drop ≤ 3.5 σ)', () => {
    // Trend 10 + t; residuals 0, 0, 1, 0, 1, 0, 1, −2 → MAD 0.5, σ 0.7413: 2 is beyond 2σ (1.48), within 3.5σ (2.59).
    const f = run({ readings: series([[0, 10], [1, 11], [2, 13], [3, 13], [4, 15], [5, 15], [6, 17], [7, 15]]), reviewAt: day(20), now: day(7) });
    expect(f.spread).toEqual({ mad: 0.5, sigma: expect.closeTo(0.7413, 12) });
    expect(f.flagged).toEqual([]);
    expect(f.hints).toEqual([{ kind: 'recent_drop', value: 15, measuredAt: day(7), expected: 17, deviation: -2 }]);
  });

  it('a recent drop for a decreasing metric is a rise; with two readings, worse than the one before', () => {
    const f = run({ metric: down, readings: series([[0, 45], [1, 44], [2, 43], [3, 42], [4, 41], [5, 48]]), now: day(5) });
    expect(f.hints).toContainEqual({ kind: 'recent_drop', value: 48, measuredAt: day(5), expected: 40, deviation: 8 });
    const two = run({ readings: series([[0, 14], [7, 12]]), now: day(7) });
    expect(two.hints).toEqual([{ kind: 'recent_drop', value: 12, measuredAt: day(7), expected: 14, deviation: -2 }]);
  });

  it('missing data: no reading for more than twice the usual gap', () => {
    const weekly = series([[0, 10], [7, 11], [14, 12], [21, 13]]);
    expect(run({ readings: weekly, now: day(35) }).hints).toEqual([]);
    expect(run({ readings: weekly, now: day(36) }).hints).toEqual([{ kind: 'missing_data', lastMeasuredAt: day(21), daysSince: 15, expectedEveryDays: 7 }]);
    // One reading: a weekly cadence is assumed.
    expect(run({ readings: series([[0, 11]]), now: day(15) }).hints).toEqual([{ kind: 'missing_data', lastMeasuredAt: day(0), daysSince: 15, expectedEveryDays: 7 }]);
  });
});
