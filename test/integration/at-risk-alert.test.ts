/**
 * The at-risk alert end to end (issue 10 point 4): automatic readings stored through
 * recordReadings → the forecast says at risk → one alert row each for the owner and their
 * manager → delivered by the real senders (Bolt WebClient, Lark SDK Client) to the fake Slack
 * and the fake Feishu. Weekly at most; dropped when the metric recovered before it went out;
 * and the daily sweep finds what no automatic reading announced. The clock is injected.
 */
import { serve, type ServerType } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { insertNotifications } from '../../src/db/repos/outbox-rows.ts';
import { insertReadings } from '../../src/db/repos/readings-repo.ts';
import { metricReadings, metricSources, metrics, outbox, projects, reviewSchedules } from '../../src/db/schema/index.ts';
import type { Deps } from '../../src/deps.ts';
import { drainOutbox } from '../../src/delivery/drain.ts';
import { decideOutcome } from '../../src/domain/decide-outcome.ts';
import type { PersonRef, WorkspaceContext } from '../../src/domain/ports.ts';
import type { Platform } from '../../src/domain/types.ts';
import { sweepAtRisk } from '../../src/jobs/at-risk-sweep.ts';
import { runDueJobs } from '../../src/jobs/run-due-jobs.ts';
import { submitOutcome } from '../../src/domain/submit-outcome.ts';
import { createApp } from '../../src/app.ts';
import { sealSecret } from '../../src/security/secret-box.ts';
import { sourceSecretContext } from '../../src/sources/source-config.ts';
import { recordReadings } from '../../src/sources/record-readings.ts';
import { fakeGithub } from '../fakes/fake-github.ts';
import { startFakeFeishu, type FakeFeishu } from '../fakes/fake-feishu.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.ts';
import { bothPlatformsEnv } from '../helpers/platform-env.ts';
import { manualClock, testDeps } from '../helpers/db.ts';
import { validDraft } from '../helpers/outcome-flow-contract.ts';

const DAY = 86_400_000;
const START = new Date('2026-02-16T02:00:00Z'); // a Monday
const ADDRESSES: Record<Platform, { owner: string; manager: string; pmo: string }> = {
  slack: { owner: 'UOWNER', manager: 'UMGR', pmo: 'UPMO' },
  feishu: { owner: 'ou_owner', manager: 'ou_mgr', pmo: 'ou_pmo' },
};
const scores = { impact: 4, difficulty: 3, innovation: 3 };

describe.each(['slack', 'feishu'] as const)('at-risk alert on %s', (platform) => {
  const clock = manualClock(START);
  let slack: FakeSlack;
  let feishu: FakeFeishu;
  let t: Awaited<ReturnType<typeof testDeps>> | null = null;
  const a = ADDRESSES[platform];

  // Fresh fakes per test: each test starts the clock again at START, and the fakes' rate
  // windows must not remember the previous test's (later) sends.
  afterEach(async () => {
    await t?.close();
    await slack.close();
    await feishu.close();
    t = null;
  });

  /** A verified outcome (45 → 28 min, review 90 days after a 2026-01-05 go-live) on a fresh database. */
  async function setup(locale: 'en' | 'zh-CN' = 'en') {
    clock.set(START);
    slack = await startFakeSlack({ now: () => clock.now().getTime(), blocksTextCeiling: Infinity });
    feishu = await startFakeFeishu({ now: () => clock.now().getTime(), appId: 'cli_test', appSecret: 'secret', tenantKey: 'tenant_risk' });
    for (const id of Object.values(ADDRESSES.slack)) slack.addUser({ id, name: id, real_name: id, locale: 'en-US', tz: 'Asia/Shanghai' });
    for (const id of Object.values(ADDRESSES.feishu)) feishu.addUser({ open_id: id, name: id });
    t = await testDeps({
      clock,
      env: { ...bothPlatformsEnv({ slack: slack.url, feishu: feishu.url }), DEFAULT_LOCALE: 'en' },
    });
    const deps = t.deps;
    const ws = await deps.repos.workspaces.ensure(platform, platform === 'slack' ? 'T0001' : 'tenant_risk');
    const settings = await deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [a.pmo], timeZone: 'Asia/Shanghai', locale });
    const workspace: WorkspaceContext = { id: ws.id, platform, settings };
    const p = deps.repos.people;
    const manager = await p.upsert(ws.id, { platformUserId: a.manager, name: 'Manager Ma', locale });
    const owner = await p.upsert(ws.id, { platformUserId: a.owner, name: 'Owner Ou', locale, timeZone: 'Asia/Shanghai' });
    await p.setManager(ws.id, owner.id, manager.id, 'manual');
    const pmo = (await p.upsert(ws.id, { platformUserId: a.pmo, name: 'PMO Pei', locale })) as PersonRef;
    const [project] = await deps.db.insert(projects).values({ workspaceId: ws.id, name: 'Clinic', goLiveAt: new Date('2026-01-05T02:00:00Z') }).returning();
    const ctx = deps.verbs;
    const { outcomeId } = await submitOutcome({ ctx, input: { workspace, submitter: owner, reviewer: manager, draft: validDraft({ projectId: project!.id, member: owner }) } });
    await deliver(deps); // the manager's approval card goes out
    await decideOutcome({ ctx, input: { workspace, outcomeId, actor: manager, decision: 'approve', scores } });
    await decideOutcome({ ctx, input: { workspace, outcomeId, actor: pmo, decision: 'approve', scores } });
    const [metric] = await deps.db.select().from(metrics).where(eq(metrics.outcomeId, outcomeId));
    await deliver(deps); // the approval flow's own messages, out of the way
    return { deps, wsId: ws.id, outcomeId, metricId: metric!.id };
  }

  async function deliver(deps: Deps) {
    for (let i = 0; i < 4; i++) {
      clock.advance(1_100);
      await drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock });
    }
  }

  /** Readings of the metric `daysAgo` days before now, from the API. */
  const readings = (metricId: string, values: [daysAgo: number, value: number][]) =>
    values.map(([daysAgo, value]) => ({ metricId, value, measuredAt: new Date(clock.now().getTime() - daysAgo * DAY), source: 'api' as const, externalId: `r-${clock.now().getTime()}-${daysAgo}` }));

  const alertRows = (deps: Deps) => deps.db.select().from(outbox).where(eq(outbox.kind, 'at_risk_alert'));

  /** What the platform received for an address, as text (Slack blocks, Feishu card content). */
  function posts(address: string): string[] {
    if (platform === 'feishu') return feishu.callsTo('POST /open-apis/im/v1/messages').filter((c) => (c.body as { receive_id?: string }).receive_id === address && c.status === 200).map((c) => String((c.body as { content: string }).content));
    return slack.callsTo('chat.postMessage').filter((c) => c.body.channel === address && (c.response as { ok?: boolean }).ok).map((c) => JSON.stringify(c.body.blocks));
  }
  const alertsTo = (address: string) => posts(address).filter((p) => p.includes('Metric at risk') || p.includes('指标有风险'));

  it('from a merged pull request on GitHub to the alert: the webhook readings put the metric at risk, owner and manager are told', async () => {
    const { deps, wsId, metricId } = await setup();
    // The metric is now "PRs merged per week", 0 → 10, fed by a GitHub source counting merged PRs per week.
    await deps.db.update(metrics).set({ name: 'PRs merged per week', unit: 'PRs', direction: 'increase', baseline: 0, target: 10 }).where(eq(metrics.id, metricId));
    const sourceId = crypto.randomUUID();
    const secret = 'github-webhook-secret-0123456789';
    await deps.db.insert(metricSources).values({ id: sourceId, workspaceId: wsId, metricId, kind: 'github', rule: { type: 'count_per_period', events: ['pr_merged'], period: 'week' }, secret: await sealSecret(deps.config.appSecret!, secret, sourceSecretContext(sourceId)) });
    const app = createApp(deps);
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const gh = fakeGithub({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/github/${sourceId}`, secret });
      expect((await gh.ping()).status).toBe(200);
      // One merged PR a week for three weeks: 1 a week against a target of 10.
      for (let week = 0; week < 3; week++) {
        const mergedAt = clock.now().toISOString();
        const sent = await gh.send('pull_request', gh.payloads.pullRequestClosed({ number: week + 1, createdAt: new Date(clock.now().getTime() - DAY).toISOString(), closedAt: mergedAt, merged: true }));
        expect(sent).toMatchObject({ status: 200, body: { stored: true, value: 1 } });
        if (week < 2) clock.advance(7 * DAY);
      }
    } finally {
      (server as unknown as Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const stored = await deps.db.select().from(metricReadings).where(eq(metricReadings.metricId, metricId));
    expect(stored.map((r) => [r.source, r.sourceId, r.value])).toEqual([['webhook', sourceId, 1], ['webhook', sourceId, 1], ['webhook', sourceId, 1]]);
    expect((await alertRows(deps)).map((r) => r.destination).sort()).toContain(a.owner);
    await deliver(deps);
    for (const who of [a.owner, a.manager]) {
      const alert = alertsTo(who).at(-1);
      expect(alert).toContain('PRs merged per week');
      expect(alert).toContain('(webhook)');
    }
  });

  it('readings that put the metric at risk queue one alert each for the owner and the manager, delivered with the formula and readings; at most one a week', async () => {
    const { deps, wsId, metricId } = await setup();
    // 45, 45.2, 44.9 over two weeks: flat; the review (2026-04-06) would see about 44.6 min, far from 28.
    await recordReadings(deps, wsId, readings(metricId, [[14, 45], [7, 45.2], [0, 44.9]]));
    expect((await alertRows(deps)).map((r) => r.destination).sort()).toEqual([a.manager, a.owner].sort());
    await deliver(deps);
    for (const who of [a.owner, a.manager]) {
      const [alert] = alertsTo(who);
      expect(alertsTo(who)).toHaveLength(1);
      expect(alert).toContain('Projection (Theil–Sen trend from 2026-02-02)');
      expect(alert).toContain('45 + -0.00714/day × 63 days = 44.55 min, against the target 28 min (baseline 45 min): 97.4% short, more than the workspace threshold of 15%');
      expect(alert).toContain('Readings used: 3 in all');
      expect(alert).toContain('2026-02-16: 44.9 min (API)');
      expect(alert).toContain('The trend is flat');
    }

    // Another at-risk reading three days later, the same week: nothing new.
    clock.advance(3 * DAY);
    await recordReadings(deps, wsId, readings(metricId, [[0, 44]]));
    expect(await alertRows(deps)).toHaveLength(2);

    // A week after the first alert, still at risk: one more each.
    clock.advance(5 * DAY);
    await recordReadings(deps, wsId, readings(metricId, [[0, 43.9]]));
    expect(await alertRows(deps)).toHaveLength(4);
    await deliver(deps);
    expect(alertsTo(a.owner)).toHaveLength(2);
    expect(alertsTo(a.manager)).toHaveLength(2);
    // Sending the same readings again stores nothing and queues nothing.
    const again = readings(metricId, [[0, 43.9]]);
    await recordReadings(deps, wsId, again);
    await recordReadings(deps, wsId, again);
    expect(await alertRows(deps)).toHaveLength(4);
  });

  it('an alert queued for a metric that recovers before it goes out is skipped', async () => {
    const { deps, wsId, metricId } = await setup();
    await recordReadings(deps, wsId, readings(metricId, [[14, 45], [7, 44.5], [0, 44]]));
    expect(await alertRows(deps)).toHaveLength(2);
    // Before the drainer runs, the target is reached.
    clock.advance(60_000);
    await recordReadings(deps, wsId, readings(metricId, [[0, 27]]));
    await deliver(deps);
    const rows = await alertRows(deps);
    expect(rows.map((r) => [r.status, r.result])).toEqual([
      ['sent', { skipped: 'the metric is no longer at risk' }],
      ['sent', { skipped: 'the metric is no longer at risk' }],
    ]);
    expect(alertsTo(a.owner)).toEqual([]);
    expect(alertsTo(a.manager)).toEqual([]);
  });

  it('an alert queued before the review was recorded is skipped', async () => {
    const { deps, wsId, outcomeId, metricId } = await setup();
    await recordReadings(deps, wsId, readings(metricId, [[14, 45], [7, 44.5], [0, 44]]));
    await deps.db.update(reviewSchedules).set({ status: 'done' }).where(eq(reviewSchedules.outcomeId, outcomeId));
    await deliver(deps);
    expect((await alertRows(deps)).map((r) => r.result)).toEqual([{ skipped: 'the review is already recorded' }, { skipped: 'the review is already recorded' }]);
  });

  it('the daily sweep alerts metrics whose readings were typed by hand, once a day per metric, and again a week later while still at risk', async () => {
    const { deps, wsId, metricId } = await setup('zh-CN');
    // Manual readings are not checked when stored.
    await insertReadings(deps.db, wsId, readings(metricId, [[21, 45], [14, 45.1], [10, 70], [7, 44.9], [3, 45], [0, 45]]).map((r) => ({ ...r, source: 'manual' as const, externalId: null })), clock.now());
    expect(await alertRows(deps)).toHaveLength(0);
    const log = () => undefined;
    // The scheduler runs the sweep (and delivers what it queued).
    expect((await runDueJobs(deps, clock.now())).atRiskAlerts).toBe(1);
    expect((await alertRows(deps)).map((r) => r.destination).sort()).toEqual([a.manager, a.owner].sort());
    await deliver(deps);
    // The same day: the metric was looked at already.
    clock.advance(3_600_000);
    expect(await sweepAtRisk(deps.db, clock.now(), log)).toBe(0);
    // Two days later: looked at again, but alerted less than a week ago.
    clock.advance(2 * DAY);
    expect(await sweepAtRisk(deps.db, clock.now(), log)).toBe(0);
    // A week on, no new reading, still at risk: alerted again.
    clock.advance(5 * DAY);
    const weekLater = clock.now();
    expect(await sweepAtRisk(deps.db, weekLater, log)).toBe(1);
    expect(await alertRows(deps)).toHaveLength(4);
    await deliver(deps);
    expect(alertsTo(a.owner)).toHaveLength(2);
    const alert = alertsTo(a.owner)[1];
    expect(alert).toContain('指标有风险');
    expect(alert).toContain('（来源：手动）');
    expect(alert).toContain('趋势平缓');
    // The wild reading is named as left out, not silently used.
    expect(alert).toContain('使用的读数：共 5 条');
    expect(alert).toMatch(/作为异常值排除：2026-02-\d\d：70 min（来源：手动）/);
    // Bounded: a limit of 0 looks at nothing.
    expect(await sweepAtRisk(deps.db, new Date(clock.now().getTime() + 30 * DAY), log, 0)).toBe(0);
    const [m] = await deps.db.select().from(metrics).where(and(eq(metrics.id, metricId), eq(metrics.workspaceId, wsId)));
    expect(m!.atRiskAlertedAt).toEqual(weekLater);
  });

  it.each(['en', 'zh-CN'] as const)('the approval card and the review card show the status and the projection at the review (%s)', async (locale) => {
    const { deps, wsId, outcomeId, metricId } = await setup(locale);
    await recordReadings(deps, wsId, readings(metricId, [[14, 45], [7, 45.2], [0, 44.9]]));
    const [schedule] = await deps.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, outcomeId));
    // The manager's approval card is re-rendered from current data; the owner's review card goes out.
    await deps.db.batch(
      insertNotifications(deps.db, wsId, platform, [
        { kind: 'card_decided', to: { personId: null, address: a.manager }, data: { outcomeId, round: 1, stage: 'manager' }, dedupeKey: `card_decided:${outcomeId}:1:manager:again` },
        { kind: 'review_due', to: { personId: null, address: a.owner }, data: { scheduleId: schedule!.id, outcomeId }, dedupeKey: `review_due:${schedule!.id}` },
      ], clock.now()) as never,
    );
    await deliver(deps);
    const line = locale === 'en' ? 'At risk: projected 44.55 min at the review (2026-04-06)' : '有风险：预计复盘时（2026-04-06）为 44.55 min';
    const approvalUpdates =
      platform === 'slack' ? slack.callsTo('chat.update').map((c) => JSON.stringify(c.body.blocks)) : feishu.calls.filter((c) => c.method === 'PATCH' && c.status === 200).map((c) => String((c.body as { content: string }).content));
    expect(approvalUpdates.at(-1)).toContain(line);
    // The review card shows it next to the target.
    const reviewCard = posts(a.owner).at(-1)!;
    expect(reviewCard).toMatch(locale === 'en' ? /target 28( min)? · _?At risk: projected 44\.55 min at the review \(2026-04-06\)/ : /目标 28( min)? · _?有风险：预计复盘时（2026-04-06）为 44\.55 min/);
  });
});
