import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reviewSchedules } from '../../../src/db/schema/index.ts';
import { calendarOf } from '../../../src/domain/working-calendar.ts';
import { defaultSettings } from '../../../src/domain/settings.ts';
import { reviewDueAt } from '../../../src/domain/schedule.ts';
import type { SlackStoredMessage, SlackViewRecord } from '../../fakes/fake-slack.ts';
import { startSlackHarness, USERS, type Harness } from './harness.ts';
import { click, scores, stateOf, submission, validForm } from './payloads.ts';

let h: Harness;
let outcomeId: string;

type Button = { action_id: string; value: string };
const buttonsOf = (m: SlackStoredMessage): Button[] =>
  (m.blocks ?? []).flatMap((b) => ((b as { elements?: Button[] }).elements ?? []).filter((e) => (e as { type?: string }).type === 'button' || 'value' in e));
const messagesTo = (user: string) => {
  const channels = new Set(h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === user).map((c) => (c.response as { channel?: string })?.channel));
  return h.fake.messages.filter((m) => channels.has(m.channel));
};
/** The first message a user got: for reviewers, their approval card. */
const cardTo = (user: string) => messagesTo(user)[0];

/** Clicks a button of `message` as `user`; returns what the response_url received. */
async function press(message: SlackStoredMessage, actionId: string, user: string, extra: { scores?: { impact: number; difficulty: number; innovation: number } } = {}) {
  const button = buttonsOf(message).find((b) => b.action_id === actionId)!;
  const responseUrl = h.fake.respondUrl();
  const res = await h.interact(
    click({ user, actionId, value: button.value, blockId: `decide:${outcomeId}`, triggerId: h.fake.issueTrigger(), responseUrl, channel: message.channel, state: extra.scores ? scores(outcomeId, extra.scores) : {} }),
  );
  expect(res.status).toBe(200);
  return h.fake.responsesTo(responseUrl) as { text?: string; response_type?: string }[];
}

/** Submits the comment modal the last click opened. */
async function comment(text: string, user: string) {
  const view = (h.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;
  expect(view.callback_id).toBe('outcome_comment');
  const res = await h.interact(submission(view, { comment: { v: { type: 'plain_text_input', value: text } } }, user));
  const body = await res.text();
  return body ? (JSON.parse(body) as { errors?: Record<string, string> }) : {};
}

beforeEach(async () => {
  h = await startSlackHarness();
  const ws = await h.deps.repos.workspaces.ensure('slack', 'T0001');
  await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [USERS.pmo.id] });
  await h.command('');
  const view = (h.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;
  await h.interact(submission(view, stateOf(validForm())));
  outcomeId = (await h.allOutcomes())[0]!.id;
});
afterEach(() => h.close());

describe('two-stage review from the approval cards', () => {
  it('goes manager → PMO → verified, updating each card in place and notifying the member', async () => {
    const managerCard = cardTo(USERS.manager.id)!;
    expect(buttonsOf(managerCard).map((b) => b.action_id)).toEqual(['outcome_approve', 'outcome_request_changes', 'outcome_reject']);
    expect(await press(managerCard, 'outcome_approve', USERS.manager.id, { scores: { impact: 4, difficulty: 3, innovation: 5 } })).toEqual([]);
    expect((await h.outcome(outcomeId))!.status).toBe('manager_approved');

    // The manager's card now shows who decided, with no controls left (updated, not re-posted).
    expect(managerCard.history).toHaveLength(1);
    expect(buttonsOf(managerCard)).toEqual([]);
    expect(JSON.stringify(managerCard.blocks)).toContain('<@UMANAGER1>');
    expect(JSON.stringify(managerCard.blocks)).toContain('<!date^');

    const pmoCard = cardTo(USERS.pmo.id)!;
    expect(JSON.stringify(pmoCard.blocks)).toContain('Manager review');
    await press(pmoCard, 'outcome_approve', USERS.pmo.id, { scores: { impact: 5, difficulty: 4, innovation: 4 } });
    expect((await h.outcome(outcomeId))!.status).toBe('verified');
    expect(buttonsOf(pmoCard)).toEqual([]);

    // The 90-day review is scheduled from the project's go-live (2026-01-05) in the owner's zone.
    const [schedule] = await h.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, outcomeId));
    const goLive = new Date('2026-01-05T00:00:00Z'); // the calendar date 2026-01-05
    expect(schedule).toMatchObject({ kind: 'first', dueAt: reviewDueAt({ goLive, offsetDays: 90, timeZone: 'Asia/Shanghai', calendar: calendarOf(defaultSettings('Asia/Shanghai', 'en')) }) });

    const notices = messagesTo(USERS.member.id).map((m) => m.text);
    expect(notices).toEqual([expect.stringContaining('was submitted'), expect.stringContaining('approved “Shorter clinic waiting time”'), expect.stringContaining('is verified by Pat PMO')]);
    expect(notices[2]).toContain('2026-04-06');
    expect((await h.outbox()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('posts the stage-2 card in the PMO channel when one is set; a PMO reviewer decides there', async () => {
    const ws = (await h.deps.repos.workspaces.byExternalId('slack', 'T0001'))!;
    await h.deps.repos.workspaces.updateSettings(ws.id, { pmoChannel: 'C0PMO' });
    await press(cardTo(USERS.manager.id)!, 'outcome_approve', USERS.manager.id, { scores: { impact: 4, difficulty: 3, innovation: 5 } });
    const channelCard = h.fake.messages.find((m) => m.channel === 'C0PMO')!;
    expect(JSON.stringify(channelCard.blocks)).toContain('outcome_approve');
    expect(messagesTo(USERS.pmo.id)).toEqual([]);
    expect(await press(channelCard, 'outcome_approve', USERS.stranger.id, { scores: { impact: 1, difficulty: 1, innovation: 1 } })).toEqual([expect.objectContaining({ text: 'This review is assigned to someone else.' })]);
    await press(channelCard, 'outcome_approve', USERS.pmo.id, { scores: { impact: 5, difficulty: 4, innovation: 4 } });
    expect((await h.outcome(outcomeId))!.status).toBe('verified');
    expect(buttonsOf(channelCard)).toEqual([]);
    expect(JSON.stringify(channelCard.blocks)).toContain('<@UPMO1>');
  });

  it('tells anyone but the assigned reviewer that it is not theirs, and changes nothing', async () => {
    const card = cardTo(USERS.manager.id)!;
    const before = await h.counts();
    const answer = await press(card, 'outcome_approve', USERS.stranger.id, { scores: { impact: 3, difficulty: 3, innovation: 3 } });
    expect(answer).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: 'This review is assigned to someone else.' })]);
    expect(await press(card, 'outcome_reject', USERS.pmo.id)).toEqual([expect.objectContaining({ text: 'This review is assigned to someone else.' })]);
    expect(await press(card, 'outcome_approve', USERS.member.id, { scores: { impact: 5, difficulty: 5, innovation: 5 } })).toEqual([expect.objectContaining({ text: expect.stringContaining('your own outcome') })]);
    expect(await h.counts()).toEqual(before);
    expect((await h.outcome(outcomeId))!.status).toBe('submitted');
    expect(h.fake.callsTo('views.open')).toHaveLength(1); // no comment modal for the PMO's reject
  });

  it('asks for the score card before approving', async () => {
    const answer = await press(cardTo(USERS.manager.id)!, 'outcome_approve', USERS.manager.id);
    expect(answer).toEqual([expect.objectContaining({ text: expect.stringContaining('1 到 5 分') })]);
    expect((await h.outcome(outcomeId))!.status).toBe('submitted');
  });

  it('decides a double click once', async () => {
    const card = cardTo(USERS.manager.id)!;
    const s = { impact: 4, difficulty: 4, innovation: 4 };
    const [a, b] = await Promise.all([press(card, 'outcome_approve', USERS.manager.id, { scores: s }), press(card, 'outcome_approve', USERS.manager.id, { scores: s })]);
    expect([...a, ...b]).toEqual([expect.objectContaining({ text: expect.stringContaining('已') })]);
    expect(await h.counts()).toMatchObject({ reviews: 1 });
    expect(messagesTo(USERS.pmo.id)).toHaveLength(1);
  });

  it('does not let a manager who is also PMO decide stage 2 with a second click on the stage-1 card', async () => {
    const ws = (await h.deps.repos.workspaces.byExternalId('slack', 'T0001'))!;
    await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [USERS.pmo.id, USERS.manager.id] });
    const card = cardTo(USERS.manager.id)!;
    const buttons = buttonsOf(card);
    await press(card, 'outcome_approve', USERS.manager.id, { scores: { impact: 4, difficulty: 4, innovation: 4 } });
    card.blocks = [{ type: 'actions', elements: buttons }]; // a stale copy of the card, still showing the buttons
    await press(card, 'outcome_approve', USERS.manager.id, { scores: { impact: 4, difficulty: 4, innovation: 4 } });
    expect((await h.outcome(outcomeId))!.status).toBe('manager_approved');
  });

  it('sends a request for changes back with the comment; the member edits and the review restarts', async () => {
    const card = cardTo(USERS.manager.id)!;
    expect(await press(card, 'outcome_request_changes', USERS.manager.id)).toEqual([]);
    expect(await comment('   ', USERS.manager.id)).toEqual({ response_action: 'errors', errors: { comment: expect.stringContaining('意见') } });
    expect((await h.outcome(outcomeId))!.status).toBe('submitted');
    expect(await comment('Please add the patient survey data.', USERS.manager.id)).toEqual({});
    expect((await h.outcome(outcomeId))!.status).toBe('changes_requested');
    expect(JSON.stringify(card.blocks)).toContain('Please add the patient survey data.');

    const notice = messagesTo(USERS.member.id).at(-1)!;
    expect(notice.text).toContain('asked for changes');
    expect(notice.text).toContain('Please add the patient survey data.');
    const edit = buttonsOf(notice).find((b) => b.action_id === 'outcome_edit')!;
    expect(edit).toBeDefined();

    // Someone else cannot use the member's Edit button.
    expect(await press(notice, 'outcome_edit', USERS.stranger.id)).toEqual([expect.objectContaining({ text: expect.stringContaining('permission') })]);
    await press(notice, 'outcome_edit', USERS.member.id);
    const modal = (h.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;
    expect(modal.title).toMatchObject({ text: 'Edit outcome' });
    expect(JSON.stringify(modal.blocks)).toContain('Shorter clinic waiting time');
    expect(JSON.stringify(modal.blocks)).toContain('"initial_value":"45"');
    expect(JSON.stringify(modal.blocks)).toContain('https://example.com/report');

    const projectId = (await h.outcome(outcomeId))!.projectId!;
    const edited = validForm({ title: 'Shorter waiting time, with survey data', project: projectId, project_new: undefined });
    const res = await h.interact(submission(modal, stateOf(edited)));
    expect(await res.text()).toBe('');
    expect(await h.outcome(outcomeId)).toMatchObject({ status: 'submitted', round: 2, title: 'Shorter waiting time, with survey data' });
    const cards = messagesTo(USERS.manager.id);
    expect(cards).toHaveLength(2);
    expect(buttonsOf(cards[1]!).find((b) => b.action_id === 'outcome_approve')!.value).toContain('"r":2');
    // The round-1 card is stale: its buttons are gone, and a replayed click decides nothing.
    expect(await press({ ...card, blocks: [{ type: 'actions', elements: buttonsOf(cards[1]!).map((b) => ({ ...b, value: b.value.replace('"r":2', '"r":1') })) }] }, 'outcome_approve', USERS.manager.id, { scores: { impact: 3, difficulty: 3, innovation: 3 } })).toEqual([
      expect.objectContaining({ text: expect.stringContaining('已') }),
    ]);
  });

  it('rejects with a reason, a terminal decision the member hears about', async () => {
    await press(cardTo(USERS.manager.id)!, 'outcome_reject', USERS.manager.id);
    expect(await comment('Duplicate of another outcome.', USERS.manager.id)).toEqual({});
    expect((await h.outcome(outcomeId))!.status).toBe('rejected');
    expect(messagesTo(USERS.member.id).at(-1)!.text).toContain('rejected “Shorter clinic waiting time”: Duplicate of another outcome.');
    expect(buttonsOf(messagesTo(USERS.member.id).at(-1)!)).toEqual([]);
  });
});

describe('delivery through the outbox', () => {
  it('delivers an approval card once when chat.postMessage answers 429 first', async () => {
    const fresh = await startSlackHarness();
    try {
      const ws = await fresh.deps.repos.workspaces.ensure('slack', 'T0001');
      await fresh.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [USERS.pmo.id] });
      await fresh.command('');
      const view = (fresh.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;
      fresh.fake.injectNext('chat.postMessage', { status: 429, retryAfter: 7, times: 2 });
      const submittedAt = fresh.clock.now().getTime();
      await fresh.interact(submission(view, stateOf(validForm())));
      const rows = await fresh.outbox();
      expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
      // Retry-After is honoured: due 7 s after the attempt, and the sweeps in between sent nothing.
      expect(rows.every((r) => r.lastError === 'ratelimited' && r.attempts === 1 && r.nextAttemptAt.getTime() === submittedAt + 7000)).toBe(true);
      expect(await fresh.deliver()).toMatchObject({ sent: 0 });
      fresh.clock.advance(4_000);
      expect(await fresh.deliver()).toMatchObject({ sent: 2 });
      expect(await fresh.deliver()).toMatchObject({ sent: 0 });
      expect(fresh.fake.messages.filter((m) => JSON.stringify(m.blocks).includes('outcome_approve'))).toHaveLength(1);
      expect(fresh.fake.callsTo('chat.postMessage')).toHaveLength(4);
    } finally {
      await fresh.close();
    }
  });

  it('gives up at once on an error retrying cannot fix, keeping it visible', async () => {
    const fresh = await startSlackHarness();
    try {
      await fresh.command('');
      const view = (fresh.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;
      fresh.fake.injectNext('chat.postMessage', { error: 'channel_not_found' });
      await fresh.interact(submission(view, stateOf(validForm())));
      const rows = await fresh.outbox();
      expect(rows.filter((r) => r.status === 'dead')).toEqual([expect.objectContaining({ lastError: 'channel_not_found', attempts: 1 })]);
    } finally {
      await fresh.close();
    }
  });
});
