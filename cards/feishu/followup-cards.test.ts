import { describe, expect, it } from 'vitest';
import { both, callbackValues, ctxs, json } from '../../test/fixtures/feishu/card-kit.ts';
import { HIDDEN, RESULTS, REVIEW, SHORTFALL, SUMMARY, SURVEY } from '../../test/fixtures/feishu/followup-views.ts';
import { decodeAction } from '../actions.ts';
import { digestCard, escalationCard, reviewRecordedCard, shortfallCard, surveyStartedCard } from './followup-notices.ts';
import { cardProblems, countComponents } from './limits.ts';
import { npsFormCard, type NpsFormProps } from './nps-form-card.ts';
import { resultsCard } from './results-card.ts';
import { reviewCard, type ReviewCardProps } from './review-card.ts';
import { surveyCard } from './survey-card.ts';

const tags = (card: unknown) => [...json(card).matchAll(/"tag":"(\w+)"/g)].map((m) => m[1]);

const REVIEW_PROPS: ReviewCardProps = { review: REVIEW, reminder: false, values: {}, errors: [], recorded: null, threshold: 0.15 };
const FORM: NpsFormProps = {
  nonce: 'n0nce',
  values: { kind: 'follow_up', closes: '2026-11-30 18:00', chat: 'oc_team' },
  people: ['ou_a'],
  errors: [{ name: 'people', key: 'survey.audience_required' }],
  projects: [{ id: 'p1', name: 'Clinic triage' }],
  outcomes: [{ id: 'o1', title: 'Shorter clinic waiting time' }],
  peopleChoices: ['ou_a', 'ou_b'],
  chats: [{ id: 'oc_team', name: 'Team' }],
  reminderDays: 3,
};

describe('Feishu follow-up cards', () => {
  it('the survey card: the question, 0–10 buttons in one wrapping column set inside a form with the comment', () => {
    const card = both((c) => surveyCard({ survey: SURVEY, comment: null, reminder: false }, c));
    expect(cardProblems(card)).toEqual([]);
    expect(callbackValues(card).map(decodeAction)).toEqual(Array.from({ length: 11 }, (_, v) => ({ a: 'nps', s: SURVEY.id, v })));
    expect(tags(card).filter((t) => t === 'column_set')).toHaveLength(1);
    expect(json(card)).toContain('"flex_mode":"flow"');
    expect(json(card)).toContain('How likely are you to recommend Clinic triage');
    expect(card).toMatchSnapshot();
  });

  it('answered: the chosen score is highlighted and the comment kept; reminder: a reminder line; closed: no buttons', () => {
    const answered = both((c) => surveyCard({ survey: { ...SURVEY, myScore: 8 }, comment: 'Faster <b>', reminder: false }, c));
    const primary = [...json(answered).matchAll(/"type":"primary_filled"/g)];
    expect(primary).toHaveLength(1);
    expect(json(answered)).toContain('"default_value":"Faster <b>"');
    expect(json(answered)).toContain('Your answer: **8**');
    const reminder = both((c) => surveyCard({ survey: SURVEY, comment: null, reminder: true }, c));
    expect(json(reminder)).toContain('Reminder: you have not answered yet');
    const closed = both((c) => surveyCard({ survey: { ...SURVEY, status: 'closed', myScore: 9 }, comment: null, reminder: true }, c));
    expect(callbackValues(closed)).toEqual([]);
    expect(json(closed)).toContain('This survey has closed');
    expect(json(closed)).not.toContain('Reminder');
    for (const c of [answered, reminder, closed]) expect(cardProblems(c)).toEqual([]);
    expect([answered, reminder, closed]).toMatchSnapshot();
  });

  it('results: NPS, interval, n, groups, a bar chart of the distribution and the baseline vs follow-up', () => {
    const card = both((c) => resultsCard(RESULTS, c));
    expect(cardProblems(card)).toEqual([]);
    const text = json(card);
    expect(text).toContain('NPS **30** (95% interval -14 to 74) · n = 10');
    expect(text).toContain('Promoters 5 · Passives 3 · Detractors 2');
    expect(text).toContain('"tag":"chart"');
    expect(text).toContain('{"score":"9","answers":3,"group":"推荐者"}');
    expect(text).toContain('Baseline (before go-live): NPS -10 (n = 8)');
    expect(text).toContain('Follow-up (after go-live): NPS 30 (n = 10)');
    expect(card).toMatchSnapshot();
  });

  it('results below 3 answers hide the score and say why', () => {
    const card = both((c) => resultsCard({ ...RESULTS, summary: HIDDEN, comparison: { baseline: null, followUp: HIDDEN } }, c));
    expect(cardProblems(card)).toEqual([]);
    const text = json(card);
    expect(text).toContain('Results are hidden until at least 3 people have answered');
    expect(text).toContain('Answers so far: 2');
    expect(text).not.toContain('"tag":"chart"');
    expect(text).not.toContain('NPS **');
    expect(text).toContain('Baseline (before go-live): no closed survey yet');
    expect(text).toContain('hidden (n = 2, fewer than 3 answers)');
    expect(card).toMatchSnapshot();
  });

  it('the review card: each metric with baseline and target and a field, evidence and comment, notes beside fields', () => {
    const card = both((c) => reviewCard({ ...REVIEW_PROPS, reminder: true, values: { actual_0: 'abc' }, errors: [{ name: 'actual_0', key: 'feishu.review.not_a_number', params: { metric: 'Waiting time' } }] }, c));
    expect(cardProblems(card)).toEqual([]);
    expect(callbackValues(card).map(decodeAction)).toEqual([{ a: 'review', r: REVIEW.scheduleId }]);
    const text = json(card);
    expect(text).toContain('Waiting time (min): baseline 45 → target 28');
    expect(text).toContain('New &#42;clinics&#42; (sites)');
    expect(text.indexOf('Enter the actual value of Waiting time as a number.')).toBeGreaterThan(text.indexOf('"name":"actual_0"'));
    expect(text.indexOf('Enter the actual value of Waiting time as a number.')).toBeLessThan(text.indexOf('"name":"actual_1"'));
    expect(text).toContain('"default_value":"abc"');
    expect(text).toContain('Reminder: this review is still open.');
    expect(card).toMatchSnapshot();
  });

  it('a recorded review shows the values, the progress and whether an alert went out; no form is left', () => {
    const done = { ...REVIEW, status: 'done' as const, metrics: [{ ...REVIEW.metrics[0]!, actual: 32 }, { ...REVIEW.metrics[1]!, actual: 3 }] };
    const card = both((c) => reviewCard({ ...REVIEW_PROPS, review: done, recorded: { progress: [13 / 17, 1], alerts: [SHORTFALL] } }, c));
    expect(cardProblems(card)).toEqual([]);
    expect(callbackValues(card)).toEqual([]);
    expect(json(card)).toContain('actual **32** (76.5% of the targeted change)');
    expect(json(card)).toContain('Shortfall over 15%: your manager and the PMO have been alerted.');
    expect(card).toMatchSnapshot();
  });

  it('notices: receipt, escalation, shortfall alert with the numbers and formula, digest, survey started', () => {
    const cards = [
      both((c) => reviewRecordedCard({ title: REVIEW.title, alerts: 1, threshold: 0.15, url: REVIEW.url }, c)),
      both((c) => escalationCard({ title: REVIEW.title, owner: REVIEW.owner, days: 7, dueText: '2027-03-01', url: REVIEW.url }, c)),
      both((c) => shortfallCard({ title: REVIEW.title, metrics: [SHORTFALL], threshold: 0.15, url: REVIEW.url }, c)),
      both((c) => digestCard({ lines: ['Weekly outcome digest, week of 2026-11-23', '“*Bold*” has been waiting 4 days for Boss.'], url: 'https://outcome.test/app' }, c)),
      both((c) => surveyStartedCard({ projectName: 'Clinic triage', count: 12, closesText: '2026-11-30 18:00' }, c)),
    ];
    for (const card of cards) expect(cardProblems(card)).toEqual([]);
    expect(json(cards[1])).toContain('by <at id=ou_alice></at> is 7 days overdue (due 2027-03-01)');
    expect(json(cards[2])).toContain('Waiting time: target 45 min → 28 min, achieved 45 min → 32 min: 76.5% of the targeted change, 23.5% short.');
    expect(json(cards[2])).toContain('progress = (actual − baseline) / (target − baseline); shortfall = 1 − progress');
    expect(json(cards[2])).toContain('Waiting time：目标 45 min → 28 min，实际 45 min → 32 min：完成目标变化的 76.5%，差距 23.5%。');
    expect(json(cards[3])).toContain('&#42;Bold&#42;');
    expect(cards).toMatchSnapshot();
  });

  it('the survey form: project, outcome, question, people or a group, closing time, kind; notes beside fields', () => {
    const card = both((c) => npsFormCard(FORM, c));
    expect(cardProblems(card)).toEqual([]);
    expect(callbackValues(card).map(decodeAction)).toEqual([{ a: 'nps_start', n: 'n0nce' }]);
    const text = json(card);
    expect(text).toContain('"selected_values":["ou_a"]');
    expect(text).toContain('"initial_datetime":"2026-11-30 18:00"');
    expect(text).toContain('"initial_option":"oc_team"');
    expect(text.indexOf('Choose who should answer')).toBeGreaterThan(text.indexOf('"name":"people"'));
    expect(countComponents(card)).toBeLessThan(200);
    expect(card).toMatchSnapshot();
    const empty = both((c) => npsFormCard({ ...FORM, projects: [] }, c));
    expect(callbackValues(empty)).toEqual([]);
    expect(json(empty)).toContain('There are no projects yet');
  });

  it('stays under the limits with many people, groups and a long question', () => {
    const big = both((c) => npsFormCard({ ...FORM, peopleChoices: Array.from({ length: 100 }, (_, i) => `ou_${'x'.repeat(30)}${i}`), chats: Array.from({ length: 50 }, (_, i) => ({ id: `oc_${i}`, name: `群 ${i}` })), outcomes: Array.from({ length: 50 }, (_, i) => ({ id: `o${i}`, title: '长标题'.repeat(40) })) }, c));
    expect(cardProblems(big)).toEqual([]);
    const long = both((c) => surveyCard({ survey: { ...SURVEY, question: '问'.repeat(2000) }, comment: '评'.repeat(3000), reminder: true }, c));
    expect(cardProblems(long)).toEqual([]);
    expect(json(resultsCard({ ...RESULTS, summary: SUMMARY }, ctxs.en)).length).toBeLessThan(30 * 1024);
  });
});
