import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertReadings } from '../../src/db/repos/readings-repo.ts';
import { metricReadings, metrics } from '../../src/db/schema/index.ts';
import { buildWorld, NOW, W } from '../fixtures/web/world.ts';
import { freshDb } from '../helpers/db.ts';

const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

describe('insertReadings', () => {
  let d: Awaited<ReturnType<typeof freshDb>>;
  beforeEach(async () => {
    d = await freshDb();
    await buildWorld(d.db);
  });
  afterEach(() => d.close());

  const actual = async (id: string) => (await d.db.select({ a: metrics.actual }).from(metrics).where(eq(metrics.id, id)))[0]!.a;
  const count = async (id: string) => (await d.db.select().from(metricReadings).where(eq(metricReadings.metricId, id))).length;

  it('stores a reading with its external id once, however often it is sent', async () => {
    const row = { metricId: 'm-peer', value: 12, measuredAt: at(-2), source: 'api' as const, externalId: 'ext-1' };
    expect(await insertReadings(d.db, W.a, [row, row], NOW)).toHaveLength(1);
    expect(await insertReadings(d.db, W.a, [{ ...row, value: 99 }], NOW)).toEqual([]);
    expect(await count('m-peer')).toBe(1);
    expect(await actual('m-peer')).toBe(12);
  });

  it('keeps the actual at the latest reading by measured time, not by arrival', async () => {
    await insertReadings(d.db, W.a, [{ metricId: 'm-peer', value: 15, measuredAt: at(-1), source: 'api' }], NOW);
    await insertReadings(d.db, W.a, [{ metricId: 'm-peer', value: 11, measuredAt: at(-10), source: 'webhook' }], NOW);
    expect(await actual('m-peer')).toBe(15);
    expect(await count('m-peer')).toBe(2);
  });

  it('never touches another workspace\'s metric actual', async () => {
    await insertReadings(d.db, W.b, [{ metricId: 'm-peer', value: 18, measuredAt: at(0), source: 'api' }], NOW);
    expect(await actual('m-peer')).toBeNull();
  });

  it('splits a batch of 1,000 into statements D1 accepts and stores all of them', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ metricId: 'm-other', value: i, measuredAt: at(-1000 + i), source: 'api' as const, externalId: `e${i}` }));
    expect(await insertReadings(d.db, W.a, rows, NOW)).toHaveLength(1000);
    expect(await actual('m-other')).toBe(999);
  });
});
