import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../../cards/actions.ts';
import { cardProblems } from '../../../cards/feishu/limits.ts';
import { people, surveyAnswerKeys, surveyResponses, surveys } from '../../../src/db/schema/index.ts';
import { everyRow, rowsWritten } from '../../helpers/row-scan.ts';
import { buttonValues, cardText, F, startHarness, type Harness } from './harness.ts';
import { addProject, openSurveyForm, runJobsAt, sentCards, submitSurveyForm, withPmo } from './followup-steps.ts';

let h: Harness;
let projectId: string;
const DAY = 86_400_000;
const START = new Date('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai
const ASKED = [F.member, F.manager, F.admin];
const CUSTOM = ['nps: Would you recommend triage?', 'choice: Which part helps most? | Queue | Reports | Alerts', 'text: What should we improve?'].join('\n');

beforeEach(async () => {
  h = await startHarness();
  h.clock.set(START);
  await withPmo(h);
  projectId = await addProject(h);
});
afterEach(() => h.close());

/** The PMO starts a survey of `ASKED` closing in 6 days, with these questionnaire fields. */
async function start(extra: Record<string, string> = {}) {
  const form = await openSurveyForm(h);
  expect(cardText(form.card)).toContain('Custom questions, one per line');
  return submitSurveyForm(h, form, { project: projectId, people: ASKED, closes: '2026-11-29 09:00 +0800', kind: 'follow_up', preset: 'custom', custom: CUSTOM, anonymous: 'named', ...extra });
}

/** `who` submits their questionnaire card with one value per question. */
const answer = (who: string, surveyId: string, values: string[]) =>
  h.click({ openId: who, value: encodeAction({ a: 'svy', s: surveyId }), name: 'send', formValue: Object.fromEntries(values.map((v, i) => [`q${i}`, v])), openMessageId: 'om_svy' });

const latestSurvey = async () => (await h.db.select().from(surveys).orderBy(surveys.createdAt)).at(-1)!;
const results = async () => (await sentCards(h, 'survey_results')).map((r) => cardText(r.card));

describe('Feishu: a survey of several questions', () => {
  it('is answered end to end through the form card, once per person, with each question’s statistic', async () => {
    expect((await start()).body.toast).toMatchObject({ type: 'success', i18n: { en_us: 'Survey sent to 3 people.' } });
    const survey = await latestSurvey();
    expect(survey.questions.map((q) => q.type)).toEqual(['nps', 'choice', 'text']);
    const invite = (await sentCards(h, 'survey_invite', F.member))[0]!;
    expect(cardProblems(invite.card)).toEqual([]);
    expect(cardText(invite.card)).toContain('Which part helps most?');
    expect(buttonValues(invite.card)).toEqual([{ a: 'svy', s: survey.id }]);

    const missing = await answer(F.member, survey.id, ['9', '', '']);
    expect(missing.body.toast).toMatchObject({ type: 'error', i18n: { en_us: 'Answer question 2.' } });
    expect(await h.db.select().from(surveyResponses)).toHaveLength(0);

    const ok = await answer(F.member, survey.id, ['9', '0', 'Faster queue please']);
    expect(ok.body.toast).toMatchObject({ type: 'success', i18n: { en_us: 'Thank you, your answers are recorded.' } });
    expect(cardText(ok.body.card!.data)).toContain('You have answered this survey.');
    await answer(F.manager, survey.id, ['10', '0', '']);
    await answer(F.admin, survey.id, ['3', '2', 'Alerts are noisy']);

    const again = await answer(F.member, survey.id, ['0', '1', '']);
    expect(again.body.toast).toMatchObject({ type: 'error', i18n: { en_us: 'You have already answered this survey: one answer per person.' } });
    const rows = await h.db.select().from(surveyResponses);
    expect(rows.map((r) => [r.respondentId, r.answers]).sort()).toEqual(
      [
        [F.admin, [3, 2, 'Alerts are noisy']],
        [F.manager, [10, 0, null]],
        [F.member, [9, 0, 'Faster queue please']],
      ].sort(),
    );

    await runJobsAt(h, survey.closesAt);
    const [text] = await results();
    expect(text).toContain('NPS 33 (95% interval');
    expect(text).toContain('Queue: 2');
    expect(text).toContain('Alerts: 1');
    expect(text).toContain('“Faster queue please”');
    expect(cardProblems((await sentCards(h, 'survey_results'))[0]!.card)).toEqual([]);
  });

  it('hides every question below 3 answers', async () => {
    await start({ preset: 'fit' });
    const survey = await latestSurvey();
    await answer(F.member, survey.id, ['4', '5', 'Good']);
    await answer(F.manager, survey.id, ['2', '3', '']);
    await runJobsAt(h, survey.closesAt);
    const [text] = await results();
    expect(text).toContain('Hidden until 3 people have answered (n = 2).');
    expect(text).not.toContain('Mean');
    expect(text).not.toContain('Good');
  });

  it('anonymous: the answers’ rows, and everything else written meanwhile, name no one; a second answer is refused', async () => {
    await start({ preset: 'fit', anonymous: 'anonymous' });
    const survey = await latestSurvey();
    expect(survey.anonymous).toBe(true);
    // The people asked have rows from the start: a first click must not write one at the moment of answering.
    const named = (await h.db.select().from(people)).filter((p) => ASKED.includes(p.platformUserId as (typeof ASKED)[number]));
    const names = named.flatMap((p) => [p.id, p.platformUserId]);
    expect(names).toHaveLength(6);
    const before = await everyRow(h.db);

    await answer(F.member, survey.id, ['5', '4', 'Great']);
    await answer(F.manager, survey.id, ['4', '4', '']);
    await answer(F.admin, survey.id, ['2', '3', 'Slow']);
    const again = await answer(F.admin, survey.id, ['1', '1', '']);
    expect(again.body.toast).toMatchObject({ type: 'error', i18n: { en_us: 'You have already answered this survey: one answer per person.' } });

    const added = rowsWritten(before, await everyRow(h.db));
    expect(added.filter((r) => r.startsWith('survey_responses'))).toHaveLength(3);
    expect(added.filter((r) => r.startsWith('survey_answer_keys'))).toHaveLength(3);
    expect(added.filter((r) => !/^survey_(responses|answer_keys)/.test(r))).toEqual([]);
    for (const r of added) for (const n of names) expect(r).not.toContain(n);
    expect((await h.db.select().from(surveyResponses)).every((r) => r.answeredAt.getTime() === survey.createdAt.getTime())).toBe(true);
    expect(await h.db.select().from(surveyAnswerKeys)).toHaveLength(3);

    await runJobsAt(h, survey.remindAt!);
    expect((await sentCards(h, 'survey_reminder')).map((r) => r.to).sort()).toEqual([...ASKED].sort());
    await runJobsAt(h, survey.closesAt);
    expect((await results())[0]).toContain('Mean 3.67 of 5 (95% interval');
  });

  it('a recurring pulse starts waves every 7 days until its date and reports the trend', async () => {
    expect((await start({ preset: 'fit', pulse_every: '7', pulse_until: '2026-12-10 +0800' })).body.toast).toMatchObject({ type: 'success' });
    const wave1 = await latestSurvey();
    for (const [i, who] of ASKED.entries()) await answer(who, wave1.id, [['5', '4', '3'][i]!, '4', '']);
    await runJobsAt(h, wave1.closesAt);

    expect((await runJobsAt(h, new Date(START.getTime() + 7 * DAY + 60_000))).pulseWaves).toBe(1);
    const wave2 = await latestSurvey();
    expect(wave2).toMatchObject({ wave: 2, seriesId: wave1.id, status: 'open', anonymous: false });
    expect(cardText((await sentCards(h, 'survey_invite', F.member)).at(-1)!.card)).toContain('pulse wave 2');
    for (const who of ASKED) await answer(who, wave2.id, ['2', '2', '']);
    await runJobsAt(h, wave2.closesAt);
    const texts = await results();
    expect(texts[0]).toContain('Wave 1 (2026-11-23): 4 · 4 · n = 3');
    expect(texts[1]).toContain('Wave 1 (2026-11-23): 4 · 4 · n = 3');
    expect(texts[1]).toContain('Wave 2 (2026-11-30): 2 · 2 · n = 3');

    expect((await runJobsAt(h, new Date(START.getTime() + 14 * DAY + 60_000))).pulseWaves).toBe(1);
    expect((await runJobsAt(h, new Date(START.getTime() + 21 * DAY + 60_000))).pulseWaves).toBe(0);
    expect((await h.db.select().from(surveys)).map((s) => s.wave).sort()).toEqual([1, 2, 3]);
  });
});
