import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyResponses, surveys } from '../../../src/db/schema/index.ts';
import { NOW, P, W } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

let h: WebHarness;
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

beforeAll(async () => {
  h = await webHarness();
  const questions = [
    { type: 'rating' as const, text: '', preset: 'fit' },
    { type: 'choice' as const, text: 'Which part helps most?', choices: ['Queue', 'Reports'] },
    { type: 'text' as const, text: 'What should we improve?' },
  ];
  await h.deps.db.insert(surveys).values([
    { id: 's-q1', workspaceId: W.a, projectId: 'pr-a2', question: '', questions, anonymous: true, kind: 'follow_up', audience: [], startedBy: P.pmo, status: 'closed', closesAt: day(-2), createdAt: day(-8) },
    { id: 's-q2', workspaceId: W.a, projectId: 'pr-a', question: '', questions, kind: 'follow_up', audience: [], startedBy: P.pmo, status: 'closed', closesAt: day(-2), createdAt: day(-8) },
  ]);
  await h.deps.db.insert(surveyResponses).values([
    ...[[5, 0, 'More alerts'], [4, 0, null], [3, 1, 'Faster reports']].map((answers, i) => ({ workspaceId: W.a, surveyId: 's-q1', respondentId: `anon-${i}`, score: null, answers, answeredAt: day(-8) })),
    ...[[2, 1, 'Secret remark']].map((answers) => ({ workspaceId: W.a, surveyId: 's-q2', respondentId: 'UR1', score: null, answers, answeredAt: day(-7) })),
  ]);
});
afterAll(() => h.close());

describe('web NPS page: questionnaires', () => {
  it('shows each question of the latest questionnaire with its statistic, and hides one with fewer than 3 answers', async () => {
    const html = await (await (await h.as(W.a, P.member)).get('/app/nps')).text();
    expect(html).toContain('data-testid="survey-questions"');
    expect(html).toContain('How well does Warehouse');
    expect(html).toMatch(/Mean 4 of 5 \(95% interval 1\.52 to 5\), n = 3/);
    expect(html).toContain('Queue: 2');
    expect(html).toContain('“Faster reports”');
    expect(html).toContain('Hidden until 3 people have answered (n = 1).');
    expect(html).not.toContain('Secret remark');
  });
});
