import { describe, expect, it } from 'vitest';
import { cleanDraft, cleanText } from './clean-text.ts';
import { submitOutcome } from './submit-outcome.ts';
import { decideOutcome } from './decide-outcome.ts';
import { defaultSettings } from './settings.ts';
import { InMemoryOutcomeRepo, InMemoryPeopleDirectory, InMemorySurveyRepo } from './in-memory.ts';
import { answerSurvey } from './answer-survey.ts';
import { startSurvey } from './start-survey.ts';
import { validDraft } from '../../test/helpers/outcome-flow-contract.ts';

describe('cleanText', () => {
  it.each([
    ['Shorter\u0000 waiting', 'Shorter waiting'],
    ['a\u0001b\u0008c\u000Bd\u000Ce\u001Bf\u001Fg\u007Fh', 'abcdefgh'],
    ['keeps\ttabs\nand newlines', 'keeps\ttabs\nand newlines'],
    ['windows\r\nline\rbreaks', 'windows\nline\nbreaks'],
    ['中文标题 and émoji 🎯', '中文标题 and émoji 🎯'],
    ['\u0000\u0000', ''],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('cleans every free-text field of a draft', () => {
    const d = cleanDraft({
      ...validDraft({ projectId: 'p1', member: { id: 'm', address: 'U', timeZone: null, locale: null } }),
      title: 'T\u0000itle',
      description: 'D\u0007esc\r\n',
      metrics: [{ name: 'N\u0000', unit: 'u\u001B', direction: 'increase', baseline: 1, target: 2 }],
      evidence: [{ kind: 'link', ref: 'https://example.com', title: 'L\u0000abel' }],
    });
    expect(d).toMatchObject({ title: 'Title', description: 'Desc\n', metrics: [{ name: 'N', unit: 'u' }], evidence: [{ title: 'Label' }] });
  });

  it('cleans a typed evidence link (it is user text; URL parsing accepts a NUL as %00)', () => {
    const d = cleanDraft({
      ...validDraft({ projectId: 'p1', member: { id: 'm', address: 'U', timeZone: null, locale: null } }),
      evidence: [
        { kind: 'link', ref: 'https://example.com/a\u0000b' },
        { kind: 'file', ref: 'F123', url: 'https://files.slack.com/x' },
      ],
    });
    expect(d.evidence).toEqual([
      { kind: 'link', ref: 'https://example.com/ab' },
      { kind: 'file', ref: 'F123', url: 'https://files.slack.com/x' },
    ]);
  });
});

describe('the verbs store cleaned text', () => {
  const setup = () => {
    const outcomes = new InMemoryOutcomeRepo();
    outcomes.projects.add('p1');
    const people = new InMemoryPeopleDirectory();
    const member = people.add('w1', { id: 'member', address: 'UM', timeZone: null, locale: null });
    const manager = people.add('w1', { id: 'manager', address: 'UMGR', timeZone: null, locale: null });
    people.add('w1', { id: 'pmo', address: 'UPMO', timeZone: null, locale: null });
    const ctx = { clock: { now: () => new Date('2026-11-23T01:00:00Z') }, outcomes, people, newId: () => 'o1', via: 'chat' as const };
    const workspace = { id: 'w1', platform: 'slack' as const, settings: { ...defaultSettings('Asia/Shanghai', 'en'), pmoReviewers: ['UPMO'] } };
    return { outcomes, ctx, workspace, member, manager };
  };

  it('submitOutcome strips a NUL from the title', async () => {
    const { outcomes, ctx, workspace, member, manager } = setup();
    await submitOutcome({ ctx, input: { workspace, submitter: member, reviewer: manager, draft: validDraft({ projectId: 'p1', member }, { title: 'Shorter\u0000 clinic waiting time' }) } });
    expect(outcomes.outcomes.get('o1')!.title).toBe('Shorter clinic waiting time');
  });

  it('decideOutcome strips control characters from the comment', async () => {
    const { outcomes, ctx, workspace, member, manager } = setup();
    await submitOutcome({ ctx, input: { workspace, submitter: member, reviewer: manager, draft: validDraft({ projectId: 'p1', member }) } });
    await decideOutcome({ ctx, input: { workspace, outcomeId: 'o1', actor: manager, decision: 'request_changes', comment: 'Add\u0000 the baseline\r\nplease' } });
    expect(outcomes.reviews[0]!.comment).toBe('Add the baseline\nplease');
  });
});

describe('survey text is cleaned too', () => {
  it('startSurvey stores the question, answerSurvey the comment, without control characters', async () => {
    const surveys = new InMemorySurveyRepo();
    surveys.projects.add('p1');
    const now = new Date('2026-11-23T01:00:00Z');
    const ctx = { clock: { now: () => now }, surveys, people: new InMemoryPeopleDirectory(), newId: () => 's1' };
    const workspace = { id: 'w1', platform: 'feishu' as const, settings: { ...defaultSettings('Asia/Shanghai', 'en'), pmoReviewers: ['ou_pmo'] } };
    const actor = { id: 'pmo', address: 'ou_pmo', isPlatformAdmin: false };
    await startSurvey({ ctx, input: { workspace, installedBy: null, actor, projectId: 'p1', audience: ['ou_a'], closesAt: new Date(now.getTime() + 86_400_000), kind: 'baseline', question: 'How likely\u0000 are you to recommend it?' } });
    expect(surveys.surveys.get('s1')!.question).toBe('How likely are you to recommend it?');
    await answerSurvey({ ctx, input: { workspace, surveyId: 's1', respondent: 'ou_a', score: 9, comment: 'Great\u0000\u001B work\r\n' } });
    expect(surveys.answers.get('s1:ou_a')!.comment).toBe('Great work');
  });
});
