import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { outbox } from '../../src/db/schema/index.ts';
import type { Deps } from '../../src/deps.ts';
import { drainOutbox, type DrainOptions } from '../../src/delivery/drain.ts';
import { createRateBudget } from '../../src/delivery/rate-budget.ts';
import { createDrainer, type DrainerDeps, type RunOptions } from '../../src/delivery/drainer.ts';
import { createInboundGate } from '../../src/delivery/inbound-gate.ts';
import { kickOutbox } from '../../src/delivery/kick.ts';
import { createTrackedDefer } from '../../src/defer.ts';
import { quietLog } from '../../src/log.ts';
import type { OutboxStore } from '../../src/delivery/types.ts';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fakes/fake-slack.ts';
import { manualClock, testDeps } from '../helpers/db.ts';
import { createHttpTestSender } from '../helpers/http-test-sender.ts';

/** A manual clock whose sleep moves time on (at once, unless woken), so waiting costs no real time. */
function steppingClock() {
  const clock = manualClock(new Date('2026-11-23T01:00:00Z'));
  const slept: number[] = [];
  return {
    ...clock,
    slept,
    sleep: async (ms: number, signal: AbortSignal) => {
      slept.push(ms);
      if (!signal.aborted) clock.advance(ms);
      await new Promise((r) => setImmediate(r));
    },
  };
}

describe('the continuous, single-flight drainer against the fake Slack', () => {
  let slack: FakeSlack | undefined;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await slack?.close();
    slack = undefined;
  });

  async function setup(fake: Omit<FakeSlackOptions, 'now'> = {}) {
    const clock = steppingClock();
    slack = await startFakeSlack({ now: () => clock.now().getTime(), ...fake });
    const { deps, close, database } = await testDeps({ clock, senders: { slack: createHttpTestSender(slack.url, 'xoxb-test') } });
    closers.push(close);
    const workspaceId = (await deps.repos.workspaces.ensure('slack', 'T0001')).id;
    const drainer = (d: Deps = deps, o: Partial<RunOptions & DrainOptions> = {}, store: OutboxStore = d.repos.outbox) =>
      createDrainer({ store, senders: d.senders, budget: d.budget, clock, sleep: clock.sleep }, { minPassGapMs: 0, ...o });
    return { clock, deps, database, workspaceId, drainer, fake: slack };
  }

  const enqueue = async (db: Db, workspaceId: string, at: Date, destination: string, n = 1, from = 0) => {
    const values = Array.from({ length: n }, (_, i) => ({ workspaceId, platform: 'slack', kind: 'post', destination, payload: { i: from + i }, nextAttemptAt: at }));
    return (await db.insert(outbox).values(values).returning()).map((r) => r.id);
  };
  const postedTo = (fake: FakeSlack, channel: string) => fake.messages.filter((m) => m.channel === channel).map((m) => (JSON.parse(m.text!) as { i: number }).i);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  /** Rows written since the database connection opened (SQLite's own counter). */
  const changes = async (db: Db) => (await db.all<{ n: number }>(sql`SELECT total_changes() AS n`))[0]!.n;

  it('on Workers a run keeps to the invocation that started it: kicks do not extend it, and no send starts that could not finish in time', async () => {
    const { deps, clock, workspaceId, fake } = await setup();
    // A slow platform: every call takes 5 s of the clock.
    const http = deps.senders.slack!;
    const slow = { send: async (row: Parameters<typeof http.send>[0]) => (clock.advance(5_000), http.send(row)) };
    const d = createDrainer({ store: deps.repos.outbox, senders: { slack: slow }, budget: createRateBudget(), clock, sleep: clock.sleep }, { idleMs: 3_000, deadlineMs: 27_000, sendTimeoutMs: 12_000, minPassGapMs: 0 });
    const t0 = clock.now().getTime();
    // Ten channels, one message each, so no per-channel budget holds them back.
    for (let i = 0; i < 10; i++) await enqueue(deps.db, workspaceId, clock.now(), `C${i}`);
    const run = d.kick();
    await new Promise((r) => setImmediate(r));
    expect(d.kick()).toBe(run); // joins; the deadline stays t0 + 27 s
    await run;
    // Sends start at +0, +5, +10 and +15 s (each could end by +27 s); one at +20 s could not.
    expect(fake.messages).toHaveLength(4);
    expect(clock.now().getTime() - t0).toBeLessThanOrEqual(27_000);
    const rows = await deps.db.select().from(outbox);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(4);
    // The rest are given back as they were, for the cron or the next invocation.
    expect(rows.filter((r) => r.status !== 'sent').every((r) => r.status === 'pending' && r.attempts === 0 && r.resends === 0)).toBe(true);
  });

  it('a run cut off without settling (Workers cancel waitUntil work) does not stall delivery: the next kick starts afresh', async () => {
    const { deps, clock, workspaceId, fake } = await setup();
    const http = deps.senders.slack!;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let hang = true;
    // The first send does not answer, as when the runtime stops the invocation mid-send.
    const sender = { send: async (row: Parameters<typeof http.send>[0]) => (hang ? ((hang = false), await released, { ok: false as const, error: 'cut off' }) : http.send(row)) };
    const d = createDrainer({ store: deps.repos.outbox, senders: { slack: sender }, budget: createRateBudget(), clock, sleep: clock.sleep }, { idleMs: 3_000, deadlineMs: 27_000, sendTimeoutMs: 12_000, leaseMs: 60_000, minPassGapMs: 0 });
    await enqueue(deps.db, workspaceId, clock.now(), 'C1');
    const cutOff = d.kick();
    while (!fake.messages.length && hang) await new Promise((r) => setImmediate(r));
    // Within the send's time the run is alive, and a kick joins it.
    expect(d.kick()).toBe(cutOff);
    // Past the send's time and a whole lease without a sign of life: that run is gone, and a new one delivers.
    clock.advance(12_000 + 60_001);
    await enqueue(deps.db, workspaceId, clock.now(), 'C2');
    const fresh = d.kick();
    expect(fresh).not.toBe(cutOff);
    await fresh;
    expect(fake.messages.map((m) => m.channel)).toContain('C2');
    // The lost run, should it ever wake, settles nothing: its lease was taken over.
    release();
    await cutOff;
    expect((await deps.db.select().from(outbox).where(eq(outbox.destination, 'C1')))[0]).toMatchObject({ status: 'sent', resends: 1 });
  });

  it('gives way to inbound requests: nothing is sent while a request is in flight, and the rows go once it is answered', async () => {
    const { deps, clock, workspaceId, fake } = await setup();
    // The gate's waits last until it is woken (no time passes), so only the answer lets the drainer on.
    const gate = createInboundGate({ clock, sleep: (_ms, signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })), maxWaitMs: 250 });
    const d = createDrainer({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock, sleep: clock.sleep, yieldTo: gate.quiet }, { minPassGapMs: 0 });
    await enqueue(deps.db, workspaceId, clock.now(), 'C1', 2);
    const answered = gate.enter();
    const run = d.kick();
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(fake.messages).toHaveLength(0);
    expect((await deps.db.select().from(outbox)).every((r) => r.status === 'pending')).toBe(true);
    answered();
    await run;
    expect(postedTo(fake, 'C1')).toEqual([0, 1]);
  });

  it('runs one drain at a time: a kick during a run asks that run for another pass', async () => {
    const { deps, clock, workspaceId, drainer, fake } = await setup();
    let inFlight = 0;
    let most = 0;
    const store: OutboxStore = {
      ...deps.repos.outbox,
      async due(o) {
        most = Math.max(most, ++inFlight);
        try {
          return await deps.repos.outbox.due(o);
        } finally {
          inFlight--;
        }
      },
    };
    const d = drainer(deps, {}, store);
    await enqueue(deps.db, workspaceId, clock.now(), 'C1');
    const first = d.kick();
    const second = d.kick();
    // Written while the run is going; the second kick's pass picks it up.
    await enqueue(deps.db, workspaceId, clock.now(), 'C2');
    const third = d.kick();
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(await first).toMatchObject({ sent: 2 });
    expect(most).toBe(1);
    expect(fake.messages.map((m) => m.channel).sort()).toEqual(['C1', 'C2']);
  });

  it('a request whose kick joins a run does not wait for it: one waiter per run, however many requests kick', async () => {
    const { deps, clock, workspaceId, fake } = await setup();
    // A platform that holds the first send until the test lets it go.
    const http = deps.senders.slack!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const held = { send: async (row: Parameters<typeof http.send>[0]) => (await gate, http.send(row)) };
    const d = createDrainer({ store: deps.repos.outbox, senders: { slack: held }, budget: createRateBudget(), clock, sleep: clock.sleep }, { minPassGapMs: 0 });
    const tracked = createTrackedDefer(quietLog);
    await enqueue(deps.db, workspaceId, clock.now(), 'C1');
    kickOutbox({ ...deps, drainer: d }, tracked.defer);
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    // 50 more requests while the first send is held: each writes a row and kicks.
    for (let i = 0; i < 50; i++) {
      await enqueue(deps.db, workspaceId, clock.now(), `D${i}`);
      kickOutbox({ ...deps, drainer: d }, tracked.defer);
    }
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    expect(tracked.pending()).toBe(1);
    release();
    // Waiting for the one waiter is waiting for the run, and the run took the joined kicks' rows too.
    await tracked.drain();
    expect(fake.messages).toHaveLength(51);
    expect((await deps.db.select().from(outbox)).every((r) => r.status === 'sent')).toBe(true);
  });

  it('leases only what a budget lets it send now; rows waiting on a budget are not written', async () => {
    const { deps, clock, workspaceId, fake } = await setup();
    const ids = await enqueue(deps.db, workspaceId, clock.now(), 'C1', 40);
    const before = await changes(deps.db);
    const pass = () => drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock });
    expect(await pass()).toEqual({ sent: 3, retried: 0, deferred: 7, dead: 0 });
    // Each send is three row writes (lease, mark in flight, settle), whatever the backlog behind it.
    expect((await changes(deps.db)) - before).toBe(3 * 3);
    const held = await deps.db.select().from(outbox).where(eq(outbox.status, 'pending'));
    expect(held).toHaveLength(37);
    for (const r of held) expect(r).toMatchObject({ claimToken: null, claimedUntil: null, attempts: 0, nextAttemptAt: clock.now() });
    // A pass while the budget is out writes nothing at all.
    const mid = await changes(deps.db);
    expect(await pass()).toMatchObject({ sent: 0 });
    expect(await changes(deps.db)).toBe(mid);
    expect(postedTo(fake, 'C1')).toEqual([0, 1, 2]);
    expect(ids).toHaveLength(40);
  });

  it('does not let one busy destination starve the others, and shares the workspace budget round-robin', async () => {
    const { deps, clock, workspaceId, fake } = await setup();
    await enqueue(deps.db, workspaceId, clock.now(), 'CBUSY', 300);
    for (const c of ['CA', 'CB', 'CC', 'CD']) await enqueue(deps.db, workspaceId, clock.now(), c, 3);
    const pass = () => drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock }, { candidates: 50 });
    // 5 a second per workspace: one to each destination first, not 3 to the busy one.
    expect(await pass()).toMatchObject({ sent: 5 });
    expect(fake.messages.map((m) => m.channel).sort()).toEqual(['CA', 'CB', 'CBUSY', 'CC', 'CD']);
    clock.advance(1_000);
    expect(await pass()).toMatchObject({ sent: 5 });
    expect(postedTo(fake, 'CBUSY')).toEqual([0, 1]);
    for (const c of ['CA', 'CB', 'CC', 'CD']) expect(postedTo(fake, c)).toEqual([0, 1]);
  });

  it('keeps draining while rows are due, waiting for the soonest budget, until nothing is due soon', async () => {
    const { deps, clock, workspaceId, drainer, fake } = await setup({ postMessageLimits: { perChannel: { limit: 3, windowMs: 3_000 } } });
    const start = clock.now().getTime();
    await enqueue(deps.db, workspaceId, clock.now(), 'C1', 12);
    await enqueue(deps.db, workspaceId, clock.now(), 'C2', 2);
    // A retry due in 2 minutes is past the idle bound: the job timer or a kick takes it.
    await enqueue(deps.db, workspaceId, new Date(start + 120_000), 'C3');
    expect(await drainer(deps, { idleMs: 60_000 }).kick()).toMatchObject({ sent: 14, retried: 0, dead: 0 });
    expect(postedTo(fake, 'C1')).toEqual(range(12));
    expect(fake.callsTo('chat.postMessage').every((c) => c.status === 200)).toBe(true);
    // 12 at 3 per 3 s: the last burst goes at 9 s; the run did not wait out the 2 minutes.
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(9_000);
    expect(clock.now().getTime() - start).toBeLessThan(12_000);
    expect(postedTo(fake, 'C3')).toEqual([]);
  });

  it('waits for a retry within the run and ends at its deadline, leaving the rest untouched', async () => {
    const { deps, clock, workspaceId, drainer, fake } = await setup();
    fake.injectNext('chat.postMessage', { status: 503 });
    await enqueue(deps.db, workspaceId, clock.now(), 'C1', 30);
    const start = clock.now().getTime();
    // First send fails: the run waits the 5 s backoff (C1 paused meanwhile, so order holds), then 3 per 3 s.
    // A send may take 1 s here, so the last one starts at +20 s and ends by the deadline.
    expect(await drainer(deps, { deadlineMs: 21_000, sendTimeoutMs: 1_000 }).kick()).toMatchObject({ retried: 1, sent: 18 });
    expect(postedTo(fake, 'C1')).toEqual(range(18));
    expect(clock.now().getTime() - start).toBeLessThanOrEqual(21_000);
    const left = await deps.db.select().from(outbox).where(eq(outbox.status, 'pending'));
    expect(left).toHaveLength(12);
    for (const r of left) expect(r).toMatchObject({ claimToken: null, attempts: 0 });
  });

  it('honours a per-channel 429 Retry-After and keeps the channel in order', async () => {
    // Stricter than our budget, as a real workspace might be: 1 per 2 s per channel.
    const { deps, clock, workspaceId, drainer, fake } = await setup({ postMessageLimits: { perChannel: { limit: 1, windowMs: 2_000 } } });
    await enqueue(deps.db, workspaceId, clock.now(), 'C1', 6);
    await enqueue(deps.db, workspaceId, clock.now(), 'C2', 1);
    const report = await drainer().kick();
    expect(report).toMatchObject({ sent: 7, dead: 0 });
    expect(postedTo(fake, 'C1')).toEqual(range(6));
    const toC1 = fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C1');
    // After each 429 nothing goes to that channel before its Retry-After has passed.
    toC1.forEach((c, i) => {
      if (c.status === 429 && toC1[i + 1]) expect(toC1[i + 1]!.at - c.at).toBeGreaterThanOrEqual(2_000);
    });
    expect(toC1.filter((c) => c.status === 429).length).toBeLessThanOrEqual(6);
    expect(postedTo(fake, 'C2')).toEqual([0]);
  });

  it('holds the later rows of a destination behind one waiting for a retry, even in a process that never saw the failure', async () => {
    const { deps, clock, workspaceId, fake } = await setup();
    fake.injectNext('chat.postMessage', { status: 503 });
    await enqueue(deps.db, workspaceId, clock.now(), 'C1', 3);
    await enqueue(deps.db, workspaceId, clock.now(), 'C2', 1);
    const pass = (budget = deps.budget) => drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget, clock });
    expect(await pass()).toMatchObject({ retried: 1, sent: 1 });
    // Another process has its own (empty) budget: the database alone keeps C1 in order.
    expect(await pass(createRateBudget())).toEqual({ sent: 0, retried: 0, deferred: 0, dead: 0 });
    clock.advance(5_000);
    expect(await pass(createRateBudget())).toMatchObject({ sent: 3 });
    expect(postedTo(fake, 'C1')).toEqual([0, 1, 2]);
  });
});
