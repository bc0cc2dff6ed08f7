import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { displayPrefix, hashToken, newToken } from '../../src/api/auth/token-secret.ts';
import { d1Db } from '../../src/db/d1.ts';
import { apiTokens, metricReadings, metrics, outcomes, people, workspaces } from '../../src/db/schema/index.ts';
import { defaultSettings } from '../../src/domain/settings.ts';
import { eq } from 'drizzle-orm';
import './preload-platforms.ts';

describe('the public API inside workerd on D1', () => {
  it('serves the OpenAPI document, takes a batch of readings with a token, and rate-limits in the row', async () => {
    const doc = await exports.default.fetch('http://outcome.test/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');

    const db = d1Db(env.DB);
    await db.insert(workspaces).values({ id: 'ws-api', platform: 'slack', externalId: 'T-api', name: 'API', settings: defaultSettings('UTC', 'en') });
    await db.insert(people).values({ id: 'p-api', workspaceId: 'ws-api', platformUserId: 'UAPI' });
    await db.insert(outcomes).values({ id: 'o-api', workspaceId: 'ws-api', title: 'API', description: 'd', status: 'verified', submitterId: 'p-api', round: 1 });
    await db.insert(metrics).values({ id: 'm-api', workspaceId: 'ws-api', outcomeId: 'o-api', name: 'm', direction: 'increase', baseline: 0, target: 10, externalKey: 'k' });
    const token = newToken();
    await db.insert(apiTokens).values({ workspaceId: 'ws-api', name: 't', tokenHash: await hashToken(token), prefix: displayPrefix(token), scopes: ['readings:write'], rateLimit: 2 });

    const readings = Array.from({ length: 1000 }, (_, i) => ({ metric_key: 'k', value: i, measured_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), external_id: `e${i}` }));
    const post = () => exports.default.fetch('http://outcome.test/api/v1/readings', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ readings }) });
    expect(await (await post()).json()).toMatchObject({ stored: 1000, rejected: [] });
    expect(await (await post()).json()).toMatchObject({ stored: 0, duplicates: 1000 });
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await db.select().from(metricReadings).where(eq(metricReadings.metricId, 'm-api'))).toHaveLength(1000);
  });
});
