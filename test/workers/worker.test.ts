import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { d1Db } from '../../src/db/d1.ts';
import { createOutboxStore } from '../../src/db/repos/outbox-store.ts';
import { createWorkspaceRepo } from '../../src/db/repos/workspace-repo.ts';
import { outbox, outcomes, people, projects, reviewSchedules } from '../../src/db/schema/index.ts';
import { createPeopleRepo } from '../../src/db/repos/people-repo.ts';
import { createSurveyRepo } from '../../src/db/repos/survey-repo.ts';
import { startSurvey } from '../../src/domain/start-survey.ts';
import worker from '../../src/entry/worker.ts';
import { eq } from 'drizzle-orm';
import './preload-platforms.ts';

describe('the Worker inside workerd', () => {
  it('answers /healthz with the D1 database reachable', async () => {
    const res = await exports.default.fetch('http://outcome.test/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', runtime: 'workers', database: { reachable: true }, platforms: { slack: true, feishu: true } });
  });

  it('reaches the fake platforms over HTTP (they stand in for Slack and Feishu)', async () => {
    const res = await fetch(`${env.SLACK_API_URL}auth.test`, { method: 'POST', headers: { authorization: `Bearer ${env.SLACK_BOT_TOKEN}` } });
    expect(await res.json()).toMatchObject({ ok: true });
    const calls = (await (await fetch(`${env.FAKE_CONTROL_URL}/slack/calls`)).json()) as { method: string }[];
    expect(calls.some((c) => c.method === 'auth.test')).toBe(true);
  });

  it('round-trips a workspace and an outbox row through the repositories on D1', async () => {
    const db = d1Db(env.DB);
    const workspaces = createWorkspaceRepo(db, { timeZone: 'Asia/Shanghai', locale: 'zh-CN' });
    const ws = await workspaces.ensure('feishu', 'tenant-d1');
    expect(ws.settings.reviewOffsetDays).toBe(90);
    expect((await workspaces.ensure('feishu', 'tenant-d1')).id).toBe(ws.id);
    await db.batch([
      db.insert(outbox).values({ workspaceId: ws.id, platform: 'nowhere', kind: 'post', destination: 'U1', payload: { n: 1 }, dedupeKey: 'k1', nextAttemptAt: new Date(0) }),
      db.insert(outbox).values({ workspaceId: ws.id, platform: 'nowhere', kind: 'post', destination: 'U1', payload: { n: 1 }, dedupeKey: 'k1', nextAttemptAt: new Date(0) }).onConflictDoNothing(),
    ]);
    const store = createOutboxStore(db);
    const due = await store.due({ now: new Date(), limit: 10, perDestination: 10 });
    const claimed = await store.lease({ ids: due.map((r) => r.id), now: new Date(), leaseMs: 1000, token: 't' });
    expect(claimed.map((r) => r.dedupeKey)).toEqual(['k1']);
  });

  it('runs the scheduled jobs from the cron handler', async () => {
    const db = d1Db(env.DB);
    const ws = await createWorkspaceRepo(db, { timeZone: 'UTC', locale: 'en' }).ensure('slack', 'T-cron');
    const [row] = await db
      .insert(outbox)
      .values({ workspaceId: ws.id, platform: 'nowhere', kind: 'post', destination: 'C1', payload: {}, nextAttemptAt: new Date(0) })
      .returning();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '* * * * *' }), { ...env }, ctx);
    await waitOnExecutionContext(ctx);
    const [after] = await db.select().from(outbox).where(eq(outbox.id, row!.id));
    // No sender exists for this platform: the job attempted it and scheduled a retry with the error kept.
    expect(after).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('no sender') });
    expect(after!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('notifies a due 90-day review from the cron handler, once even when cron fires twice', async () => {
    const db = d1Db(env.DB);
    const ws = await createWorkspaceRepo(db, { timeZone: 'Asia/Shanghai', locale: 'zh-CN' }).ensure('slack', 'T-review');
    const [owner] = await db.insert(people).values({ workspaceId: ws.id, platformUserId: 'UOWNERW', name: 'Owner' }).returning();
    const [outcome] = await db.insert(outcomes).values({ workspaceId: ws.id, title: 'Due review', status: 'verified', submitterId: owner!.id, ownerId: owner!.id }).returning();
    const [schedule] = await db.insert(reviewSchedules).values({ workspaceId: ws.id, outcomeId: outcome!.id, kind: 'first', dueAt: new Date(Date.now() - 60_000) }).returning();
    for (let i = 0; i < 2; i++) {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '* * * * *' }), { ...env }, ctx);
      await waitOnExecutionContext(ctx);
    }
    const [after] = await db.select().from(reviewSchedules).where(eq(reviewSchedules.id, schedule!.id));
    expect(after).toMatchObject({ status: 'notified' });
    const due = await db.select().from(outbox).where(eq(outbox.kind, 'review_due'));
    expect(due.map((r) => [r.destination, r.dedupeKey])).toEqual([['UOWNERW', `review_due:${schedule!.id}`]]);
  });

  it('writes notifications for many recipients on D1 (at most 100 bound parameters per statement)', async () => {
    const db = d1Db(env.DB);
    const ws = await createWorkspaceRepo(db, { timeZone: 'Asia/Shanghai', locale: 'zh-CN' }).ensure('feishu', 'tenant-many');
    const people = createPeopleRepo(db);
    const [pmo] = await people.ensure(ws.id, [{ platformUserId: 'ou_pmo_many' }]);
    const [project] = await db.insert(projects).values({ workspaceId: ws.id, name: 'Many' }).returning();
    const audience = Array.from({ length: 30 }, (_, i) => `ou_many_${i}`);
    const ctx = { clock: { now: () => new Date() }, surveys: createSurveyRepo(db), people, newId: () => crypto.randomUUID() };
    const { invited } = await startSurvey({
      ctx,
      input: { workspace: { id: ws.id, platform: 'feishu', settings: { ...ws.settings, pmoReviewers: ['ou_pmo_many'] } }, installedBy: null, actor: { id: pmo!.id, address: 'ou_pmo_many', isPlatformAdmin: false }, projectId: project!.id, audience, closesAt: new Date(Date.now() + 86_400_000), kind: 'baseline' },
    });
    expect(invited).toBe(30);
    expect(await db.select().from(outbox).where(eq(outbox.kind, 'survey_invite'))).toHaveLength(30);
    expect(await people.ensure(ws.id, audience.concat(Array.from({ length: 90 }, (_, i) => `ou_more_${i}`)).map((platformUserId) => ({ platformUserId })))).toHaveLength(120);
  });
});
