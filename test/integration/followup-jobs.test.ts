import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { digests, outbox, outcomes, projects, reviewSchedules, surveyResponses, workspaces } from '../../src/db/schema/index.ts';
import type { Deps } from '../../src/deps.ts';
import { answerSurvey } from '../../src/domain/answer-survey.ts';
import { decideOutcome } from '../../src/domain/decide-outcome.ts';
import { composeDigest, type DigestData } from '../../src/domain/digest.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { summarizeNps } from '../../src/domain/nps.ts';
import type { PersonRef, WorkspaceContext } from '../../src/domain/ports.ts';
import { recordReview } from '../../src/domain/record-review.ts';
import { startSurvey } from '../../src/domain/start-survey.ts';
import { submitOutcome } from '../../src/domain/submit-outcome.ts';
import { runDueJobs } from '../../src/jobs/run-due-jobs.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.ts';
import { manualClock, testDeps } from '../helpers/db.ts';
import { createHttpTestSender } from '../helpers/http-test-sender.ts';
import { validDraft } from '../helpers/outcome-flow-contract.ts';

const scores = { impact: 4, difficulty: 3, innovation: 3 };

/** A workspace with an owner (reporting to a manager), a PMO reviewer and a project gone live. */
async function world(deps: Deps, { timeZone, goLive }: { timeZone: string; goLive: Date }) {
  const ws = await deps.repos.workspaces.ensure('slack', 'T0001');
  const settings = await deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: ['UPMO'], timeZone });
  const workspace: WorkspaceContext = { id: ws.id, platform: 'slack', settings };
  const p = deps.repos.people;
  const manager = await p.upsert(ws.id, { platformUserId: 'UMGR', name: 'Manager Ma' });
  const owner = await p.upsert(ws.id, { platformUserId: 'UOWNER', name: 'Owner Ou', timeZone });
  await p.setManager(ws.id, owner.id, manager.id, 'manual');
  const pmo = (await p.upsert(ws.id, { platformUserId: 'UPMO', name: 'PMO Pei' })) as PersonRef;
  const [project] = await deps.db.insert(projects).values({ workspaceId: ws.id, name: 'Clinic', goLiveAt: goLive }).returning();
  return { workspace, owner: { ...owner, managerId: manager.id }, manager, pmo, projectId: project!.id };
}

async function verifiedOutcome(deps: Deps, w: Awaited<ReturnType<typeof world>>) {
  const ctx = deps.verbs;
  const { outcomeId } = await submitOutcome({ ctx, input: { workspace: w.workspace, submitter: w.owner, reviewer: w.manager, draft: validDraft({ projectId: w.projectId, member: w.owner }) } });
  await decideOutcome({ ctx, input: { workspace: w.workspace, outcomeId, actor: w.manager, decision: 'approve', scores } });
  await decideOutcome({ ctx, input: { workspace: w.workspace, outcomeId, actor: w.pmo, decision: 'approve', scores } });
  return outcomeId;
}

const rowsOf = (deps: Deps, kind: string) => deps.db.select().from(outbox).where(eq(outbox.kind, kind));

/** Lets the per-person budget (one message a second) deliver what queued up. */
async function settle(deps: Deps, clock: ReturnType<typeof manualClock>) {
  for (let i = 0; i < 10; i++) {
    clock.advance(1_000);
    await runDueJobs(deps);
  }
}

describe('90-day reviews with reminders, escalation and shortfall alerts', () => {
  let slack: FakeSlack;
  const clock = manualClock(new Date('2026-03-01T00:00:00Z'));
  let t: Awaited<ReturnType<typeof testDeps>>;
  beforeAll(async () => {
    slack = await startFakeSlack({ now: () => clock.now().getTime() });
    slack.addUser({ id: 'UOWNER', name: 'owner' });
    slack.addUser({ id: 'UMGR', name: 'mgr' });
    slack.addUser({ id: 'UPMO', name: 'pmo' });
  });
  afterAll(() => slack.close());
  afterEach(() => t.close());

  it('runs the whole cycle in Asia/Shanghai: verify → due → remind → escalate → record → alert, each once', async () => {
    t = await testDeps({ clock, senders: { slack: createHttpTestSender(slack.url, 'xoxb-test') } });
    const { deps } = t;
    clock.set(new Date('2026-03-01T00:00:00Z'));
    const w = await world(deps, { timeZone: 'Asia/Shanghai', goLive: new Date('2026-01-05T02:00:00Z') });
    await verifiedOutcome(deps, w);
    const [schedule] = await deps.db.select().from(reviewSchedules);
    // 2026-01-05 + 90 days = Sunday 2026-04-05 → Monday 09:00 Shanghai.
    expect(schedule!.dueAt).toEqual(new Date('2026-04-06T01:00:00Z'));
    await runDueJobs(deps); // delivers the approval cards and notices of the flow

    clock.set(new Date('2026-04-06T00:59:00Z'));
    expect((await runDueJobs(deps)).reviewsDue).toBe(0);
    clock.set(new Date('2026-04-06T01:00:00Z'));
    expect((await runDueJobs(deps)).reviewsDue).toBe(1);
    expect(await runDueJobs(deps)).toMatchObject({ reviewsDue: 0, reviewReminders: 0 }); // cron firing twice
    await settle(deps, clock);
    expect((await rowsOf(deps, 'review_due')).map((r) => [r.destination, r.status])).toEqual([['UOWNER', 'sent']]);

    // The reminder: 3 days later at 09:00 Shanghai (Thursday); the platform answers 429 first.
    slack.injectNext('chat.postMessage', { status: 429, retryAfter: 20 });
    clock.set(new Date('2026-04-09T01:00:00Z'));
    expect((await runDueJobs(deps)).reviewReminders).toBe(1);
    expect((await rowsOf(deps, 'review_reminder'))[0]).toMatchObject({ status: 'pending', lastError: 'ratelimited' });
    clock.advance(20_000);
    await settle(deps, clock);
    expect((await rowsOf(deps, 'review_reminder')).map((r) => [r.destination, r.status])).toEqual([['UOWNER', 'sent']]);
    expect(slack.messages.filter((m) => m.text?.includes(schedule!.id) && m.channel.startsWith('D'))).toHaveLength(2); // due card + one reminder

    // A week after the due card: the manager is told; the review stays open.
    clock.set(new Date('2026-04-13T01:00:00Z'));
    expect((await runDueJobs(deps)).escalations).toBe(1);
    expect((await rowsOf(deps, 'review_escalation')).map((r) => r.destination)).toEqual(['UMGR']);
    expect((await deps.db.select().from(reviewSchedules))[0]!.status).toBe('notified');

    // The owner records 45 → 32 against a target of 28: 76 % of the change, 24 % short → alert.
    const [metricId] = (await deps.repos.reviews.get(w.workspace.id, schedule!.id))!.metrics.map((m) => m.id);
    const ctx = { clock, reviews: deps.repos.reviews, people: deps.repos.people, via: 'chat' as const };
    const { alerts } = await recordReview({ ctx, input: { workspace: w.workspace, scheduleId: schedule!.id, actor: w.owner, values: { [metricId!]: 32 }, comment: 'Triage helped; booking did not.' } });
    expect(alerts[0]).toMatchObject({ baseline: 45, target: 28, actual: 32 });
    expect((await rowsOf(deps, 'shortfall_alert')).map((r) => r.destination).sort()).toEqual(['UMGR', 'UOWNER', 'UPMO']);
    await expect(recordReview({ ctx, input: { workspace: w.workspace, scheduleId: schedule!.id, actor: w.owner, values: { [metricId!]: 30 } } })).rejects.toThrow(DomainError);
    expect(await runDueJobs(deps)).toMatchObject({ reviewsDue: 0, reviewReminders: 0, escalations: 0 });
    expect(await rowsOf(deps, 'shortfall_alert')).toHaveLength(3);
  });

  it('schedules in the owner’s zone across a DST change and moves weekend days to Monday (America/Los_Angeles)', async () => {
    t = await testDeps({ clock });
    const { deps } = t;
    clock.set(new Date('2026-03-01T00:00:00Z'));
    // Go-live Sunday 2026-01-04 (PST) + 90 days = Saturday 2026-04-04 (PDT) → Monday 09:00 PDT = 16:00Z.
    const w = await world(deps, { timeZone: 'America/Los_Angeles', goLive: new Date('2026-01-04T18:00:00Z') });
    await verifiedOutcome(deps, w);
    const [schedule] = await deps.db.select().from(reviewSchedules);
    expect(schedule!.dueAt).toEqual(new Date('2026-04-06T16:00:00Z'));
    clock.set(new Date('2026-04-06T16:00:00Z'));
    await runDueJobs(deps);
    const [after] = await deps.db.select().from(reviewSchedules);
    // Reminder Thursday 09:00 PDT; escalation the next Monday 09:00 PDT.
    expect(after).toMatchObject({ status: 'notified', remindAt: new Date('2026-04-09T16:00:00Z'), escalateAt: new Date('2026-04-13T16:00:00Z') });
  });
});

describe('the scheduler under bad data and at odd moments', () => {
  let t: Awaited<ReturnType<typeof testDeps>>;
  afterEach(() => t.close());

  it('skips a row it cannot handle, logs it, and still handles the rest and delivers', async () => {
    const clock = manualClock(new Date('2026-11-23T01:00:00Z'));
    t = await testDeps({ clock });
    const { deps } = t;
    const good = await world(deps, { timeZone: 'Asia/Shanghai', goLive: new Date('2026-06-01T00:00:00Z') });
    const badWs = await deps.repos.workspaces.ensure('slack', 'TBROKEN');
    // A stored zone that no longer parses, for the workspace and the owner alike.
    await deps.db.update(workspaces).set({ settings: { ...badWs.settings, timeZone: 'Mars/Base' } }).where(eq(workspaces.id, badWs.id));
    const badOwner = await deps.repos.people.upsert(badWs.id, { platformUserId: 'UBAD', timeZone: '' });
    const schedule = async (workspaceId: string, ownerId: string, dueAt: Date) => {
      const [o] = await deps.db.insert(outcomes).values({ workspaceId, title: 'x', status: 'verified', submitterId: ownerId, ownerId }).returning();
      return (await deps.db.insert(reviewSchedules).values({ workspaceId, outcomeId: o!.id, kind: 'first', dueAt }).returning())[0]!;
    };
    await schedule(badWs.id, badOwner.id, new Date('2026-11-20T01:00:00Z')); // first in line: older
    const fine = await schedule(good.workspace.id, good.owner.id, new Date('2026-11-21T01:00:00Z'));
    const report = await runDueJobs(deps);
    expect(report).toMatchObject({ reviewsDue: 1, failedJobs: 0 });
    expect((await deps.db.select().from(reviewSchedules).where(eq(reviewSchedules.id, fine.id)))[0]!.status).toBe('notified');
    expect((await runDueJobs(deps)).reviewsDue).toBe(0); // the bad row is skipped again, the good one stays done
  });

  it('plans reminders by calendar day: a due card sent at 09:00:30 on Monday is followed up on Thursday 09:00, not Friday', async () => {
    const clock = manualClock(new Date('2026-11-23T01:00:30Z'));
    t = await testDeps({ clock });
    const { deps } = t;
    const w = await world(deps, { timeZone: 'Asia/Shanghai', goLive: new Date('2026-06-01T00:00:00Z') });
    const [o] = await deps.db.insert(outcomes).values({ workspaceId: w.workspace.id, title: 'x', status: 'verified', submitterId: w.owner.id, ownerId: w.owner.id }).returning();
    await deps.db.insert(reviewSchedules).values({ workspaceId: w.workspace.id, outcomeId: o!.id, kind: 'first', dueAt: new Date('2026-11-23T01:00:00Z') });
    await runDueJobs(deps);
    expect((await deps.db.select().from(reviewSchedules))[0]).toMatchObject({ remindAt: new Date('2026-11-26T01:00:00Z'), escalateAt: new Date('2026-11-30T01:00:00Z') });
  });

  it('counts every overdue review in the digest and words improvements by their size', async () => {
    const clock = manualClock(new Date('2026-11-23T01:30:00Z'));
    t = await testDeps({ clock });
    const { deps } = t;
    const w = await world(deps, { timeZone: 'Asia/Shanghai', goLive: new Date('2026-06-01T00:00:00Z') });
    for (let i = 0; i < 7; i++) {
      const [o] = await deps.db.insert(outcomes).values({ workspaceId: w.workspace.id, title: `Late ${i}`, status: 'verified', submitterId: w.owner.id, ownerId: w.owner.id }).returning();
      await deps.db.insert(reviewSchedules).values({ workspaceId: w.workspace.id, outcomeId: o!.id, kind: 'first', status: 'notified', dueAt: new Date('2026-11-02T01:00:00Z'), notifiedAt: new Date('2026-11-02T01:00:00Z'), remindAt: new Date('2026-11-05T01:00:00Z') });
    }
    await runDueJobs(deps);
    const data = (await rowsOf(deps, 'digest'))[0]!.payload.digest as DigestData;
    expect(data.overdueCount).toBe(7);
    expect(data.overdue).toHaveLength(5);
    expect(composeDigest(data, 'en')).toContain('0 follow-up reviews are due in the next 7 days and 7 are overdue.');
  });
});

describe('NPS surveys through the scheduler', () => {
  let t: Awaited<ReturnType<typeof testDeps>>;
  afterEach(() => t.close());

  it('goes from start through answers, changed answers, one reminder, close and results', async () => {
    const clock = manualClock(new Date('2026-11-23T01:00:00Z')); // Monday 09:00 Shanghai
    t = await testDeps({ clock });
    const { deps } = t;
    const w = await world(deps, { timeZone: 'Asia/Shanghai', goLive: new Date('2026-06-01T00:00:00Z') });
    const ctx = { clock, surveys: deps.repos.surveys, people: deps.repos.people, newId: () => crypto.randomUUID() };
    const { surveyId } = await startSurvey({ ctx, input: { workspace: w.workspace, installedBy: null, actor: { ...w.pmo, isPlatformAdmin: false }, projectId: w.projectId, audience: ['UA', 'UB', 'UC'], closesAt: new Date('2026-11-30T10:00:00Z'), kind: 'follow_up' } });
    expect((await rowsOf(deps, 'survey_invite')).map((r) => r.destination).sort()).toEqual(['UA', 'UB', 'UC']);

    const answer = (respondent: string, score: number) => answerSurvey({ ctx, input: { workspace: w.workspace, surveyId, respondent, score } });
    await answer('UA', 10);
    await answer('UB', 3);
    await answer('UB', 8); // changed while open
    const scores = (await deps.db.select().from(surveyResponses)).map((r) => r.score as number).sort();
    expect(scores).toEqual([10, 8].sort());
    expect(summarizeNps(scores)).toMatchObject({ n: 2, hidden: true, nps: null });

    clock.set(new Date('2026-11-26T00:59:00Z'));
    expect((await runDueJobs(deps)).surveyReminders).toBe(0);
    clock.set(new Date('2026-11-26T01:00:00Z')); // Thursday 09:00 Shanghai
    expect((await runDueJobs(deps)).surveyReminders).toBe(1);
    expect((await runDueJobs(deps)).surveyReminders).toBe(0);
    expect((await rowsOf(deps, 'survey_reminder')).map((r) => r.destination)).toEqual(['UC']);

    clock.set(new Date('2026-11-30T10:00:00Z'));
    expect((await runDueJobs(deps)).surveysClosed).toBe(1);
    expect((await runDueJobs(deps)).surveysClosed).toBe(0);
    expect((await rowsOf(deps, 'survey_results')).map((r) => r.destination).sort()).toEqual(['UPMO']);
    await expect(answer('UC', 9)).rejects.toMatchObject({ code: 'closed' });
  });

  it('keeps a respondent’s comment on libsql when a later click changes only the score', async () => {
    const clock = manualClock(new Date('2026-11-23T01:00:00Z'));
    t = await testDeps({ clock });
    const { deps } = t;
    const w = await world(deps, { timeZone: 'Asia/Shanghai', goLive: new Date('2026-06-01T00:00:00Z') });
    const ctx = { clock, surveys: deps.repos.surveys, people: deps.repos.people, newId: () => crypto.randomUUID() };
    const { surveyId } = await startSurvey({ ctx, input: { workspace: w.workspace, installedBy: null, actor: { ...w.pmo, isPlatformAdmin: false }, projectId: w.projectId, audience: ['UA'], closesAt: new Date('2026-11-30T10:00:00Z'), kind: 'follow_up' } });
    await answerSurvey({ ctx, input: { workspace: w.workspace, surveyId, respondent: 'UA', score: 6, comment: 'Still slow at noon' } });
    await answerSurvey({ ctx, input: { workspace: w.workspace, surveyId, respondent: 'UA', score: 7 } });
    expect(await deps.db.select({ score: surveyResponses.score, comment: surveyResponses.comment }).from(surveyResponses)).toEqual([{ score: 7, comment: 'Still slow at noon' }]);
  });

  it('keeps the scheduler going when there is nobody left to remind or to tell', async () => {
    const clock = manualClock(new Date('2026-11-23T01:00:00Z'));
    t = await testDeps({ clock });
    const { deps } = t;
    const w = await world(deps, { timeZone: 'Asia/Shanghai', goLive: new Date('2026-06-01T00:00:00Z') });
    const ctx = { clock, surveys: deps.repos.surveys, people: deps.repos.people, newId: () => crypto.randomUUID() };
    const { surveyId } = await startSurvey({ ctx, input: { workspace: w.workspace, installedBy: null, actor: { ...w.pmo, isPlatformAdmin: false }, projectId: w.projectId, audience: ['UA'], closesAt: new Date('2026-11-30T10:00:00Z'), kind: 'baseline' } });
    await answerSurvey({ ctx, input: { workspace: w.workspace, surveyId, respondent: 'UA', score: 9 } });
    // An owner with no manager, in a workspace whose PMO list is now empty: the escalation has no one to go to.
    const owner = await deps.repos.people.upsert(w.workspace.id, { platformUserId: 'ULONE' });
    const [o] = await deps.db.insert(outcomes).values({ workspaceId: w.workspace.id, title: 'Lone', status: 'verified', submitterId: owner.id, ownerId: owner.id }).returning();
    await deps.db.insert(reviewSchedules).values({ workspaceId: w.workspace.id, outcomeId: o!.id, kind: 'first', dueAt: clock.now() });
    await deps.repos.workspaces.updateSettings(w.workspace.id, { pmoReviewers: [] });

    clock.set(new Date('2026-11-26T01:00:00Z')); // reminder time: everyone has answered
    expect(await runDueJobs(deps)).toMatchObject({ surveyReminders: 1 });
    expect(await rowsOf(deps, 'survey_reminder')).toHaveLength(0);
    clock.set(new Date('2026-12-03T01:00:00Z')); // a week after the due card: escalation time (and the survey has closed)
    expect(await runDueJobs(deps)).toMatchObject({ escalations: 1, surveysClosed: 1 });
    expect(await rowsOf(deps, 'review_escalation')).toHaveLength(0);
    expect(await runDueJobs(deps)).toMatchObject({ surveyReminders: 0, escalations: 0, surveysClosed: 0 });
  });
});

describe('the weekly digest', () => {
  let t: Awaited<ReturnType<typeof testDeps>>;
  afterEach(() => t.close());

  it('goes to the PMO once, on Monday from 09:00 in the workspace zone, with the week in sentences', async () => {
    const clock = manualClock(new Date('2026-11-12T02:00:00Z'));
    t = await testDeps({ clock });
    const { deps } = t;
    const w = await world(deps, { timeZone: 'Asia/Shanghai', goLive: new Date('2026-06-01T00:00:00Z') });
    await verifiedOutcome(deps, w); // the week before the one the digest covers
    clock.set(new Date('2026-11-19T02:00:00Z'));
    await submitOutcome({ ctx: deps.verbs, input: { workspace: w.workspace, submitter: w.owner, reviewer: w.manager, draft: validDraft({ projectId: w.projectId, member: w.owner }, { title: 'Faster lab results' }) } });

    clock.set(new Date('2026-11-23T00:59:00Z')); // Monday 08:59 Shanghai
    expect((await runDueJobs(deps)).digests).toBe(0);
    clock.set(new Date('2026-11-23T01:00:00Z'));
    expect((await runDueJobs(deps)).digests).toBe(1);
    expect((await runDueJobs(deps)).digests).toBe(0);
    clock.set(new Date('2026-11-24T05:00:00Z'));
    expect((await runDueJobs(deps)).digests).toBe(0);
    expect(await deps.db.select().from(digests)).toHaveLength(1);

    const [row] = await rowsOf(deps, 'digest');
    expect(row!.destination).toBe('UPMO');
    const data = row!.payload.digest as DigestData;
    expect(data).toMatchObject({ week: '2026-11-16', submitted: 1, verified: 0, waiting: [{ title: 'Faster lab results', who: 'Manager Ma', days: 3 }] });
    expect(composeDigest(data, 'en')).toContain('“Faster lab results” has been waiting 3 days for Manager Ma.');
  });

  it('says so in one line for an empty week', async () => {
    const clock = manualClock(new Date('2026-11-23T01:30:00Z'));
    t = await testDeps({ clock });
    const { deps } = t;
    await world(deps, { timeZone: 'Asia/Shanghai', goLive: new Date('2026-06-01T00:00:00Z') });
    await runDueJobs(deps);
    const [row] = await deps.db.select().from(outbox).where(and(eq(outbox.kind, 'digest')));
    expect(composeDigest(row!.payload.digest as DigestData, 'zh-CN')).toEqual(['成果周报（2026-11-16 当周）', '本周无事发生：没有新提交、审批或到期的复盘。']);
  });
});
