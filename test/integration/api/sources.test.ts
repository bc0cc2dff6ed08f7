import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricSources, metrics } from '../../../src/db/schema/index.ts';
import { openSecret } from '../../../src/security/secret-box.ts';
import { sourceSecretContext } from '../../../src/sources/source-config.ts';
import { NOW, P, SECRET, W } from '../../fixtures/web/world.ts';
import { apiHarness, type ApiHarness } from './api-harness.ts';

let h: ApiHarness;
let token: string;
let readOnly: string;
beforeAll(async () => {
  h = await apiHarness({ PUBLIC_URL: 'https://outcome.example.com' });
  token = await h.createToken(['sources:write', 'sources:read', 'metrics:write'], { rateLimit: 10_000 });
  readOnly = await h.createToken(['sources:read'], { rateLimit: 10_000 });
});
afterAll(() => h.close());

const row = async (id: string) => (await h.deps.db.select().from(metricSources).where(eq(metricSources.id, id)))[0];
const GITHUB = { kind: 'github', name: 'Deploys', rule: { type: 'count_per_period', events: ['deployment_succeeded'], period: 'week' } };

describe('metric sources', () => {
  it('a github source without a secret gets one, returned once with its webhook URL, stored sealed', async () => {
    const res = await h.api('POST', '/api/v1/metrics/m-other/sources', { token, body: GITHUB });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { source: Record<string, unknown> & { id: string }; secret: string };
    expect(body.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(body.source).toMatchObject({ kind: 'github', metric_id: 'm-other', has_secret: true, webhook_url: `https://outcome.example.com/hooks/github/${body.source.id}`, rule: GITHUB.rule, next_run_at: null });
    const stored = (await row(body.source.id))!;
    expect(stored.secret).not.toContain(body.secret);
    expect(await openSecret(SECRET, stored.secret!, sourceSecretContext(stored.id))).toBe(body.secret);
    // Never again: not on get, list, or update.
    const again = await (await h.api('GET', `/api/v1/sources/${body.source.id}`, { token })).text();
    const list = await (await h.api('GET', '/api/v1/metrics/m-other/sources', { token: readOnly })).text();
    const updated = await (await h.api('PATCH', `/api/v1/sources/${body.source.id}`, { token, body: { ...GITHUB, name: 'Prod deploys' } })).text();
    for (const text of [again, list, updated]) {
      expect(text).not.toContain(body.secret);
      expect(text).not.toContain(stored.secret!);
    }
    expect(JSON.parse(updated)).toMatchObject({ name: 'Prod deploys', has_secret: true });
    expect(await openSecret(SECRET, (await row(body.source.id))!.secret!, sourceSecretContext(stored.id))).toBe(body.secret);
  });

  it('a pull source is due at once; its bearer is sealed and never echoed; a given webhook secret is not echoed', async () => {
    const res = await h.api('POST', '/api/v1/metrics/m-other/sources', { token, body: { kind: 'http_json', url: 'https://crm.example.com/kpi', jsonPath: '$.data.value', bearer: 'crm-bearer-123', schedule: 'hourly' } });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain('crm-bearer-123');
    const body = JSON.parse(text) as { source: { id: string; next_run_at: string; config: unknown }; secret?: string };
    expect(body.secret).toBeUndefined();
    expect(body.source.next_run_at).toBe(NOW.toISOString());
    expect(body.source.config).toEqual({ url: 'https://crm.example.com/kpi', jsonPath: '$.data.value' });
    expect(await openSecret(SECRET, (await row(body.source.id))!.secret!, sourceSecretContext(body.source.id))).toBe('crm-bearer-123');

    const jira = await (await h.api('POST', '/api/v1/metrics/m-other/sources', { token, body: { kind: 'jira', rule: { type: 'milestone_rate' }, secret: 'a-given-secret-of-20' } })).text();
    expect(jira).not.toContain('a-given-secret-of-20');
    expect(JSON.parse(jira)).not.toHaveProperty('secret');
  });

  it('bad configs are 400 with field paths; a kind change is refused; nothing changes', async () => {
    const before = (await h.deps.db.select().from(metricSources)).length;
    const bad = await h.api('POST', '/api/v1/metrics/m-other/sources', { token, body: { kind: 'http_json', url: 'ftp://x', jsonPath: 'data', schedule: 'weekly' } });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { fields: { field: string }[] }).fields.map((f) => f.field).sort();
    expect(fields).toEqual(['jsonPath', 'schedule', 'url']);
    expect((await h.api('POST', '/api/v1/metrics/m-other/sources', { token, body: { kind: 'ftp' } })).status).toBe(400);
    expect((await h.api('POST', '/api/v1/metrics/m-other/sources', { token, body: '{"kind":' })).status).toBe(400);
    const created = (await (await h.api('POST', '/api/v1/metrics/m-other/sources', { token, body: { kind: 'api' } })).json()) as { source: { id: string } };
    const change = await h.api('PATCH', `/api/v1/sources/${created.source.id}`, { token, body: GITHUB });
    expect(change.status).toBe(400);
    expect(await change.json()).toMatchObject({ fields: [{ field: 'kind' }] });
    expect((await h.deps.db.select().from(metricSources)).length).toBe(before + 1);
  });

  it('delete removes it; other workspaces’ metrics and sources are not found; scopes are enforced', async () => {
    const created = (await (await h.api('POST', '/api/v1/metrics/m-other/sources', { token, body: { kind: 'api', name: 'tmp' } })).json()) as { source: { id: string } };
    expect((await h.api('DELETE', `/api/v1/sources/${created.source.id}`, { token: readOnly })).status).toBe(403);
    expect((await h.api('DELETE', `/api/v1/sources/${created.source.id}`, { token })).status).toBe(204);
    expect(await row(created.source.id)).toBeUndefined();
    expect((await h.api('GET', `/api/v1/sources/${created.source.id}`, { token })).status).toBe(404);
    expect((await h.api('POST', '/api/v1/metrics/m-b/sources', { token, body: { kind: 'api' } })).status).toBe(404);
    const [foreign] = await h.deps.db.insert(metricSources).values({ workspaceId: W.b, metricId: 'm-b', kind: 'api' }).returning();
    for (const [method, body] of [['GET', undefined], ['PATCH', { kind: 'api' }], ['DELETE', undefined]] as const) expect((await h.api(method, `/api/v1/sources/${foreign!.id}`, { token, body })).status).toBe(404);
    expect(await row(foreign!.id)).toBeDefined();
  });

  it('a stored bearer is never sent to a new host: moving the URL without giving the bearer again is refused, nothing changes', async () => {
    const created = (await (await h.api('POST', '/api/v1/metrics/m-other/sources', { token, body: { kind: 'http_json', url: 'https://bi.example.com/kpi', jsonPath: '$.v', bearer: 'bi-bearer-777', schedule: 'daily' } })).json()) as { source: { id: string } };
    const before = await row(created.source.id);
    const moved = await h.api('PATCH', `/api/v1/sources/${created.source.id}`, { token, body: { kind: 'http_json', url: 'https://elsewhere.example.net/x', jsonPath: '$.v', schedule: 'daily' } });
    expect(moved.status).toBe(400);
    expect(JSON.stringify(await moved.json())).toContain('"bearer"');
    expect(await row(created.source.id)).toEqual(before);
    // The same host keeps it; a new host with a new bearer is fine.
    expect((await h.api('PATCH', `/api/v1/sources/${created.source.id}`, { token, body: { kind: 'http_json', url: 'https://bi.example.com/kpi2', jsonPath: '$.v', schedule: 'daily' } })).status).toBe(200);
    expect(await openSecret(SECRET, (await row(created.source.id))!.secret!, sourceSecretContext(created.source.id))).toBe('bi-bearer-777');
    expect((await h.api('PATCH', `/api/v1/sources/${created.source.id}`, { token, body: { kind: 'http_json', url: 'https://elsewhere.example.net/x', jsonPath: '$.v', bearer: 'new-one', schedule: 'daily' } })).status).toBe(200);
  });

  it('a Base read through the workspace’s Feishu app is an admin’s to set up; an owner must bring their own app', async () => {
    const base = { kind: 'feishu_base', appToken: 'bascn1', tableId: 'tbl1', field: 'Value', schedule: 'daily' };
    const owner = await h.as(W.a, P.other);
    const refused = await owner.send('POST', '/api/v1/metrics/m-other/sources', base);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('"appId"');
    expect((await owner.send('POST', '/api/v1/metrics/m-other/sources', { ...base, appId: 'cli_own', appSecret: 'own-secret' })).status).toBe(201);
    const admin = await h.as(W.a, P.admin);
    expect((await admin.send('POST', '/api/v1/metrics/m-other/sources', base)).status).toBe(201);
  });

  it('people: admins and the outcome’s owner manage sources; others are refused', async () => {
    const owner = await h.as(W.a, P.other);
    const mine = await owner.send('POST', '/api/v1/metrics/m-other/sources', { kind: 'api', name: 'mine' });
    expect(mine.status).toBe(201);
    const admin = await h.as(W.a, P.admin);
    expect((await admin.send('POST', '/api/v1/metrics/m-other/sources', { kind: 'api' })).status).toBe(201);
    const pmo = await h.as(W.a, P.pmo);
    expect((await pmo.send('POST', '/api/v1/metrics/m-other/sources', { kind: 'api' })).status).toBe(403);
    const member = await h.as(W.a, P.member);
    expect((await member.send('POST', '/api/v1/metrics/m-other/sources', { kind: 'api' })).status).toBe(404);
  });
});

describe('PUT /api/v1/metrics/{id}/external-key', () => {
  it('sets, refuses a key another metric has, and clears', async () => {
    const set = await h.api('PUT', '/api/v1/metrics/m-mem/external-key', { token, body: { external_key: 'support.wait' } });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ id: 'm-mem', external_key: 'support.wait' });
    const taken = await h.api('PUT', '/api/v1/metrics/m-other/external-key', { token, body: { external_key: 'support.wait' } });
    expect(taken.status).toBe(400);
    expect(await taken.json()).toMatchObject({ error: 'validation_failed', fields: [{ field: 'external_key', message: 'Another metric of this workspace already uses this key.' }] });
    expect((await h.api('PUT', '/api/v1/metrics/m-other/external-key', { token, body: { external_key: 'has space' } })).status).toBe(400);
    expect((await h.api('PUT', '/api/v1/metrics/m-b/external-key', { token, body: { external_key: 'x' } })).status).toBe(404);
    expect((await (await h.api('PUT', '/api/v1/metrics/m-mem/external-key', { token, body: { external_key: null } })).json()) as object).toMatchObject({ external_key: null });
    expect((await h.deps.db.select({ k: metrics.externalKey }).from(metrics).where(eq(metrics.id, 'm-other')))[0]!.k).toBeNull();
  });
});
