import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metrics, outcomes } from '../../src/db/schema/index.ts';
import { readOutcomeParts } from '../../src/db/queries/outcomes.ts';
import { readForecastInputs } from '../../src/db/queries/metric-forecasts.ts';
import { insertReadings } from '../../src/db/repos/readings-repo.ts';
import { loadMetricForecasts } from '../../src/views/metric-forecasts.ts';
import { buildWorld, NOW, O, W } from '../fixtures/web/world.ts';
import { freshDb } from '../helpers/db.ts';

const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

describe('loadMetricForecasts', () => {
  let d: Awaited<ReturnType<typeof freshDb>>;
  beforeEach(async () => {
    d = await freshDb();
    await buildWorld(d.db);
  });
  afterEach(() => d.close());

  it('reads each metric\'s readings oldest first and projects to its review date', async () => {
    // m-peer: increase 10 → 20, its review planned in 30 days; a flat series at 10 falls short.
    await d.db.update(outcomes).set({ dueAt: at(30) }).where(eq(outcomes.id, O.peer));
    await insertReadings(d.db, W.a, [0, 1, 2, 3].map((i) => ({ metricId: 'm-peer', value: 10, measuredAt: at(-10 + i), source: 'api' as const })), NOW);
    const map = await loadMetricForecasts(d.db, W.a, ['m-peer', 'm-b'], 0.15, NOW);
    expect([...map.keys()]).toEqual(['m-peer']);
    const f = map.get('m-peer')!;
    expect(f.forecast?.used.map((r) => r.measuredAt.getTime())).toEqual([at(-10), at(-9), at(-8), at(-7)].map((x) => x.getTime()));
    // The outcome's due date is a calendar date (stored as its day): the review is planned on that day.
    expect(f.metric.reviewAt).toEqual(new Date(`${at(30).toISOString().slice(0, 10)}T00:00:00Z`));
    expect(f.forecast?.projection?.value).toBeCloseTo(10);
    expect(f.status).toBe('at_risk');
  });

  it('says no data for a metric without readings', async () => {
    const map = await loadMetricForecasts(d.db, W.a, ['m-peer'], 0.15, NOW);
    expect(map.get('m-peer')!.status).toBe('no_data');
  });

  it('says off track once the review date has passed with a shortfall', async () => {
    await insertReadings(d.db, W.a, [0, 1, 2].map((i) => ({ metricId: 'm-peer', value: 11, measuredAt: at(-120 + i), source: 'api' as const })), NOW);
    expect((await loadMetricForecasts(d.db, W.a, ['m-peer'], 0.15, NOW)).get('m-peer')!.status).toBe('off_track');
  });

  it('reads numbers exactly as stored (SQLite\'s JSON writes 15 digits: 0.1 + 0.2 came back as 0.3)', async () => {
    await d.db.update(metrics).set({ baseline: 2 / 3, target: 0.1 + 0.2 }).where(eq(metrics.id, 'm-peer'));
    await insertReadings(d.db, W.a, [{ metricId: 'm-peer', value: 1 / 3, measuredAt: at(-1), source: 'api' as const }], NOW);
    const f = (await loadMetricForecasts(d.db, W.a, ['m-peer'], 0.15, NOW)).get('m-peer')!;
    expect([f.metric.baseline, f.metric.target]).toEqual([2 / 3, 0.1 + 0.2]);
    const [inputs] = await readForecastInputs(d.db, W.a, ['m-peer']);
    expect(inputs!.readings.map((r) => r.value)).toEqual([1 / 3]);
    const parts = await readOutcomeParts(d.db, W.a, O.peer);
    const m = parts!.metrics.find((x) => x.id === 'm-peer')!;
    // The reading recorded is the metric's actual now.
    expect([m.baseline, m.target, m.actual]).toEqual([2 / 3, 0.1 + 0.2, 1 / 3]);
  });
});
