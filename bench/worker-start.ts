/**
 * The Worker's start (not part of `npm test`; prints numbers, asserts nothing):
 *
 *   1. The bundle wrangler would upload, raw and gzip (`wrangler deploy --dry-run`), and its
 *      entry module.
 *   2. `wrangler check startup`, RUNS times: "Active" is the CPU the isolate spends importing
 *      the entry module (what Workers' 1 s startup limit counts); the profile window is the wall.
 *   3. A cold isolate's first signed Slack `/outcome`, RUNS times, each on a fresh Miniflare
 *      (workerd, the built modules, an in-memory D1 with the migrations) whose Worker talks
 *      HTTP to a fake Slack on 127.0.0.1: the time to the 200 ack, the time until the fake saw
 *      `views.open` (Slack's trigger expires after 3 s), and the CPU over that span: the
 *      isolate's V8 profile (as `wrangler check startup` takes it) and the workerd process's
 *      user + system time from /proc. Then a second `/outcome` on the same, now warm,
 *      isolate. The same for a Feishu message (`/outcome help`) on fresh isolates: the ack
 *      and the reply, the Lark SDK's chunk loading on that first Feishu request.
 *
 *   node --experimental-strip-types bench/worker-start.ts
 *   WORKER_DIR=/tmp/w WORKER_MAIN=worker.js ... measures another build's modules in step 3
 *   (e.g. an earlier commit's `wrangler deploy --dry-run --outdir /tmp/w`) and skips 1 and 2;
 *   WORKER_PROFILE=/tmp/cold.cpuprofile keeps the last cold request's profile (for DevTools);
 *   WORKER_RUNS (default 3).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Miniflare } from 'miniflare';
import WebSocket from 'ws';
import { OUT_DIR } from '../src/entry/worker-bundle.mjs';
import { startFakeFeishu, type FakeFeishu } from '../test/fakes/fake-feishu.ts';
import { startFakeSlack, type FakeSlack } from '../test/fakes/fake-slack.ts';
import { startBuiltWorker } from '../test/helpers/built-worker.ts';
import { feishuEventBody, messageReceiveEvent, signedFeishuRequest } from '../test/helpers/feishu-sign.ts';
import { bothPlatformsEnv } from '../test/helpers/platform-env.ts';
import { signSlack, slashCommandBody } from '../test/helpers/slack-sign.ts';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.WORKER_RUNS ?? 3);
const WORKER_DIR = process.env.WORKER_DIR ?? OUT_DIR;
const WORKER_MAIN = process.env.WORKER_MAIN ?? 'worker.mjs';
const PLATFORMS = (urls = { slack: '', feishu: '' }) => bothPlatformsEnv(urls);
const SLACK_SECRET = PLATFORMS().SLACK_SIGNING_SECRET!;
const FEISHU_MESSAGES = /\/open-apis\/im\/v1\/messages/;
const USER = 'UBENCH1';
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Runs `npx wrangler ...` in the project; its output (both streams), or an error with it. */
function wrangler(args: string[]): string {
  const run = spawnSync('npx', ['wrangler', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' } });
  const out = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${out}`);
  return out;
}

function bundleSize(): void {
  const dir = join(tmpdir(), `outcome-worker-${process.pid}`);
  const out = wrangler(['deploy', '--dry-run', '--outdir', dir]);
  const total = out.match(/Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/);
  const entry = readFileSync(join(WORKER_DIR, WORKER_MAIN)).length;
  console.log(`bundle (wrangler deploy --dry-run): ${total?.[1]} KiB, gzip ${total?.[2]} KiB; entry module ${(entry / 1024).toFixed(1)} KiB`);
  spawnSync('rm', ['-rf', dir]);
}

function startupChecks(): void {
  const profile = join(tmpdir(), `outcome-startup-${process.pid}.cpuprofile`);
  for (let i = 1; i <= RUNS; i++) {
    const out = wrangler(['check', 'startup', '--outfile', profile]);
    const active = out.match(/Active: ([\d.]+) ms/)?.[1];
    const window = out.match(/Profile window: ([\d.]+) ms/)?.[1];
    console.log(`wrangler check startup #${i}: active (CPU) ${active} ms, profile window (wall) ${window} ms`);
  }
  spawnSync('rm', ['-f', profile]);
}

/** The isolate's CPU between start() and stop(): the non-idle samples of a V8 profile. */
async function profiler(inspector: URL) {
  const ws = new WebSocket(new URL('/core:user:outcome', inspector).href);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const send = (method: string) =>
    new Promise<any>((resolve) => {
      const me = ++id;
      const onMessage = (data: WebSocket.RawData) => {
        const msg = JSON.parse(String(data));
        if (msg.id === me) ws.off('message', onMessage), resolve(msg.result);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id: me, method }));
    });
  await send('Profiler.enable');
  return {
    start: () => send('Profiler.start'),
    async stopCpuMs(): Promise<number> {
      const { profile } = await send('Profiler.stop');
      if (process.env.WORKER_PROFILE) writeFileSync(process.env.WORKER_PROFILE, JSON.stringify(profile));
      ws.close();
      const idle = new Set(profile.nodes.filter((n: any) => n.callFrame.functionName === '(idle)').map((n: any) => n.id));
      return profile.timeDeltas.reduce((sum: number, dt: number, i: number) => sum + (idle.has(profile.samples[i]) ? 0 : dt), 0) / 1000;
    },
  };
}

/**
 * CPU ms (user + system) of the workerd processes this process started, from /proc (Linux;
 * clock ticks of 10 ms): unlike the profile's samples, not inflated when a loaded machine
 * keeps the isolate's thread waiting.
 */
function workerdCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // Fields after "(comm)": state ppid ... utime(14th) stime(15th) of the whole line.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (comm === 'workerd' && Number(fields[1]) === process.pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}

/** Resolves at the moment the fake Slack receives the next `views.open`. */
function nextViewsOpen(waiters: ((at: number) => void)[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no views.open within 10 s')), 10_000);
    waiters.push((at) => (clearTimeout(timer), resolve(at)));
  });
}

async function slashCommand(mf: Miniflare, slack: FakeSlack, waiters: ((at: number) => void)[]) {
  const body = slashCommandBody({ user_id: USER, trigger_id: slack.issueTrigger(), response_url: slack.respondUrl() });
  const opened = nextViewsOpen(waiters);
  const t0 = performance.now();
  const res = await mf.dispatchFetch('https://outcome.bench/slack/events', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(SLACK_SECRET, body) },
    body,
  });
  const ack = performance.now() - t0;
  await res.text();
  if (res.status !== 200) throw new Error(`/outcome answered ${res.status}`);
  return { ack, open: (await opened) - t0 };
}

/**
 * A signed, encrypted Feishu message (`/outcome help`): the ack, and the moment the fake
 * Feishu saw the reply (polled every 2 ms: the fake has no hook, and this is a bench).
 */
async function feishuMessage(mf: Miniflare, feishu: FakeFeishu) {
  const env = PLATFORMS();
  const body = feishuEventBody('im.message.receive_v1', messageReceiveEvent({ text: '/outcome help' }), { token: env.FEISHU_VERIFICATION_TOKEN });
  const req = signedFeishuRequest('https://outcome.bench/feishu/events', { encryptKey: env.FEISHU_ENCRYPT_KEY!, body });
  const seen = feishu.callsTo(FEISHU_MESSAGES).length;
  const t0 = performance.now();
  const res = await mf.dispatchFetch(req.url, { method: 'POST', headers: Object.fromEntries(req.headers), body: await req.text() });
  const ack = performance.now() - t0;
  await res.text();
  if (res.status !== 200) throw new Error(`the Feishu message answered ${res.status}`);
  while (feishu.callsTo(FEISHU_MESSAGES).length === seen) {
    if (performance.now() - t0 > 10_000) throw new Error('no Feishu reply within 10 s');
    await new Promise((r) => setTimeout(r, 2));
  }
  return { ack, reply: performance.now() - t0 };
}

/** Runs `first` on a fresh isolate, with its CPU (profile and /proc), then `again` on the same isolate. */
async function onColdIsolate<T>(persist: string, urls: { slack: string; feishu: string }, first: (mf: Miniflare) => Promise<T>) {
  const mf = await startBuiltWorker({
    dir: WORKER_DIR,
    main: WORKER_MAIN,
    d1Persist: persist,
    inspector: true,
    // Both platforms configured: a Slack request must not load the Lark SDK, nor Feishu Bolt.
    bindings: { ...PLATFORMS(urls), DEFAULT_LOCALE: 'en' },
  });
  try {
    const cpu = await profiler(await mf.getInspectorURL());
    await cpu.start();
    const before = workerdCpuMs();
    const cold = await first(mf);
    const processMs = workerdCpuMs() - before;
    const profileMs = await cpu.stopCpuMs();
    const warm = await first(mf);
    return { cold, warm, cpu: `CPU: isolate profile ${ms(profileMs)}, workerd process ${processMs} ms` };
  } finally {
    await mf.dispose();
  }
}

async function coldIsolates(): Promise<void> {
  const waiters: ((at: number) => void)[] = [];
  const slack = await startFakeSlack({
    token: PLATFORMS().SLACK_BOT_TOKEN,
    beforeAnswer: (call) => {
      if (call.method === 'views.open') waiters.splice(0).forEach((w) => w(performance.now()));
    },
  });
  slack.addUser({ id: USER, name: 'bench', real_name: 'Bench User', locale: 'en-US', tz: 'UTC' });
  const feishu = await startFakeFeishu();
  const urls = { slack: slack.url, feishu: feishu.url };
  console.log(`cold isolate: the modules in ${relative(ROOT, WORKER_DIR) || WORKER_DIR}`);
  const persist = await mkdtemp(join(tmpdir(), 'outcome-worker-start-'));
  try {
    for (let i = 1; i <= RUNS; i++) {
      const s = await onColdIsolate(join(persist, `slack-${i}`), urls, (mf) => slashCommand(mf, slack, waiters));
      console.log(
        `cold isolate #${i}, Slack /outcome: ack ${ms(s.cold.ack)}, views.open seen at ${ms(s.cold.open)} (${s.cpu}); then warm: ack ${ms(s.warm.ack)}, views.open at ${ms(s.warm.open)}`,
      );
    }
    for (let i = 1; i <= RUNS; i++) {
      const f = await onColdIsolate(join(persist, `feishu-${i}`), urls, (mf) => feishuMessage(mf, feishu));
      console.log(
        `cold isolate #${i}, Feishu message: ack ${ms(f.cold.ack)}, reply seen at ${ms(f.cold.reply)} (${f.cpu}); then warm: ack ${ms(f.warm.ack)}, reply at ${ms(f.warm.reply)}`,
      );
    }
  } finally {
    await Promise.all([slack.close(), feishu.close()]);
    await rm(persist, { recursive: true, force: true });
  }
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`load average before: ${load()}`);
if (!process.env.WORKER_DIR) {
  bundleSize();
  startupChecks();
}
await coldIsolates();
console.log(`load average after: ${load()}`);
