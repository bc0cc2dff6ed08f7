/**
 * Delivery throughput against the fake Slack and Feishu with their documented rate limits
 * (prints numbers, asserts nothing). Each figure is taken 3 times.
 *   npm run bench   (or: tsx bench/delivery.ts)
 *
 * The long drains (600 messages at 1/s is 10 minutes) run on a warp clock: real time plus the
 * waits skipped (see warpClock), so database, HTTP and CPU time all count. The "two messages
 * within a second" figure runs on the real clock and real timers.
 */
import { createOutboxStore } from '../src/db/repos/outbox-store.ts';
import { createDrainer, NODE_RUN, timerSleep } from '../src/delivery/drainer.ts';
import { drainPass } from '../src/delivery/drain.ts';
import { createRateBudget } from '../src/delivery/rate-budget.ts';
import type { Sender } from '../src/delivery/types.ts';
import type { Clock } from '../src/domain/ports.ts';
import { startFakeFeishu } from '../test/fakes/fake-feishu.ts';
import { startFakeSlack, type FakeSlackOptions } from '../test/fakes/fake-slack.ts';
import { benchDb, enqueue, feishuSender, slackSender, warpClock } from './delivery-kit.ts';

/** What "real Slack" allows in the fake: 1/s per channel with bursts of 3, 5/s per workspace (see rate-budget.ts). */
const SLACK_LIMITS: FakeSlackOptions['postMessageLimits'] = { perChannel: { limit: 3, windowMs: 3_000 }, perWorkspace: { limit: 5, windowMs: 1_000 } };

interface Delivered {
  /** Destination and payload number of each accepted message, in arrival order, with its time. */
  messages: { to: string; n: number; at: number }[];
  refused: number;
}

interface Platform {
  name: 'slack' | 'feishu';
  sender: Sender;
  delivered(): Delivered;
  close(): Promise<void>;
}

async function slack(now: () => number): Promise<Platform> {
  const fake = await startFakeSlack({ now, postMessageLimits: SLACK_LIMITS });
  return {
    name: 'slack',
    sender: slackSender(fake.url),
    delivered: () => {
      const calls = fake.callsTo('chat.postMessage');
      const ok = calls.filter((c) => c.status === 200);
      return { messages: ok.map((c) => ({ to: String(c.body.channel), n: (JSON.parse(String(c.body.text)) as { n: number }).n, at: c.at })), refused: calls.length - ok.length };
    },
    close: () => fake.close(),
  };
}

async function feishu(now: () => number, users: string[], chats: string[]): Promise<Platform> {
  const fake = await startFakeFeishu({ now, appMessageLimit: { limit: 50, windowMs: 1_000 } });
  for (const open_id of users) fake.addUser({ open_id });
  for (const chat_id of chats) fake.addChat({ chat_id });
  const created = new Map<string, number>();
  return {
    name: 'feishu',
    sender: feishuSender(fake.url),
    delivered: () => {
      const calls = fake.callsTo('/open-apis/im/v1/messages');
      for (const m of fake.messages) created.set(m.message_id, m.create_time);
      const messages = fake.messages.map((m) => ({ to: m.receive_id, n: (JSON.parse(JSON.parse(m.content).text as string) as { n: number }).n, at: m.create_time }));
      return { messages, refused: calls.filter((c) => c.status === 429).length };
    },
    close: () => fake.close(),
  };
}

/** Queues one message per entry of `to`, kicks one drainer run, and reports the rate it delivered at. */
async function drainAll(platform: (now: () => number) => Promise<Platform>, to: string[]) {
  const clock = warpClock();
  const p = await platform(() => clock.now().getTime());
  const db = await benchDb(p.name);
  const start = clock.now();
  await enqueue(db.db, db.workspaceId, p.name, to, start);
  const realStart = performance.now();
  const drainer = createDrainer({ store: createOutboxStore(db.db), senders: { [p.name]: p.sender }, budget: createRateBudget(), clock, sleep: clock.sleep }, { ...NODE_RUN, concurrency: 8 });
  await drainer.kick();
  const real = (performance.now() - realStart) / 1000;
  const { messages, refused } = p.delivered();
  const last = Math.max(...messages.map((m) => m.at));
  const seconds = (last - start.getTime()) / 1000;
  const byTo = new Map<string, number[]>();
  for (const m of messages) byTo.set(m.to, [...(byTo.get(m.to) ?? []), m.n]);
  const inOrder = [...byTo.values()].every((ns) => ns.every((n, i) => i === 0 || n > ns[i - 1]!));
  const unique = new Set(messages.map((m) => m.n)).size;
  await p.close();
  await db.close();
  return { delivered: unique, duplicates: messages.length - unique, refused, rate: unique / seconds, seconds, real, inOrder };
}

type Run = Awaited<ReturnType<typeof drainAll>>;
const line = (r: Run) =>
  `${r.delivered} delivered in ${r.seconds.toFixed(1)} s → ${r.rate.toFixed(2)} msg/s; 429s ${r.refused}, duplicates ${r.duplicates}, order ${r.inOrder ? 'kept' : 'BROKEN'} (wall ${r.real.toFixed(1)} s)`;

async function three(title: string, run: () => Promise<Run>) {
  console.log(title);
  for (let i = 1; i <= 3; i++) console.log(`  run ${i}: ${line(await run())}`);
}

/** Two messages to one person 0.5 s apart, on the real clock: when each arrives after it was queued. */
async function twoWithinASecond() {
  const clock: Clock = { now: () => new Date() };
  const p = await slack(Date.now);
  const db = await benchDb('slack');
  const drainer = createDrainer({ store: createOutboxStore(db.db), senders: { slack: p.sender }, budget: createRateBudget(), clock, sleep: timerSleep }, { ...NODE_RUN, concurrency: 8 });
  const queued: number[] = [];
  for (let i = 0; i < 2; i++) {
    if (i) await new Promise((r) => setTimeout(r, 500));
    queued.push(Date.now());
    await enqueue(db.db, db.workspaceId, 'slack', ['D0001'], new Date(queued[i]!));
    void drainer.kick();
  }
  while (p.delivered().messages.length < 2 && Date.now() - queued[0]! < 10_000) await new Promise((r) => setTimeout(r, 5));
  const arrived = p.delivered().messages.map((m, i) => m.at - queued[i]!);
  await drainer.stop();
  await p.close();
  await db.close();
  return arrived;
}

/** The cost of a pass over a backlog its budget holds back: reads only, no writes. */
async function heldBacklogPass() {
  const clock = warpClock();
  const db = await benchDb('slack');
  await enqueue(db.db, db.workspaceId, 'slack', Array.from({ length: 1_000 }, () => 'D0001'), clock.now());
  const deps = { store: createOutboxStore(db.db), senders: { slack: { send: async () => ({ ok: true as const }) } }, budget: createRateBudget(), clock };
  await drainPass(deps);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await drainPass(deps);
    times.push(performance.now() - t);
  }
  await db.close();
  times.sort((a, b) => a - b);
  return { p50: times[100]!, p99: times[198]! };
}

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
const pad = (i: number) => String(i).padStart(4, '0');

console.log('delivery throughput (fake platforms with their documented limits; warp clock, see bench/delivery-kit.ts)');
await three('Slack: 600 messages to one DM (allowed: ~1/s per channel, bursts of 3)', () => drainAll(slack, range(600, () => 'D0001')));
await three('Slack: 600 messages to 600 people (workspace-wide budget 5/s)', () => drainAll(slack, range(600, (i) => `D${pad(i)}`)));
const chats = ['oc_0001'];
const users = range(600, (i) => `ou_${pad(i)}`);
await three('Feishu: 300 messages to one chat (allowed: 5/s per chat)', () => drainAll((now) => feishu(now, [], chats), range(300, () => 'oc_0001')));
await three('Feishu: 600 messages to 600 people (allowed: 50/s per app, 1000/min)', () => drainAll((now) => feishu(now, users, []), users));
console.log('Slack: two messages to one person 0.5 s apart (real clock)');
for (let i = 1; i <= 3; i++) {
  const [a, b] = await twoWithinASecond();
  console.log(`  run ${i}: first arrived ${a} ms after it was queued, second ${b} ms after`);
}
for (let i = 1; i <= 3; i++) {
  const { p50, p99 } = await heldBacklogPass();
  console.log(`${i === 1 ? 'a drain pass over 1,000 held rows (budget out), reads only:\n' : ''}  run ${i}: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
}
