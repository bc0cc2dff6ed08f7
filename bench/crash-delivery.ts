/**
 * Crash test of "delivered once" with real kills: the parent runs a fake platform (with a
 * per-call latency, so kills land mid-send) and a libsql file of queued rows; it spawns a
 * child process running the app's drainer (bench/crash-delivery-child.ts), SIGKILLs it at a
 * seeded random moment, K times, then lets a last child finish, and counts posts per row.
 *   npx tsx bench/crash-delivery.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outbox } from '../src/db/schema/index.ts';
import { startFakeFeishu } from '../test/fakes/fake-feishu.ts';
import { startFakeSlack } from '../test/fakes/fake-slack.ts';
import { seededRandom } from '../test/helpers/seeded-random.ts';
import { benchDb, enqueue } from './delivery-kit.ts';

const KILLS = 6;
const RUNS = Number(process.env.CRASH_RUNS ?? 3);
/** Short so the bench does not wait the app's 60 s for a dead child's leases to run out. */
const LEASE_MS = 1_000;
const LATENCY_MS = [20, 50] as const;
/** A kill lands this long after the child says it is draining. */
const KILL_AFTER_MS = [30, 700] as const;
const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'crash-delivery-child.ts');

const between = (rnd: () => number, [lo, hi]: readonly [number, number]) => lo + rnd() * (hi - lo);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Fake {
  url: string;
  /** Row ids of the messages the platform created (one entry per message a person sees). */
  posted(): string[];
  /** Send calls the platform answered successfully (a uuid duplicate is answered, not created). */
  accepted(): number;
  close(): Promise<void>;
}

async function slackFake(rnd: () => number, users: string[]): Promise<Fake> {
  const fake = await startFakeSlack({ beforeAnswer: () => sleep(between(rnd, LATENCY_MS)) });
  for (const id of users) fake.addUser({ id, name: id });
  const ok = () => fake.callsTo('chat.postMessage').filter((c) => (c.response as { ok?: boolean } | undefined)?.ok === true);
  return {
    url: fake.url,
    posted: () => ok().map((c) => (JSON.parse(String(c.body.text)) as { row: string }).row),
    accepted: () => ok().length,
    close: () => fake.close(),
  };
}

async function feishuFake(rnd: () => number, users: string[]): Promise<Fake> {
  const fake = await startFakeFeishu();
  for (const open_id of users) fake.addUser({ open_id });
  // The fake's latency hook is a delay fault; one per call (the queue holds them in order).
  for (let i = 0; i < users.length * 3; i++) fake.injectNext('/open-apis/im/v1/messages', { delayMs: between(rnd, LATENCY_MS) });
  return {
    url: fake.url,
    posted: () => fake.messages.map((m) => (JSON.parse(JSON.parse(m.content).text as string) as { row: string }).row),
    accepted: () => fake.callsTo('/open-apis/im/v1/messages').filter((c) => c.status === 200).length,
    close: () => fake.close(),
  };
}

/** Starts a drainer child; resolves once it is draining, with a promise of its exit. */
async function startChild(platform: string, dbUrl: string, apiUrl: string) {
  const child: ChildProcess = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', CHILD], {
    env: { ...process.env, CRASH_PLATFORM: platform, CRASH_DB_URL: dbUrl, CRASH_API_URL: apiUrl, CRASH_LEASE_MS: String(LEASE_MS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    void exited.then((code) => reject(new Error(`drainer child exited (${code}) before it was ready`)));
  });
  return { child, exited };
}

interface Tally {
  rows: number;
  kills: number;
  once: number;
  twice: number;
  more: number;
  lost: number;
  dead: number;
  deadPosted: number;
  /** Second sends the platform answered without creating a message (Feishu uuid). */
  absorbed: number;
  /** The distinct last errors of dead rows. */
  deadErrors: string[];
}

async function crashRun(platform: 'slack' | 'feishu', to: string[], seed: number): Promise<Tally> {
  const rnd = seededRandom(seed);
  const fake = platform === 'slack' ? await slackFake(rnd, to.filter((d) => d.startsWith('U'))) : await feishuFake(rnd, [...new Set(to)]);
  const db = await benchDb(platform);
  await enqueue(db.db, db.workspaceId, platform, to, new Date());
  let kills = 0;
  for (; kills < KILLS; kills++) {
    const { child, exited } = await startChild(platform, db.url, fake.url);
    await Promise.race([sleep(between(rnd, KILL_AFTER_MS)), exited]);
    if (child.exitCode !== null) break; // it finished everything before the kill came
    child.kill('SIGKILL');
    await exited;
  }
  const last = await startChild(platform, db.url, fake.url);
  if ((await last.exited) !== 0) throw new Error('the last drainer child failed');
  const rows = await db.db.select({ id: outbox.id, status: outbox.status, lastError: outbox.lastError }).from(outbox);
  const posts = new Map<string, number>();
  for (const id of fake.posted()) posts.set(id, (posts.get(id) ?? 0) + 1);
  const t: Tally = { rows: rows.length, kills, once: 0, twice: 0, more: 0, lost: 0, dead: 0, deadPosted: 0, absorbed: fake.accepted() - fake.posted().length, deadErrors: [] };
  for (const row of rows) {
    const n = posts.get(row.id) ?? 0;
    if (row.status === 'dead') {
      t.dead++;
      if (!t.deadErrors.includes(row.lastError ?? '')) t.deadErrors.push(row.lastError ?? '');
      if (n > 0) t.deadPosted++;
    } else if (row.status !== 'sent' || n === 0) t.lost++;
    if (n === 1) t.once++;
    if (n === 2) t.twice++;
    if (n > 2) t.more++;
  }
  await fake.close();
  await db.close();
  return t;
}

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
const users = range(400, (i) => `U${String(i + 1).padStart(4, '0')}`);
const feishuUsers = range(400, (i) => `ou_${String(i + 1).padStart(4, '0')}`);

async function scenario(title: string, platform: 'slack' | 'feishu', to: string[], runs: number) {
  console.log(`\n${title}`);
  const started = performance.now();
  const all: Tally[] = [];
  for (let run = 0; run < runs; run++) {
    const t = await crashRun(platform, to, 1_000 + run);
    all.push(t);
    const perKill = t.kills ? (t.twice / t.kills).toFixed(2) : '–';
    console.log(
      `  run ${run + 1}: ${t.rows} rows, ${t.kills} kills → once ${t.once}, twice ${t.twice}, more than twice ${t.more}, lost ${t.lost}, dead ${t.dead} (${t.deadPosted} posted, ${t.dead - t.deadPosted} never posted)` +
        ` · duplicates ${perKill}/kill, ${((t.twice / t.rows) * 1000).toFixed(1)} per 1,000` +
        (platform === 'feishu' ? ` · second sends absorbed by uuid ${t.absorbed}` : ''),
    );
    if (t.deadErrors.length) console.log(`    dead because: ${t.deadErrors.join(' | ')}`);
  }
  const sum = (k: Exclude<keyof Tally, 'deadErrors'>) => all.reduce((s, t) => s + t[k], 0);
  console.log(
    `  total: ${sum('twice')} duplicates in ${sum('kills')} kills (${(sum('twice') / Math.max(1, sum('kills'))).toFixed(2)}/kill), ${((sum('twice') / sum('rows')) * 1000).toFixed(1)} per 1,000 messages;` +
      ` more than twice ${sum('more')}, lost ${sum('lost')}, dead ${sum('dead')} · ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  // Duplicates are the documented cost on Slack; a third post or a silent loss is a bug.
  if (sum('more') || sum('lost')) {
    console.log('  FAILED: a row was posted more than twice or lost');
    process.exitCode = 1;
  }
}

console.log(
  `Crash delivery: ${KILLS} SIGKILLs per run at random moments (seeded), then a last child finishes; leaseMs ${LEASE_MS} (the app uses 60 s),` +
    ` platform latency ${LATENCY_MS.join('–')} ms per call, drainer concurrency 8, budgets off (worst case: up to 8 sends in flight at a kill)`,
);
await scenario('Slack: 400 messages to 400 people', 'slack', users, RUNS);
await scenario('Slack: 200 messages to one channel', 'slack', range(200, () => 'C0001'), RUNS);
await scenario('Feishu: 400 messages to 400 people (uuid = row id)', 'feishu', feishuUsers, RUNS);
