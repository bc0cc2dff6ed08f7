import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listMetricTemplates } from '../../../src/db/queries/metric-templates.ts';
import { BUILT_IN_TEMPLATES } from '../../../src/domain/metric-templates.ts';
import { P, W } from '../../fixtures/web/world.ts';
import { apiHarness, type ApiHarness } from './api-harness.ts';

let h: ApiHarness;
beforeEach(async () => {
  await h?.close();
  h = await apiHarness();
});
afterAll(() => h.close());

const BODY = { indicator_class: 'output', unit: 'tickets', direction: 'decrease', name: { en: 'Open tickets', 'zh-CN': '未结工单' }, description: { en: 'At month end' } };
const own = async (ws: string = W.a) => (await listMetricTemplates(h.deps.db, ws)).filter((t) => !t.builtIn);

describe('/api/v1/templates', () => {
  it('lists the built-in library and the workspace’s own, adds one with a templates:write token and removes it', async () => {
    const reader = await h.createToken(['outcomes:read']);
    const writer = await h.createToken(['templates:write', 'outcomes:read']);
    const listed = (await (await h.api('GET', '/api/v1/templates', { token: reader })).json()) as { templates: { key: string; built_in: boolean; name: { en: string } }[] };
    expect(listed.templates.map((t) => t.key)).toEqual(BUILT_IN_TEMPLATES.map((t) => t.key));
    expect(listed.templates.find((t) => t.key === 'builtin.nps')).toMatchObject({ built_in: true, name: { en: 'Net Promoter Score' }, unit: 'NPS', direction: 'increase', indicator_class: 'impact' });

    const created = await h.api('POST', '/api/v1/templates', { token: writer, body: BODY });
    expect(created.status).toBe(201);
    const t = (await created.json()) as { key: string };
    expect(t).toMatchObject({ key: expect.stringMatching(/^custom\.[0-9a-f]{12}$/), built_in: false, name: { en: 'Open tickets', 'zh-CN': '未结工单' }, description: { en: 'At month end', 'zh-CN': '' } });
    const again = (await (await h.api('GET', '/api/v1/templates', { token: reader })).json()) as { templates: { key: string }[] };
    expect(again.templates.at(-1)!.key).toBe(t.key);

    expect((await h.api('DELETE', `/api/v1/templates/${t.key}`, { token: writer })).status).toBe(204);
    expect(await own()).toEqual([]);
    expect((await h.api('DELETE', `/api/v1/templates/${t.key}`, { token: writer })).status).toBe(404);
  });

  it('refuses bad input with every field, and changes nothing', async () => {
    const writer = await h.createToken(['templates:write']);
    const res = await h.api('POST', '/api/v1/templates', { token: writer, body: { ...BODY, indicator_class: 'value', unit: ' ', name: { en: 'x' } } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; fields: { field: string }[] };
    expect(body.error).toBe('validation_failed');
    expect(body.fields.map((f) => f.field).sort()).toEqual(['indicatorClass', 'name.zh-CN', 'unit']);
    expect((await h.api('POST', '/api/v1/templates', { token: writer, body: '{not json' })).status).toBe(400);
    expect(await own()).toEqual([]);
  });

  it('needs the scope for a token and the admin role for a person; a built-in cannot be removed', async () => {
    const reader = await h.createToken(['outcomes:read']);
    expect((await h.api('POST', '/api/v1/templates', { token: reader, body: BODY })).status).toBe(403);
    expect((await h.api('POST', '/api/v1/templates', { body: BODY })).status).toBe(401);
    expect((await (await h.as(W.a, P.member)).send('POST', '/api/v1/templates', BODY)).status).toBe(403);
    expect((await (await h.as(W.a, P.admin)).send('POST', '/api/v1/templates', BODY)).status).toBe(201);
    const writer = await h.createToken(['templates:write']);
    expect((await h.api('DELETE', '/api/v1/templates/builtin.nps', { token: writer })).status).toBe(400);
    // Another workspace's token sees and touches only its own.
    const other = await h.createToken(['templates:write', 'outcomes:read'], { workspace: W.b, admin: P.bAdmin });
    const [mine] = await own();
    expect((await h.api('DELETE', `/api/v1/templates/${mine!.key}`, { token: other })).status).toBe(404);
    const theirs = (await (await h.api('GET', '/api/v1/templates', { token: other })).json()) as { templates: unknown[] };
    expect(theirs.templates).toHaveLength(BUILT_IN_TEMPLATES.length);
    expect(await own()).toHaveLength(1);
  });
});
