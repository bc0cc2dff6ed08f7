/**
 * OKRs on the web and in the public API, on the real app and a migrated database holding the
 * two-workspace world: admins and the PMO create and edit cycles, objectives and key results
 * (same-origin form posts; tokens with okr:write), outcomes link to key results, and the
 * roll-up tree shows each score with its source, its colour band and the ROI per objective.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyResults, objectives, okrCycles, outcomes } from '../../../src/db/schema/index.ts';
import { O, P, W } from '../../fixtures/web/world.ts';
import { apiHarness, type ApiHarness } from '../api/api-harness.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('OKRs on the web and in the API', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await apiHarness();
  });
  afterEach(() => h.close());

  const db = () => h.deps.db;
  const count = async () => ({ cycles: (await db().select().from(okrCycles)).length, objectives: (await db().select().from(objectives)).length, keyResults: (await db().select().from(keyResults)).length });

  /** The PMO builds: a quarter, an objective with a child, a metric KR and a milestone KR set by hand. */
  async function build() {
    const pmo = await h.as(W.a, P.pmo);
    expect((await pmo.send('POST', '/app/okr/cycles', form({ name: '2026 Q4', kind: 'quarter', startsAt: '2026-10-01', endsAt: '2026-12-31' }))).status).toBe(303);
    const [cycle] = await db().select().from(okrCycles);
    expect((await pmo.send('POST', '/app/okr/objectives', form({ title: 'Happier patients', cycleId: cycle!.id, parentId: '', ownerId: P.admin }))).status).toBe(303);
    const [parent] = await db().select().from(objectives);
    expect((await pmo.send('POST', '/app/okr/objectives', form({ title: 'Shorter waits', cycleId: cycle!.id, parentId: parent!.id, ownerId: '' }))).status).toBe(303);
    const child = (await db().select().from(objectives).where(eq(objectives.title, 'Shorter waits')))[0]!;
    expect((await pmo.send('POST', '/app/okr/key-results', form({ objectiveId: parent!.id, title: 'Waits under 30 min', kind: 'metric', score: '' }))).status).toBe(303);
    expect((await pmo.send('POST', '/app/okr/key-results', form({ objectiveId: parent!.id, title: 'New triage live', kind: 'milestone', score: '0.5' }))).status).toBe(303);
    const metricKr = (await db().select().from(keyResults).where(eq(keyResults.title, 'Waits under 30 min')))[0]!;
    return { pmo, cycle: cycle!, parent: parent!, child, metricKr };
  }

  it('the PMO builds OKRs, owners link outcomes, and the tree rolls scores, bands and ROI up', async () => {
    const { pmo, parent, child, metricKr } = await build();
    // The member links their own outcome; the PMO links another one.
    const member = await h.as(W.a, P.member);
    expect((await member.send('POST', `/app/outcomes/${O.member}/key-result`, form({ keyResultId: metricKr.id }))).status).toBe(303);
    expect((await pmo.send('POST', `/app/outcomes/${O.other}/key-result`, form({ keyResultId: metricKr.id }))).status).toBe(303);
    // 45 → 32 of 45 → 28 is 13/17; 100 → 160 of 100 → 150 is over, counted as 1. Their mean: 0.88, green.
    const html = await (await pmo.get('/app/okr')).text();
    const kr = html.slice(html.indexOf(`data-kr="${metricKr.id}"`));
    expect(kr).toMatch(/^data-kr="[^"]+"><span class="pill verified" data-band="green"[^>]*>0\.88</);
    expect(kr.slice(0, 600)).toContain('from 2 outcomes');
    expect(html).toMatch(/data-band="yellow"[^>]*>0\.50<\/span> <strong>New triage live<\/strong> <span class="small muted">milestone · <span data-testid="okr-source">set by hand/);
    // The objective: mean of 0.88 and 0.5 = 0.69 → yellow (green starts at 0.7); ROI over the one outcome with cost and benefit: 100 → 250.
    const obj = html.slice(html.indexOf(`data-objective="${parent.id}"`));
    expect(obj).toMatch(/^data-objective="[^"]+"><span class="pill changes_requested" data-band="yellow"[^>]*>0\.69</);
    expect(obj.slice(0, 800)).toMatch(/ROI over 1 outcome \(cost 100, benefit 250\):.*\+150(\.0)?%/s);
    // The child is nested inside its parent, with no score yet.
    expect(obj.indexOf(`data-objective="${child.id}"`)).toBeGreaterThan(0);
    // The member sees the tree without forms, and not the title of an outcome they cannot open.
    const memberHtml = await (await member.get('/app/okr')).text();
    expect(memberHtml).toContain('An outcome you cannot open');
    expect(memberHtml).not.toContain('Other outcome');
    expect(memberHtml).not.toContain('data-testid="okr-manage"');
    // The outcome page names the key result and offers the select to its owner.
    const page = await (await member.get(`/app/outcomes/${O.member}`)).text();
    expect(page).toContain('Counts towards “Waits under 30 min” of “Happier patients”.');
    expect(page).toContain('data-testid="okr-link-form"');
  });

  it('bad input and the wrong people change nothing, with a clear answer', async () => {
    const { pmo, parent, child, metricKr } = await build();
    const before = await count();
    // An end before the start, a score out of range, a parent loop: 400 with the problem, nothing written.
    const bad = await pmo.send('POST', '/app/okr/cycles', form({ name: 'Backwards', kind: 'quarter', startsAt: '2026-12-31', endsAt: '2026-10-01' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('The cycle cannot end before it starts.');
    const score = await pmo.send('POST', `/app/okr/key-results/${metricKr.id}`, form({ title: 'Waits under 30 min', kind: 'metric', score: '1.5' }));
    expect(score.status).toBe(400);
    expect((await db().select().from(keyResults).where(eq(keyResults.id, metricKr.id)))[0]!.score).toBeNull();
    const loop = await pmo.send('POST', `/app/okr/objectives/${parent.id}`, form({ title: 'Happier patients', cycleId: '', parentId: child.id, ownerId: '' }));
    expect(loop.status).toBe(400);
    expect(await loop.text()).toContain('An objective cannot cascade from itself or from one below it.');
    expect((await db().select().from(objectives).where(eq(objectives.id, parent.id)))[0]!.parentId).toBeNull();
    // A member may not manage OKRs, nor link an outcome that is not theirs (or that they cannot see).
    const member = await h.as(W.a, P.member);
    expect((await member.send('POST', '/app/okr/cycles', form({ name: 'Mine', kind: 'year', startsAt: '2026-01-01', endsAt: '2026-12-31' }))).status).toBe(403);
    expect((await member.send('POST', `/app/outcomes/${O.other}/key-result`, form({ keyResultId: metricKr.id }))).status).toBe(404);
    // Another workspace's admin cannot reach this one's key results.
    const other = await h.as(W.b, P.bAdmin);
    expect((await other.send('POST', `/app/okr/key-results/${metricKr.id}`, form({ title: 'Hijack', kind: 'metric', score: '' }))).status).toBe(404);
    expect((await other.send('POST', `/app/outcomes/${O.b}/key-result`, form({ keyResultId: metricKr.id }))).status).toBe(400);
    // Importing from Feishu OKR needs a Feishu workspace: a Slack one gets a clear 400.
    const imported = await pmo.send('POST', '/app/okr/import', '');
    expect(imported.status).toBe(400);
    expect(await imported.text()).toContain('Feishu OKR import needs a Feishu workspace');
    expect((await member.send('POST', '/app/okr/import', '')).status).toBe(403);
    // A cross-site post is refused.
    expect((await pmo.send('POST', '/app/okr/cycles', form({ name: 'x', kind: 'year', startsAt: '2026-01-01', endsAt: '2026-12-31' }), { origin: 'https://evil.example' })).status).toBe(403);
    expect(await count()).toEqual(before);
    expect((await db().select().from(outcomes).where(eq(outcomes.id, O.b)))[0]!.keyResultId).toBeNull();
  });

  it('the API creates, lists with scores, links and edits; scopes and input are checked', async () => {
    const token = await h.createToken(['okr:read', 'okr:write']);
    const reader = await h.createToken(['okr:read'], { name: 'read only' });
    const cycle = await h.api('POST', '/api/v1/cycles', { token, body: { name: '2026 H2', kind: 'half', starts_on: '2026-07-01', ends_on: '2026-12-31' } });
    expect(cycle.status).toBe(201);
    const c = (await cycle.json()) as { id: string; kind: string; starts_on: string };
    expect(c).toMatchObject({ kind: 'half', starts_on: '2026-07-01' });
    const o = (await (await h.api('POST', '/api/v1/objectives', { token, body: { title: 'Faster support', cycle_id: c.id, owner_id: P.manager } })).json()) as { id: string };
    const kr = await h.api('POST', '/api/v1/key-results', { token, body: { objective_id: o.id, title: 'Median wait below 30', kind: 'metric' } });
    expect(kr.status).toBe(201);
    const k = (await kr.json()) as { id: string; score: number | null; score_source: string };
    expect(k).toMatchObject({ score: null, score_source: 'none' });
    expect((await h.api('PUT', `/api/v1/outcomes/${O.member}/key-result`, { token, body: { key_result_id: k.id } })).status).toBe(204);
    const list = (await (await h.api('GET', `/api/v1/key-results?objective_id=${o.id}`, { token: reader })).json()) as { key_results: { id: string; score: number; band: string; score_source: string; derived_from: number; outcome_ids: string[] }[] };
    expect(list.key_results).toEqual([expect.objectContaining({ id: k.id, band: 'green', score_source: 'derived', derived_from: 1, outcome_ids: [O.member] })]);
    expect(list.key_results[0]!.score).toBeCloseTo(13 / 17, 9);
    // Set by hand, then back to derived.
    expect(((await (await h.api('PATCH', `/api/v1/key-results/${k.id}`, { token, body: { score: 0.3 } })).json()) as { band: string; score_source: string })).toMatchObject({ band: 'red', score_source: 'manual' });
    expect(((await (await h.api('PATCH', `/api/v1/key-results/${k.id}`, { token, body: { score: null } })).json()) as { score_source: string }).score_source).toBe('derived');
    const objs = (await (await h.api('GET', `/api/v1/objectives?cycle_id=${c.id}`, { token: reader })).json()) as { objectives: { id: string; band: string; roi: { roi: number; outcomes: number } }[] };
    expect(objs.objectives).toEqual([expect.objectContaining({ id: o.id, band: 'green', roi: { cost: 100, benefit: 250, roi: 1.5, outcomes: 1 } })]);
    expect(((await (await h.api('GET', '/api/v1/cycles', { token: reader })).json()) as { cycles: unknown[] }).cycles).toHaveLength(1);
    // A read-only token cannot write; bad input is a 400; another workspace's ids are 404.
    expect((await h.api('POST', '/api/v1/cycles', { token: reader, body: { name: 'x', kind: 'year', starts_on: '2026-01-01', ends_on: '2026-12-31' } })).status).toBe(403);
    expect((await h.api('POST', '/api/v1/cycles', { token, body: { name: 'x', kind: 'month', starts_on: '2026-01-01', ends_on: '2026-12-31' } })).status).toBe(400);
    expect((await h.api('POST', '/api/v1/key-results', { token, body: { objective_id: o.id, title: 'Too high', score: 2 } })).status).toBe(400);
    expect((await h.api('PATCH', `/api/v1/cycles/${c.id}`, { token, body: { ends_on: '2026-06-30' } })).status).toBe(400);
    expect((await h.api('PUT', `/api/v1/outcomes/${O.b}/key-result`, { token, body: { key_result_id: k.id } })).status).toBe(404);
    expect((await h.api('PATCH', '/api/v1/objectives/nope', { token, body: { title: 'x' } })).status).toBe(404);
    expect(await count()).toEqual({ cycles: 1, objectives: 1, keyResults: 1 });
    // All of it is in the OpenAPI document.
    const doc = (await (await h.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const p of ['/v1/cycles', '/v1/cycles/{id}', '/v1/objectives', '/v1/objectives/{id}', '/v1/key-results', '/v1/key-results/{id}', '/v1/outcomes/{id}/key-result']) expect(doc.paths).toHaveProperty([p]);
  });
});
