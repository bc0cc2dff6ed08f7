import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { metricReadings, metricSources, metrics } from '../../../src/db/schema/index.ts';
import { NOW, P, W } from '../../fixtures/web/world.ts';
import { apiHarness, type ApiHarness } from './api-harness.ts';

let h: ApiHarness;
let token: string;
beforeAll(async () => {
  h = await apiHarness();
  token = await h.createToken(['readings:write', 'readings:read', 'outcomes:read', 'metrics:write'], { rateLimit: 10_000 });
  await h.deps.db.update(metrics).set({ externalKey: 'crm.throughput' }).where(eq(metrics.id, 'm-other'));
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.deps.db.delete(metricReadings).where(eq(metricReadings.metricId, 'm-other'));
});

const at = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const post = (readings: unknown[], t = token) => h.api('POST', '/api/v1/readings', { token: t, body: { readings } });
const stored = () => h.deps.db.select().from(metricReadings).where(eq(metricReadings.metricId, 'm-other'));
const actual = async () => (await h.deps.db.select({ a: metrics.actual }).from(metrics).where(eq(metrics.id, 'm-other')))[0]!.a;

describe('POST /api/v1/readings', () => {
  it('stores a batch of 1,000 and moves the actual to the latest reading', async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => ({ metric_id: 'm-other', value: 100 + i, measured_at: at(1000 - i), external_id: `r-${i}` }));
    const res = await post(batch);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { stored: number; duplicates: number; rejected: unknown[] };
    expect(body).toMatchObject({ stored: 1000, duplicates: 0, rejected: [] });
    expect(await stored()).toHaveLength(1000);
    expect(await actual()).toBe(1099);
  });

  it('refuses 1,001 rows with a 400 and stores none', async () => {
    const batch = Array.from({ length: 1001 }, (_, i) => ({ metric_id: 'm-other', value: i, measured_at: at(1) }));
    const res = await post(batch);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'validation_failed', fields: [{ field: 'readings' }] });
    expect(await stored()).toHaveLength(0);
  });

  it('mixed rows: bad ones reported by index and reason, good ones stored', async () => {
    const res = await post([
      { metric_id: 'm-other', value: 120, measured_at: at(3), external_id: 'a' },
      { metric_id: 'm-other', value: 'lots', measured_at: at(2) },
      { metric_id: 'm-nope', value: 1, measured_at: at(2) },
      { metric_key: 'crm.throughput', value: 130, measured_at: at(1), external_id: 'b' },
      { metric_id: 'm-b', value: 1, measured_at: at(1), external_id: 'foreign' },
      { metric_id: 'm-other', metric_key: 'crm.throughput', value: 1, measured_at: at(1) },
      { metric_id: 'm-other', value: 1, measured_at: 'yesterday' },
      { metric_id: 'm-other', value: 1, measured_at: new Date(NOW.getTime() + 3 * 86_400_000).toISOString() },
      null,
    ]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { stored: number; rejected: { index: number; error: string; message: string; fields?: { field: string }[] }[] };
    expect(body.stored).toBe(2);
    expect(body.rejected.map((r) => [r.index, r.error])).toEqual([
      [1, 'validation_failed'],
      [2, 'not_found'],
      [4, 'not_found'],
      [5, 'validation_failed'],
      [6, 'validation_failed'],
      [7, 'validation_failed'],
      [8, 'validation_failed'],
    ]);
    expect(body.rejected[0]!.fields).toEqual([expect.objectContaining({ field: 'value' })]);
    expect(body.rejected[1]!.message).toBe('There is no metric m-nope in this workspace.');
    // The other workspace's metric got nothing.
    expect(await h.deps.db.select().from(metricReadings).where(eq(metricReadings.metricId, 'm-b'))).toHaveLength(0);
    expect((await stored()).map((r) => [r.value, r.source, r.externalId]).sort()).toEqual([
      [120, 'api', 'a'],
      [130, 'api', 'b'],
    ]);
    expect(await actual()).toBe(130);
  });

  it('is idempotent: the same external ids again change nothing, also within one batch', async () => {
    const batch = [
      { metric_id: 'm-other', value: 140, measured_at: at(2), external_id: 'x1' },
      { metric_key: 'crm.throughput', value: 150, measured_at: at(1), external_id: 'x2' },
      { metric_id: 'm-other', value: 999, measured_at: at(0), external_id: 'x2' },
    ];
    const first = (await (await post(batch)).json()) as { stored: number; duplicates: number; accepted: { status: string }[] };
    expect(first).toMatchObject({ stored: 2, duplicates: 1 });
    expect(first.accepted.map((a) => a.status)).toEqual(['stored', 'stored', 'duplicate']);
    const before = await stored();
    const again = await (await post(batch)).json();
    expect(again).toMatchObject({ stored: 0, duplicates: 3 });
    expect(await stored()).toEqual(before);
    expect(await actual()).toBe(150);
  });

  it('keeps the metric’s api source on its readings', async () => {
    const [src] = await h.deps.db.insert(metricSources).values({ workspaceId: W.a, metricId: 'm-other', kind: 'api', name: 'CRM' }).returning();
    await post([{ metric_id: 'm-other', value: 121, measured_at: at(1), external_id: 'with-source' }]);
    expect((await stored())[0]!.sourceId).toBe(src!.id);
    await h.deps.db.delete(metricSources).where(eq(metricSources.id, src!.id));
  });

  it('client mistakes are 4xx in the one error shape, never 5xx', async () => {
    const cases: [string, Record<string, string>][] = [
      ['{"readings": [', { 'content-type': 'application/json' }],
      ['[]', { 'content-type': 'application/json' }],
      ['{"readings": "many"}', { 'content-type': 'application/json' }],
      ['{"readings": []}', { 'content-type': 'application/json' }],
      ['readings=1', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['', {}],
    ];
    for (const [body, headers] of cases) {
      const res = await h.api('POST', '/api/v1/readings', { token, body, headers });
      expect(res.status, body).toBe(400);
      const json = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(json).every((k) => ['error', 'message', 'fields'].includes(k))).toBe(true);
      expect(typeof json.error).toBe('string');
    }
    expect((await h.api('GET', '/api/v1/readings?metric_id=m-other&limit=zero', { token })).status).toBe(400);
    expect((await h.api('GET', '/api/v1/readings?metric_id=m-other&cursor=!!', { token })).status).toBe(400);
    // A well-formed cursor with an instant no Date can hold is the client's mistake too.
    const forged = Buffer.from(JSON.stringify({ measuredAt: 1e300, id: 'x' })).toString('base64url');
    expect((await h.api('GET', `/api/v1/readings?metric_id=m-other&cursor=${forged}`, { token })).status).toBe(400);
    expect((await h.api('GET', '/api/v1/nothing-here', { token })).status).toBe(404);
    expect(await stored()).toHaveLength(0);
  });
});

describe('GET /api/v1/readings', () => {
  it('pages a metric’s readings newest first, each with its source and external id', async () => {
    await post(Array.from({ length: 5 }, (_, i) => ({ metric_id: 'm-other', value: i, measured_at: at(10 - i), external_id: `p${i}` })));
    const seen: { value: number; source: string; external_id: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.api('GET', `/api/v1/readings?metric_key=crm.throughput&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { metric_id: string; readings: typeof seen; next_cursor: string | null };
      expect(page.metric_id).toBe('m-other');
      seen.push(...page.readings);
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen.map((r) => [r.value, r.source, r.external_id])).toEqual([4, 3, 2, 1, 0].map((i) => [i, 'api', `p${i}`]));
  });

  it('another workspace’s metric is not found', async () => {
    expect((await h.api('GET', '/api/v1/readings?metric_id=m-b', { token })).status).toBe(404);
  });
});

describe('GET /api/v1/outcomes', () => {
  it('a token sees its workspace’s outcomes with metric ids, keys, numbers and forecast status', async () => {
    await post([0, 1, 2, 3].map((i) => ({ metric_id: 'm-other', value: 100 + i, measured_at: at(40 - i * 10), external_id: `f${i}` })));
    const res = await h.api('GET', '/api/v1/outcomes', { token });
    const body = (await res.json()) as { outcomes: { id: string; metrics: Record<string, unknown>[] }[] };
    expect(body.outcomes.map((o) => o.id).sort()).toEqual(['o-mem', 'o-other', 'o-peer']);
    const m = body.outcomes.find((o) => o.id === 'o-other')!.metrics[0]!;
    expect(m).toMatchObject({ id: 'm-other', external_key: 'crm.throughput', baseline: 100, target: 150, actual: 103, status: 'at_risk' });
    expect(m.forecast).toMatchObject({ readings_used: 4, slope_per_day: expect.closeTo(0.1, 6) });
  });

  it('a person (session cookie) sees what the web shows them', async () => {
    const res = await (await h.as(W.a, P.member)).get('/api/v1/outcomes');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { outcomes: { id: string }[] }).outcomes.map((o) => o.id)).toEqual(['o-mem']);
  });

  it('pages with a cursor', async () => {
    const first = (await (await h.api('GET', '/api/v1/outcomes?limit=2', { token })).json()) as { outcomes: { id: string }[]; next_cursor: string };
    const second = (await (await h.api('GET', `/api/v1/outcomes?limit=2&cursor=${first.next_cursor}`, { token })).json()) as { outcomes: { id: string }[]; next_cursor: string | null };
    expect([...first.outcomes, ...second.outcomes].map((o) => o.id)).toEqual(['o-mem', 'o-other', 'o-peer']);
    expect(second.next_cursor).toBeNull();
  });
});

describe('readings with the session cookie', () => {
  it('the outcome’s owner may post; another member’s rows are refused; a cross-site post is refused', async () => {
    const other = await h.as(W.a, P.other);
    const res = await other.send('POST', '/api/v1/readings', { readings: [{ metric_id: 'm-other', value: 101, measured_at: at(1) }] }, { 'accept-language': 'en' });
    expect(await res.json()).toMatchObject({ stored: 1 });
    const member = await h.as(W.a, P.member);
    const refused = await (await member.send('POST', '/api/v1/readings', { readings: [{ metric_id: 'm-other', value: 1, measured_at: at(1) }] })).json();
    expect(refused).toMatchObject({ stored: 0, rejected: [{ index: 0, error: 'not_found' }] });
    const cross = await other.send('POST', '/api/v1/readings', { readings: [{ metric_id: 'm-other', value: 1, measured_at: at(1) }] }, { origin: 'https://evil.example', 'content-type': 'text/plain' });
    expect(cross.status).toBe(403);
    expect(await h.deps.db.select().from(metricReadings).where(and(eq(metricReadings.metricId, 'm-other'), eq(metricReadings.recordedBy, P.other)))).toHaveLength(1);
  });
});
