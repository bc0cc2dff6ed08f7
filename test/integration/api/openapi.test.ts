import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicApi } from '../../../src/api/app.ts';
import { webHarness, type WebHarness } from '../web/harness.ts';

let h: WebHarness;
beforeAll(async () => {
  h = await webHarness();
});
afterAll(() => h.close());

/**
 * Every /api/v1 route the API serves, as "METHOD /path" with OpenAPI's {param} spelling: the
 * routes of the API app itself (the app mounts it at /api and loads it on its first request).
 */
function servedRoutes(): string[] {
  const routes = (publicApi() as unknown as { routes: { method: string; path: string }[] }).routes;
  return [
    ...new Set(
      routes
        .map((r) => ({ ...r, path: `/api${r.path}` }))
        .filter((r) => r.path.startsWith('/api/v1/') && !r.path.endsWith('*') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    ),
  ].sort();
}

describe('the OpenAPI document', () => {
  it('is served without auth and is a valid OpenAPI 3.1 document', async () => {
    const res = await h.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does refuse a broken document (a parameter without `in`).
    const broken = structuredClone(doc) as any;
    delete broken.paths['/v1/readings'].get.parameters[0].in;
    expect((await new Validator().validate(broken as Parameters<Validator['validate']>[0])).valid).toBe(false);
  });

  it('describes every /api/v1 route the app serves, and nothing else', async () => {
    const doc = (await (await h.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} /api${path}`))
      .sort();
    const served = servedRoutes();
    expect(served.length).toBeGreaterThanOrEqual(7);
    expect(documented).toEqual(served);
  });

  it('documents the request schemas that validate: a reading row, the batch limit, the source kinds', async () => {
    const doc = (await (await h.request('/api/openapi.json')).json()) as { components: { schemas: Record<string, any> } };
    const s = doc.components.schemas;
    expect(s.ReadingsBatch.properties.readings.maxItems).toBe(1000);
    expect(s.ReadingInput.required).toEqual(expect.arrayContaining(['value', 'measured_at']));
    expect(JSON.stringify(doc)).toContain('feishu_base');
    expect(s.Error.required).toEqual(['error', 'message']);
  });
});
