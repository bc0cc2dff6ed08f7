import { describe, expect, it } from 'vitest';
import { InMemorySurveyRepo } from './in-memory.ts';
import { MAX_AUDIENCE, validateStartSurvey } from './start-survey.ts';

const now = new Date('2026-11-23T01:00:00Z');
const DAY = 86_400_000;

function setup() {
  const surveys = new InMemorySurveyRepo();
  surveys.projects.add('p1');
  surveys.outcomeProjects.set('o-mine', 'p1');
  surveys.outcomeProjects.set('o-other', 'p2');
  const ctx = { clock: { now: () => now }, surveys };
  const valid = { projectId: 'p1', outcomeId: null, question: null, audience: ['ou_a'], closesAt: new Date(now.getTime() + 7 * DAY), kind: 'baseline' as const };
  const validate = (over: Partial<Parameters<typeof validateStartSurvey>[2]> = {}) => validateStartSurvey(ctx, 'w1', { ...valid, ...over });
  return { surveys, validate };
}

describe('validateStartSurvey', () => {
  it('finds nothing wrong with a complete survey, and writes nothing', async () => {
    const { surveys, validate } = setup();
    expect(await validate()).toEqual([]);
    expect(await validate({ outcomeId: 'o-mine', question: 'Would you?', kind: 'follow_up' })).toEqual([]);
    expect(surveys.surveys.size).toBe(0);
  });

  it('names every problem at once, each on its field with an i18n key', async () => {
    const { validate } = setup();
    const fields = await validate({ projectId: 'nope', outcomeId: 'o-mine', kind: null, audience: [' ', ''], closesAt: new Date(now.getTime() - 1), question: 'x'.repeat(301) });
    expect(fields).toEqual([
      { field: 'projectId', key: 'smart.project_required' },
      { field: 'outcomeId', key: 'survey.outcome_not_in_project' },
      { field: 'kind', key: 'survey.kind_required' },
      { field: 'audience', key: 'survey.audience_required' },
      { field: 'closesAt', key: 'survey.closes_at_invalid', params: { max: 90 } },
      { field: 'question', key: 'survey.question_too_long', params: { max: 300 } },
    ]);
  });

  it('refuses an outcome of another project and an empty project', async () => {
    const { validate } = setup();
    expect(await validate({ outcomeId: 'o-other' })).toEqual([{ field: 'outcomeId', key: 'survey.outcome_not_in_project' }]);
    expect((await validate({ projectId: '' })).map((f) => f.field)).toEqual(['projectId']);
  });

  it('counts each person once, and refuses more than the maximum', async () => {
    const { validate } = setup();
    const many = Array.from({ length: MAX_AUDIENCE }, (_, i) => `ou_${i}`);
    expect(await validate({ audience: [...many, ...many, ' ou_0 '] })).toEqual([]);
    expect(await validate({ audience: [...many, 'ou_extra'] })).toEqual([{ field: 'audience', key: 'survey.audience_too_large', params: { max: MAX_AUDIENCE } }]);
  });

  it('takes a closing time up to 90 days ahead, not later, not an invalid date', async () => {
    const { validate } = setup();
    expect(await validate({ closesAt: new Date(now.getTime() + 90 * DAY) })).toEqual([]);
    for (const closesAt of [new Date(now.getTime() + 90 * DAY + 1), now, new Date(Number.NaN)]) expect((await validate({ closesAt })).map((f) => f.field)).toEqual(['closesAt']);
  });

  it('measures the question without control characters and surrounding spaces', async () => {
    const { validate } = setup();
    expect(await validate({ question: `  ${'x'.repeat(300)}\u0000  ` })).toEqual([]);
  });
});
