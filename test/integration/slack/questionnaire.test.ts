import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people, surveyAnswerKeys, surveyResponses, surveys } from '../../../src/db/schema/index.ts';
import { runDueJobs } from '../../../src/jobs/run-due-jobs.ts';
import { everyRow, rowsWritten } from '../../helpers/row-scan.ts';
import { startSlackHarness, USERS, type Harness } from './harness.ts';
import { lastModal, messagesTo, pmoWorkspace, press, runJobs, submitModal, surveyState, textOf } from './followup-steps.ts';

let h: Harness;
let projectId: string;
const DAY = 86_400_000;
const MONDAY = new Date('2026-11-23T01:00:00Z'); // 09:00 in Asia/Shanghai
const CUSTOM = ['nps: Would you recommend triage?', 'choice: Which part helps most? | Queue | Reports | Alerts', 'text: What should we improve?'].join('\n');
const ASKED = [USERS.member.id, USERS.manager.id, 'UCHAN1'];

beforeEach(async () => {
  h = await startSlackHarness();
  h.clock.set(MONDAY);
  h.fake.addUser({ id: 'UCHAN1', name: 'chen', real_name: 'Chen Channel', locale: 'zh-CN', tz: 'Asia/Shanghai' });
  ({ projectId } = await pmoWorkspace(h));
  await runDueJobs(h.deps);
});
afterEach(() => h.close());

type Extra = { preset?: string; custom?: string; anonymous?: boolean; pulseEvery?: string; pulseUntil?: string };

/** The start modal's state with the questionnaire fields. */
function state(extra: Extra = {}, over: Parameters<typeof surveyState>[0] = {}) {
  return {
    ...surveyState({ project: projectId, people: ASKED, closesAt: new Date(MONDAY.getTime() + 6 * DAY), kind: 'follow_up', ...over }),
    preset: { v: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'x' }, value: extra.preset ?? 'custom' } } },
    custom: { v: { type: 'plain_text_input', value: extra.custom ?? CUSTOM } },
    anonymous: { v: { type: 'checkboxes', selected_options: extra.anonymous ? [{ text: { type: 'plain_text', text: 'x' }, value: 'anonymous' }] : [] } },
    pulse_every: { v: { type: 'number_input', value: extra.pulseEvery ?? null } },
    pulse_until: { v: { type: 'datepicker', selected_date: extra.pulseUntil ?? null } },
  };
}

async function start(extra: Extra = {}) {
  await h.command('nps', USERS.pmo.id);
  return submitModal(h, lastModal(h), state(extra), USERS.pmo.id);
}

/** The newest questionnaire card a person received. */
const cardOf = (user: string) => messagesTo(h, user).findLast((m) => textOf(m).includes('survey_answer'))!;

/** Opens the answer modal from the person's card and submits `values` (question index → raw value). */
async function answer(user: string, values: (string | null)[]) {
  const told = await press(h, cardOf(user), 'survey_answer', user);
  if (told.length) return { told };
  const modal = lastModal(h);
  expect(modal.callback_id).toBe('survey_answer_modal');
  const stateOf = (v: string | null, i: number) => {
    const block = (modal.blocks as { block_id?: string; element?: { type: string } }[]).find((b) => b.block_id === `q${i}`)!;
    const type = block.element!.type;
    return [`q${i}`, { v: type === 'plain_text_input' ? { type, value: v } : { type, selected_option: v === null ? null : { text: { type: 'plain_text', text: v }, value: v } } }];
  };
  return { modal, ack: await submitModal(h, modal, Object.fromEntries(values.map(stateOf)), user) };
}

const resultsCard = () => messagesTo(h, USERS.pmo.id).findLast((m) => m.text?.startsWith('NPS results'))!;

describe('Slack: a survey of several questions', () => {
  it('is answered end to end through the modal, once per person, and reports each question with its statistic', async () => {
    expect(await start()).toMatchObject({ response_action: 'update' });
    const [survey] = await h.db.select().from(surveys);
    expect(survey!.questions.map((q) => q.type)).toEqual(['nps', 'choice', 'text']);
    const invite = cardOf(USERS.member.id);
    expect(textOf(invite)).toContain('Which part helps most?');
    expect(textOf(cardOf('UCHAN1'))).toContain('回答');

    // A missing required answer comes back beside its question; nothing is stored.
    const missing = await answer(USERS.member.id, ['9', null, '']);
    expect(missing.ack).toEqual({ response_action: 'errors', errors: { q1: 'Answer question 2.' } });
    expect(await h.db.select().from(surveyResponses)).toHaveLength(0);

    expect((await answer(USERS.member.id, ['9', '0', 'Faster queue please'])).ack).toMatchObject({ response_action: 'update', view: { blocks: [{ text: { text: 'Thank you, your answers are recorded.' } }] } });
    await answer(USERS.manager.id, ['10', '0', null]);
    await answer('UCHAN1', ['3', '2', 'Alerts are noisy']);
    const rows = await h.db.select({ who: surveyResponses.respondentId, score: surveyResponses.score, answers: surveyResponses.answers }).from(surveyResponses);
    expect(rows.find((r) => r.who === USERS.member.id)).toEqual({ who: USERS.member.id, score: 9, answers: [9, 0, 'Faster queue please'] });
    // The named card shows it answered.
    expect(textOf(messagesTo(h, USERS.member.id)[0])).toContain('You have answered this survey.');

    // A second answer is refused: the card no longer offers the form, and an old modal is told beside the first question.
    expect(textOf(messagesTo(h, USERS.manager.id)[0])).not.toContain('survey_answer');
    const firstModal = missing.modal!;
    expect(await submitModal(h, firstModal, { q0: { v: { type: 'static_select', selected_option: { value: '0' } } }, q1: { v: { type: 'radio_buttons', selected_option: { value: '1' } } } }, USERS.member.id)).toEqual({
      response_action: 'errors',
      errors: { q0: 'You have already answered this survey: one answer per person.' },
    });
    expect(await h.db.select().from(surveyResponses)).toHaveLength(3);

    h.clock.set(new Date(MONDAY.getTime() + 6 * DAY));
    expect((await runJobs(h)).surveysClosed).toBe(1);
    const results = textOf(resultsCard());
    expect(results).toContain('NPS 33 (95% interval');
    expect(results).toContain('n = 3');
    expect(results).toContain('Queue: 2');
    expect(results).toContain('Reports: 0');
    expect(results).toContain('Alerts: 1');
    expect(results).toContain('“Alerts are noisy”');
    expect(results).toContain('“Faster queue please”');
  });

  it('refuses bad custom lines beside the custom field, storing nothing', async () => {
    expect(await start({ custom: 'choice: Only one option | A' })).toEqual({ response_action: 'errors', errors: { custom: 'Question 1: give 2 to 10 different options, separated by “|”.' } });
    expect(await start({ custom: ['text: a', 'text: b', 'text: c', 'text: d', 'text: e', 'text: f'].join('\n') })).toEqual({ response_action: 'errors', errors: { custom: 'A survey has 1 to 5 questions.' } });
    expect(await h.db.select().from(surveys)).toHaveLength(0);
  });

  it('hides every question below 3 answers', async () => {
    await start({ preset: 'fit' });
    await answer(USERS.member.id, ['4', '5', 'Good']);
    await answer(USERS.manager.id, ['2', '3', null]);
    h.clock.set(new Date(MONDAY.getTime() + 6 * DAY));
    await runJobs(h);
    const results = textOf(resultsCard());
    expect(results.match(/Hidden until 3 people have answered \(n = 2\)/g)).toHaveLength(2);
    expect(results).toContain('Hidden until 3 people have answered (n = 1)');
    expect(results).not.toContain('Mean');
    expect(results).not.toContain('Good');
  });

  it('anonymous: after answering, no row written or changed names a respondent, and a second answer is refused', async () => {
    await start({ anonymous: true, preset: 'fit' });
    expect(textOf(cardOf(USERS.member.id))).toContain('Anonymous: your answers are stored without your name');
    const ids = await h.db.select({ id: people.id, address: people.platformUserId }).from(people);
    const names = ids.filter((p) => ASKED.includes(p.address)).flatMap((p) => [p.id, p.address]);
    expect(names).toHaveLength(6);
    const before = await everyRow(h.db);

    await answer(USERS.member.id, ['5', '4', 'Great']);
    await answer(USERS.manager.id, ['4', '4', null]);
    await answer('UCHAN1', ['2', '3', 'Slow']);
    expect(await answer(USERS.member.id, ['1', '1', null])).toEqual({ told: [expect.objectContaining({ text: 'You have already answered this survey: one answer per person.' })] });

    const added = rowsWritten(before, await everyRow(h.db));
    expect(added.filter((r) => r.startsWith('survey_responses'))).toHaveLength(3);
    expect(added.filter((r) => r.startsWith('survey_answer_keys'))).toHaveLength(3);
    // Nothing else was written: no outbox row, audit entry, processed event or person update.
    expect(added.filter((r) => !/^survey_(responses|answer_keys)/.test(r))).toEqual([]);
    for (const r of added) for (const n of names) expect(r).not.toContain(n);
    const [survey] = await h.db.select().from(surveys);
    const rows = await h.db.select().from(surveyResponses);
    // No timestamp to join on: every answer carries the wave's opening time.
    expect(rows.every((r) => r.answeredAt.getTime() === survey!.createdAt.getTime())).toBe(true);
    expect((await h.db.select().from(surveyAnswerKeys)).every((k) => !names.some((n) => k.key.includes(n)))).toBe(true);

    // The reminder goes to everyone (a list of who had not answered would tell who had).
    h.clock.set(survey!.remindAt!);
    expect((await runJobs(h)).surveyReminders).toBe(1);
    expect((await h.outbox()).filter((r) => r.kind === 'survey_reminder').map((r) => r.destination).sort()).toEqual([...ASKED].sort());
    expect(textOf(messagesTo(h, USERS.member.id).at(-1))).toContain('If you have not answered yet, please do.');

    h.clock.set(new Date(MONDAY.getTime() + 6 * DAY));
    await runJobs(h);
    expect(textOf(resultsCard())).toContain('Mean 3.67 of 5 (95% interval');
  });

  it('a recurring pulse starts a wave every 7 days until its date and reports the trend', async () => {
    expect(await start({ preset: 'fit', pulseEvery: '7', pulseUntil: '2026-12-10' })).toMatchObject({ response_action: 'update' });
    const scores = [['5', '5', null], ['4', '4', null], ['3', '4', null]];
    for (const [i, user] of ASKED.entries()) await answer(user, scores[i]!);

    h.clock.set(new Date(MONDAY.getTime() + 7 * DAY + 60_000)); // wave 1 closed a day ago; wave 2 starts now
    const report = await runJobs(h);
    expect(report.pulseWaves).toBe(1);
    expect((await runJobs(h)).pulseWaves).toBe(0);
    const waves = await h.db.select({ wave: surveys.wave, status: surveys.status }).from(surveys).orderBy(surveys.wave);
    expect(waves).toEqual([{ wave: 1, status: 'closed' }, { wave: 2, status: 'open' }]);
    expect(textOf(cardOf(USERS.member.id))).toContain('pulse wave 2');
    for (const user of ASKED) await answer(user, ['2', '2', null]);

    h.clock.set(new Date(MONDAY.getTime() + 14 * DAY + 60_000)); // wave 3 would start on 12-07 ≤ 12-10; wave 4 (12-14) would not
    expect((await runJobs(h)).pulseWaves).toBe(1);
    h.clock.set(new Date(MONDAY.getTime() + 21 * DAY));
    expect((await runJobs(h)).pulseWaves).toBe(0);
    expect((await h.db.select().from(surveys)).map((s) => s.wave).sort()).toEqual([1, 2, 3]);

    // Wave 2's results list both waves.
    const wave2 = messagesTo(h, USERS.pmo.id).filter((m) => m.text?.startsWith('NPS results'))[1]!;
    expect(textOf(wave2)).toContain('Wave 1 (2026-11-23): 4 · 4.33 · n = 3');
    expect(textOf(wave2)).toContain('Wave 2 (2026-11-30): 2 · 2 · n = 3');
  });
});
