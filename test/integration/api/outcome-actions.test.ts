import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metrics, outbox, outcomes, reviewSchedules } from '../../../src/db/schema/index.ts';
import { O, P, W } from '../../fixtures/web/world.ts';
import { apiHarness, type ApiHarness } from './api-harness.ts';

let h: ApiHarness;
beforeEach(async () => {
  h = await apiHarness();
});
afterEach(async () => {
  await h.drainDeferred();
  await h.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  title: 'Faster triage',
  description: 'Triage moved to the front desk, so patients wait less before a nurse sees them.',
  indicator_class: 'impact',
  project_id: 'pr-a',
  reviewer_id: P.manager,
  due_date: '2026-12-01',
  metrics: [{ name: 'Waiting time', unit: 'min', direction: 'decrease', baseline: 45, target: 28 }],
  links: ['https://example.com/report'],
  ...over,
});
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, any> });
const as = async (person: string) => h.as(W.a, person);

describe('acting through /api/v1', () => {
  it('submits as the signed-in member (201), once per Idempotency-Key; SMART problems are 400 with the body’s field names', async () => {
    const member = await as(P.member);
    const bad = await json(await member.send('POST', '/api/v1/outcomes', body({ project_id: null, metrics: [{ name: '', unit: 'min', direction: 'increase', baseline: 5, target: 5 }], links: ['ftp://x'] })));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['project_id', 'metrics.0.name', 'metrics.0.target', 'links.0']));
    const first = await json(await member.send('POST', '/api/v1/outcomes', body({ metrics: [{ name: 'Error rate', unit: '%', direction: 'decrease', baseline: 5, target: 2, template_key: 'builtin.error_rate' }] }), { 'idempotency-key': 'k1' }));
    expect(first).toMatchObject({ status: 201, body: { round: 1, status: 'submitted', duplicate: false } });
    const again = await json(await member.send('POST', '/api/v1/outcomes', body(), { 'idempotency-key': 'k1' }));
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true });
    expect((await h.deps.db.select().from(outcomes).where(eq(outcomes.title, 'Faster triage')))).toHaveLength(1);
    expect((await h.deps.db.select().from(metrics).where(eq(metrics.outcomeId, first.body.id)))[0]!.templateKey).toBe('builtin.error_rate');
  });

  it('decides with chat’s rules: scores to approve, only the assigned reviewer, 409 once decided; a token is refused', async () => {
    const token = await h.createToken(['outcomes:read', 'readings:write']);
    const byToken = await json(await h.api('POST', `/api/v1/outcomes/${O.peer}/decisions`, { token, body: { decision: 'approve', scores: { impact: 4, difficulty: 3, innovation: 5 } } }));
    expect(byToken).toMatchObject({ status: 403, body: { error: 'forbidden', message: expect.stringContaining('web session') } });

    const manager = await as(P.manager);
    const noScores = await json(await manager.send('POST', `/api/v1/outcomes/${O.peer}/decisions`, { decision: 'approve' }));
    expect(noScores).toMatchObject({ status: 400, body: { fields: [{ field: 'scores', key: 'score.required' }] } });
    expect((await json(await (await as(P.other)).send('POST', `/api/v1/outcomes/${O.peer}/decisions`, { decision: 'approve', scores: { impact: 4, difficulty: 3, innovation: 5 } }))).status).toBe(403);
    expect((await json(await manager.send('POST', `/api/v1/outcomes/${O.peer}/decisions`, { decision: 'reject' }))).body.error).toBe('comment_required');
    expect(await h.deps.db.select().from(outbox)).toHaveLength(0);

    const ok = await json(await manager.send('POST', `/api/v1/outcomes/${O.peer}/decisions`, { decision: 'approve', scores: { impact: 4, difficulty: 3, innovation: 5 }, round: 1, stage: 'manager' }));
    expect(ok).toEqual({ status: 201, body: { status: 'manager_approved', stage: 'manager' } });
    expect((await h.deps.db.select({ kind: outbox.kind }).from(outbox)).map((r) => r.kind).sort()).toEqual(['approval_request', 'card_decided', 'decision_notice']);
    expect((await json(await manager.send('POST', `/api/v1/outcomes/${O.peer}/decisions`, { decision: 'approve', scores: { impact: 4, difficulty: 3, innovation: 5 }, round: 1, stage: 'manager' }))).status).toBe(409);
    // A cookie without this site's Origin cannot write.
    expect((await manager.send('POST', `/api/v1/outcomes/${O.peer}/decisions`, { decision: 'reject', comment: 'x' }, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('resubmits after changes (only the submitter) and records a review (only the owner, of this outcome)', async () => {
    const manager = await as(P.manager);
    await manager.send('POST', `/api/v1/outcomes/${O.peer}/decisions`, { decision: 'request_changes', comment: 'Add the source' });
    expect((await (await as(P.member)).send('POST', `/api/v1/outcomes/${O.peer}/resubmissions`, body())).status).toBe(403);
    const re = await json(await (await as(P.peer)).send('POST', `/api/v1/outcomes/${O.peer}/resubmissions`, body()));
    expect(re).toEqual({ status: 201, body: { id: O.peer, round: 2, status: 'submitted', duplicate: false } });

    const [s] = await h.deps.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, O.member));
    const member = await as(P.member);
    expect((await member.send('POST', `/api/v1/outcomes/${O.peer}/reviews`, { schedule_id: s!.id, values: { 'm-mem': 30 } })).status).toBe(404);
    expect((await manager.send('POST', `/api/v1/outcomes/${O.member}/reviews`, { schedule_id: s!.id, values: { 'm-mem': 30 } })).status).toBe(403);
    const missing = await json(await member.send('POST', `/api/v1/outcomes/${O.member}/reviews`, { schedule_id: s!.id, values: {}, evidence_url: 'nope' }));
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['values.m-mem', 'evidence_url']);
    // 45 → 40 against 28: far short of the target, so the owner, the manager and the PMO are alerted.
    expect(await json(await member.send('POST', `/api/v1/outcomes/${O.member}/reviews`, { schedule_id: s!.id, values: { 'm-mem': 40 } }))).toEqual({ status: 201, body: { alerts: 1 } });
    expect((await member.send('POST', `/api/v1/outcomes/${O.member}/reviews`, { schedule_id: s!.id, values: { 'm-mem': 40 } })).status).toBe(409);
  });

  it('documents the four action routes, for the session only', async () => {
    const doc = (await (await h.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { security: unknown }>> };
    for (const p of ['/v1/outcomes', '/v1/outcomes/{id}/resubmissions', '/v1/outcomes/{id}/decisions', '/v1/outcomes/{id}/reviews']) expect(doc.paths[p]!.post!.security).toEqual([{ session: [] }]);
  });
});
