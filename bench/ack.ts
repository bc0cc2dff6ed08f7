/**
 * Ack benchmarks on the real Node entry (startNodeServer: real server, libsql file, Bolt and
 * the Lark SDK talking HTTP to the fake Slack and Feishu on 127.0.0.1, run in a child process
 * so that their CPU is not charged to the app, as in production), with a 1,000-row
 * outbox backlog that every click's outbox kick has to get past. Prints numbers, asserts nothing.
 *
 *   1. Feishu approval clicks per second, closed loop (CONCURRENCY clients back to back),
 *      against a minimal handler on the same process and database file (same PRAGMAs) that
 *      verifies the same signature and writes the same rows (the review, the status change,
 *      the audit entry and the same three outbox rows) with one db.batch (goal: ≥ 0.5× of
 *      it); with PRAGMA synchronous FULL and NORMAL (the app's setting, src/db/libsql.ts).
 *      All minimal runs come first, while the app's drainer has not started, so its runs
 *      meet no drain; the app's runs meet its own (the backlog is topped up to BACKLOG).
 *   2. Open-loop ack latency at 100 req/s for approval clicks and Slack `/outcome`
 *      (goal: p99 ≤ 50 ms), with the backlog; sent from a load generator in its own process
 *      (bench/load-child.ts), as the platforms send from outside. Before each run of clicks,
 *      the minimal handler at the same rate: what this machine gives the same write.
 *   Each figure RUNS times (ACK_RUNS, default 3), each line with its setup, then the median;
 *   after one warm-up request per platform (its routes and SDK load on the first one).
 *
 *   node --experimental-strip-types bench/ack.ts   (part of `npm run bench`; ACK_CLICKS, ACK_SECONDS, ACK_RUNS, ACK_ONLY=outcome)
 *   ACK_PROFILE=dir: a CPU profile of each app phase (closed loop, open loops) into dir, for
 *   node --experimental-strip-types bench/ack-profile.ts dir/<file> (where the time goes).
 */
import { spawn } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { inArray, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { encodeAction } from '../cards/actions.ts';
import { auditLog, outbox, outcomes, projects, reviews } from '../src/db/schema/index.ts';
import { insertNotifications } from '../src/db/repos/outbox-rows.ts';
import { submitOutcome } from '../src/domain/submit-outcome.ts';
import type { Notification, PersonRef } from '../src/domain/ports.ts';
import { startNodeServer } from '../src/entry/node.ts';
import { verifyFeishuRequest } from '../src/feishu/inbound/verify.ts';
import { quietLog } from '../src/log.ts';
import type { FakeAsk } from './fake-platforms-child.ts';
import type { LoadAsk, LoadRequest, LoadResult } from './load-child.ts';
import { cardActionBody, signedFeishuRequest } from '../test/helpers/feishu-sign.ts';
import { signedSlackRequest, slashCommandBody } from '../test/helpers/slack-sign.ts';

const CLICKS = Number(process.env.ACK_CLICKS ?? 300);
const CONCURRENCY = 8;
const OPEN_LOOP_RPS = 100;
const OPEN_LOOP_SECONDS = Number(process.env.ACK_SECONDS ?? 5);
const BACKLOG = 1_000;
const RUNS = Number(process.env.ACK_RUNS ?? 3);
/** ACK_ONLY=outcome: only the open-loop `/outcome` runs, without the clicks before them (what a command costs on its own). */
const ONLY_OUTCOME = process.env.ACK_ONLY === 'outcome';

const F = { appId: 'cli_bench', appSecret: 'bench-secret', encryptKey: 'bench-encrypt-key', token: 'bench-token', tenant: 'tenant_bench' };
const SLACK_SECRET = 'bench-slack-signing-secret';
const SLACK_BOT_TOKEN = 'xoxb-bench';
const MEMBER = 'ou_member';
const MANAGER = 'ou_manager';
const PMO = 'ou_pmo';

const PROFILE_DIR = process.env.ACK_PROFILE;

/** Runs `work`, with a CPU profile of it written to PROFILE_DIR/<name>.cpuprofile when asked. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'outcome-ack-bench-'));
  const fakes = await startFakes();
  const load = await startLoadGenerator();
  const server = await startNodeServer({
    env: {
      DATABASE_URL: `file:${join(dir, 'ack.db')}`,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN,
      SLACK_API_URL: fakes.slackUrl,
      FEISHU_APP_ID: F.appId,
      FEISHU_APP_SECRET: F.appSecret,
      FEISHU_ENCRYPT_KEY: F.encryptKey,
      FEISHU_VERIFICATION_TOKEN: F.token,
      FEISHU_DOMAIN: fakes.feishuUrl,
      APP_SECRET: 'bench-app-secret-0123456789abcdefghijkl',
      PUBLIC_URL: 'https://outcome.bench',
      DEFAULT_LOCALE: 'en',
    },
    port: 0,
    log: quietLog,
    jobIntervalMs: null,
    hostname: '127.0.0.1',
  });
  const { deps } = server;
  const { db } = deps;

  // The tenant, its people (PMO configured) and a project, as a running install has them.
  const ws = await deps.repos.workspaces.ensure('feishu', F.tenant);
  await deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [PMO] });
  const settings = (await deps.repos.workspaces.byExternalId('feishu', F.tenant))!.settings;
  const workspace = { id: ws.id, platform: 'feishu' as const, settings };
  const [member, manager, pmo] = (await deps.repos.people.ensure(ws.id, [{ platformUserId: MEMBER }, { platformUserId: MANAGER }, { platformUserId: PMO }])).map(
    (p): PersonRef => ({ id: p.id, address: p.platformUserId, timeZone: null, locale: null, managerId: null }),
  );
  const [project] = await db.insert(projects).values({ workspaceId: ws.id, name: 'Bench', goLiveAt: new Date('2026-06-01') }).returning();

  /** Outcomes waiting for the manager's decision, one per click to come. */
  async function pending(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const { outcomeId } = await submitOutcome({
        ctx: deps.verbs,
        input: {
          workspace,
          submitter: member!,
          reviewer: manager!,
          draft: { title: `Outcome ${i}`, description: 'A benchmark outcome.', indicatorClass: 'output', projectId: project!.id, ownerId: member!.id, dueDate: new Date('2026-12-01'), metrics: [{ name: 'Lead time', unit: 'd', direction: 'decrease', baseline: 10, target: 6 }], evidence: [] },
        },
      });
      ids.push(outcomeId);
    }
    return ids;
  }

  // The backlog: queued messages over their destination's budget, which every drain meets.
  await db.delete(outbox);
  const backlogLeft = async () => Number((await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM outbox WHERE dedupe_key LIKE 'backlog-%' AND status = 'pending'`))[0]!.n);
  let backlogSeq = 0;
  /** Tops the pending backlog up to BACKLOG rows (the drainer sends it at the destination's 5/s). */
  async function topUpBacklog() {
    for (let missing = BACKLOG - (await backlogLeft()); missing > 0; missing -= 250) {
      const rows = Array.from({ length: Math.min(250, missing) }, () => backlogSeq++);
      await db.insert(outbox).values(rows.map((i) => ({ workspaceId: ws.id, platform: 'feishu', kind: 'submission_receipt', destination: 'ou_backlog', payload: { outcomeId: `backlog-${i}` }, dedupeKey: `backlog-${i}`, nextAttemptAt: new Date() })));
    }
  }
  await topUpBacklog();

  const formValue = { score_impact: '4', score_difficulty: '3', score_innovation: '3', comment: 'ok' };
  const click = (url: string, outcomeId: string) => {
    const body = cardActionBody({ token: F.token, tenantKey: F.tenant, appId: F.appId, openId: MANAGER, value: encodeAction({ a: 'approve', o: outcomeId, r: 1, s: 'manager' }), formValue, openMessageId: `om_${outcomeId}` });
    return signedFeishuRequest(url, { encryptKey: F.encryptKey, body });
  };
  /** The answer's status; 0 when the connection failed (counted as an error, not the end of the run). */
  const send = async (req: Request) => {
    try {
      const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: await req.text() });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  };

  // The minimal handler: same verification, the same rows as the app's decision (what
  // recordDecision writes for a stage-1 approval: review, guarded status change, audit entry,
  // the clicker's card update, the member's notice and the PMO's request), one db.batch.
  const minimal = new Hono().post('/feishu/cards', async (c) => {
    const v = await verifyFeishuRequest({ raw: new Uint8Array(await c.req.arrayBuffer()), header: (n) => c.req.header(n), config: deps.config.feishu!, nowMs: Date.now() });
    if (v.kind !== 'payload') return c.json({}, 401);
    const event = v.payload.event as { action: { value: string } };
    const { o } = JSON.parse(event.action.value) as { o: string };
    const now = new Date();
    const key = `${o}:1:manager`;
    const data = { outcomeId: o, round: 1, stage: 'manager' };
    const notes: Notification[] = [
      { kind: 'card_decided', to: { personId: manager!.id, address: MANAGER }, data, dedupeKey: `card_decided:${key}` },
      { kind: 'decision_notice', to: { personId: member!.id, address: MEMBER }, data: { ...data, decision: 'approve', comment: 'ok', by: manager!.id }, dedupeKey: `decision_notice:${key}` },
      { kind: 'approval_request', to: { personId: pmo!.id, address: PMO }, data: { ...data, stage: 'pmo' }, dedupeKey: `approval_request:${o}:1:pmo:${pmo!.id}` },
    ];
    await db.batch([
      db.insert(reviews).values({ workspaceId: ws.id, outcomeId: o, round: 1, stage: 'manager', reviewerId: manager!.id, decision: 'approve', comment: 'ok', impact: 4, difficulty: 3, innovation: 3, decidedAt: now }),
      db
        .update(outcomes)
        .set({ status: 'manager_approved', reviewerId: null, updatedAt: now })
        .where(sql`${outcomes.workspaceId} = ${ws.id} AND ${outcomes.id} = ${o} AND ${outcomes.status} = 'submitted'`),
      db.insert(auditLog).values({ workspaceId: ws.id, entity: 'outcome', entityId: o, action: 'approve', actorId: manager!.id, fromStatus: 'submitted', toStatus: 'manager_approved', comment: 'ok', at: now }),
      ...insertNotifications(db, ws.id, 'feishu', notes, now),
    ]);
    return c.json({ toast: { type: 'success', content: 'ok' } });
  });
  const minimalServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: minimal.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const minimalUrl = `http://127.0.0.1:${(minimalServer.address() as { port: number }).port}`;

  /**
   * Closed loop: CONCURRENCY clients, each sending its next click when the last one is answered.
   * Also the process's CPU per click (user + system; the fakes run in their own process, so
   * this is the app's or the minimal handler's work and the load generator's): on a shared
   * machine it moves less with the other load than clicks per second do.
   */
  async function closedLoop(url: string, ids: string[]): Promise<{ rps: number; p50: number; p99: number; errors: number; cpuMs: number }> {
    const queue = [...ids];
    const lat: number[] = [];
    let errors = 0;
    const started = performance.now();
    const cpu = process.cpuUsage();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          const t = performance.now();
          if ((await send(click(url, id))) !== 200) errors++;
          lat.push(performance.now() - t);
        }
      }),
    );
    const secs = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { rps: ids.length / secs, p50: percentile(lat, 50), p99: percentile(lat, 99), errors, cpuMs: (used.user + used.system) / 1000 / ids.length };
  }

  /**
   * Open loop: one request every 1000/rps ms whatever the answers, latency from its scheduled
   * start, sent by the load generator in its own process (bench/load-child.ts); CPU per request
   * is this process's, the app's alone (the deferred work and drain of the run included).
   */
  async function openLoop(make: (i: number) => Request): Promise<{ p50: number; p99: number; max: number; errors: number; cpuMs: number }> {
    const n = OPEN_LOOP_RPS * OPEN_LOOP_SECONDS;
    const requests = await Promise.all(Array.from({ length: n }, async (_, i) => { const req = make(i); return { url: req.url, headers: [...req.headers], body: await req.text() }; }));
    const cpu = process.cpuUsage();
    const { latencies, errors } = await load.run(OPEN_LOOP_RPS, requests);
    const used = process.cpuUsage(cpu);
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), errors, cpuMs: (used.user + used.system) / 1000 / n };
  }

  const median = (xs: number[]) => percentile(xs, 50);
  const setup = `Node entry, libsql file (WAL), backlog ${BACKLOG} rows, ${CONCURRENCY} clients closed loop × ${CLICKS} clicks`;
  console.log(`ack benchmarks (${RUNS} runs each; fake Slack/Feishu on 127.0.0.1 in a child process, pid ${fakes.pid}; app, minimal handler and the closed loop's clients in this process, the open loop's generator in its own)`);
  const modes = ['FULL', 'NORMAL'] as const;
  const bare: Record<string, number[]> = { FULL: [], NORMAL: [] };
  const app: Record<string, number[]> = { FULL: [], NORMAL: [] };
  const bareCpu: Record<string, number[]> = { FULL: [], NORMAL: [] };
  const appCpu: Record<string, number[]> = { FULL: [], NORMAL: [] };
  // Every minimal run first: the app's clicks start its drainer, which keeps sending the backlog.
  for (let run = 1; run <= (ONLY_OUTCOME ? 0 : RUNS); run++)
    for (const mode of modes) {
      await db.run(sql.raw(`PRAGMA synchronous = ${mode}`));
      const ids = await pending(CLICKS);
      const r = await closedLoop(`${minimalUrl}/feishu/cards`, ids);
      // Its rows are not the app's backlog: the drainer would meet them in the app's runs.
      await db.delete(outbox).where(sql`${outbox.dedupeKey} NOT LIKE 'backlog-%'`);
      bare[mode]!.push(r.rps);
      bareCpu[mode]!.push(r.cpuMs);
      console.log(`  run ${run} minimal handler  ${r.rps.toFixed(0).padStart(4)}/s (p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, errors ${r.errors}, CPU ${ms(r.cpuMs)}/click)  [${setup}, synchronous=${mode}]`);
    }
  // One warm-up request per platform before anything is measured: a platform's routes (and
  // its SDK) load on its first request, once per process (bench/start.ts measures that cold
  // start); the figures below are the running service's.
  if (!ONLY_OUTCOME) await send(click(`${server.url}/feishu/cards`, (await pending(1))[0]!));
  const [warm] = await fakes.ask<{ triggerId: string; responseUrl: string }[]>({ op: 'slashCommands', n: 1 });
  await send(signedSlackRequest(`${server.url}/slack/events`, SLACK_SECRET, slashCommandBody({ user_id: 'UBENCH1', trigger_id: warm!.triggerId, response_url: warm!.responseUrl })));
  for (let run = 1; run <= (ONLY_OUTCOME ? 0 : RUNS); run++)
    for (const mode of modes) {
      await db.run(sql.raw(`PRAGMA synchronous = ${mode}`));
      const ids = await pending(CLICKS);
      await topUpBacklog();
      const r = await profiled(`closed-${mode}-${run}`, () => closedLoop(`${server.url}/feishu/cards`, ids));
      app[mode]!.push(r.rps);
      appCpu[mode]!.push(r.cpuMs);
      const ratio = r.rps / median(bare[mode]!);
      console.log(`  run ${run} approval clicks  ${r.rps.toFixed(0).padStart(4)}/s (p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, errors ${r.errors}, CPU ${ms(r.cpuMs)}/click) = ${ratio.toFixed(2)}× the minimal median  [${setup}, synchronous=${mode}; backlog pending after: ${await backlogLeft()}]`);
    }
  for (const mode of ONLY_OUTCOME ? [] : modes) {
    const ratio = median(app[mode]!) / median(bare[mode]!);
    const cpuRatio = median(bareCpu[mode]!) / median(appCpu[mode]!);
    console.log(`  synchronous=${mode.padEnd(6)} median of ${RUNS}: app ${median(app[mode]!).toFixed(0)}/s vs minimal ${median(bare[mode]!).toFixed(0)}/s → ${ratio.toFixed(2)}× (goal ≥ 0.5×); CPU per click ${ms(median(appCpu[mode]!))} vs ${ms(median(bareCpu[mode]!))} → ${cpuRatio.toFixed(2)}×`);
  }

  // NORMAL from here on: the app's own setting.
  const openSetup = `${OPEN_LOOP_RPS} req/s × ${OPEN_LOOP_SECONDS} s open loop, Node entry, libsql file (WAL, synchronous=NORMAL), backlog ${BACKLOG} rows`;
  const p99s: Record<string, number[]> = { clicks: [], minimal: [], command: [] };
  for (let run = 1; run <= RUNS; run++) {
    await topUpBacklog();
    if (!ONLY_OUTCOME) {
      // The baseline: the minimal handler at the same rate, in this process while the app's
      // drainer sends the backlog, as in the app's run; its rows are taken out afterwards.
      const minimalIds = await pending(OPEN_LOOP_RPS * OPEN_LOOP_SECONDS);
      const m = await openLoop((i) => click(`${minimalUrl}/feishu/cards`, minimalIds[i]!));
      await db.delete(outbox).where(inArray(outbox.dedupeKey, minimalIds.flatMap((o) => [`card_decided:${o}:1:manager`, `decision_notice:${o}:1:manager`, `approval_request:${o}:1:pmo:${pmo!.id}`])));
      p99s.minimal!.push(m.p99);
      console.log(`  run ${run} minimal handler: p50 ${ms(m.p50)}  p99 ${ms(m.p99)}  max ${ms(m.max)}  errors ${m.errors}, CPU ${ms(m.cpuMs)}/request (the app's drain included)  [${openSetup}]`);
      const clickIds = await pending(OPEN_LOOP_RPS * OPEN_LOOP_SECONDS);
      const clicks = await profiled(`open-clicks-${run}`, () => openLoop((i) => click(`${server.url}/feishu/cards`, clickIds[i]!)));
      p99s.clicks!.push(clicks.p99);
      console.log(`  run ${run} approval clicks: p50 ${ms(clicks.p50)}  p99 ${ms(clicks.p99)}  max ${ms(clicks.max)}  errors ${clicks.errors}, CPU ${ms(clicks.cpuMs)}/request  [${openSetup}]`);
    }
    const before = await fakes.ask<number>({ op: 'count', method: 'views.open' });
    const profilesBefore = await fakes.ask<number>({ op: 'count', method: 'users.info' });
    const triggers = await fakes.ask<{ triggerId: string; responseUrl: string }[]>({ op: 'slashCommands', n: OPEN_LOOP_RPS * OPEN_LOOP_SECONDS });
    const commands = await profiled(`open-command-${run}`, () => openLoop((i) => signedSlackRequest(`${server.url}/slack/events`, SLACK_SECRET, slashCommandBody({ user_id: 'UBENCH1', trigger_id: triggers[i]!.triggerId, response_url: triggers[i]!.responseUrl }))));
    p99s.command!.push(commands.p99);
    await new Promise((r) => setTimeout(r, 500));
    const opened = (await fakes.ask<number>({ op: 'count', method: 'views.open' })) - before;
    const profiles = (await fakes.ask<number>({ op: 'count', method: 'users.info' })) - profilesBefore;
    console.log(`  run ${run} /outcome:        p50 ${ms(commands.p50)}  p99 ${ms(commands.p99)}  max ${ms(commands.max)}  errors ${commands.errors}, CPU ${ms(commands.cpuMs)}/request (the run's drain included); views.open answered ${opened} of ${OPEN_LOOP_RPS * OPEN_LOOP_SECONDS}, users.info ${profiles}  [${openSetup}]`);
  }
  console.log(`  median p99 of ${RUNS}: approval clicks ${ONLY_OUTCOME ? '(not run)' : `${ms(median(p99s.clicks!))} (the minimal handler ${ms(median(p99s.minimal!))})`}, /outcome ${ms(median(p99s.command!))} (goal ≤ 50 ms)`);

  minimalServer.close();
  await server.stop();
  fakes.stop();
  load.stop();
  await rm(dir, { recursive: true, force: true });
}

/**
 * Starts the fake Slack and Feishu in a child process (bench/fake-platforms-child.ts), as the
 * platforms are remote in production, and gives their URLs and a request/answer channel to it.
 */
async function startFakes() {
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', join(import.meta.dirname, 'fake-platforms-child.ts')], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, FAKE_FEISHU_APP_ID: F.appId, FAKE_FEISHU_APP_SECRET: F.appSecret, FAKE_FEISHU_TENANT: F.tenant, FAKE_FEISHU_USERS: [MEMBER, MANAGER, PMO].join(','), FAKE_SLACK_USER: 'UBENCH1', FAKE_SLACK_TOKEN: SLACK_BOT_TOKEN },
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const urls = JSON.parse(line.toString().split('\n')[0]!) as { feishuUrl: string; slackUrl: string };
  const waiting = new Map<number, (v: unknown) => void>();
  child.on('message', (m: { id: number; value: unknown }) => waiting.get(m.id)?.(m.value));
  let seq = 0;
  return {
    ...urls,
    pid: child.pid,
    ask: <T>(req: FakeAsk) =>
      new Promise<T>((resolve) => {
        const id = ++seq;
        waiting.set(id, (v) => (waiting.delete(id), resolve(v as T)));
        child.send({ ...req, id });
      }),
    stop: () => child.kill(),
  };
}

/** The open loop's load generator in a child process (bench/load-child.ts). */
async function startLoadGenerator() {
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', join(import.meta.dirname, 'load-child.ts')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (v: unknown) => void>();
  const ready = new Promise((resolve) => waiting.set(0, resolve));
  child.on('message', (m: { id: number; value: unknown }) => waiting.get(m.id)?.(m.value));
  await ready;
  let seq = 0;
  return {
    run: (rps: number, requests: LoadRequest[]) =>
      new Promise<LoadResult>((resolve) => {
        const id = ++seq;
        waiting.set(id, (v) => (waiting.delete(id), resolve(v as LoadResult)));
        child.send({ id, rps, requests } satisfies LoadAsk);
      }),
    stop: () => child.kill(),
  };
}

await main();
