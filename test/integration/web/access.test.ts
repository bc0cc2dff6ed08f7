import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionCodec } from '../../../src/security/session.ts';
import { cookieFor, NOW, O, P, W } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

let h: WebHarness;
beforeAll(async () => {
  h = await webHarness();
});
afterAll(() => h.close());

const ALL_A = [O.member, O.other, O.peer].sort();
/** Who sees which outcomes (workspace A unless noted). */
const CASES = [
  { role: 'member', ws: W.a, person: P.member, sees: [O.member] },
  { role: 'manager (member and peer report to them)', ws: W.a, person: P.manager, sees: [O.member, O.peer].sort() },
  { role: 'PMO', ws: W.a, person: P.pmo, sees: ALL_A },
  { role: 'admin', ws: W.a, person: P.admin, sees: ALL_A },
  { role: 'member with nothing of their own', ws: W.a, person: P.other, sees: [O.other] },
  { role: 'PMO of workspace B', ws: W.b, person: P.bAdmin, sees: [O.b] },
] as const;
const EVERY = [O.member, O.peer, O.other, O.b];

describe('who sees which outcomes', () => {
  it.each(CASES)('$role: the outcome list (API) holds exactly what they may see', async ({ ws, person, sees }) => {
    const res = await (await h.as(ws, person)).get('/api/outcomes');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { outcomes: { id: string }[] };
    expect(body.outcomes.map((o) => o.id).sort()).toEqual([...sees]);
  });

  it.each(CASES)('$role: outcome pages and API open only for visible outcomes, 404 otherwise', async ({ ws, person, sees }) => {
    const client = await h.as(ws, person);
    for (const id of EVERY) {
      const expected = (sees as readonly string[]).includes(id) ? 200 : 404;
      expect({ id, page: (await client.get(`/app/outcomes/${id}`)).status }).toEqual({ id, page: expected });
      expect({ id, api: (await client.get(`/api/outcomes/${id}`)).status }).toEqual({ id, api: expected });
    }
  });

  it.each(CASES)('$role: the CSV export holds only visible outcomes', async ({ ws, person, sees }) => {
    const text = await (await (await h.as(ws, person)).get('/app/export.csv')).text();
    for (const id of EVERY) expect({ id, listed: text.includes(id) }).toEqual({ id, listed: (sees as readonly string[]).includes(id) });
  });

  it.each(CASES)('$role: the portfolio page lists the same outcomes', async ({ ws, person, sees }) => {
    const html = await (await (await h.as(ws, person)).get('/app/portfolio')).text();
    for (const id of EVERY) expect({ id, linked: html.includes(`/app/outcomes/${id}"`) }).toEqual({ id, linked: (sees as readonly string[]).includes(id) });
  });

  it('value, reviews and my pages follow the same rule (member sees only their own)', async () => {
    const member = await h.as(W.a, P.member);
    const value = (await (await member.get('/api/value')).json()) as { improvements: { outcomeId: string }[]; roi: { outcomeId: string }[] };
    expect(new Set(value.improvements.map((i) => i.outcomeId))).toEqual(new Set([O.member]));
    const reviews = (await (await member.get('/api/reviews')).json()) as { owners: { reviews: { outcomeId: string }[] }[] };
    expect(reviews.owners.flatMap((o) => o.reviews.map((r) => r.outcomeId))).toEqual([O.member]);
    const pmoReviews = (await (await (await h.as(W.a, P.pmo)).get('/api/reviews')).json()) as typeof reviews;
    expect(pmoReviews.owners.flatMap((o) => o.reviews.map((r) => r.outcomeId)).sort()).toEqual([O.member, O.other]);
  });

  it('every member sees the portfolio summary of their own workspace only', async () => {
    const member = (await (await (await h.as(W.a, P.member)).get('/api/portfolio')).json()) as { matrix: { cells: Record<string, { verified: number }> }[]; counts: { group: string; count: number }[] };
    // The summary counts the whole workspace (member + other verified, peer awaiting), never workspace B.
    expect(member.counts.find((c) => c.group === 'verified')!.count).toBe(2);
    expect(member.counts.find((c) => c.group === 'awaiting_manager')!.count).toBe(1);
    expect(member.matrix.reduce((n, r) => n + r.cells.impact!.verified + r.cells.output!.verified + r.cells.process!.verified, 0)).toBe(2);
    const b = (await (await (await h.as(W.b, P.bMember)).get('/api/portfolio')).json()) as typeof member;
    expect(b.counts.find((c) => c.group === 'verified')!.count).toBe(1);
  });

  it('a session naming a person of another workspace is refused', async () => {
    // Person of A with workspace B in the (validly signed) session: no such person there.
    const cookie = await cookieFor(W.b, P.admin);
    expect((await h.request('/api/me', { cookie })).status).toBe(401);
    const page = await h.request('/app/portfolio', { cookie });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/auth/signin?next=%2Fapp%2Fportfolio');
  });
});

describe('signed-out, forged and expired sessions', () => {
  const PAGES = ['/app', '/app/portfolio', '/app/outcomes/o-mem', '/app/value', '/app/nps', '/app/reviews', '/app/my', '/app/settings', '/app/export.csv'];
  const APIS = ['/api/me', '/api/portfolio', '/api/outcomes', '/api/outcomes/o-mem', '/api/value', '/api/nps', '/api/reviews', '/api/my', '/api/settings', '/api/export.csv'];

  it.each(PAGES)('%s without a session redirects to sign-in', async (path) => {
    const res = await h.request(path);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/auth\/signin\?next=/);
  });

  it.each(APIS)('%s without a session is a 401 JSON', async (path) => {
    const res = await h.request(path);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('a session signed with another key is a 401', async () => {
    const codec = await createSessionCodec('another-secret-another-secret-123456');
    const forged = `outcome_session=${await codec.seal({ workspaceId: W.a, personId: P.admin, via: 'slack', exp: NOW.getTime() + 3600_000 })}`;
    expect((await h.request('/api/me', { cookie: forged })).status).toBe(401);
  });

  it('an edited session (payload swapped, signature kept) is a 401', async () => {
    const real = await cookieFor(W.a, P.member);
    const sig = real.split('.')[1];
    const payload = Buffer.from(JSON.stringify({ workspaceId: W.a, personId: P.admin, via: 'slack', exp: NOW.getTime() + 3600_000 })).toString('base64url');
    expect((await h.request('/api/settings', { cookie: `outcome_session=${payload}.${sig}` })).status).toBe(401);
  });

  it('an expired session is a 401 and the cookie is cleared', async () => {
    const res = await h.request('/api/me', { cookie: await cookieFor(W.a, P.member, 'slack', NOW.getTime() - 1) });
    expect(res.status).toBe(401);
  });

  it('a valid session answers /api/me with roles', async () => {
    const me = (await (await (await h.as(W.a, P.manager)).get('/api/me')).json()) as { roles: Record<string, boolean> };
    expect(me.roles).toEqual({ admin: false, pmo: false, manager: true });
    const admin = (await (await (await h.as(W.a, P.admin)).get('/api/me')).json()) as { roles: Record<string, boolean> };
    expect(admin.roles).toEqual({ admin: true, pmo: false, manager: false });
  });
});
