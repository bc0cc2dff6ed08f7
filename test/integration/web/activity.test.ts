/**
 * Comments, audit trails and the delivery page on the real app and a real migrated database:
 * who may do what (the same rules as viewing an outcome; admin-only pages), idempotent posts,
 * the comment's messages in the outbox, where each action came from, and the query plans.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, outbox, outcomeComments } from '../../../src/db/schema/index.ts';
import { drainOutbox } from '../../../src/delivery/drain.ts';
import { O, P, W } from '../../fixtures/web/world.ts';
import type { manualClock } from '../../helpers/db.ts';
import { apiHarness, ORIGIN, type ApiHarness } from '../api/api-harness.ts';

let h: ApiHarness;
beforeEach(async () => {
  h = await apiHarness();
});
afterEach(async () => {
  await h.drainDeferred(); // the outbox kicks after each write
  await h.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const comments = () => h.deps.db.select().from(outcomeComments);
const notes = () => h.deps.db.select().from(outbox).where(eq(outbox.kind, 'comment_added'));
const trail = () => h.deps.db.select().from(auditLog);
/** The harness's manual clock. */
const clock = () => h.deps.clock as ReturnType<typeof manualClock>;

describe('comments on the outcome page', () => {
  it('a member comments: stored once, on the page, audited from the web, and every other participant is notified', async () => {
    const member = await h.as(W.a, P.member);
    const page = await (await member.get(`/app/outcomes/${O.member}`)).text();
    const key = /name="key" value="([^"]+)"/.exec(page)![1]!;
    const res = await member.send('POST', `/app/outcomes/${O.member}/comments`, form({ body: 'Numbers from <b>March</b> are in.', key }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/app/outcomes/${O.member}#comments`);
    // The browser retries the same form (a double click, a reload): still one comment.
    expect((await member.send('POST', `/app/outcomes/${O.member}/comments`, form({ body: 'Numbers from <b>March</b> are in.', key }))).status).toBe(303);
    expect(await comments()).toHaveLength(1);
    // The two reviewers who decided it (manager, PMO); not the author.
    expect((await notes()).map((n) => n.destination).sort()).toEqual(['UMGR', 'UPMO']);
    expect((await trail()).map((a) => [a.action, a.actorId, a.via])).toEqual([['comment', P.member, 'web']]);
    const after = await (await member.get(`/app/outcomes/${O.member}`)).text();
    expect(after).toContain('Numbers from &lt;b&gt;March&lt;/b&gt; are in.');
    expect(after).toContain('data-testid="outcome-audit"');
    expect(after).toMatch(/data-action="comment" data-via="web"/);
    // A fresh form token on every render.
    expect(/name="key" value="([^"]+)"/.exec(after)![1]).not.toBe(key);
  });

  it('a reviewer of the outcome may comment; the author of an earlier comment is then notified too', async () => {
    await (await h.as(W.a, P.member)).send('POST', `/app/outcomes/${O.member}/comments`, form({ body: 'First', key: 'member-key-1' }));
    expect((await (await h.as(W.a, P.manager)).send('POST', `/app/outcomes/${O.member}/comments`, form({ body: 'Looks right', key: 'manager-key-1' }))).status).toBe(303);
    const reply = (await comments()).find((c) => c.body === 'Looks right')!;
    const second = (await notes()).filter((n) => n.dedupeKey!.includes(reply.id));
    expect(second.map((n) => n.destination).sort()).toEqual(['UMEM', 'UPMO']);
  });

  it('refuses without writing anything: an empty body (400), someone who may not see the outcome or another workspace (404), another site (403)', async () => {
    const member = await h.as(W.a, P.member);
    const empty = await member.send('POST', `/app/outcomes/${O.member}/comments`, form({ body: '   ', key: 'empty-key-1' }));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Write a comment.');
    // Pete Peer is neither member nor reviewer of Mia's outcome.
    expect((await (await h.as(W.a, P.peer)).send('POST', `/app/outcomes/${O.member}/comments`, form({ body: 'Hi', key: 'peer-key-01' }))).status).toBe(404);
    expect((await (await h.as(W.b, P.bAdmin)).send('POST', `/app/outcomes/${O.member}/comments`, form({ body: 'Hi', key: 'b-admin-key' }))).status).toBe(404);
    const cross = await member.send('POST', `/app/outcomes/${O.member}/comments`, form({ body: 'Hi', key: 'cross-key-1' }), { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(await comments()).toHaveLength(0);
    expect(await notes()).toHaveLength(0);
    expect(await trail()).toHaveLength(0);
  });
});

describe('comments and audit in the API', () => {
  it('POST with an Idempotency-Key stores once (201, then 200 duplicate), from the api, and GET lists it', async () => {
    const member = await h.as(W.a, P.member);
    const post = () => member.send('POST', `/api/v1/outcomes/${O.member}/comments`, { body: 'Via the API' }, { 'idempotency-key': 'retry-0001' });
    const first = await post();
    expect(first.status).toBe(201);
    const created = (await first.json()) as { comment: { id: string; author_id: string }; duplicate: boolean };
    expect(created).toMatchObject({ comment: { author_id: P.member }, duplicate: false });
    const again = await post();
    expect(again.status).toBe(200);
    expect(((await again.json()) as { comment: { id: string }; duplicate: boolean })).toMatchObject({ comment: { id: created.comment.id }, duplicate: true });
    expect(await comments()).toHaveLength(1);
    expect(await notes()).toHaveLength(2);
    expect((await trail())[0]).toMatchObject({ action: 'comment', via: 'api' });
    const list = (await (await member.get(`/api/v1/outcomes/${O.member}/comments`)).json()) as { comments: { body: string }[] };
    expect(list.comments.map((c) => c.body)).toEqual(['Via the API']);
    // A key of the wrong shape is the client's mistake.
    expect((await member.send('POST', `/api/v1/outcomes/${O.member}/comments`, { body: 'x' }, { 'idempotency-key': 'short' })).status).toBe(400);
  });

  it('a token comments as the admin who made it only with comments:write; reading needs outcomes:read', async () => {
    const writer = await h.createToken(['comments:write', 'outcomes:read']);
    const reader = await h.createToken(['outcomes:read']);
    expect((await h.api('POST', `/api/v1/outcomes/${O.member}/comments`, { token: reader, body: { body: 'No' } })).status).toBe(403);
    const ok = await h.api('POST', `/api/v1/outcomes/${O.member}/comments`, { token: writer, body: { body: 'From the BI tool' } });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { comment: { author_id: string } }).comment.author_id).toBe(P.admin);
    // The admin is no participant yet: submitter (also owner), manager and PMO are told.
    expect((await notes()).map((n) => n.destination).sort()).toEqual(['UMEM', 'UMGR', 'UPMO']);
    expect((await h.api('GET', `/api/v1/outcomes/${O.member}/comments`, { token: reader })).status).toBe(200);
    expect((await h.api('GET', `/api/v1/outcomes/${O.b}/comments`, { token: reader })).status).toBe(404);
  });

  it('the outcome audit trail is newest first with where each entry came from, keyset-paged; hidden outcomes are 404', async () => {
    const member = await h.as(W.a, P.member);
    await member.send('POST', `/app/outcomes/${O.member}/comments`, form({ body: 'one', key: 'page-key-01' }));
    clock().advance(1000);
    await member.send('POST', `/api/v1/outcomes/${O.member}/comments`, { body: 'two' });
    const first = (await (await member.get(`/api/v1/outcomes/${O.member}/audit?limit=1`)).json()) as { entries: { via: string; comment: string }[]; next_cursor: string };
    expect(first.entries).toMatchObject([{ via: 'api', comment: 'two' }]);
    const second = (await (await member.get(`/api/v1/outcomes/${O.member}/audit?limit=1&cursor=${first.next_cursor}`)).json()) as { entries: { via: string }[]; next_cursor: string | null };
    expect(second).toMatchObject({ entries: [{ via: 'web' }], next_cursor: null });
    expect((await (await h.as(W.a, P.peer)).get(`/api/v1/outcomes/${O.member}/audit`)).status).toBe(404);
    expect((await member.get(`/api/v1/outcomes/${O.member}/audit?cursor=bm90LWpzb24`)).status).toBe(400);
  });

  it('the workspace trail is for admins (a person) or a token with audit:read', async () => {
    const saved = await (await h.as(W.a, P.admin)).send('POST', '/app/settings', form({ pmoReviewers: 'UPMO', reviewOffsetDays: '90', secondReviewOffsetDays: '', reminderAfterDays: '4', shortfallThresholdPct: '20', timeZone: 'Asia/Shanghai', locale: 'en' }));
    expect(saved.status).toBe(303);
    const res = await (await h.as(W.a, P.admin)).get('/api/v1/audit');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { entries: { entity: string; action: string; via: string }[] };
    expect(body.entries.find((e) => e.entity === 'workspace')).toMatchObject({ action: expect.stringContaining('settings:'), via: 'web' });
    expect((await (await h.as(W.a, P.member)).get('/api/v1/audit')).status).toBe(403);
    expect((await (await h.as(W.a, P.pmo)).get('/api/v1/audit')).status).toBe(403);
    expect((await h.api('GET', '/api/v1/audit', { token: await h.createToken(['outcomes:read']) })).status).toBe(403);
    expect((await h.api('GET', '/api/v1/audit', { token: await h.createToken(['audit:read']) })).status).toBe(200);
  });
});

describe('the audit pages', () => {
  it('the workspace page is for admins only, newest first, paged by a cursor', async () => {
    const member = await h.as(W.a, P.member);
    for (let i = 0; i < 52; i++) {
      clock().advance(1000);
      await member.send('POST', `/app/outcomes/${O.member}/comments`, form({ body: `c${i}`, key: `bulk-key-${String(i).padStart(3, '0')}` }));
    }
    const admin = await h.as(W.a, P.admin);
    const page1 = await (await admin.get('/app/audit')).text();
    expect(page1.match(/data-action="comment"/g)).toHaveLength(50);
    expect(page1.indexOf('>c51<')).toBeLessThan(page1.indexOf('>c50<'));
    const more = /href="(\/app\/audit\?cursor=[^"]+)"/.exec(page1)![1]!;
    const page2 = await (await admin.get(more)).text();
    expect(page2.match(/data-action="comment"/g)).toHaveLength(2);
    expect(page2).toContain('>c0<');
    expect((await member.get('/app/audit')).status).toBe(403);
    expect((await (await h.as(W.a, P.pmo)).get('/app/audit')).status).toBe(403);
    // One outcome's whole trail: for whoever sees the outcome.
    expect((await member.get(`/app/outcomes/${O.member}/audit`)).status).toBe(200);
    expect((await (await h.as(W.a, P.peer)).get(`/app/outcomes/${O.member}/audit`)).status).toBe(404);
  });

  it('the reads use their indexes (no scan, no sort)', async () => {
    const plan = async (q: string) => (await h.deps.db.all<{ detail: string }>(sql.raw(`explain query plan ${q}`))).map((r) => r.detail).join('\n');
    const ws = await plan("select id from audit_log where workspace_id = 'w' and (at, id) < (1, 'x') order by at desc, id desc limit 51");
    expect(ws).toContain('audit_log_workspace');
    expect(ws).not.toMatch(/TEMP B-TREE|SCAN audit_log\b(?! USING)/);
    const one = await plan("select id from audit_log where workspace_id = 'w' and entity = 'outcome' and entity_id = 'o' order by at desc, id desc limit 21");
    expect(one).toContain('audit_log_entity');
    expect(one).not.toContain('TEMP B-TREE');
    const out = await plan("select id from outbox where workspace_id = 'w' and status = 'dead' and (created_at, id) < (1, 'x') order by created_at desc, id desc limit 51");
    expect(out).toContain('outbox_workspace_status');
    expect(out).not.toContain('TEMP B-TREE');
    const com = await plan("select id from outcome_comments where workspace_id = 'w' and outcome_id = 'o' order by created_at desc, id desc limit 51");
    expect(com).toContain('outcome_comments_outcome');
    expect(com).not.toContain('TEMP B-TREE');
  });
});

describe('the delivery page', () => {
  const dead = (id: string, workspaceId: string = W.a) =>
    h.deps.db.insert(outbox).values({ id, workspaceId, platform: workspaceId === W.a ? 'slack' : 'feishu', kind: 'decision_notice', destination: 'UMEM', payload: {}, status: 'dead', attempts: 12, lastError: 'no sender configured for platform "slack"', nextAttemptAt: new Date(0), createdAt: new Date(1000) });

  it('lists one state at a time; with no platform connected a message says it was not delivered', async () => {
    await dead('row-dead');
    await h.deps.db.insert(outbox).values({ workspaceId: W.a, platform: 'slack', kind: 'approval_request', destination: 'UMGR', payload: {}, status: 'sent', sentAt: new Date(2000), nextAttemptAt: new Date(0) });
    const admin = await h.as(W.a, P.admin);
    const page = await (await admin.get('/app/delivery?state=dead')).text();
    expect(page).toContain('data-row="row-dead"');
    expect(page).toContain('not delivered: no platform connected');
    expect(page).toContain('no sender configured for platform');
    expect(page).toContain('Mia Member');
    expect(page).toContain('data-testid="retry"');
    const sent = await (await admin.get('/app/delivery?state=sent')).text();
    expect(sent).toContain('approval_request');
    expect(sent).not.toContain('row-dead');
    expect(sent).not.toContain('data-testid="retry"');
    expect((await admin.get('/app/delivery?state=lost')).status).toBe(400);
    expect((await (await h.as(W.a, P.member)).get('/app/delivery')).status).toBe(403);
  });

  it('retry puts a dead row back in the queue for the drainer, audited; only dead rows of this workspace, only by an admin, only from this site', async () => {
    await dead('row-dead');
    await dead('row-b', W.b);
    const admin = await h.as(W.a, P.admin);
    expect((await admin.send('POST', '/app/delivery/row-dead/retry', '', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await (await h.as(W.a, P.member)).send('POST', '/app/delivery/row-dead/retry', '')).status).toBe(403);
    expect((await admin.send('POST', '/app/delivery/row-b/retry', '')).status).toBe(409);
    const row = async (id: string) => (await h.deps.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;
    expect((await row('row-dead')).status).toBe('dead');
    expect((await row('row-b')).status).toBe('dead');
    expect(await trail()).toHaveLength(0);

    const res = await admin.send('POST', '/app/delivery/row-dead/retry', '');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/delivery?state=pending&retried=1');
    expect(await row('row-dead')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: clock().now() });
    expect(await h.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'delivery_retry'), eq(auditLog.comment, 'row-dead')))).toMatchObject([{ actorId: P.admin, via: 'web', entity: 'workspace' }]);
    // Not dead any more: a second retry changes nothing.
    expect((await admin.send('POST', '/app/delivery/row-dead/retry', '')).status).toBe(409);
    expect(await trail()).toHaveLength(1);
    const pending = await (await admin.get('/app/delivery?state=pending&retried=1')).text();
    expect(pending).toContain('data-testid="retried"');
    expect(pending).toContain('not delivered: no platform connected');
    // The kick after the retry found no platform to send with: one more failed attempt, queued.
    await h.drainDeferred();
    expect(await row('row-dead')).toMatchObject({ status: 'pending', attempts: 1 });
    // Once a platform can send, the normal drain delivers the retried row like any other.
    clock().advance(3600_000);
    const sent: string[] = [];
    const slack = { send: async (r: { id: string }) => (sent.push(r.id), { ok: true as const, result: { ts: '1' } }) };
    await drainOutbox({ store: h.deps.repos.outbox, senders: { slack }, budget: h.deps.budget, clock: h.deps.clock });
    expect(sent).toEqual(['row-dead']);
    expect((await row('row-dead')).status).toBe('sent');
  });
});
