import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metrics, outcomes } from '../../../src/db/schema/index.ts';
import { outcomeAttainment } from '../../../src/domain/attainment.ts';
import { NOW, O, P, W } from '../../fixtures/web/world.ts';
import { sheetRows, unzip } from '../../helpers/unzip.ts';
import { webHarness, type WebHarness } from './harness.ts';

let h: WebHarness;
const EXTRA = 120;
beforeAll(async () => {
  h = await webHarness();
  // 120 more outcomes of Olga's in workspace A: ties in attainment, title and creation time, some unmeasured.
  const at = (i: number) => new Date(NOW.getTime() - (10 + Math.floor(i / 4)) * 86_400_000);
  await h.deps.db.insert(outcomes).values(
    Array.from({ length: EXTRA }, (_, i) => ({ id: `x${String(i).padStart(3, '0')}`, workspaceId: W.a, projectId: i % 2 ? 'pr-a' : 'pr-a2', title: `Extra ${i % 10}`, indicatorClass: 'process' as const, status: 'verified' as const, submitterId: P.other, ownerId: P.other, round: 1, createdAt: at(i), submittedAt: at(i), verifiedAt: at(i) })),
  );
  await h.deps.db.insert(metrics).values(Array.from({ length: EXTRA }, (_, i) => ({ workspaceId: W.a, outcomeId: `x${String(i).padStart(3, '0')}`, name: 'Count', direction: 'increase' as const, baseline: 0, target: 10, actual: i % 9 === 0 ? null : i % 13 })));
});
afterAll(() => h.close());

type Row = { id: string; title: string; createdAt: Date; attainment: number | null };
async function allOf(ws: string): Promise<Row[]> {
  return h.deps.db.select({ id: outcomes.id, title: outcomes.title, createdAt: outcomes.createdAt, attainment: outcomes.attainment }).from(outcomes).where(eq(outcomes.workspaceId, ws));
}

/** Follows the pager of /api/portfolio from the first page to the last. */
async function walk(sort: string, who: string = P.pmo): Promise<{ ids: string[]; pages: number }> {
  const c = await h.as(W.a, who);
  const ids: string[] = [];
  let pages = 0;
  let next: string | null = null;
  do {
    const res = await c.get(`/api/portfolio?sort=${sort}${next ? `&after=${encodeURIComponent(next)}` : ''}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { outcomes: { id: string }[]; next: string | null };
    ids.push(...body.outcomes.map((o) => o.id));
    next = body.next;
    pages += 1;
  } while (next && pages < 20);
  return { ids, pages };
}

describe('attainment', () => {
  it('is kept on the outcome by the database on every metric write, as the domain rule computes it', async () => {
    const db = h.deps.db;
    const read = async () => (await db.select({ a: outcomes.attainment }).from(outcomes).where(eq(outcomes.id, O.peer)))[0]!.a;
    expect(await read()).toBeNull(); // Coverage has no actual yet
    await db.update(metrics).set({ actual: 18 }).where(eq(metrics.id, 'm-peer'));
    expect(await read()).toBeCloseTo(0.8, 10);
    await db.insert(metrics).values({ id: 'm-peer-2', workspaceId: W.a, outcomeId: O.peer, position: 1, name: 'Errors', direction: 'decrease', baseline: 20, target: 10, actual: 4 });
    const ms = await db.select().from(metrics).where(eq(metrics.outcomeId, O.peer));
    expect(await read()).toBeCloseTo(outcomeAttainment(ms)!, 10);
    expect(await read()).toBeCloseTo((0.8 + 1.6) / 2, 10); // 20 → 4 toward 10 is 160 %: over-achievement is kept
    await db.delete(metrics).where(eq(metrics.id, 'm-peer-2'));
    await db.update(metrics).set({ actual: null }).where(eq(metrics.id, 'm-peer'));
    expect(await read()).toBeNull();
  });

  it('a decrease metric counts toward its target: 45 → 32 toward 28 is 76.5 %, not the −28.9 % change', async () => {
    const body = (await (await (await h.as(W.a, P.member)).get('/api/portfolio')).json()) as { outcomes: { id: string; attainment: number; forecast: string }[] };
    expect(body.outcomes).toEqual([expect.objectContaining({ id: O.member, attainment: expect.closeTo(13 / 17, 10), forecast: 'off_track' })]);
  });

  it('the matrix and the heat map aggregate verified outcomes per project, class and month', async () => {
    const body = (await (await (await h.as(W.a, P.pmo)).get('/api/portfolio')).json()) as {
      matrix: { projectName: string; cells: Record<string, { verified: number; attainment: number | null }> }[];
      classTotals: Record<string, { verified: number; attainment: number | null }>;
      heat: { months: string[]; rows: { projectName: string; cells: { verified: number }[] }[] };
    };
    const rows = await allOf(W.a);
    const extra = rows.filter((r) => r.id.startsWith('x'));
    const measured = extra.filter((r) => r.attainment !== null);
    expect(body.classTotals.process!.verified).toBe(EXTRA);
    expect(body.classTotals.process!.attainment).toBeCloseTo(measured.reduce((s, r) => s + r.attainment!, 0) / measured.length, 10);
    expect(body.matrix.find((r) => r.projectName === 'Support')!.cells.impact).toEqual({ verified: 2, attainment: expect.closeTo((13 / 17 + 1.2) / 2, 10) });
    expect(body.heat.months).toHaveLength(12);
    expect(body.heat.months.at(-1)).toBe('2026-11');
    const heatTotal = body.heat.rows.reduce((n, r) => n + r.cells.reduce((m, c) => m + c.verified, 0), 0);
    expect(heatTotal).toBe(EXTRA + 2); // every verified outcome of workspace A was verified in the last 12 months
  });
});

describe('the outcome list: sorted, keyset-paged', () => {
  it('walks every outcome once by attainment (highest first, over 100 % included), then the unmeasured, ties by id', async () => {
    const rows = await allOf(W.a);
    const expected = [
      ...rows.filter((r) => r.attainment !== null).sort((a, b) => b.attainment! - a.attainment! || (a.id < b.id ? 1 : -1)),
      ...rows.filter((r) => r.attainment === null).sort((a, b) => (a.id < b.id ? 1 : -1)),
    ].map((r) => r.id);
    const { ids, pages } = await walk('attainment');
    expect(pages).toBe(3);
    expect(ids).toEqual(expected);
  });

  it('by title (ties by id) and by newest (ties by id), with no row twice or missing', async () => {
    const rows = await allOf(W.a);
    const byTitle = [...rows].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : a.id < b.id ? -1 : 1)).map((r) => r.id);
    expect((await walk('title')).ids).toEqual(byTitle);
    const newest = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id);
    expect((await walk('newest')).ids).toEqual(newest);
  });

  it('pages only what the viewer may see', async () => {
    expect((await walk('attainment', P.member)).ids).toEqual([O.member]);
  });

  it('the page links the next page and sorts by a header link', async () => {
    const c = await h.as(W.a, P.pmo);
    const html = await (await c.get('/app/portfolio?sort=attainment&project=pr-a')).text();
    const next = /href="([^"]+)" data-testid="next-page"/.exec(html)![1]!.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/app\/portfolio\?project=pr-a&sort=attainment&after=/);
    expect(html).toContain('href="/app/portfolio?project=pr-a&amp;sort=title" data-testid="sort-title"');
    const second = await (await c.get(next)).text();
    expect(second).toContain('data-testid="first-page"');
    expect(second.match(/<tr><td><a href="\/app\/outcomes\//g)).toHaveLength(12); // 62 outcomes in Support: 50 + 12
  });

  it('a forged cursor or an unknown sort is a 400 naming the field, never a 500', async () => {
    const c = await h.as(W.a, P.pmo);
    for (const q of ['sort=attainment&after=bm9wZQ', 'sort=title&after=WzEsIngiXQ', 'sort=newest&after=%%%', 'sort=cost']) {
      const api = await c.get(`/api/portfolio?${q}`);
      expect(api.status).toBe(400);
      expect(((await api.json()) as { fields: { field: string }[] }).fields[0]!.field).toMatch(/^(after|sort)$/);
    }
    const page = await c.get('/app/portfolio?sort=title&after=WzEsIngiXQ');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('This page link is not valid; start again from the first page.');
  });
});

describe('value page', () => {
  it('ranks verified outcomes only, and says how many measured ones are not verified', async () => {
    await h.deps.db.update(metrics).set({ actual: 19 }).where(eq(metrics.id, 'm-peer')); // the submitted outcome, 90 %
    const c = await h.as(W.a, P.manager);
    const v = (await (await c.get('/api/value')).json()) as { improvements: { outcomeId: string; progress: number }[]; unverified: number };
    expect(v.improvements.map((i) => i.outcomeId)).toEqual([O.member]);
    expect(v.unverified).toBe(1);
    const html = await (await c.get('/app/value')).text();
    expect(html).toContain('Only verified outcomes are ranked here. 1 measured outcomes are not verified yet and are not ranked.');
    await h.deps.db.update(metrics).set({ actual: null }).where(eq(metrics.id, 'm-peer'));
  });

  it('writes cost and benefit in the workspace currency, formatted for the reader', async () => {
    const admin = await h.as(W.a, P.admin);
    const html = async () => (await (await h.as(W.a, P.pmo)).get('/app/value')).text();
    expect(await html()).toContain('<td class="num hide-sm">$100</td><td class="num">$250</td>');
    const bad = await admin.send('PATCH', '/api/settings', { settings: { currency: 'EURO' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ fields: [{ field: 'currency', key: 'settings.currency_invalid' }] });
    expect((await admin.send('PATCH', '/api/settings', { settings: { currency: 'EUR' } })).status).toBe(200);
    expect(await html()).toContain('<td class="num hide-sm">€100</td><td class="num">€250</td>');
    const zh = await (await (await h.as(W.b, P.bAdmin)).get('/app/value')).text();
    expect(zh).not.toContain('€'); // workspace B keeps its own: yuan, the zh-CN default
    expect((await admin.send('PATCH', '/api/settings', { settings: { currency: 'USD' } })).status).toBe(200);
  });

  it('the settings page edits the currency', async () => {
    const admin = await h.as(W.a, P.admin);
    const html = await (await admin.get('/app/settings')).text();
    expect(html).toContain('<input id="currency" name="currency" maxlength="3" size="4" pattern="[A-Za-z]{3}" value="USD">');
  });
});

describe('reviews page', () => {
  it('lists the due reviews with their count from SQL', async () => {
    const r = (await (await (await h.as(W.a, P.pmo)).get('/api/reviews')).json()) as { owners: { reviews: unknown[] }[]; due: number; later: number; notListed: number };
    expect(r).toMatchObject({ due: 2, later: 0, notListed: 0 });
    expect(r.owners.flatMap((o) => o.reviews)).toHaveLength(2);
  });
});

describe('Excel export', () => {
  it('opens: a valid zip whose sheet has the CSV header and rows, numbers as numbers', async () => {
    const c = await h.as(W.a, P.member);
    const res = await c.get('/app/export.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="outcomes-2026-11-23.xlsx"');
    const files = unzip(new Uint8Array(await res.arrayBuffer()));
    expect([...files.keys()]).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml']);
    expect(files.get('xl/workbook.xml')!.toString()).toContain('<sheet name="Portfolio" sheetId="1" r:id="rId1"/>');
    const rows = sheetRows(files.get('xl/worksheets/sheet1.xml')!.toString('utf8'));
    const csv = new TextDecoder().decode((await (await c.get('/app/export.csv')).arrayBuffer()).slice(3)).split('\r\n');
    expect(rows[0]!.join(',')).toBe(csv[0]);
    expect(rows).toHaveLength(2); // the member sees their own outcome only, as in the CSV
    const row = Object.fromEntries((rows[0] as string[]).map((k, i) => [k, rows[1]![i]]));
    expect(row).toMatchObject({ 'Outcome ID': O.member, Title: 'Cut "wait" <script>alert(1)</script> & more', Baseline: 45, Target: 28, Actual: 32, 'Progress %': 76.5, 'ROI %': 150 });
  });

  it('holds the same access rules and filters as the CSV: the PMO sees all, another workspace none of it', async () => {
    const ids = async (ws: string, who: string, q = '') => sheetRows(unzip(new Uint8Array(await (await (await h.as(ws, who)).get(`/api/export.xlsx${q}`)).arrayBuffer())).get('xl/worksheets/sheet1.xml')!.toString()).slice(1).map((r) => r[0]);
    expect(new Set(await ids(W.a, P.pmo))).toEqual(new Set((await allOf(W.a)).map((r) => r.id)));
    expect(await ids(W.a, P.pmo, '?status=submitted')).toEqual([O.peer]);
    expect(await ids(W.b, P.bMember)).toEqual([O.b]);
    expect((await (await h.as(W.a, P.pmo)).get('/api/export.xlsx?from=yesterday')).status).toBe(400);
    expect((await h.request('/api/export.xlsx')).status).toBe(401);
  });
});
