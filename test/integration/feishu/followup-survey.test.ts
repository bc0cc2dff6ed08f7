import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardProblems } from '../../../cards/feishu/limits.ts';
import { surveyResponses, surveys } from '../../../src/db/schema/index.ts';
import { buttonValues, cardText, F, startHarness, type Harness } from './harness.ts';
import { addProject, answer, openSurveyForm, runJobsAt, sentCards, submitSurveyForm, withPmo } from './followup-steps.ts';

let h: Harness;
let projectId: string;
beforeEach(async () => {
  h = await startHarness();
  await withPmo(h);
  projectId = await addProject(h);
  h.fake.addChat({ chat_id: 'oc_team', name: 'Triage team', members: [F.member, F.manager, F.stranger] });
});
afterEach(() => h.close());

const surveyCount = async () => (await h.db.select({ n: count() }).from(surveys))[0]!.n;
const responses = () => h.db.select().from(surveyResponses);
const validForm = (over: Record<string, string | string[]> = {}) => ({ project: projectId, people: [F.admin], chat: 'oc_team', closes: '2026-11-30 18:00 +0800', kind: 'follow_up', ...over });

describe('NPS survey on Feishu', () => {
  it('runs a survey from the form through answers, changed answers, the reminder, closing and the results', async () => {
    // The PMO opens the form in the bot chat: projects, people, the groups the bot is in.
    const form = await openSurveyForm(h);
    expect(cardProblems(form.card)).toEqual([]);
    expect(cardText(form.card)).toContain('Start an NPS survey');
    expect(JSON.stringify(form.card)).toContain('"content":"Triage team"},"value":"oc_team"');

    // Sent: one invite per person (the chosen person plus every member of the group), each a 0–10 card.
    const res = await submitSurveyForm(h, form, validForm());
    expect(res.body.toast).toMatchObject({ type: 'success', i18n: { en_us: 'Survey sent to 4 people.' } });
    expect(cardText(res.body.card!.data)).toContain('Sent to 4 people. It closes at 2026-11-30 18:00');
    const [survey] = await h.db.select().from(surveys);
    expect(survey).toMatchObject({ projectId, kind: 'follow_up', status: 'open', closesAt: new Date('2026-11-30T10:00:00Z') });
    expect([...survey!.audience].sort()).toEqual([F.admin, F.member, F.manager, F.stranger].sort());
    const invites = await sentCards(h, 'survey_invite');
    expect(invites.map((i) => i.to).sort()).toEqual([...survey!.audience].sort());
    const invite = invites.find((i) => i.to === F.member)!;
    expect(cardProblems(invite.card)).toEqual([]);
    expect(cardText(invite.card)).toContain('How likely are you to recommend Clinic triage to a colleague?');
    expect(cardText(invite.card)).toContain('你有多大可能向同事推荐 Clinic triage？');
    expect(buttonValues(invite.card)).toEqual(Array.from({ length: 11 }, (_, v) => ({ a: 'nps', s: survey!.id, v })));

    // An answer, then a changed answer with a comment: one row, the latest score; the card shows it.
    const first = await answer(h, F.member, survey!.id, 8, undefined, invite.messageId);
    expect(first.body.toast).toMatchObject({ type: 'success', i18n: { en_us: 'Thank you! Your answer (8) is recorded.' } });
    expect(cardText(first.body.card!.data)).toContain('Your answer: **8**');
    const changed = await answer(h, F.member, survey!.id, 6, 'Still too slow at peak times', invite.messageId);
    expect(changed.body.toast).toMatchObject({ i18n: { en_us: 'Your answer is now 6.' } });
    expect(JSON.stringify(changed.body.card!.data)).toContain('"default_value":"Still too slow at peak times"');
    // A click without the comment field keeps the saved comment.
    await answer(h, F.member, survey!.id, 6, undefined, invite.messageId);
    await answer(h, F.manager, survey!.id, 10);
    await answer(h, F.admin, survey!.id, 9);
    expect((await responses()).map((r) => [r.respondentId, r.score, r.comment]).sort()).toEqual(
      [
        [F.admin, 9, null],
        [F.manager, 10, null],
        [F.member, 6, 'Still too slow at peak times'],
      ].sort(),
    );

    // The one reminder goes only to the person who has not answered.
    await runJobsAt(h, survey!.remindAt!);
    const reminders = await sentCards(h, 'survey_reminder');
    expect(reminders.map((r) => r.to)).toEqual([F.stranger]);
    expect(cardText(reminders[0]!.card)).toContain('Reminder: you have not answered yet');
    await runJobsAt(h, new Date(survey!.remindAt!.getTime() + 3600_000));
    expect(await sentCards(h, 'survey_reminder')).toHaveLength(1);

    // Closing: the results go to the starter (who is the PMO: one card), with the numbers and the chart.
    await runJobsAt(h, survey!.closesAt);
    const [results, ...more] = await sentCards(h, 'survey_results');
    expect(more).toEqual([]);
    expect(results!.to).toBe(F.pmo);
    expect(cardProblems(results!.card)).toEqual([]);
    const text = cardText(results!.card);
    expect(text).toContain('NPS **33**');
    expect(text).toMatch(/95% interval -?\d+ to \d+\) · n = 3/);
    expect(text).toContain('Promoters 2 · Passives 0 · Detractors 1');
    expect(JSON.stringify(results!.card)).toContain('"tag":"chart"');
    expect(text).toContain('Follow-up (after go-live): NPS 33 (n = 3)');

    // After closing a click is told so, and nothing changes.
    const late = await answer(h, F.stranger, survey!.id, 7);
    expect(late.body.toast).toMatchObject({ type: 'error', content: '该调查已结束，不再接受回答。', i18n: { en_us: 'This survey has closed; answers are no longer accepted.' } });
    expect(buttonValues(late.body.card!.data)).toEqual([]);
    expect(await responses()).toHaveLength(3);

    // On demand: /outcome nps results shows the same survey.
    await h.say('/outcome nps results', { openId: F.pmo });
    expect(cardText(h.cardsTo(F.pmo).at(-1)!.card)).toContain('NPS **33**');
  });

  it('hides the results below 3 answers and says why', async () => {
    const form = await openSurveyForm(h);
    // Three are asked, two answer (the third is reminded, and does not answer either).
    await submitSurveyForm(h, form, validForm({ people: [F.member, F.manager, F.admin], chat: '', kind: 'baseline' }));
    const [survey] = await h.db.select().from(surveys);
    expect(survey!.audience).toHaveLength(3);
    await answer(h, F.member, survey!.id, 10);
    await answer(h, F.manager, survey!.id, 2);
    await runJobsAt(h, survey!.closesAt);
    const [results] = await sentCards(h, 'survey_results', F.pmo);
    const text = cardText(results!.card);
    expect(text).toContain('Results are hidden until at least 3 people have answered, to keep answers anonymous.');
    expect(text).toContain('Answers so far: 2');
    expect(text).not.toMatch(/NPS \*\*-?\d/);
    expect(JSON.stringify(results!.card)).not.toContain('"tag":"chart"');
    expect(text).toContain('Baseline (before go-live): hidden (n = 2, fewer than 3 answers)');
  });

  it('a form with problems comes back with a note beside each field, and nothing is stored', async () => {
    const form = await openSurveyForm(h);
    const before = await h.counts();
    const res = await submitSurveyForm(h, form, { project: '', people: [], chat: 'oc_ghost', closes: '2026-11-01 09:00 +0800', kind: 'follow_up' });
    expect(res.body.toast).toMatchObject({ type: 'error' });
    const card = JSON.stringify(res.body.card!.data);
    const after = (name: string, text: string) => card.indexOf(text) > card.indexOf(`"name":"${name}"`) && card.indexOf(text) > 0;
    expect(after('project', 'Choose the project this outcome belongs to.')).toBe(true);
    expect(after('people', 'Choose who should answer')).toBe(true);
    expect(after('chat', 'I could not read the members of that group')).toBe(true);
    expect(after('closes', 'Choose a closing time in the future, within 90 days.')).toBe(true);
    expect(await surveyCount()).toBe(0);
    expect(await h.counts()).toMatchObject({ outbox: before.outbox });
    expect((await h.outboxRows()).filter((r) => r.kind === 'survey_invite')).toEqual([]);
  });

  it('puts the domain’s field problems (validateStartSurvey) beside the outcome and the kind, with Feishu’s own, and stores nothing', async () => {
    const form = await openSurveyForm(h);
    const res = await submitSurveyForm(h, form, validForm({ outcome: 'not-an-outcome', kind: '', chat: 'oc_ghost' }));
    const card = JSON.stringify(res.body.card!.data);
    const after = (name: string, text: string) => card.indexOf(text) > card.indexOf(`"name":"${name}"`) && card.indexOf(text) > 0;
    expect(after('outcome', 'Choose an outcome of this project, or leave the outcome empty.')).toBe(true);
    expect(after('kind', 'Choose whether this is the baseline or a follow-up survey.')).toBe(true);
    expect(after('chat', 'I could not read the members of that group')).toBe(true);
    expect(await surveyCount()).toBe(0);
  });

  it('starts one survey for a double submit', async () => {
    const form = await openSurveyForm(h);
    const [a, b] = await Promise.all([submitSurveyForm(h, form, validForm()), submitSurveyForm(h, form, validForm())]);
    const again = await submitSurveyForm(h, form, validForm());
    for (const r of [a, b, again]) expect(cardText(r.body.card!.data)).toContain('Sent to 4 people');
    expect(await surveyCount()).toBe(1);
    expect(await sentCards(h, 'survey_invite')).toHaveLength(4);
  });

  it('only PMO members and admins start surveys; only the invited answer', async () => {
    await h.say('/outcome nps', { openId: F.member });
    expect(cardText(h.cardsTo(F.member).at(-1)!.card)).toContain('Only PMO members and admins can start surveys');
    const forged = await submitSurveyForm(h, { messageId: 'om_forged', nonce: 'n0nce' }, validForm(), F.member);
    expect(forged.body.toast).toMatchObject({ type: 'error', i18n: { en_us: expect.stringContaining('Only PMO members and admins') } });
    expect(await surveyCount()).toBe(0);

    // A tenant manager (admin by the org chart) may.
    const byAdmin = await openSurveyForm(h, F.admin);
    expect((await submitSurveyForm(h, byAdmin, validForm(), F.admin)).body.toast).toMatchObject({ type: 'success' });
    const [survey] = await h.db.select().from(surveys);
    const outsider = await answer(h, F.pmo, survey!.id, 9);
    expect(outsider.body.toast).toMatchObject({ type: 'error', i18n: { en_us: 'This survey was sent to other people; your answer was not recorded.' } });
    expect(outsider.body.card).toBeUndefined();
    expect(await h.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey!.id))).toEqual([]);
  });

  it('a reminder to someone who answered after it was planned is not sent', async () => {
    const form = await openSurveyForm(h);
    await submitSurveyForm(h, form, validForm({ people: [F.admin], chat: '' }));
    const [survey] = await h.db.select().from(surveys);
    // The reminder is written, but Feishu holds it back (429) until after the answer.
    h.fake.injectNext('POST /open-apis/im/v1/messages', { status: 429, retryAfter: 60 });
    await runJobsAt(h, survey!.remindAt!);
    await answer(h, F.admin, survey!.id, 9);
    h.clock.advance(61_000);
    await h.drain();
    expect((await h.outboxRows()).find((r) => r.kind === 'survey_reminder')).toMatchObject({ status: 'sent', result: { skipped: expect.any(String) } });
    expect(await sentCards(h, 'survey_reminder')).toEqual([]);
  });

  it('/outcome nps results without a survey says how to start one', async () => {
    await h.say('/outcome nps results', { openId: F.member });
    expect(cardText(h.cardsTo(F.member).at(-1)!.card)).toContain('You have not started a survey yet. Type /outcome nps to start one.');
  });
});
