import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evidence, metricReadings, metrics, outbox, outcomes, reviewSchedules, reviews } from '../../../src/db/schema/index.ts';
import { addKnowledge, K } from '../../fixtures/web/knowledge.ts';
import { O, P, W } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

let h: WebHarness;
beforeEach(async () => {
  h = await webHarness();
});
afterEach(async () => {
  // The outbox kicks the writes deferred run before the database closes.
  await h.drainDeferred();
  await h.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const outcome = async (id: string) => (await h.deps.db.select().from(outcomes).where(eq(outcomes.id, id)))[0]!;
/** The outbox rows the writes produced, as kind→destination. */
const kinds = async () => (await h.deps.db.select({ kind: outbox.kind, to: outbox.destination }).from(outbox)).map((r) => `${r.kind}→${r.to}`).sort();
const scores = { impact: '4', difficulty: '3', innovation: '5' };
const decide = async (person: string, id: string, fields: Record<string, string>) => (await h.as(W.a, person)).send('POST', `/app/approvals/${id}/decide`, form({ round: '1', stage: 'manager', ...fields }));

/** A complete web submission by the member, to the manager. */
const valid = (over: Record<string, string> = {}) => ({
  nonce: 'n-1', title: 'Faster triage', description: 'Triage moved to the front desk, so patients wait less before a nurse sees them.',
  projectId: 'pr-a', indicatorClass: 'impact', dueDate: '2026-12-01', reviewerId: P.manager,
  'metrics.0.name': 'Waiting time', 'metrics.0.unit': 'min', 'metrics.0.direction': 'decrease', 'metrics.0.baseline': '45', 'metrics.0.target': '28',
  'links.0': 'https://example.com/report', ...over,
});

describe('the approvals inbox', () => {
  it('shows the manager what waits on them, with the score card and the three decisions; others see nothing to decide', async () => {
    const html = await (await (await h.as(W.a, P.manager)).get('/app/approvals')).text();
    expect(html).toContain(`data-testid="decide-${O.peer}"`);
    expect(html).toContain('Peer outcome');
    for (const dim of ['impact', 'difficulty', 'innovation']) expect(html).toContain(`name="${dim}"`);
    expect(html).toContain('value="request_changes"');
    expect(html).toContain('Coverage</strong>: 10 → 20 %');
    const member = await (await (await h.as(W.a, P.member)).get('/app/approvals')).text();
    expect(member).not.toContain('data-testid="decide-');
    expect(member).toContain('Nothing awaits your review.');
  });

  it('approving needs the scores (400, nothing changed); with them the outcome goes to the PMO and the chat card is updated through the outbox', async () => {
    const refused = await decide(P.manager, O.peer, { decision: 'approve' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Give a score from 1 to 5');
    expect((await outcome(O.peer)).status).toBe('submitted');
    expect(await h.deps.db.select().from(outbox)).toHaveLength(0);

    const ok = await decide(P.manager, O.peer, { decision: 'approve', ...scores, comment: 'Good' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/app/approvals?done=approve');
    expect((await outcome(O.peer)).status).toBe('manager_approved');
    const [r] = await h.deps.db.select().from(reviews).where(eq(reviews.outcomeId, O.peer));
    expect({ impact: r!.impact, difficulty: r!.difficulty, innovation: r!.innovation, comment: r!.comment }).toEqual({ impact: 4, difficulty: 3, innovation: 5, comment: 'Good' });
    expect(await kinds()).toEqual(['approval_request→UPMO', 'card_decided→UMGR', 'decision_notice→UPEER']);

    // The same click again: the stage is decided, the chat's 409 and message.
    const again = await decide(P.manager, O.peer, { decision: 'approve', ...scores });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already');
    // Now it waits on the PMO.
    const pmo = await (await (await h.as(W.a, P.pmo)).get('/app/approvals')).text();
    expect(pmo).toContain(`data-testid="decide-${O.peer}"`);
    expect(pmo).toContain('Impact 4 · Difficulty 3 · Innovation 5');
  });

  it('the outcome page links to what the viewer can do there: decide, or record the review', async () => {
    expect(await (await (await h.as(W.a, P.manager)).get(`/app/outcomes/${O.peer}`)).text()).toContain(`href="/app/approvals#decide-${O.peer}"`);
    expect(await (await (await h.as(W.a, P.pmo)).get(`/app/outcomes/${O.peer}`)).text()).not.toContain('data-testid="outcome-actions"');
    const [s] = await h.deps.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, O.member));
    expect(await (await (await h.as(W.a, P.member)).get(`/app/outcomes/${O.member}`)).text()).toContain(`href="/app/reviews/${s!.id}/record"`);
    expect(await (await (await h.as(W.a, P.admin)).get(`/app/outcomes/${O.member}`)).text()).not.toContain('data-testid="outcome-actions"');
  });

  it('a review handed over to someone else waits in their inbox, and they may decide it', async () => {
    // My page links each review waiting for me to its hand-over form, which lists the people once.
    const my = await (await (await h.as(W.a, P.manager)).get('/app/my')).text();
    expect(my).toContain(`href="/app/my/handover/${O.peer}?round=1"`);
    expect(my).not.toContain(`action="/app/my/handover/`);
    const formPage = await (await (await h.as(W.a, P.manager)).get(`/app/my/handover/${O.peer}?round=1`)).text();
    expect(formPage).toContain(`action="/app/my/handover/${O.peer}"`);
    expect(formPage).toContain(`<option value="${P.other}"`);
    expect(formPage).not.toContain(`<option value="${P.manager}"`);
    expect((await (await h.as(W.a, P.member)).get('/app/my/handover/o-unknown')).status).toBe(404);
    const handed = await (await h.as(W.a, P.manager)).send('POST', `/app/my/handover/${O.peer}`, form({ to: P.other, reason: 'On leave', round: '1' }));
    expect(handed.status).toBe(303);
    expect(await (await (await h.as(W.a, P.manager)).get('/app/approvals')).text()).not.toContain(`data-testid="decide-${O.peer}"`);
    expect(await (await (await h.as(W.a, P.other)).get('/app/approvals')).text()).toContain(`data-testid="decide-${O.peer}"`);
    expect((await decide(P.other, O.peer, { decision: 'approve', ...scores })).status).toBe(303);
    expect((await outcome(O.peer)).status).toBe('manager_approved');
  });

  it('refuses whoever chat refuses, with chat’s message, and cross-site posts; nothing is written', async () => {
    const stranger = await decide(P.other, O.peer, { decision: 'approve', ...scores });
    expect(stranger.status).toBe(403);
    const self = await decide(P.peer, O.peer, { decision: 'approve', ...scores });
    expect(self.status).toBe(403);
    const forged = await (await h.as(W.a, P.manager)).send('POST', `/app/approvals/${O.peer}/decide`, form({ decision: 'approve', ...scores }), { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    const bogus = await decide(P.manager, O.peer, { decision: 'maybe' });
    expect(bogus.status).toBe(400);
    expect((await outcome(O.peer)).status).toBe('submitted');
    expect(await h.deps.db.select().from(outbox)).toHaveLength(0);
  });

  it('request changes needs a comment; then the member edits and resubmits as round 2, and a rejection ends it', async () => {
    expect((await decide(P.manager, O.peer, { decision: 'request_changes' })).status).toBe(400);
    expect((await decide(P.manager, O.peer, { decision: 'request_changes', comment: 'Add the source' })).status).toBe(303);
    expect((await outcome(O.peer)).status).toBe('changes_requested');

    const peer = await h.as(W.a, P.peer);
    const inbox = await (await peer.get('/app/approvals')).text();
    expect(inbox).toContain(`href="/app/outcomes/${O.peer}/edit"`);
    expect(inbox).toContain('Add the source');
    const edit = await (await peer.get(`/app/outcomes/${O.peer}/edit`)).text();
    expect(edit).toContain('value="Peer outcome"');
    expect(edit).toContain('value="Coverage"');
    // Someone else may not even open the form.
    expect((await (await h.as(W.a, P.member)).get(`/app/outcomes/${O.peer}/edit`)).status).toBe(403);

    const fields = { ...valid({ title: 'Peer outcome, with its source', reviewerId: P.manager }) };
    const res = await peer.send('POST', `/app/outcomes/${O.peer}/edit`, form(fields));
    expect(res.status).toBe(303);
    const o = await outcome(O.peer);
    expect({ status: o.status, round: o.round, title: o.title }).toEqual({ status: 'submitted', round: 2, title: 'Peer outcome, with its source' });
    expect((await h.deps.db.select().from(metrics).where(eq(metrics.outcomeId, O.peer))).map((m) => m.name)).toEqual(['Waiting time']);

    expect((await decide(P.manager, O.peer, { decision: 'reject', round: '2', comment: 'Out of scope' })).status).toBe(303);
    expect((await outcome(O.peer)).status).toBe('rejected');
    expect((await peer.get(`/app/outcomes/${O.peer}/edit`)).status).toBe(409);
  });
});

describe('submitting on the web', () => {
  it('puts every problem beside its field (400) and stores nothing; then stores once, even when posted twice', async () => {
    const member = await h.as(W.a, P.member);
    const before = (await h.deps.db.select().from(outcomes)).length;
    const bad = await member.send('POST', '/app/outcomes/new', form(valid({ title: '', 'metrics.0.target': '45', 'links.1': 'not a link', reviewerId: P.member })));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('data-testid="error-title"');
    expect(html).toContain('data-testid="error-metrics.0.target"');
    expect(html).toContain('data-testid="error-links.1"');
    expect(html).toContain('data-testid="error-reviewerId"');
    expect(html).toContain('value="not a link"');
    expect((await h.deps.db.select().from(outcomes)).length).toBe(before);

    const form1 = await (await member.get('/app/outcomes/new')).text();
    expect(form1).toContain(`<option value="${P.manager}" selected>`);
    expect(form1).toContain('name="dueDate" value="" type="date"');
    for (let i = 0; i < 2; i++) expect((await member.send('POST', '/app/outcomes/new', form(valid()))).status).toBe(303);
    const mine = (await h.deps.db.select().from(outcomes).where(eq(outcomes.title, 'Faster triage')));
    expect(mine).toHaveLength(1);
    expect({ status: mine[0]!.status, reviewer: mine[0]!.reviewerId, owner: mine[0]!.ownerId, due: mine[0]!.dueAt?.toISOString() }).toEqual({ status: 'submitted', reviewer: P.manager, owner: P.member, due: '2026-12-01T00:00:00.000Z' });
    expect((await h.deps.db.select().from(evidence).where(eq(evidence.outcomeId, mine[0]!.id))).map((e) => e.url)).toEqual(['https://example.com/report']);
    expect(await kinds()).toEqual(['approval_request→UMGR', 'submission_receipt→UMEM']);
  });
});

describe('templates on the web form', () => {
  it('“use this template” fills the metric row and the class without storing; the key is stored only when offered', async () => {
    const member = await h.as(W.a, P.member);
    const page = await (await member.get('/app/outcomes/new')).text();
    expect(page).toContain('<option value="builtin.error_rate">Error rate (%)</option>');
    const before = (await h.deps.db.select().from(outcomes)).length;
    const filled = await member.send('POST', '/app/outcomes/new', form({ nonce: 'n-t', title: 'Fewer errors', apply: '0', 'metrics.0.template': 'builtin.error_rate' }));
    expect(filled.status).toBe(200);
    const html = await filled.text();
    expect(html).toContain('name="metrics.0.name" value="Error rate"');
    expect(html).toContain('<option value="decrease" selected>');
    expect(html).toContain('<option value="impact" selected>');
    expect(html).toContain('value="Fewer errors"');
    expect((await h.deps.db.select().from(outcomes)).length).toBe(before);

    await member.send('POST', '/app/outcomes/new', form(valid({ nonce: 'n-a', title: 'With a template', 'metrics.0.template': 'builtin.error_rate' })));
    await member.send('POST', '/app/outcomes/new', form(valid({ nonce: 'n-b', title: 'With a forged key', 'metrics.0.template': 'builtin.nope' })));
    const keyOf = async (title: string) => {
      const [o] = await h.deps.db.select().from(outcomes).where(eq(outcomes.title, title));
      return (await h.deps.db.select().from(metrics).where(eq(metrics.outcomeId, o!.id)))[0]!.templateKey;
    };
    expect(await keyOf('With a template')).toBe('builtin.error_rate');
    expect(await keyOf('With a forged key')).toBeNull();
  });
});

describe('similar outcomes on the submit form', () => {
  it('“show how similar outcomes did” shows the median attainment of similar verified outcomes for the typed title, storing nothing', async () => {
    await addKnowledge(h.deps.db);
    await h.deps.db.update(outcomes).set({ title: '提高客户留存与复购' }).where(eq(outcomes.id, K.zh3));
    const member = await h.as(W.a, P.member);
    const fresh = await (await member.get('/app/outcomes/new')).text();
    expect(fresh).toContain('data-testid="similar-check"');
    expect(fresh).not.toContain('data-testid="similar-hint"');
    const before = (await h.deps.db.select().from(outcomes)).length;
    const asked = await member.send('POST', '/app/outcomes/new', form({ nonce: 'n-s', title: '客户留存率', similar: '1' }));
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toMatch(/data-testid="similar-hint">(Similar outcomes in this workspace reached a median 90% of their targets \(n = 3\)\.|本工作区的类似成果目标达成率中位数为 90%（n = 3）。)/);
    expect(html).toContain('value="客户留存率"');
    // A title nothing resembles: the form says there is too little to go by, and claims nothing.
    const none = await (await member.send('POST', '/app/outcomes/new', form({ nonce: 'n-s', title: 'Quantum widget polish', similar: '1' }))).text();
    expect(none).toMatch(/data-testid="similar-hint">(Fewer than 3 similar verified outcomes|本工作区已验证且有实测结果的类似成果还不到 3 个)/);
    expect((await h.deps.db.select().from(outcomes)).length).toBe(before);
  });
});

describe('recording a follow-up review on the web', () => {
  it('only the owner, every actual required; then the readings are stored and the review is done', async () => {
    const [s] = await h.deps.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, O.member));
    expect((await (await h.as(W.a, P.manager)).get(`/app/reviews/${s!.id}/record`)).status).toBe(403);
    const member = await h.as(W.a, P.member);
    expect(await (await member.get('/app/approvals')).text()).toContain(`href="/app/reviews/${s!.id}/record"`);
    const page = await (await member.get(`/app/reviews/${s!.id}/record`)).text();
    expect(page).toContain('name="values.m-mem"');
    const bad = await member.send('POST', `/app/reviews/${s!.id}/record`, form({ 'values.m-mem': 'lots' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('data-testid="error-values.m-mem"');
    const ok = await member.send('POST', `/app/reviews/${s!.id}/record`, form({ 'values.m-mem': '29', comment: 'Close to target' }));
    expect(ok.status).toBe(303);
    expect((await h.deps.db.select().from(reviewSchedules).where(eq(reviewSchedules.id, s!.id)))[0]!.status).toBe('done');
    expect((await h.deps.db.select().from(metricReadings).where(eq(metricReadings.metricId, 'm-mem'))).some((r) => r.value === 29 && r.source === 'review')).toBe(true);
    expect((await member.send('POST', `/app/reviews/${s!.id}/record`, form({ 'values.m-mem': '29' }))).status).toBe(409);
  });
});
