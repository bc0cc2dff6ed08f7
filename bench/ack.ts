/**
 * Ack benchmarks on the real Node entry (startNodeServer: real server, libsql file, Bolt and
 * the Lark SDK talking HTTP to the fake Slack and Feishu on 127.0.0.1), with a 1,000-row
 * outbox backlog that every click's outbox kick has to get past. Prints numbers, asserts nothing.
 *
 *   1. Feishu approval clicks per second, closed loop (CONCURRENCY clients back to back),
 *      against a minimal handler on the same process and database that verifies the same
 *      signature and writes the same rows with one db.batch (goal: ≥ 0.5× of it);
 *      with PRAGMA synchronous FULL and NORMAL (the app's setting, src/db/libsql.ts).
 *   2. Open-loop ack latency at 100 req/s for Slack `/outcome` and for approval clicks
 *      (goal: p99 ≤ 50 ms).
 *
 *   npx tsx bench/ack.ts        (part of `npm run bench`)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { encodeAction } from '../cards/actions.ts';
import { auditLog, outbox, outcomes, projects, reviews } from '../src/db/schema/index.ts';
import { submitOutcome } from '../src/domain/submit-outcome.ts';
import type { PersonRef } from '../src/domain/ports.ts';
import { startNodeServer } from '../src/entry/node.ts';
import { verifyFeishuRequest } from '../src/feishu/verify.ts';
import { quietLog } from '../src/log.ts';
import { startFakeFeishu } from '../test/fakes/fake-feishu.ts';
import { startFakeSlack } from '../test/fakes/fake-slack.ts';
import { cardActionBody, signedFeishuRequest } from '../test/helpers/feishu-sign.ts';
import { signedSlackRequest, slashCommandBody } from '../test/helpers/slack-sign.ts';

const CLICKS = Number(process.env.ACK_CLICKS ?? 300);
const CONCURRENCY = 8;
const OPEN_LOOP_RPS = 100;
const OPEN_LOOP_SECONDS = Number(process.env.ACK_SECONDS ?? 5);
const BACKLOG = 1_000;

const F = { appId: 'cli_bench', appSecret: 'bench-secret', encryptKey: 'bench-encrypt-key', token: 'bench-token', tenant: 'tenant_bench' };
const SLACK_SECRET = 'bench-slack-signing-secret';
const MEMBER = 'ou_member';
const MANAGER = 'ou_manager';
const PMO = 'ou_pmo';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'outcome-ack-bench-'));
  const feishu = await startFakeFeishu({ appId: F.appId, appSecret: F.appSecret, tenantKey: F.tenant });
  for (const [open_id, name] of [[MEMBER, 'Member'], [MANAGER, 'Manager'], [PMO, 'PMO']] as const) feishu.addUser({ open_id, name });
  const slack = await startFakeSlack({ blocksTextCeiling: Infinity });
  slack.addUser({ id: 'UBENCH1', name: 'bench', real_name: 'Bench User', locale: 'en-US', tz: 'UTC' });
  const server = await startNodeServer({
    env: {
      DATABASE_URL: `file:${join(dir, 'ack.db')}`,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: slack.url,
      FEISHU_APP_ID: F.appId,
      FEISHU_APP_SECRET: F.appSecret,
      FEISHU_ENCRYPT_KEY: F.encryptKey,
      FEISHU_VERIFICATION_TOKEN: F.token,
      FEISHU_DOMAIN: feishu.url,
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
  const [member, manager] = (await deps.repos.people.ensure(ws.id, [{ platformUserId: MEMBER }, { platformUserId: MANAGER }, { platformUserId: PMO }])).map(
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
  for (let i = 0; i < BACKLOG; i += 250)
    await db.insert(outbox).values(Array.from({ length: 250 }, (_, j) => ({ workspaceId: ws.id, platform: 'feishu', kind: 'submission_receipt', destination: 'ou_backlog', payload: { outcomeId: `backlog-${i + j}` }, dedupeKey: `backlog-${i + j}`, nextAttemptAt: new Date() })));

  const formValue = { score_impact: '4', score_difficulty: '3', score_innovation: '3', comment: 'ok' };
  const click = (url: string, outcomeId: string) => {
    const body = cardActionBody({ token: F.token, tenantKey: F.tenant, appId: F.appId, openId: MANAGER, value: encodeAction({ a: 'approve', o: outcomeId, r: 1, s: 'manager' }), formValue, openMessageId: `om_${outcomeId}` });
    return signedFeishuRequest(url, { encryptKey: F.encryptKey, body });
  };
  const send = async (req: Request) => {
    const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: await req.text() });
    await res.arrayBuffer();
    return res.status;
  };

  // The minimal handler: same verification, same rows, one db.batch, nothing else.
  const minimal = new Hono().post('/feishu/cards', async (c) => {
    const v = await verifyFeishuRequest({ raw: new Uint8Array(await c.req.arrayBuffer()), header: (n) => c.req.header(n), config: deps.config.feishu!, nowMs: Date.now() });
    if (v.kind !== 'payload') return c.json({}, 401);
    const event = v.payload.event as { action: { value: string } };
    const { o } = JSON.parse(event.action.value) as { o: string };
    const now = new Date();
    await db.batch([
      db.insert(reviews).values({ workspaceId: ws.id, outcomeId: o, round: 1, stage: 'manager', reviewerId: manager!.id, decision: 'approve', comment: 'ok', impact: 4, difficulty: 3, innovation: 3, decidedAt: now }),
      db.update(outcomes).set({ status: 'manager_approved', reviewerId: null, updatedAt: now }).where(sql`${outcomes.id} = ${o}`),
      db.insert(auditLog).values({ workspaceId: ws.id, entity: 'outcome', entityId: o, action: 'approve', actorId: manager!.id, fromStatus: 'submitted', toStatus: 'manager_approved', comment: 'ok', at: now }),
      db.insert(outbox).values([
        { workspaceId: ws.id, platform: 'feishu', kind: 'decision_notice', destination: MEMBER, payload: { outcomeId: o }, dedupeKey: `min-notice-${o}`, nextAttemptAt: now },
        { workspaceId: ws.id, platform: 'feishu', kind: 'approval_request', destination: PMO, payload: { outcomeId: o }, dedupeKey: `min-pmo-${o}`, nextAttemptAt: now },
        { workspaceId: ws.id, platform: 'feishu', kind: 'card_update', destination: MANAGER, payload: { outcomeId: o }, dedupeKey: `min-card-${o}`, nextAttemptAt: now },
      ]),
    ]);
    return c.json({ toast: { type: 'success', content: 'ok' } });
  });
  const minimalServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: minimal.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const minimalUrl = `http://127.0.0.1:${(minimalServer.address() as { port: number }).port}`;

  /** Closed loop: CONCURRENCY clients, each sending its next click when the last one is answered. */
  async function closedLoop(url: string, ids: string[]): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
    const queue = [...ids];
    const lat: number[] = [];
    let errors = 0;
    const started = performance.now();
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
    return { rps: ids.length / secs, p50: percentile(lat, 50), p99: percentile(lat, 99), errors };
  }

  /** Open loop: one request every 1000/rps ms whatever the answers, latency from its scheduled start. */
  async function openLoop(make: (i: number) => Request): Promise<{ p50: number; p99: number; max: number; errors: number }> {
    const n = OPEN_LOOP_RPS * OPEN_LOOP_SECONDS;
    const requests = Array.from({ length: n }, (_, i) => make(i));
    const lat: number[] = [];
    let errors = 0;
    const t0 = performance.now();
    await Promise.all(
      requests.map(async (req, i) => {
        const due = t0 + (i * 1000) / OPEN_LOOP_RPS;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if ((await send(req)) !== 200) errors++;
        lat.push(performance.now() - due);
      }),
    );
    return { p50: percentile(lat, 50), p99: percentile(lat, 99), max: Math.max(...lat), errors };
  }

  const backlogLeft = async () => Number((await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM outbox WHERE dedupe_key LIKE 'backlog-%' AND status = 'pending'`))[0]!.n);
  console.log(`ack benchmarks on the Node entry (libsql file, fake Slack/Feishu), backlog ${BACKLOG} rows, ${CONCURRENCY} clients closed loop`);
  // The minimal handler first, both settings: the app's clicks leave deferred drains running
  // that would otherwise slow it. NORMAL last each time: the open-loop runs keep the app's setting.
  const modes = ['FULL', 'NORMAL'] as const;
  const bare: Record<string, Awaited<ReturnType<typeof closedLoop>>> = {};
  for (const mode of modes) {
    await db.run(sql.raw(`PRAGMA synchronous = ${mode}`));
    bare[mode] = await closedLoop(`${minimalUrl}/feishu/cards`, await pending(CLICKS));
    console.log(`  synchronous=${mode.padEnd(6)} minimal handler: ${bare[mode].rps.toFixed(0)}/s (p50 ${ms(bare[mode].p50)}, p99 ${ms(bare[mode].p99)}, errors ${bare[mode].errors})`);
  }
  for (const mode of modes) {
    await db.run(sql.raw(`PRAGMA synchronous = ${mode}`));
    const real = await closedLoop(`${server.url}/feishu/cards`, await pending(CLICKS));
    console.log(`  synchronous=${mode.padEnd(6)} approval clicks: app ${real.rps.toFixed(0)}/s (p50 ${ms(real.p50)}, p99 ${ms(real.p99)}, errors ${real.errors})  → app/minimal ${(real.rps / bare[mode]!.rps).toFixed(2)}× (goal ≥ 0.5×)`);
    console.log(`  backlog rows still pending: ${await backlogLeft()}`);
  }

  const clickIds = await pending(OPEN_LOOP_RPS * OPEN_LOOP_SECONDS);
  const clicks = await openLoop((i) => click(`${server.url}/feishu/cards`, clickIds[i]!));
  console.log(`  open loop ${OPEN_LOOP_RPS} req/s × ${OPEN_LOOP_SECONDS} s, approval clicks: p50 ${ms(clicks.p50)}  p99 ${ms(clicks.p99)}  max ${ms(clicks.max)}  errors ${clicks.errors} (goal p99 ≤ 50 ms)`);
  const commands = await openLoop(() => signedSlackRequest(`${server.url}/slack/events`, SLACK_SECRET, slashCommandBody({ user_id: 'UBENCH1', trigger_id: slack.issueTrigger(), response_url: slack.respondUrl() })));
  console.log(`  open loop ${OPEN_LOOP_RPS} req/s × ${OPEN_LOOP_SECONDS} s, /outcome:        p50 ${ms(commands.p50)}  p99 ${ms(commands.p99)}  max ${ms(commands.max)}  errors ${commands.errors} (goal p99 ≤ 50 ms)`);
  await new Promise((r) => setTimeout(r, 500));
  console.log(`  views.open calls answered by the fake Slack: ${slack.callsTo('views.open').length} of ${OPEN_LOOP_RPS * OPEN_LOOP_SECONDS}`);

  minimalServer.close();
  await server.stop();
  await slack.close();
  await feishu.close();
  await rm(dir, { recursive: true, force: true });
}

await main();
