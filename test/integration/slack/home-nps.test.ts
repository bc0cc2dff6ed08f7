import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metricReadings, metrics, outcomes, people, projects, surveyResponses, surveys } from '../../../src/db/schema/index.ts';
import type { SlackViewRecord } from '../../fakes/fake-slack.ts';
import { pmoWorkspace } from './followup-steps.ts';
import { fixture, startSlackHarness, USERS, type Harness } from './harness.ts';
import { stateOf, submission, validForm } from './payloads.ts';

let h: Harness;
let workspaceId: string;
const DAY = 86_400_000;

beforeEach(async () => {
  h = await startSlackHarness();
  ({ workspaceId } = await pmoWorkspace(h));
});
afterEach(() => h.close());

let homeEvents = 0;
/** `user` opens the App Home tab; the text of every block Slack received (views.publish, validated by the fake). */
async function openHome(user: string): Promise<string> {
  await h.event({ ...fixture('app-home-opened.json'), user }, `EvNPS${++homeEvents}`);
  return JSON.stringify(h.fake.homeViews.get(user)?.blocks ?? []);
}

/** The member records an outcome of "Clinic triage" through the real modal. */
async function memberSubmits() {
  await h.command('');
  const view = (h.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;
  await h.interact(submission(view, stateOf(validForm())));
}

/** A survey of `projectName` with these answers, closed `daysAgo` days ago (open when null). */
async function survey(projectName: string, p: { kind: 'baseline' | 'follow_up'; scores: number[]; daysAgo: number | null; audience?: string[] }) {
  const [project] = await h.db.insert(projects).values({ workspaceId, name: projectName }).onConflictDoUpdate({ target: [projects.workspaceId, projects.name], set: { name: projectName } }).returning();
  const [starter] = await h.deps.repos.people.ensure(workspaceId, [{ platformUserId: USERS.pmo.id }]);
  const now = h.clock.now().getTime();
  const closedAt = p.daysAgo === null ? null : new Date(now - p.daysAgo * DAY);
  const [s] = await h.db
    .insert(surveys)
    .values({ workspaceId, projectId: project!.id, question: '', kind: p.kind, audience: p.audience ?? [], startedBy: starter!.id, status: closedAt ? 'closed' : 'open', closesAt: closedAt ?? new Date(now + DAY), closedAt, createdAt: new Date(now - 30 * DAY) })
    .returning();
  if (p.scores.length) await h.db.insert(surveyResponses).values(p.scores.map((score, i) => ({ workspaceId, surveyId: s!.id, respondentId: `UANSWER${i}`, score, answeredAt: new Date(now - 40 * DAY) })));
}

describe('App Home: latest NPS', () => {
  it('shows each person the newest closed survey of a project they are involved in, the PMO the workspace’s', async () => {
    await memberSubmits();
    // The member's project: a closed follow-up (5 answers) and a newer survey still open.
    await survey('Clinic triage', { kind: 'follow_up', scores: [10, 10, 9, 7, 3], daysAgo: 5 });
    await survey('Clinic triage', { kind: 'baseline', scores: [10, 10, 10], daysAgo: null });
    // A project the member has nothing to do with; the manager was asked. Newest of all, 2 answers.
    await survey('Billing', { kind: 'baseline', scores: [9, 4], daysAgo: 1, audience: [USERS.manager.id] });

    const member = await openHome(USERS.member.id);
    expect(member).toContain('*Latest NPS*\\nClinic triage · Follow-up (after go-live) · 5 answers\\nNPS *40* (95% interval');
    expect(member).not.toContain('Billing');

    // In their audience, in Chinese: two answers are too few, so the score stays hidden.
    const manager = await openHome(USERS.manager.id);
    expect(manager).toContain('*最新 NPS*\\nBilling · 基线调查（上线前） · 2 份回答\\n为保护匿名，回复满 3 份后才显示结果。');
    expect(manager).not.toContain('NPS *');

    const pmo = await openHome(USERS.pmo.id);
    expect(pmo).toContain('Billing · Baseline (before go-live) · 2 answers');
    expect(pmo).toContain('Results are hidden until at least 3 people have answered');

    // Someone involved in no project sees no NPS section at all.
    expect(await openHome(USERS.stranger.id)).not.toContain('Latest NPS');
  });

  it('adds no NPS section while no survey has closed', async () => {
    await memberSubmits();
    await survey('Clinic triage', { kind: 'follow_up', scores: [10, 9, 8], daysAgo: null, audience: [USERS.member.id] });
    expect(await openHome(USERS.member.id)).not.toContain('Latest NPS');
    expect(await openHome(USERS.pmo.id)).not.toContain('Latest NPS');
  });
});

// Issue 10: each metric of my outcomes with its forecast status and projection at the review.
describe('App Home: forecast status', () => {
  it('shows each metric of my outcomes with its status and projection at the review, in my language', async () => {
    await memberSubmits();
    const [metric] = await h.db.select({ id: metrics.id, name: metrics.name, unit: metrics.unit, outcomeId: metrics.outcomeId }).from(metrics).where(eq(metrics.workspaceId, workspaceId));
    // Flat readings over the last three weeks, the review 60 days out: far from the target.
    const now = h.clock.now().getTime();
    await h.db.update(outcomes).set({ dueAt: new Date(now + 60 * DAY) }).where(eq(outcomes.id, metric!.outcomeId));
    const [base] = await h.db.select({ baseline: metrics.baseline }).from(metrics).where(eq(metrics.id, metric!.id));
    await h.db.insert(metricReadings).values([21, 14, 7, 0].map((d) => ({ workspaceId, metricId: metric!.id, value: base!.baseline, measuredAt: new Date(now - d * DAY), source: 'api' as const })));

    const en = await openHome(USERS.member.id);
    expect(en).toMatch(new RegExp(`${metric!.name}: At risk: projected [\\d.,]+ ${metric!.unit} at the review \\(\\d{4}-\\d{2}-\\d{2}\\)`));

    await h.db.update(people).set({ locale: 'zh-CN' }).where(eq(people.platformUserId, USERS.member.id));
    const zh = await openHome(USERS.member.id);
    expect(zh).toMatch(new RegExp(`${metric!.name}: 有风险：预计复盘时（\\d{4}-\\d{2}-\\d{2}）为 [\\d.,]+ ${metric!.unit}`));
  });
});
