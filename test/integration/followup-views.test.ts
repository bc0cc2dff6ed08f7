import { afterEach, describe, expect, it } from 'vitest';
import { projects, reviewSchedules, surveyResponses, surveys } from '../../src/db/schema/index.ts';
import { submitOutcome } from '../../src/domain/submit-outcome.ts';
import { loadReviewDueView, loadSurveyResults, loadSurveyView } from '../../src/views/followup-view.ts';
import { testDeps } from '../helpers/db.ts';
import { validDraft } from '../helpers/outcome-flow-contract.ts';

describe('follow-up view models', () => {
  let t: Awaited<ReturnType<typeof testDeps>>;
  afterEach(() => t.close());

  it('show a survey in the reader’s language with their answer, and results hidden below 3 answers', async () => {
    t = await testDeps();
    const { db, repos } = t.deps;
    const ws = await repos.workspaces.ensure('feishu', 'tenant');
    const pmo = await repos.people.upsert(ws.id, { platformUserId: 'ou_pmo' });
    const [project] = await db.insert(projects).values({ workspaceId: ws.id, name: '门诊', goLiveAt: new Date('2026-06-01') }).returning();
    const base = { workspaceId: ws.id, projectId: project!.id, question: '', audience: ['ou_a', 'ou_b', 'ou_c'], startedBy: pmo.id, closesAt: new Date('2026-11-30T10:00:00Z') };
    const [baseline] = await db.insert(surveys).values({ ...base, kind: 'baseline', status: 'closed', closedAt: new Date('2026-05-20') }).returning();
    const [follow] = await db.insert(surveys).values({ ...base, kind: 'follow_up' }).returning();
    const answer = (surveyId: string, respondentId: string, score: number) => db.insert(surveyResponses).values({ workspaceId: ws.id, surveyId, respondentId, score, answeredAt: new Date() });
    await Promise.all([answer(baseline!.id, 'ou_a', 9), answer(baseline!.id, 'ou_b', 3), answer(baseline!.id, 'ou_c', 10)]);
    await answer(follow!.id, 'ou_a', 8);

    const reader = { locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai', publicUrl: 'https://o.test' };
    expect(await loadSurveyView(db, ws.id, follow!.id, 'ou_a', reader)).toMatchObject({ question: '你有多大可能向同事推荐 门诊？', myScore: 8, status: 'open', closesText: '2026-11-30 18:00' });
    expect(await loadSurveyView(db, 'other-workspace', follow!.id, 'ou_a', reader)).toBeNull();
    const results = await loadSurveyResults(db, ws.id, follow!.id, { ...reader, locale: 'en' });
    expect(results?.summary).toMatchObject({ n: 1, hidden: true, nps: null, distribution: null });
    expect(results?.comparison.baseline).toMatchObject({ n: 3, hidden: false, nps: 33, promoters: 2, detractors: 1 });
    expect(results?.comparison.followUp).toBeNull();
  });

  it('show a due review with its metrics, baseline and target', async () => {
    t = await testDeps();
    const { deps } = t;
    const ws = await deps.repos.workspaces.ensure('slack', 'T1');
    const [member, manager] = await Promise.all(['UM', 'UMGR'].map((u) => deps.repos.people.upsert(ws.id, { platformUserId: u, name: u })));
    const [project] = await deps.db.insert(projects).values({ workspaceId: ws.id, name: 'Clinic' }).returning();
    const workspace = { id: ws.id, platform: 'slack' as const, settings: ws.settings };
    const { outcomeId } = await submitOutcome({ ctx: deps.verbs, input: { workspace, submitter: member!, reviewer: manager!, draft: validDraft({ projectId: project!.id, member: member! }) } });
    const [s] = await deps.db.insert(reviewSchedules).values({ workspaceId: ws.id, outcomeId, kind: 'first', dueAt: new Date('2026-04-06T01:00:00Z') }).returning();
    const view = await loadReviewDueView(deps.db, ws.id, s!.id, { locale: 'en', timeZone: 'Asia/Shanghai', publicUrl: 'https://o.test' }, deps.clock.now());
    expect(view).toMatchObject({ title: 'Shorter clinic waiting time', dueText: '2026-04-06', owner: { address: 'UM' }, metrics: [{ name: 'Waiting time', baseline: 45, target: 28, actual: null }], url: `https://o.test/app/outcomes/${outcomeId}` });
  });
});
