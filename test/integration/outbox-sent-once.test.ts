import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/client.ts';
import { openNodeDatabase } from '../../src/db/migrate-node.ts';
import { outbox } from '../../src/db/schema/index.ts';
import { createTrackedDefer } from '../../src/defer.ts';
import { createDeps, type Deps } from '../../src/deps.ts';
import { drainOutbox } from '../../src/delivery/drain.ts';
import { createDrainer } from '../../src/delivery/drainer.ts';
import type { Sender } from '../../src/delivery/types.ts';
import { quietLog } from '../../src/log.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.ts';
import { manualClock, testDeps } from '../helpers/db.ts';
import { createHttpTestSender } from '../helpers/http-test-sender.ts';

/**
 * Virtual time shared by two "processes" and a slow platform. Each send takes `callMs` of
 * this clock from the moment it starts (concurrent sends overlap), and time never passes the
 * end of a send still in flight: a sleep waits for it first, as real time would.
 */
function virtualTime(callMs: number) {
  const clock = manualClock(new Date('2026-11-23T01:00:00Z'));
  const inFlight = new Set<{ done: number; finished: Promise<void> }>();
  const t = () => clock.now().getTime();
  /** Moves the clock on to `target`, but not past a send still in flight. */
  const moveTo = (target: number) => {
    const cap = Math.min(target, ...[...inFlight].map((c) => c.done));
    if (cap > t()) clock.set(new Date(cap));
  };
  return {
    ...clock,
    sleep: async (ms: number, signal: AbortSignal) => {
      const target = t() + ms;
      for (let busy = [...inFlight].filter((c) => c.done <= target); busy.length && !signal.aborted; busy = [...inFlight].filter((c) => c.done <= target)) {
        await Promise.race(busy.map((c) => c.finished));
      }
      if (!signal.aborted) moveTo(target);
      await new Promise((r) => setImmediate(r));
    },
    /** The platform, slow: each call lasts `callMs`. */
    slow: (inner: Sender): Sender => ({
      async send(row) {
        let finish!: () => void;
        const call = { done: t() + callMs, finished: new Promise<void>((r) => (finish = r)) };
        inFlight.add(call);
        try {
          return await inner.send(row);
        } finally {
          inFlight.delete(call);
          moveTo(call.done);
          finish();
        }
      },
    }),
  };
}

describe('each outbox row is sent once', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function setup(slow: boolean) {
    // The slow platform: every call takes 30 s (under the send timeout, 40 s here), so a lease
    // taken once for several rows (60 s) runs out under the sends queued behind the first. The
    // fake also holds each answer a moment, so the two processes' calls really overlap.
    const clock = virtualTime(30_000);
    const slack: FakeSlack = await startFakeSlack({ now: () => clock.now().getTime(), beforeAnswer: slow ? () => new Promise((r) => setTimeout(r, 2)) : undefined });
    closers.push(() => slack.close());
    const http = createHttpTestSender(slack.url, 'xoxb-test');
    const senders = { slack: slow ? clock.slow(http) : http };
    const first = await testDeps({ clock, senders });
    closers.push(first.close);
    // A second process: its own database connection, deps, budget and drainer.
    const other = await openNodeDatabase(first.database.url);
    closers.push(() => other.client.close());
    const second = createDeps({ config: loadConfig({}), runtime: 'node', db: other.db, defer: createTrackedDefer(quietLog).defer, log: quietLog, clock, platformSenders: {}, senders });
    const workspaceId = (await first.deps.repos.workspaces.ensure('slack', 'T0001')).id;
    const drainerOf = (d: Deps) => createDrainer({ store: d.repos.outbox, senders: d.senders, budget: d.budget, clock, sleep: clock.sleep }, { minPassGapMs: 0, sendTimeoutMs: 40_000 });
    return { clock, slack, deps: first.deps, second, workspaceId, drainerOf };
  }

  const enqueue = async (db: Db, workspaceId: string, at: Date, destinations: string[], perDestination: number) => {
    const values = destinations.flatMap((destination) =>
      Array.from({ length: perDestination }, (_, i) => ({ workspaceId, platform: 'slack', kind: 'post', destination, payload: { key: `${destination}:${i}` }, nextAttemptAt: at })),
    );
    return (await db.insert(outbox).values(values).returning()).map((r) => r.id);
  };
  const keysPosted = (slack: FakeSlack) => slack.messages.map((m) => (JSON.parse(m.text!) as { key: string }).key);

  it('posts every row exactly once with a slow platform and two drainers, in order per destination', async () => {
    const { clock, slack, deps, second, workspaceId, drainerOf } = await setup(true);
    // Two destinations, so each pass queues up to 3 rows to one of them behind each other.
    const destinations = ['C1', 'C2'];
    const ids = await enqueue(deps.db, workspaceId, clock.now(), destinations, 10);
    const [a, b] = await Promise.all([drainerOf(deps).kick(), drainerOf(second).kick()]);
    const posted = keysPosted(slack);
    expect(posted).toHaveLength(ids.length);
    expect(new Set(posted).size).toBe(ids.length);
    expect(a.sent + b.sent).toBe(ids.length);
    // Both processes did part of the work, and neither ever sent to a destination the other held.
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    for (const d of destinations) expect(posted.filter((k) => k.startsWith(`${d}:`))).toEqual(Array.from({ length: 10 }, (_, i) => `${d}:${i}`));
    const rows = await deps.db.select().from(outbox);
    expect(rows.every((r) => r.status === 'sent' && r.resends === 0 && r.attempts === 0)).toBe(true);
  });

  it('after a crash resends a row that was in flight once, and never a third time', async () => {
    const { clock, slack, deps, workspaceId } = await setup(false);
    const store = deps.repos.outbox;
    const [inFlight, twice, leasedOnly] = await enqueue(deps.db, workspaceId, clock.now(), ['C1', 'C2', 'C3'], 1);
    /** What a drainer does up to the moment its process dies: lease, mark in flight, (maybe) post. */
    const crashWhileSending = async (id: string, token: string, posted: boolean) => {
      const [row] = await store.lease({ ids: [id], now: clock.now(), leaseMs: 60_000, token });
      expect(await store.step({ begin: { id, token, now: clock.now(), until: new Date(clock.now().getTime() + 60_000) } })).toBe(true);
      if (posted) await deps.senders.slack!.send(row!);
      return row!;
    };
    await crashWhileSending(inFlight!, 'crash-1', true);
    await crashWhileSending(twice!, 'crash-1', false);
    await store.lease({ ids: [leasedOnly!], now: clock.now(), leaseMs: 60_000, token: 'crash-1' });
    clock.advance(60_001);
    // The second process dies again while resending one of them.
    const again = await crashWhileSending(twice!, 'crash-2', false);
    expect(again.resends).toBe(1);
    clock.advance(60_001);

    const drain = () => drainOutbox({ store, senders: deps.senders, budget: deps.budget, clock });
    expect(await drain()).toMatchObject({ sent: 2, dead: 0 });
    const row = async (id: string) => (await deps.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;
    // Slack has no idempotency key: the post that made it before the crash is there twice.
    expect(keysPosted(slack).filter((k) => k === 'C1:0')).toHaveLength(2);
    expect(await row(inFlight!)).toMatchObject({ status: 'sent', resends: 1, attempts: 1 });
    // Interrupted twice: given up on, visibly, instead of a third send.
    expect(await row(twice!)).toMatchObject({ status: 'dead', resends: 1, lastError: expect.stringContaining('interrupted mid-send twice') });
    expect(keysPosted(slack).filter((k) => k === 'C2:0')).toHaveLength(0);
    // Leased but never sent: a plain first send, no resend counted.
    expect(await row(leasedOnly!)).toMatchObject({ status: 'sent', resends: 0, attempts: 0 });
    clock.advance(120_000);
    expect(await drain()).toEqual({ sent: 0, retried: 0, deferred: 0, dead: 0 });
    expect(slack.messages).toHaveLength(3);
  });

  it('does not send a row whose lease another drainer took over', async () => {
    const { clock, slack, deps, workspaceId } = await setup(false);
    const store = deps.repos.outbox;
    const [id] = await enqueue(deps.db, workspaceId, clock.now(), ['C1'], 1);
    await store.lease({ ids: [id!], now: clock.now(), leaseMs: 60_000, token: 'slow' });
    clock.advance(60_001);
    await store.lease({ ids: [id!], now: clock.now(), leaseMs: 60_000, token: 'fast' });
    // The first drainer comes back to it: its lease is gone, so it must not send.
    expect(await store.step({ begin: { id: id!, token: 'slow', now: clock.now(), until: new Date(clock.now().getTime() + 60_000) } })).toBe(false);
    expect(slack.messages).toHaveLength(0);
  });
});
