import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../../src/api/auth/token-secret.ts';
import { apiTokens } from '../../../src/db/schema/index.ts';
import { NOW, P, W } from '../../fixtures/web/world.ts';
import { apiHarness, type ApiHarness } from './api-harness.ts';

let h: ApiHarness;
beforeEach(async () => {
  h = await apiHarness();
});
afterEach(() => h.close());

const rows = () => h.deps.db.select().from(apiTokens);

describe('API tokens', () => {
  it('an admin creates one on the settings page: shown once, stored hashed, last use recorded', async () => {
    const token = await h.createToken(['outcomes:read'], { name: 'BI export' });
    expect(token).toMatch(/^oc_[A-Za-z0-9_-]{43}$/);
    const [row] = await rows();
    expect(row).toMatchObject({ workspaceId: W.a, name: 'BI export', scopes: ['outcomes:read'], createdBy: P.admin, lastUsedAt: null, tokenHash: await hashToken(token) });
    expect(JSON.stringify(row)).not.toContain(token);
    // The page lists it afterwards, by prefix only.
    const page = await (await (await h.as(W.a, P.admin)).get('/app/settings')).text();
    expect(page).toContain(row!.prefix);
    expect(page).not.toContain(token);

    h.deps.clock.now = () => new Date(NOW.getTime() + 5000);
    const res = await h.api('GET', '/api/v1/outcomes', { token });
    expect(res.status).toBe(200);
    expect((await rows())[0]!.lastUsedAt).toEqual(new Date(NOW.getTime() + 5000));
  });

  it('only admins create or revoke, and a cross-site form post is refused', async () => {
    for (const person of [P.pmo, P.member]) {
      const res = await (await h.as(W.a, person)).send('POST', '/app/settings/tokens', 'name=x&scopes=outcomes:read');
      expect(res.status).toBe(403);
    }
    const foreign = await (await h.as(W.a, P.admin)).send('POST', '/app/settings/tokens', 'name=x&scopes=outcomes:read', { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await rows()).toHaveLength(0);
  });

  it('a bad form (no name, no scope, bad limit) is a 400 with the reasons, nothing stored', async () => {
    const res = await (await h.as(W.a, P.admin)).send('POST', '/app/settings/tokens', 'name=&rateLimit=abc');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Give the token a name');
    expect(html).toContain('Choose at least one scope.');
    expect(html).toContain('Enter a whole number from 1 to 10000.');
    expect(await rows()).toHaveLength(0);
  });

  it('revoked or unknown → 401; a missing scope → 403; no credentials → 401', async () => {
    const token = await h.createToken(['outcomes:read']);
    expect((await h.api('POST', '/api/v1/readings', { token, body: { readings: [{ metric_id: 'm-mem', value: 1, measured_at: NOW.toISOString() }] } })).status).toBe(403);
    const forbidden = await (await h.api('GET', '/api/v1/readings?metric_id=m-mem', { token })).json();
    expect(forbidden).toMatchObject({ error: 'forbidden', message: 'This token lacks the readings:read scope.' });
    expect((await h.api('GET', '/api/v1/outcomes')).status).toBe(401);
    expect((await h.api('GET', '/api/v1/outcomes', { token: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') })).status).toBe(401);
    expect((await h.api('GET', '/api/v1/outcomes', { headers: { authorization: 'Basic abc' } })).status).toBe(401);

    const [row] = await rows();
    const revoke = await (await h.as(W.a, P.admin)).send('POST', `/app/settings/tokens/${row!.id}/revoke`, '');
    expect(revoke.status).toBe(303);
    const res = await h.api('GET', '/api/v1/outcomes', { token });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized', message: 'This API token is unknown or has been revoked.' });
    expect((await rows())[0]!.revokedBy).toBe(P.admin);
  });

  it('an admin of another workspace cannot revoke it', async () => {
    await h.createToken(['outcomes:read']);
    const [row] = await rows();
    const res = await (await h.as(W.b, P.bAdmin)).send('POST', `/app/settings/tokens/${row!.id}/revoke`, '');
    expect(res.status).toBe(404);
    expect((await rows())[0]!.revokedAt).toBeNull();
  });

  it('is rate-limited per token: over the limit → 429 with Retry-After, until the window passes', async () => {
    const token = await h.createToken(['outcomes:read'], { rateLimit: 3 });
    const other = await h.createToken(['outcomes:read'], { rateLimit: 3 });
    let now = NOW.getTime();
    h.deps.clock.now = () => new Date(now);
    for (let i = 0; i < 3; i++) expect((await h.api('GET', '/api/v1/outcomes', { token })).status).toBe(200);
    now += 20_000;
    const limited = await h.api('GET', '/api/v1/outcomes', { token });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('40');
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    // Another token has its own window.
    expect((await h.api('GET', '/api/v1/outcomes', { token: other })).status).toBe(200);
    now += 40_000;
    expect((await h.api('GET', '/api/v1/outcomes', { token })).status).toBe(200);
    expect((await h.deps.db.select({ n: apiTokens.windowCount }).from(apiTokens).where(eq(apiTokens.tokenHash, await hashToken(token))))[0]!.n).toBe(1);
  });
});
