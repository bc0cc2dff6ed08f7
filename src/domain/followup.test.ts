import { describe, expect, it } from 'vitest';
import { answerSurvey } from './answer-survey.ts';
import { composeDigest, type DigestData } from './digest.ts';
import { DomainError } from './errors.ts';
import { InMemoryPeopleDirectory, InMemoryReviewRepo, InMemorySurveyRepo } from './in-memory.ts';
import { recordReview } from './record-review.ts';
import { defaultSettings } from './settings.ts';
import { startSurvey } from './start-survey.ts';

const now = new Date('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai
const clock = { now: () => now };
const workspace = { id: 'w1', platform: 'feishu' as const, settings: { ...defaultSettings('Asia/Shanghai', 'zh-CN'), pmoReviewers: ['ou_pmo'] } };
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof DomainError ? e.code : Promise.reject(e)));

describe('NPS surveys', () => {
  const setup = () => {
    const surveys = new InMemorySurveyRepo();
    surveys.projects.add('p1');
    const people = new InMemoryPeopleDirectory();
    const ctx = { clock, surveys, people, newId: () => 's1' };
    const start = (actor: { id: string; address: string; isPlatformAdmin: boolean }, over: Partial<Parameters<typeof startSurvey>[0]['input']> = {}) =>
      startSurvey({ ctx, input: { workspace, installedBy: null, actor, projectId: 'p1', audience: ['ou_a', 'ou_b', 'ou_a'], closesAt: new Date(now.getTime() + 7 * 86_400_000), kind: 'baseline', ...over } });
    return { surveys, ctx, start };
  };
  const pmo = { id: 'pmo', address: 'ou_pmo', isPlatformAdmin: false };

  it('lets the PMO start one, inviting each person once and planning the reminder for a working morning', async () => {
    const { surveys, start } = setup();
    expect(await start(pmo)).toEqual({ surveyId: 's1', invited: 2 });
    expect(surveys.notifications.map((n) => [n.kind, n.to.address])).toEqual([
      ['survey_invite', 'ou_a'],
      ['survey_invite', 'ou_b'],
    ]);
    // Created Monday 09:00 → reminder 3 days later, Thursday 09:00 Shanghai.
    expect(surveys.surveys.get('s1')!.remindAt).toEqual(new Date('2026-11-26T01:00:00Z'));
  });

  it('refuses members who are neither PMO nor admin, and bad input, writing nothing', async () => {
    const { surveys, start } = setup();
    expect(await codeOf(start({ id: 'm', address: 'ou_m', isPlatformAdmin: false }))).toBe('forbidden');
    const err = await start(pmo, { audience: [], closesAt: new Date(now.getTime() - 1), projectId: 'nope' }).catch((e: DomainError) => e);
    expect((err as DomainError).fields.map((f) => f.field).sort()).toEqual(['audience', 'closesAt', 'projectId']);
    expect(surveys.surveys.size).toBe(0);
  });

  it('keeps a comment when a later click changes only the score, and clears it when asked', async () => {
    const { surveys, ctx, start } = setup();
    await start(pmo);
    const answer = (score: number, comment?: string | null) => answerSurvey({ ctx, input: { workspace, surveyId: 's1', respondent: 'ou_a', score, comment } });
    await answer(9, 'Queues are shorter');
    await answer(10);
    expect(surveys.answers.get('s1:ou_a')).toMatchObject({ score: 10, comment: 'Queues are shorter' });
    await answer(10, '  ');
    expect(surveys.answers.get('s1:ou_a')?.comment).toBeNull();
  });

  it('refuses an outcome of another project', async () => {
    const { surveys, start } = setup();
    surveys.outcomeProjects.set('o-other', 'p2');
    surveys.outcomeProjects.set('o-mine', 'p1');
    const err = (await start(pmo, { outcomeId: 'o-other' }).catch((e: unknown) => e)) as DomainError;
    expect(err.fields).toEqual([{ field: 'outcomeId', key: 'survey.outcome_not_in_project' }]);
    expect(surveys.surveys.size).toBe(0);
    expect(await start(pmo, { outcomeId: 'o-mine' })).toMatchObject({ invited: 2 });
  });

  it('takes one answer per person, lets them change it while open, and refuses after closing', async () => {
    const { surveys, ctx, start } = setup();
    await start(pmo);
    const answer = (respondent: string, score: number, at = now) => answerSurvey({ ctx: { ...ctx, clock: { now: () => at } }, input: { workspace, surveyId: 's1', respondent, score } });
    expect(await answer('ou_a', 9)).toEqual({ result: 'created', bucket: 'promoter' });
    expect(await answer('ou_a', 6)).toEqual({ result: 'changed', bucket: 'detractor' });
    expect(surveys.answers.get('s1:ou_a')?.score).toBe(6);
    expect(await codeOf(answer('ou_stranger', 9))).toBe('forbidden');
    expect(await codeOf(answer('ou_b', 11))).toBe('validation_failed');
    expect(await codeOf(answer('ou_b', 8, new Date(now.getTime() + 8 * 86_400_000)))).toBe('closed');
  });
});

describe('recording a 90-day review', () => {
  const setup = () => {
    const reviews = new InMemoryReviewRepo();
    const people = new InMemoryPeopleDirectory();
    const owner = people.add('w1', { id: 'owner', address: 'ou_owner', timeZone: null, locale: null, managerId: 'mgr' });
    people.add('w1', { id: 'mgr', address: 'ou_mgr', timeZone: null, locale: null });
    people.add('w1', { id: 'pmo', address: 'ou_pmo', timeZone: null, locale: null });
    reviews.reviews.set('r1', { workspaceId: 'w1', scheduleId: 'r1', kind: 'first', status: 'notified', outcomeId: 'o1', outcomeTitle: 'Shorter waits', ownerId: 'owner', metrics: [{ id: 'm1', name: 'Waiting time', unit: 'min', direction: 'decrease', baseline: 45, target: 28 }] });
    const record = (actor = owner, values: Record<string, number | null> = { m1: 32 }) => recordReview({ ctx: { clock, reviews, people }, input: { workspace, scheduleId: 'r1', actor, values, evidenceUrl: 'https://example.com/q1' } });
    return { reviews, record, owner };
  };

  it('raises a shortfall alert to owner, manager and PMO with the numbers when short by more than 15 %', async () => {
    const { reviews, record } = setup();
    const { alerts } = await record();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.progress).toBeCloseTo(13 / 17, 6);
    expect(alerts[0]!.shortfall).toBeCloseTo(4 / 17, 6);
    const notes = reviews.results[0]!.notifications;
    expect(notes.filter((n) => n.kind === 'shortfall_alert').map((n) => n.to.address)).toEqual(['ou_owner', 'ou_mgr', 'ou_pmo']);
    expect(reviews.results[0]!.readings).toEqual([{ metricId: 'm1', value: 32 }]);
  });

  it('raises no alert when the target is (nearly) reached', async () => {
    const { reviews, record, owner } = setup();
    expect((await record(owner, { m1: 30 })).alerts).toEqual([]); // 15/17 = 88 %: 12 % short
    // The receipt, and the owner is asked for lessons (复盘); no alert.
    expect(reviews.results[0]!.notifications.map((n) => n.kind)).toEqual(['review_recorded', 'lessons_prompt']);
  });

  it('needs the owner, a value for every metric, and records once', async () => {
    const { record, owner } = setup();
    expect(await codeOf(record({ ...owner, id: 'someone-else' }))).toBe('forbidden');
    expect(await codeOf(record(owner, { m1: null }))).toBe('validation_failed');
    await record();
    expect(await codeOf(record())).toBe('closed');
  });
});

describe('weekly digest text', () => {
  const busy: DigestData = {
    week: '2026-11-23',
    submitted: 4,
    verified: 2,
    sentBack: 1,
    rejected: 0,
    waiting: [{ title: 'New triage', who: 'Li Lei', days: 5 }, { title: 'Self-service kiosks', who: null, days: 4 }],
    reviewsDue: 3,
    overdueCount: 4,
    overdue: [{ title: 'Paperless billing', owner: 'Han Meimei', days: 6 }],
    improvements: [{ title: 'Shorter waits', metric: 'Waiting time', changePct: -0.289 }],
    nps: [{ project: 'Clinic', before: 12, after: 35, n: 40 }],
  };

  it('reads as plain English sentences', () => {
    expect(composeDigest(busy, 'en')).toEqual([
      'Weekly outcome digest, week of 2026-11-23',
      'This week 4 outcomes were submitted, 2 verified, 1 sent back for changes and 0 rejected.',
      '“New triage” has been waiting 5 days for Li Lei.',
      '“Self-service kiosks” has been waiting 4 days for the PMO.',
      '3 follow-up reviews are due in the next 7 days and 4 are overdue.',
      '“Paperless billing” (owner Han Meimei) is 6 days overdue.',
      '“Shorter waits”: Waiting time improved by 28.9%.',
      'Clinic: NPS moved from 12 to 35 (n = 40).',
    ]);
  });

  it('reads as plain Chinese sentences', () => {
    expect(composeDigest(busy, 'zh-CN').slice(0, 3)).toEqual([
      '成果周报（2026-11-23 当周）',
      '本周共提交 4 项成果，核验通过 2 项，退回修改 1 项，驳回 0 项。',
      '“New triage”已等待 Li Lei 审批 5 天。',
    ]);
  });

  it('says an empty week in one line', () => {
    const empty: DigestData = { week: '2026-11-23', submitted: 0, verified: 0, sentBack: 0, rejected: 0, waiting: [], reviewsDue: 0, overdueCount: 0, overdue: [], improvements: [], nps: [] };
    expect(composeDigest(empty, 'en')).toEqual(['Weekly outcome digest, week of 2026-11-23', 'A quiet week: nothing was submitted, decided or due.']);
    expect(composeDigest(empty, 'zh-CN')[1]).toBe('本周无事发生：没有新提交、审批或到期的复盘。');
  });
});
