import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox, surveyResponses, surveys } from '../../../src/db/schema/index.ts';
import { runDueJobs } from '../../../src/jobs/run-due-jobs.ts';
import { startSlackHarness, USERS, type Harness } from './harness.ts';
import { buttonsOf, lastModal, messagesTo, pmoWorkspace, press, runJobs, submitModal, surveyState, textOf } from './followup-steps.ts';

let h: Harness;
let projectId: string;
const DAY = 86_400_000;
const MONDAY = new Date('2026-11-23T01:00:00Z'); // 09:00 in Asia/Shanghai

beforeEach(async () => {
  h = await startSlackHarness();
  h.clock.set(MONDAY);
  // Two channel members the app has never seen (one reads Chinese); the member is in the channel too.
  h.fake.addUser({ id: 'UCHAN1', name: 'chen', real_name: 'Chen Channel', locale: 'zh-CN', tz: 'Asia/Shanghai', channels: ['C0CLINIC'] });
  h.fake.addUser({ id: 'UCHAN2', name: 'cho', real_name: 'Cho Channel', locale: 'en-US', tz: 'Asia/Seoul', channels: ['C0CLINIC'] });
  h.fake.addUser({ ...USERS.member, channels: ['C0CLINIC'] });
  ({ projectId } = await pmoWorkspace(h));
  await runDueJobs(h.deps); // this week's digest goes out now, not in the middle of a test
});
afterEach(() => h.close());

const reminderTime = async () => (await h.db.select({ at: surveys.remindAt }).from(surveys))[0]!.at!;
const surveyCount = async () => (await h.db.select({ n: count() }).from(surveys))[0]!.n;
const answers = () => h.db.select({ who: surveyResponses.respondentId, score: surveyResponses.score, comment: surveyResponses.comment }).from(surveyResponses);

/** The PMO opens /outcome nps and submits `values`; returns the ack body. */
async function startSurvey(values: Parameters<typeof surveyState>[0]) {
  await h.command('nps', USERS.pmo.id);
  const modal = lastModal(h);
  expect(modal.callback_id).toBe('nps_start');
  return { modal, ack: await submitModal(h, modal, surveyState(values), USERS.pmo.id) };
}

const valid = (over: Parameters<typeof surveyState>[0] = {}) => ({ project: projectId, people: [USERS.member.id, USERS.manager.id], channels: ['C0CLINIC'], closesAt: new Date(MONDAY.getTime() + 7 * DAY), kind: 'follow_up', ...over });
/** The survey card a person got first (their invite). */
const inviteTo = (user: string) => messagesTo(h, user).find((m) => textOf(m).includes('nps_score_0'))!;
/** The results card the PMO got last. */
const resultsCard = () => messagesTo(h, USERS.pmo.id).findLast((m) => m.text?.startsWith('NPS results'))!;

describe('/outcome nps: starting a survey', () => {
  it('refuses anyone but the PMO and admins, privately, without opening the form', async () => {
    const responseUrl = h.fake.respondUrl();
    await h.command('nps', USERS.member.id, { response_url: responseUrl });
    expect(h.fake.responsesTo(responseUrl)).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: expect.stringContaining('Only PMO members and admins') })]);
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('puts each problem beside its field and stores nothing', async () => {
    const before = (await h.outbox()).length;
    const { modal, ack } = await startSurvey({ project: projectId, closesAt: new Date(MONDAY.getTime() - DAY), question: 'x'.repeat(301) });
    expect(ack).toEqual({
      response_action: 'errors',
      errors: {
        kind: 'Choose whether this is the baseline or a follow-up survey.',
        people: 'Choose who should answer: people, or a channel whose members are asked.',
        closes: 'Choose a closing time in the future, within 90 days.',
        question: 'Keep the question to 300 characters or fewer.',
      },
    });
    expect(await submitModal(h, modal, surveyState(valid({ channels: ['C0SECRET'] })), USERS.pmo.id)).toEqual({
      response_action: 'errors',
      errors: { channels: expect.stringContaining('cannot read the members of <#C0SECRET>') },
    });
    expect(await surveyCount()).toBe(0);
    expect(await h.outbox()).toHaveLength(before);
  });

  it('shows the domain’s field problems (validateStartSurvey) beside their blocks, with Slack’s own, and stores nothing', async () => {
    const { ack } = await startSurvey(valid({ outcome: 'not-an-outcome', kind: undefined, channels: ['C0SECRET'] }));
    expect(ack).toEqual({
      response_action: 'errors',
      errors: {
        outcome: 'Choose an outcome of this project, or leave the outcome empty.',
        kind: 'Choose whether this is the baseline or a follow-up survey.',
        channels: expect.stringContaining('cannot read the members of <#C0SECRET>'),
      },
    });
    expect(await surveyCount()).toBe(0);
  });

  it('refuses a submission from anyone but the PMO before reading any channel', async () => {
    await h.command('nps', USERS.pmo.id);
    expect(await submitModal(h, lastModal(h), surveyState(valid()), USERS.member.id)).toEqual({
      response_action: 'errors',
      errors: { project: expect.stringContaining('Only PMO members and admins') },
    });
    expect(h.fake.callsTo('conversations.members')).toEqual([]);
    expect(await surveyCount()).toBe(0);
  });

  it('reads a large channel page by page and refuses more than 500 people', async () => {
    for (let i = 0; i < 520; i++) h.fake.addUser({ id: `UBIG${String(i).padStart(4, '0')}`, channels: ['C0ALL'] });
    const { ack } = await startSurvey(valid({ people: [], channels: ['C0ALL'] }));
    expect(ack).toEqual({ response_action: 'errors', errors: { channels: 'A survey can go to at most 500 people.' } });
    // 200 per page; reading stops once more than 500 were found.
    expect(h.fake.callsTo('conversations.members').map((c) => c.body.cursor ?? null)).toEqual([null, 'offset:200', 'offset:400']);
    expect(await surveyCount()).toBe(0);
  });

  it('asks people and channel members once each, in their own language, with one block of 11 buttons', async () => {
    const { modal, ack } = await startSurvey(valid());
    expect(ack).toMatchObject({ response_action: 'update', view: { blocks: [{ text: { text: expect.stringContaining('sent to 4 people') } }] } });
    // Submitting the same form twice (a double click) starts one survey.
    expect(await submitModal(h, modal, surveyState(valid()), USERS.pmo.id)).toMatchObject({ response_action: 'update' });
    expect(await surveyCount()).toBe(1);
    const [survey] = await h.db.select().from(surveys);
    expect(survey!.audience.sort()).toEqual(['UCHAN1', 'UCHAN2', USERS.manager.id, USERS.member.id].sort());

    for (const user of survey!.audience) {
      const cards = messagesTo(h, user);
      expect(cards).toHaveLength(1);
      const scale = (cards[0]!.blocks as { type: string; elements?: unknown[] }[]).filter((b) => b.type === 'actions');
      expect(scale).toHaveLength(1);
      expect(scale[0]!.elements).toHaveLength(11);
    }
    expect(textOf(inviteTo(USERS.member.id))).toContain('How likely are you to recommend Clinic triage to a colleague?');
    expect(textOf(inviteTo('UCHAN1'))).toContain('你有多大可能向同事推荐 Clinic triage？');
    expect(textOf(inviteTo(USERS.manager.id))).toContain('你有多大可能向同事推荐 Clinic triage？');
    expect((await h.outbox()).filter((r) => r.kind === 'survey_invite').every((r) => r.status === 'sent')).toBe(true);
  });
});

describe('answering, reminding, closing', () => {
  it('takes answers, changes them, keeps comments, reminds once, closes and reports the results', async () => {
    await startSurvey(valid());
    const card = inviteTo(USERS.member.id);

    // A click answers and the card shows the choice; a second click changes it.
    expect(await press(h, card, 'nps_score_8', USERS.member.id)).toEqual([]);
    expect(await answers()).toEqual([{ who: USERS.member.id, score: 8, comment: null }]);
    expect(textOf(card)).toContain('Your answer: *8*. You can change it until');
    expect(buttonsOf(card).filter((b) => (b as { style?: string }).style === 'primary').map((b) => b.action_id)).toEqual(['nps_score_8']);
    await press(h, card, 'nps_score_9', USERS.member.id);
    expect(await answers()).toEqual([{ who: USERS.member.id, score: 9, comment: null }]);

    // The optional comment: a modal; a later score keeps it.
    await press(h, card, 'nps_comment', USERS.member.id);
    const commentModal = lastModal(h);
    expect(commentModal.callback_id).toBe('nps_comment_modal');
    expect(await submitModal(h, commentModal, { comment: { v: { type: 'plain_text_input', value: 'Triage is much faster.' } } }, USERS.member.id)).toEqual({});
    expect(textOf(card)).toContain('Your comment: Triage is much faster.');
    await press(h, card, 'nps_score_10', USERS.member.id);
    expect(await answers()).toEqual([{ who: USERS.member.id, score: 10, comment: 'Triage is much faster.' }]);

    // Someone the survey was not sent to changes nothing.
    expect(await press(h, card, 'nps_score_0', USERS.stranger.id)).toEqual([expect.objectContaining({ text: 'This survey was sent to other people; your answer was not recorded.' })]);
    expect(await answers()).toHaveLength(1);

    // Three days later, at 09:00 on the next working morning: one reminder to those who have not answered, never twice.
    const remindAt = await reminderTime();
    expect(remindAt).toEqual(new Date('2026-11-26T01:00:00Z')); // Thursday 09:00 Shanghai: three calendar days, whatever the second it started
    h.clock.set(remindAt);
    expect((await runJobs(h)).surveyReminders).toBe(1);
    expect((await runJobs(h)).surveyReminders).toBe(0);
    const reminders = (await h.outbox()).filter((r) => r.kind === 'survey_reminder');
    expect(reminders.map((r) => r.destination).sort()).toEqual(['UCHAN1', 'UCHAN2', USERS.manager.id].sort());
    expect(reminders.every((r) => r.status === 'sent')).toBe(true);
    expect(messagesTo(h, USERS.member.id)).toHaveLength(1);
    const reminder = messagesTo(h, USERS.manager.id)[1]!;
    expect(textOf(reminder)).toContain('提醒：NPS 调查');

    // Answering on the reminder updates the invite too.
    await press(h, reminder, 'nps_score_6', USERS.manager.id);
    expect(textOf(inviteTo(USERS.manager.id))).toContain('你的回答：*6* 分');
    await press(h, inviteTo('UCHAN1'), 'nps_score_10', 'UCHAN1');

    // At the closing time the starter (the PMO) gets the results: 2 promoters, 1 detractor of 3.
    h.clock.set(new Date(MONDAY.getTime() + 7 * DAY));
    expect((await runJobs(h)).surveysClosed).toBe(1);
    const results = resultsCard();
    expect(results.text).toContain('NPS 33');
    expect(textOf(results)).toContain('NPS *33* (95% interval');
    expect(textOf(results)).toContain('3 answers');
    expect((await h.outbox()).filter((r) => r.kind === 'survey_results').map((r) => [r.destination, r.status])).toEqual([[USERS.pmo.id, 'sent']]);

    // After closing, a click is told so, and the card no longer offers the scale.
    const late = inviteTo('UCHAN2');
    expect(await press(h, late, 'nps_score_7', 'UCHAN2')).toEqual([expect.objectContaining({ text: 'This survey has closed; answers are no longer accepted.' })]);
    expect(buttonsOf(late)).toEqual([]);
    expect(await answers()).toHaveLength(3);

    // On demand: the PMO sees the workspace's latest; a member who started none sees none.
    const mine = await (await h.command('nps results', USERS.pmo.id)).json();
    expect(JSON.stringify(mine)).toContain('NPS *33*');
    expect(JSON.stringify(await (await h.command('nps results', USERS.member.id)).json())).toContain('There are no surveys to show yet.');
  });

  it('hides the score below 3 answers and says why', async () => {
    await startSurvey(valid({ people: [USERS.member.id, USERS.manager.id, USERS.stranger.id], channels: [], kind: 'baseline' }));
    await press(h, inviteTo(USERS.member.id), 'nps_score_9', USERS.member.id);
    await press(h, inviteTo(USERS.manager.id), 'nps_score_3', USERS.manager.id);
    h.clock.set(new Date(MONDAY.getTime() + 7 * DAY));
    await runJobs(h);
    const results = resultsCard();
    expect(textOf(results)).toContain('Results are hidden until at least 3 people have answered, to keep answers anonymous.');
    expect(textOf(results)).toContain('2 answers');
    expect(textOf(results)).not.toContain('NPS *');
    expect(textOf(results)).not.toContain('Promoters');
  });

  it('delivers the reminder once when Slack answers 429 and then 5xx', async () => {
    await startSurvey(valid({ people: [USERS.manager.id], channels: [] }));
    h.fake.injectNext('chat.postMessage', { status: 429, retryAfter: 30 });
    h.fake.injectNext('chat.postMessage', { status: 503 });
    const row = async () => (await h.db.select().from(outbox).where(eq(outbox.kind, 'survey_reminder')))[0]!;
    h.clock.set(await reminderTime());
    await runDueJobs(h.deps);
    expect(await row()).toMatchObject({ status: 'pending', lastError: 'ratelimited' });
    h.clock.advance(30_000);
    await runDueJobs(h.deps);
    expect(await row()).toMatchObject({ status: 'pending', lastError: 'HTTP 503 from Slack', attempts: 2 });
    h.clock.advance(3_600_000);
    await runJobs(h);
    await runJobs(h);
    expect(await row()).toMatchObject({ status: 'sent', attempts: 2 }); // two failed attempts, then delivered
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === USERS.manager.id).map((c) => c.status)).toEqual([200, 429, 503, 200]);
    expect(messagesTo(h, USERS.manager.id).filter((m) => textOf(m).includes('提醒'))).toHaveLength(1);
  });
});
