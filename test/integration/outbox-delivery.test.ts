import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.ts';
import type { Deps } from '../../src/deps.ts';
import { drainOutbox, type DrainOptions } from '../../src/delivery/drain.ts';
import { runDueJobs } from '../../src/jobs/run-due-jobs.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.ts';
import { manualClock, testDeps } from '../helpers/db.ts';
import { createHttpTestSender } from '../helpers/http-test-sender.ts';

describe('outbox delivery against the fake Slack', () => {
  let slack: FakeSlack;
  let deps: Deps;
  let close: () => Promise<void>;
  let workspaceId: string;
  const clock = manualClock(new Date('2026-11-23T01:00:00Z'));

  beforeAll(async () => {
    slack = await startFakeSlack({ now: () => clock.now().getTime() });
  });
  afterAll(() => slack.close());
  beforeEach(async () => {
    ({ deps, close } = await testDeps({ clock, senders: { slack: createHttpTestSender(slack.url, 'xoxb-test') } }));
    workspaceId = (await deps.repos.workspaces.ensure('slack', 'T0001')).id;
    slack.messages.length = 0;
  });
  afterEach(() => close());

  const enqueue = async (destination: string, n = 1, dedupeKey?: string) => {
    const rows = await deps.db
      .insert(outbox)
      .values(Array.from({ length: n }, (_, i) => ({ workspaceId, platform: 'slack', kind: 'post', destination, payload: { i }, dedupeKey: dedupeKey ?? null, nextAttemptAt: clock.now() })))
      .onConflictDoNothing()
      .returning();
    return rows.map((r) => r.id);
  };
  const row = async (id: string) => (await deps.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;
  const drain = (o: Partial<DrainOptions> = {}) => drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock }, o);

  it('delivers a row once and records what the platform returned', async () => {
    const [id] = await enqueue('C100');
    expect(await drain()).toEqual({ sent: 1, retried: 0, deferred: 0, dead: 0 });
    expect(await drain()).toEqual({ sent: 0, retried: 0, deferred: 0, dead: 0 });
    expect(slack.messages).toHaveLength(1);
    const r = await row(id!);
    expect(r).toMatchObject({ status: 'sent', attempts: 0, result: { channel: 'C100', ts: slack.messages[0]!.ts } });
  });

  it('writes a dedupe key once, so it is delivered once however often it is written', async () => {
    await enqueue('C101', 1, 'reminder:1');
    await enqueue('C101', 1, 'reminder:1');
    await drain();
    expect(slack.messages).toHaveLength(1);
  });

  it('waits what a 429 Retry-After says, then delivers once', async () => {
    const [id] = await enqueue('C102');
    const callsBefore = slack.callsTo('chat.postMessage').length;
    slack.injectNext('chat.postMessage', { status: 429, retryAfter: 30 });
    expect(await drain()).toMatchObject({ retried: 1 });
    expect(await row(id!)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ratelimited', nextAttemptAt: new Date(clock.now().getTime() + 30_000) });
    clock.advance(29_000);
    expect(await drain()).toMatchObject({ sent: 0, retried: 0 });
    clock.advance(1_000);
    expect(await drain()).toMatchObject({ sent: 1 });
    expect(slack.messages).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage').length - callsBefore).toBe(2);
  });

  it('backs off exponentially on 5xx and delivers when the platform recovers', async () => {
    const [id] = await enqueue('C103');
    slack.injectNext('chat.postMessage', { status: 503, times: 2 });
    await drain({ baseBackoffMs: 1_000 });
    expect((await row(id!)).nextAttemptAt).toEqual(new Date(clock.now().getTime() + 1_000));
    clock.advance(1_000);
    await drain({ baseBackoffMs: 1_000 });
    expect(await row(id!)).toMatchObject({ attempts: 2, nextAttemptAt: new Date(clock.now().getTime() + 2_000), lastError: 'HTTP 503' });
    clock.advance(2_000);
    expect(await drain({ baseBackoffMs: 1_000 })).toMatchObject({ sent: 1 });
    expect(slack.messages).toHaveLength(1);
  });

  it('marks a row dead at once on an error retrying cannot fix, keeping the error visible', async () => {
    const [id] = await enqueue('not-a-channel');
    expect(await drain()).toMatchObject({ dead: 1 });
    expect(await row(id!)).toMatchObject({ status: 'dead', lastError: 'channel_not_found' });
  });

  it('marks a row dead after the last attempt of an outage', async () => {
    const [id] = await enqueue('C104');
    slack.injectNext('chat.postMessage', { status: 500, times: 3 });
    for (let i = 0; i < 3; i++) {
      await drain({ maxAttempts: 3, baseBackoffMs: 1_000 });
      clock.advance(60_000);
    }
    expect(await row(id!)).toMatchObject({ status: 'dead', attempts: 3, lastError: 'HTTP 500' });
    expect(slack.messages).toHaveLength(0);
  });

  it('keeps a channel to a burst of 3 then one a second, in order, without holding up other channels', async () => {
    await enqueue('C105', 5);
    await enqueue('C106', 1);
    expect(await drain()).toEqual({ sent: 4, retried: 0, deferred: 2, dead: 0 });
    clock.advance(2_999);
    expect(await drain()).toMatchObject({ sent: 0, deferred: 2 });
    clock.advance(1);
    expect(await drain()).toMatchObject({ sent: 2, deferred: 0 });
    const toC105 = slack.messages.filter((m) => m.channel === 'C105').map((m) => JSON.parse(m.text!).i);
    expect(toC105).toEqual([0, 1, 2, 3, 4]);
  });

  it('sends each row once when two drainers run at the same time', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => enqueue(`C2${String(i).padStart(2, '0')}`)));
    let sent = 0;
    // The workspace budget lets 5 through a second; both drainers race for them each second.
    for (let s = 0; s < 4; s++, clock.advance(1_000)) {
      const [a, b] = await Promise.all([drain({ batchSize: 15 }), drain({ batchSize: 15 })]);
      sent += a!.sent + b!.sent;
    }
    expect(sent).toBe(20);
    expect(slack.messages).toHaveLength(20);
    expect(new Set(slack.messages.map((m) => m.channel)).size).toBe(20);
  });

  it('takes over a row whose drainer vanished once its lease has expired', async () => {
    const [id] = await enqueue('C107');
    // Leased but the send never started: taken over as a first send.
    await deps.repos.outbox.lease({ ids: [id!], now: clock.now(), leaseMs: 60_000, token: 'crashed-drainer' });
    expect(await drain()).toMatchObject({ sent: 0 });
    clock.advance(60_001);
    expect(await drain()).toMatchObject({ sent: 1 });
    expect(await row(id!)).toMatchObject({ status: 'sent', resends: 0, attempts: 0 });
  });

  it('retries a send that does not answer in time instead of losing it', async () => {
    const [id] = await enqueue('C108');
    slack.injectNext('chat.postMessage', { delayMs: 500 });
    expect(await drain({ sendTimeoutMs: 50 })).toMatchObject({ retried: 1 });
    expect(await row(id!)).toMatchObject({ status: 'pending', lastError: 'timed out after 50 ms' });
  });

  it('is what the scheduled jobs run', async () => {
    await enqueue('C109', 4);
    const report = await runDueJobs(deps);
    expect(report).toMatchObject({ reviewsDue: 0, digests: 0, outbox: { sent: 3, retried: 0, deferred: 1, dead: 0 } });
  });
});
