import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CARD_BYTES } from '../../../cards/feishu/limits.ts';
import { outbox, projects } from '../../../src/db/schema/index.ts';
import { submitOutcome } from '../../../src/domain/submit-outcome.ts';
import { cardText, F, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** Submits straight through the domain (no Feishu form), so sizes beyond the form's limits can be tried. */
async function submitDirect(over: { description?: string; links?: number; projectName?: string } = {}) {
  const ws = await h.workspace();
  const workspace = { id: ws.id, platform: 'feishu' as const, settings: ws.settings };
  const [member, manager] = await Promise.all([F.member, F.manager].map((u) => h.deps.repos.people.upsert(ws.id, { platformUserId: u })));
  const [project] = await h.db.insert(projects).values({ workspaceId: ws.id, name: over.projectName ?? 'Clinic', goLiveAt: new Date('2026-12-01T00:00:00Z') }).returning();
  const evidence = Array.from({ length: over.links ?? 1 }, (_, i) => ({ kind: 'link' as const, ref: `https://example.com/evidence/${i}/${'long-path-segment-'.repeat(8)}`, title: `Evidence item ${i} ${'说明'.repeat(20)}` }));
  const { outcomeId } = await submitOutcome({
    ctx: h.deps.verbs,
    input: {
      workspace,
      submitter: member!,
      reviewer: manager!,
      draft: {
        title: 'Shorter clinic waiting time',
        description: over.description ?? 'Cut the average outpatient waiting time by reworking triage.',
        indicatorClass: 'impact',
        projectId: project!.id,
        ownerId: member!.id,
        dueDate: new Date('2026-12-15T00:00:00Z'),
        metrics: [{ name: 'Waiting time', unit: 'min', direction: 'decrease', baseline: 45, target: 28 }],
        evidence,
      },
    },
  });
  return outcomeId;
}

const approvalRow = async () => (await h.outboxRows()).find((r) => r.kind === 'approval_request')!;

describe('the Feishu sender', () => {
  it('a 429 is retried after x-ogw-ratelimit-reset and delivered exactly once (uuid = the row id)', async () => {
    await submitDirect();
    h.fake.injectNext('POST /open-apis/im/v1/messages', { status: 429, retryAfter: 3 });
    await h.drain();
    const row = await approvalRow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('429') });
    expect(row.nextAttemptAt.getTime() - h.clock.now().getTime()).toBe(3000);
    expect(h.cardsTo(F.manager)).toHaveLength(0);

    h.clock.advance(2_000);
    await h.drain(); // not due yet
    expect(h.cardsTo(F.manager)).toHaveLength(0);
    h.clock.advance(1_000);
    await h.drain();
    expect(await approvalRow()).toMatchObject({ status: 'sent', result: { message_id: expect.stringMatching(/^om_/) } });
    expect(h.cardsTo(F.manager)).toHaveLength(1);
    const posts = h.fake.callsTo('POST /open-apis/im/v1/messages').filter((c) => (c.body as { receive_id?: string }).receive_id === F.manager);
    expect(posts.map((c) => (c.body as { uuid?: string }).uuid)).toEqual([row.id, row.id]);
  });

  it('a server error is retried later; an error retrying cannot fix is dead at once', async () => {
    await submitDirect();
    h.fake.injectNext('POST /open-apis/im/v1/messages', { status: 502 });
    await h.drain();
    expect(await approvalRow()).toMatchObject({ status: 'pending', attempts: 1 });
    h.clock.advance(60_000);
    h.fake.injectNext('POST /open-apis/im/v1/messages', { status: 400, code: 230013, msg: 'Bot has NO availability to this user.' });
    await h.drain();
    expect(await approvalRow()).toMatchObject({ status: 'dead', lastError: expect.stringContaining('230013') });
  });

  it('a card that would exceed 30 KB is trimmed to fit (evidence and description shortened, the rest counted)', async () => {
    await submitDirect({ description: '很长的说明'.repeat(400), links: 120 });
    await h.drain();
    const [sent] = h.cardsTo(F.manager);
    expect(sent).toBeDefined();
    expect(Buffer.byteLength(sent!.message.content)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardText(sent!.card)).toMatch(/and \d+ more in the dashboard/);
    expect(cardText(sent!.card)).toContain('Evidence item 0');
  });

  it('a card that cannot fit even trimmed is never sent: the row is dead and Feishu never sees it', async () => {
    await submitDirect({ projectName: '巨大的项目名称'.repeat(2000) });
    const before = h.fake.callsTo('POST /open-apis/im/v1/messages').length;
    await h.drain();
    expect(await approvalRow()).toMatchObject({ status: 'dead', lastError: expect.stringContaining('30 KB') });
    expect(h.fake.callsTo('POST /open-apis/im/v1/messages')).toHaveLength(before);
    for (const m of h.fake.messages) expect(Buffer.byteLength(m.content)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });

  it('keeps the per-receiver budget of 5 messages a second', async () => {
    const ws = await h.workspace();
    const rows = Array.from({ length: 7 }, (_, i) => ({
      workspaceId: ws.id,
      platform: 'feishu',
      kind: 'feishu_card',
      destination: F.member,
      payload: { personId: null, reply: { view: 'help', unknown: null } },
      dedupeKey: `burst-${i}`,
      nextAttemptAt: h.clock.now(),
    }));
    await h.db.insert(outbox).values(rows);
    const first = await h.drain();
    expect(first).toMatchObject({ sent: 5, deferred: 2 });
    h.clock.advance(1_000);
    expect(await h.drain()).toMatchObject({ sent: 2 });
    expect(h.cardsTo(F.member)).toHaveLength(7);
    expect(await h.db.select().from(outbox).where(eq(outbox.status, 'sent'))).toHaveLength(7);
  });
});
