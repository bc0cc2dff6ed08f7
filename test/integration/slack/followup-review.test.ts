import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metricReadings, outbox, reviewSchedules } from '../../../src/db/schema/index.ts';
import { runDueJobs } from '../../../src/jobs/run-due-jobs.ts';
import { startSlackHarness, USERS, type Harness } from './harness.ts';
import { buttonsOf, lastModal, messagesTo, press, runJobs, submitModal, textOf, verifiedOutcome } from './followup-steps.ts';
import { homeClick } from './payloads.ts';

let h: Harness;
let outcomeId: string;

/** A member's outcome (45 → 28 min, go-live 2026-01-05), verified by the manager and the PMO; the member reports to the manager. */
beforeEach(async () => {
  h = await startSlackHarness();
  ({ outcomeId } = await verifiedOutcome(h));
  expect((await h.outcome(outcomeId))!.status).toBe('verified');
  await runDueJobs(h.deps); // the week's digest goes out now, not in the middle of a test
});
afterEach(() => h.close());

const schedule = async () => (await h.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, outcomeId)))[0]!;
const readings = async () => (await h.db.select({ n: count() }).from(metricReadings))[0]!.n;
const rows = (kind: string) => h.db.select().from(outbox).where(eq(outbox.kind, kind));
const reviewCards = () => messagesTo(h, USERS.member.id).filter((m) => m.text?.startsWith('Follow-up review'));
const actualBlock = async () => `actual:${(await h.deps.repos.reviews.get((await schedule()).workspaceId, (await schedule()).id))!.metrics[0]!.id}`;

/** The review form state: the actual of the one metric, an evidence link and a comment. */
const reviewState = (block: string, actual: string, evidence = '', comment = '') => ({
  [block]: { v: { type: 'number_input', value: actual } },
  evidence: { v: { type: 'url_text_input', value: evidence } },
  comment: { v: { type: 'plain_text_input', value: comment } },
});

describe('the 90-day review on Slack', () => {
  it('goes due → reminder (through 429 and 5xx) → escalation → recorded in the form → shortfall alert to owner, manager and PMO', async () => {
    // Due on Monday 2026-04-06 09:00 Shanghai (go-live + 90 days is a Sunday).
    const due = await schedule();
    expect(due.dueAt).toEqual(new Date('2026-04-06T01:00:00Z'));
    h.clock.set(due.dueAt);
    expect((await runJobs(h)).reviewsDue).toBe(1);
    const [card] = reviewCards();
    expect(card!.text).toBe('Follow-up review: Shorter clinic waiting time');
    expect(textOf(card)).toContain('*Waiting time*: baseline 45 → target 28 min');
    expect(buttonsOf(card!).map((b) => [b.action_id, JSON.parse(b.value)])).toEqual([['review_record', { a: 'review', r: due.id }]]);

    // The reminder three days later; Slack answers 429, then 503, then takes it: delivered once.
    const notified = await schedule();
    h.fake.injectNext('chat.postMessage', { status: 429, retryAfter: 60 });
    h.fake.injectNext('chat.postMessage', { status: 503 });
    h.clock.set(notified.remindAt!);
    expect((await runDueJobs(h.deps)).reviewReminders).toBe(1);
    expect((await rows('review_reminder'))[0]).toMatchObject({ status: 'pending', lastError: 'ratelimited' });
    h.clock.advance(60_000);
    await runDueJobs(h.deps);
    expect((await rows('review_reminder'))[0]).toMatchObject({ status: 'pending', lastError: 'HTTP 503 from Slack' });
    h.clock.advance(3_600_000);
    await runJobs(h);
    await runJobs(h);
    expect((await rows('review_reminder')).map((r) => r.status)).toEqual(['sent']);
    expect(reviewCards()).toHaveLength(2);
    const reminder = reviewCards()[1]!;
    expect(textOf(reminder)).toContain('Reminder: this review is still open.');

    // A week after the due card the manager is told, in Chinese; the review stays open.
    h.clock.set(notified.escalateAt!);
    expect((await runJobs(h)).escalations).toBe(1);
    const escalation = messagesTo(h, USERS.manager.id).find((m) => m.text?.includes('逾期'))!;
    expect(escalation.text).toBe('Alice Member 负责的“Shorter clinic waiting time”跟进复盘已逾期 7 天（截止日期 2026-04-06）。');
    expect(textOf(escalation)).toContain('<@UMEMBER1>');
    expect((await schedule()).status).toBe('notified');

    // Only the owner may record.
    expect(await press(h, reminder, 'review_record', USERS.stranger.id)).toEqual([expect.objectContaining({ text: 'Only the outcome’s owner can record this review.' })]);

    // The owner opens the form from the reminder; bad input is refused beside its fields, nothing stored.
    const opens = h.fake.callsTo('views.open').length;
    await press(h, reminder, 'review_record', USERS.member.id);
    expect(h.fake.callsTo('views.open')).toHaveLength(opens + 1);
    const form = lastModal(h);
    expect(form.callback_id).toBe('review_record');
    const block = await actualBlock();
    expect(await submitModal(h, form, reviewState(block, '', 'not a link'), USERS.member.id)).toEqual({
      response_action: 'errors',
      errors: { [block]: 'Enter the actual value of Waiting time.', evidence: expect.stringContaining('http') },
    });
    expect(await readings()).toBe(0);
    expect((await schedule()).status).toBe('notified');

    // 45 → 32 against a target of 28: 76.5 % of the targeted change, 23.5 % short → alert.
    expect(await submitModal(h, form, reviewState(block, '32', 'https://example.com/after', 'Triage helped; booking did not.'), USERS.member.id)).toEqual({});
    expect((await schedule()).status).toBe('done');
    expect(await readings()).toBe(1);
    await runJobs(h);

    // Both review cards now show what was recorded and the alert, with no button left (updated, not re-posted).
    for (const c of reviewCards()) {
      expect(c.history.length).toBeGreaterThan(0);
      expect(buttonsOf(c)).toEqual([]);
      expect(textOf(c)).toContain('recorded *32*');
      expect(textOf(c)).toContain('Short of the target by more than 15%');
    }
    expect(messagesTo(h, USERS.member.id).find((m) => m.text?.startsWith('Thanks'))!.text).toBe('Thanks: the follow-up review of “Shorter clinic waiting time” is recorded.');

    const alerts = await rows('shortfall_alert');
    expect(alerts.map((r) => [r.destination, r.status]).sort()).toEqual([
      [USERS.manager.id, 'sent'],
      [USERS.member.id, 'sent'],
      [USERS.pmo.id, 'sent'],
    ]);
    const alertTo = (user: string) => messagesTo(h, user).find((m) => /^(Deviation alert|偏差提醒)/.test(m.text ?? ''))!;
    expect(textOf(alertTo(USERS.member.id))).toContain('*Waiting time*: target 45 min → 28 min, achieved 45 min → 32 min: 76.5% of the targeted change, 23.5% short.');
    expect(textOf(alertTo(USERS.pmo.id))).toContain('76.5% of the targeted change, 23.5% short');
    expect(textOf(alertTo(USERS.manager.id))).toContain('*Waiting time*：目标 45 min → 28 min，实际 45 min → 32 min：完成目标变化的 76.5%，差距 23.5%。');

    // Recording twice is refused, and nothing more is sent.
    const again = await submitModal(h, form, reviewState(block, '30'), USERS.member.id);
    expect(again).toEqual({ response_action: 'errors', errors: { [block]: 'This review has already been recorded.' } });
    expect(await readings()).toBe(1);
    await runJobs(h);
    expect(await rows('shortfall_alert')).toHaveLength(3);
  });

  it('reads the actual value as typed: a decimal comma is refused beside its field, thousands separators are understood', async () => {
    h.clock.set((await schedule()).dueAt);
    await runJobs(h);
    await press(h, reviewCards()[0]!, 'review_record', USERS.member.id);
    const form = lastModal(h);
    const block = await actualBlock();
    expect(await submitModal(h, form, reviewState(block, '12,5'), USERS.member.id)).toEqual({ response_action: 'errors', errors: { [block]: 'Enter the actual value of Waiting time.' } });
    expect(await readings()).toBe(0);
    expect((await schedule()).status).toBe('notified');

    expect(await submitModal(h, form, reviewState(block, '1,000'), USERS.member.id)).toEqual({});
    expect((await h.db.select().from(metricReadings)).map((r) => r.value)).toEqual([1000]);
  });

  it('offers the record button on the Home tab once the review is due, and records from there', async () => {
    h.clock.set((await schedule()).dueAt);
    await runJobs(h);
    await h.event({ type: 'app_home_opened', user: USERS.member.id, channel: 'D0', tab: 'home', event_ts: '1.0' }, 'EvHome1');
    const home = h.fake.homeViews.get(USERS.member.id)!;
    const button = (home.blocks as { accessory?: { action_id: string; value: string } }[]).map((b) => b.accessory).find((a) => a?.action_id === 'review_record')!;
    expect(JSON.parse(button.value)).toEqual({ a: 'review', r: (await schedule()).id });

    await h.interact(homeClick({ user: USERS.member.id, actionId: 'review_record', value: button.value, blockId: 'home-review', triggerId: h.fake.issueTrigger() }));
    const form = lastModal(h);
    expect(JSON.parse(form.private_metadata)).toEqual({ r: (await schedule()).id, home: true });
    expect(await submitModal(h, form, reviewState(await actualBlock(), '27'), USERS.member.id)).toEqual({});
    await runJobs(h);
    // Within the threshold: no alert; the Home tab no longer lists the review.
    expect(await rows('shortfall_alert')).toEqual([]);
    expect(JSON.stringify(h.fake.homeViews.get(USERS.member.id)!.blocks)).not.toContain('review_record');
    expect(textOf(reviewCards()[0])).toContain('Every metric is within the 15% shortfall threshold.');
  });
});
