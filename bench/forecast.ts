/**
 * Forecast time per metric for 100 / 1,000 / 10,000 readings (3 runs each), and, for
 * comparison, an uncapped Theil–Sen fit over all readings (why forecastMetric keeps only
 * the latest MAX_FORECAST_READINGS). Pure CPU, no database. Prints numbers, asserts nothing.
 *   npx tsx bench/forecast.ts
 */
import { forecastMetric, MAX_FORECAST_READINGS } from '../src/domain/forecast.ts';
import { theilSen } from '../src/domain/theil-sen.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const RUNS = 3;
/** 10,000 readings uncapped would be 50 million pairs (≈ 400 MB of slopes): not run. */
const UNCAPPED_MAX = 1_000;

/** Deterministic noise (mulberry32), so every run times the same series. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hourly readings rising halfway to the target, with noise and one outlier in a hundred. */
function readings(n: number): { value: number; measuredAt: Date }[] {
  const r = rng(n);
  return Array.from({ length: n }, (_, i) => ({ value: 100 + (15 * i) / n + (r() - 0.5) * 2 + (i % 100 === 37 ? 50 : 0), measuredAt: new Date(T0 + i * HOUR) }));
}

/** Mean milliseconds of one call, over `times` calls (one call is too short to time alone). */
function time(fn: () => unknown, times = 20): number {
  const t = performance.now();
  for (let i = 0; i < times; i++) fn();
  return (performance.now() - t) / times;
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

console.log(`forecast per metric (latest ${MAX_FORECAST_READINGS} readings considered), ${RUNS} runs of the mean over 20 metrics:`);
for (const n of [100, 1_000, 10_000]) {
  const rs = readings(n);
  const reviewAt = new Date(T0 + (n + 24 * 30) * HOUR);
  const now = new Date(T0 + n * HOUR);
  const input = { metric: { baseline: 100, target: 130, direction: 'increase' as const }, readings: rs, reviewAt, threshold: 0.15, now };
  const f = forecastMetric(input); // warm-up, and a sanity line
  const runs = Array.from({ length: RUNS }, () => time(() => forecastMetric(input)));
  console.log(`  ${String(n).padStart(6)} readings: ${runs.map(fmt).join(', ')}  (status ${f.status}, ${f.flagged.length} flagged, ${f.olderNotConsidered} older not considered)`);
}

console.log('uncapped Theil–Sen over all readings, for comparison:');
for (const n of [100, UNCAPPED_MAX]) {
  const points = readings(n).map((r, i) => ({ t: i / 24, y: r.value }));
  const runs = Array.from({ length: RUNS }, () => time(() => theilSen(points), 3));
  console.log(`  ${String(n).padStart(6)} readings: ${runs.map(fmt).join(', ')}  (${(n * (n - 1)) / 2} pairs)`);
}
