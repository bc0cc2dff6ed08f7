import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { d1Db } from '../../src/db/d1.ts';
import { readInsightGroups } from '../../src/db/queries/insights.ts';
import { readOutcomeParts } from '../../src/db/queries/outcomes.ts';
import { metrics, outcomes } from '../../src/db/schema/index.ts';
import { loadMetricForecasts } from '../../src/views/metric-forecasts.ts';
import { ago, P, seedInsights, W } from '../fixtures/insights.ts';
import { NOW } from '../fixtures/web/world.ts';

// D1 refuses a compound SELECT of more than five terms (libsql allows 500): the statements
// that union several selects, and those that read many metrics or people at once, run here
// too. test/integration/retro/insights-sql.test.ts has the insights' full story.
const db = d1Db(env.DB);

beforeAll(async () => {
  await seedInsights(db);
});

describe('reads with several parts, on D1', () => {
  it('the insights: every dimension and measure from one statement', async () => {
    const groups = await readInsightGroups(db, W.a, { personId: P.pmo, seesAll: true }, ago(180));
    const find = (dimension: string, key: string, measure: string) => groups.find((g) => g.dimension === dimension && g.key === key && g.measure === measure);
    expect(find('class', 'impact', 'attainment')).toMatchObject({ n: 4, q1: 0.7, q3: 0.9, min: 0.7, max: 1 });
    expect(find('class', 'impact', 'roi')).toMatchObject({ n: 3, median: 2 });
    expect(find('project_kind', 'growth', 'attainment')).toMatchObject({ n: 4 });
    expect(find('project', 'pr-pl', 'attainment')).toMatchObject({ n: 4, label: 'Platform' });
    expect(find('template', 'builtin.nps', 'attainment')).toMatchObject({ n: 3, median: 0.9 });
  });

  it('forecasts of more metrics than a compound may have terms, and an outcome card with its people', async () => {
    const rows = await db.select({ id: metrics.id }).from(metrics).where(eq(metrics.workspaceId, W.a));
    expect(rows.length).toBeGreaterThan(5);
    const forecasts = await loadMetricForecasts(db, W.a, rows.map((r) => r.id), 0.15, NOW);
    expect(forecasts.size).toBe(rows.length);
    const [o] = await db.select({ id: outcomes.id }).from(outcomes).where(eq(outcomes.workspaceId, W.a)).limit(1);
    const parts = await readOutcomeParts(db, W.a, o!.id, { ids: [P.member], addresses: ['UPMO'] });
    expect(parts?.people.map((p) => p.id).sort()).toEqual([P.member, P.owner, P.pmo].sort());
  });
});
