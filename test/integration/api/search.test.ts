import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKnowledge, K, L, TEMPLATE } from '../../fixtures/web/knowledge.ts';
import { P, W } from '../../fixtures/web/world.ts';
import { apiHarness, type ApiHarness } from './api-harness.ts';

interface Hit {
  kind: string;
  id: string;
  outcome_id: string;
  title: { text: string; hit: boolean }[];
  snippet: { text: string; hit: boolean }[];
  status: string;
  attainment: number | null;
}
interface Page {
  results: Hit[];
  next_cursor: string | null;
}

let h: ApiHarness;
let token: string;
beforeAll(async () => {
  h = await apiHarness();
  await addKnowledge(h.deps.db);
  token = await h.createToken(['outcomes:read'], { rateLimit: 10_000 });
});
afterAll(() => h.close());

const search = async (qs: string, t = token) => {
  const res = await h.api('GET', `/api/v1/search?${qs}`, { token: t });
  return { status: res.status, body: (await res.json()) as Page & { error?: string; fields?: { field: string }[] } };
};
const ids = (p: Page) => p.results.map((r) => r.id).sort();
const q = (text: string) => `q=${encodeURIComponent(text)}`;

describe('GET /api/v1/search', () => {
  it('finds a Chinese query for a token (its whole workspace), hits marked as segments', async () => {
    const { status, body } = await search(q('留存率提升'));
    expect(status).toBe(200);
    expect(body.results[0]).toMatchObject({ kind: 'outcome', id: K.zh2, outcome_id: K.zh2, status: 'verified', attainment: 1 });
    expect(body.results[0]!.title).toEqual([{ text: '客户', hit: false }, { text: '留存率提升', hit: true }, { text: '二期', hit: false }]);
    expect(ids((await search(q('客户留存'))).body)).toEqual([K.zh1, K.zh2, K.zh3]);
  });

  it('finds an English query and a 2-character Chinese one', async () => {
    expect(ids((await search(q('checkout'))).body)).toEqual([K.en1, K.en2]);
    const { body } = await search(q('效率'));
    expect(ids(body)).toEqual([K.zh1]);
    expect(body.results[0]!.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['效率']);
  });

  it('filters by class, project, status, lesson tag and template', async () => {
    expect(ids((await search(`${q('客户留存')}&class=impact`)).body)).toEqual([K.zh1, K.zh3]);
    expect(ids((await search(`${q('客户留存')}&project=pr-a2`)).body)).toEqual([K.zh2]);
    expect(ids((await search(`${q('checkout')}&status=submitted`)).body)).toEqual([K.en2]);
    expect(ids((await search(`${q('客户留存')}&tag=${encodeURIComponent('续费')}`)).body)).toEqual([K.zh2]);
    expect(ids((await search(`${q('客户留存')}&template=${TEMPLATE}`)).body)).toEqual([K.zh1]);
  });

  it('a person (session) sees what the web shows them; another workspace’s token sees only its own', async () => {
    const res = await (await h.as(W.a, P.member)).get(`/api/v1/search?${q('客户留存')}`);
    expect(res.status).toBe(200);
    expect(ids((await res.json()) as Page)).toEqual([K.zh1]);
    const other = await h.createToken(['outcomes:read'], { workspace: W.b, admin: P.bAdmin });
    expect(ids((await search(q('客户留存'), other)).body)).toEqual([K.b]);
    expect(ids((await search(q('checkout'), other)).body)).toEqual([K.b]);
  });

  it('finds lessons: kind, lesson id and the outcome it belongs to', async () => {
    const { body } = await search(q('续费提醒'));
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({ kind: 'lesson', id: L.zh2, outcome_id: K.zh2, title: [{ text: '客户留存率提升二期', hit: false }] });
  });

  it('pages with a bounded cursor', async () => {
    const first = await search(`${q('客户留存')}&limit=2`);
    expect(first.body.results).toHaveLength(2);
    const second = await search(`${q('客户留存')}&limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.next_cursor).toBeNull();
    expect([...ids(first.body), ...ids(second.body)].sort()).toEqual([K.zh1, K.zh2, K.zh3]);
  });

  it('refuses bad input with a 400 naming the field, a token without the scope with a 403, no token with a 401', async () => {
    expect((await search(`${q('x')}&class=nonsense`)).body.fields?.map((f) => f.field)).toEqual(['query.class']);
    expect((await search(`${q('x')}&limit=500`)).status).toBe(400);
    expect((await search(`${q('x')}&cursor=bm9wZQ`)).status).toBe(400);
    expect((await search(q('x'.repeat(201)))).status).toBe(400);
    const noScope = await h.createToken(['readings:read']);
    expect((await search(q('checkout'), noScope)).status).toBe(403);
    expect((await h.api('GET', `/api/v1/search?${q('checkout')}`)).status).toBe(401);
  });
});
