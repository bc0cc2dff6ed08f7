import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../../cards/actions.ts';
import { cardProblems } from '../../../cards/feishu/limits.ts';
import { evidence, metricReadings, reviewSchedules } from '../../../src/db/schema/index.ts';
import { buttonValues, cardText, F, startHarness, type Harness } from './harness.ts';
import { runJobsAt, sentCards, verifiedOutcome, withPmo } from './followup-steps.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await withPmo(h);
});
afterEach(() => h.close());

const schedule = async (outcomeId: string) => (await h.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, outcomeId)))[0]!;
const record = (who: string, scheduleId: string, formValue: Record<string, string>, messageId = 'om_review') =>
  h.click({ openId: who, value: encodeAction({ a: 'review', r: scheduleId }), name: 'record', formValue, openMessageId: messageId });

describe('the 90-day review on Feishu', () => {
  it('verified → due card → reminder → escalation to the manager → recorded through the card → shortfall alert to owner, manager and PMO', async () => {
    const outcomeId = await verifiedOutcome(h);
    const s = await schedule(outcomeId);
    expect(s.dueAt.toISOString()).toBe('2027-03-01T01:00:00.000Z'); // 09:00 in Shanghai, 90 days after the 2026-12-01 go-live

    // Not before its day.
    await runJobsAt(h, new Date(s.dueAt.getTime() - 60_000));
    expect(await sentCards(h, 'review_due')).toEqual([]);

    // The due day: the owner's card with each metric's baseline and target and a field for the actual value.
    await runJobsAt(h, s.dueAt);
    const [due] = await sentCards(h, 'review_due', F.member);
    expect(cardProblems(due!.card)).toEqual([]);
    expect(cardText(due!.card)).toContain('Waiting time (min): baseline 45 → target 28');
    expect(JSON.stringify(due!.card)).toContain('"name":"actual_0"');
    expect(JSON.stringify(due!.card)).toContain('"name":"evidence_url"');
    expect(buttonValues(due!.card)).toEqual([{ a: 'review', r: s.id }]);

    // Three days on: one reminder.
    const notified = await schedule(outcomeId);
    await runJobsAt(h, notified.remindAt!);
    const [reminder] = await sentCards(h, 'review_reminder', F.member);
    expect(cardText(reminder!.card)).toContain('Reminder: this review is still open.');

    // A week on: the manager is told it is overdue; the review stays open.
    await runJobsAt(h, notified.escalateAt!);
    const [escalation] = await sentCards(h, 'review_escalation', F.manager);
    expect(cardText(escalation!.card)).toContain(`The follow-up review of “Shorter clinic waiting time” by <at id=${F.member}></at> is 7 days overdue (due 2027-03-01).`);
    expect((await schedule(outcomeId)).status).toBe('notified');

    // Invalid input: a note beside the field, nothing stored.
    const bad = await record(F.member, s.id, { actual_0: 'about 30', evidence_url: 'not a link' }, due!.messageId);
    expect(bad.body.toast).toMatchObject({ type: 'error' });
    const badCard = JSON.stringify(bad.body.card!.data);
    expect(badCard.indexOf('Enter the actual value of Waiting time as a number.')).toBeGreaterThan(badCard.indexOf('"name":"actual_0"'));
    expect(badCard.indexOf('Enter a full link starting with http:// or https://.')).toBeGreaterThan(badCard.indexOf('"name":"evidence_url"'));
    expect(badCard).toContain('"default_value":"about 30"');
    expect(await h.db.select().from(metricReadings)).toEqual([]);
    expect((await schedule(outcomeId)).status).toBe('notified');

    // Only the owner can record it.
    const stranger = await record(F.manager, s.id, { actual_0: '32' });
    expect(stranger.body.toast).toMatchObject({ type: 'error', i18n: { en_us: 'Only the outcome’s owner can record this review.' } });

    // The owner records 45 → 32 against a target of 28: 76.5 % of the change, 23.5 % short → alert.
    const ok = await record(F.member, s.id, { actual_0: '32', evidence_url: 'https://example.com/after', comment: 'Triage helped; peaks remain' }, due!.messageId);
    expect(ok.body.toast).toMatchObject({ type: 'success' });
    const recorded = cardText(ok.body.card!.data);
    expect(recorded).toContain('actual **32** (76.5% of the targeted change)');
    expect(recorded).toContain('Shortfall over 15%: your manager and the PMO have been alerted.');
    expect(buttonValues(ok.body.card!.data)).toEqual([]);
    expect((await h.db.select().from(metricReadings)).map((r) => [r.value, r.source])).toEqual([[32, 'review']]);
    expect((await h.db.select().from(evidence)).map((e) => e.url)).toContain('https://example.com/after');
    expect((await schedule(outcomeId)).status).toBe('done');

    // The receipt to the owner, and the alert with its numbers to owner, manager and PMO.
    const [receipt] = await sentCards(h, 'review_recorded', F.member);
    expect(cardText(receipt!.card)).toContain('Your follow-up review of “Shorter clinic waiting time” is recorded.');
    const alerts = await sentCards(h, 'shortfall_alert');
    expect(alerts.map((a) => a.to).sort()).toEqual([F.member, F.manager, F.pmo].sort());
    for (const a of alerts) {
      expect(cardText(a.card)).toContain('Waiting time: target 45 min → 28 min, achieved 45 min → 32 min: 76.5% of the targeted change, 23.5% short.');
      expect(cardText(a.card)).toContain('progress = (actual − baseline) / (target − baseline)');
    }

    // A second click records nothing more and shows what was recorded.
    const again = await record(F.member, s.id, { actual_0: '20' });
    expect(again.body.toast).toMatchObject({ type: 'error', i18n: { en_us: 'This review has already been recorded.' } });
    expect(cardText(again.body.card!.data)).toContain('actual **32**');
    expect(await h.db.select().from(metricReadings)).toHaveLength(1);
  });

  it('reads the actual value as the domain does: "12,5" gets the note beside the field and stores nothing, "1,000" is 1000', async () => {
    const outcomeId = await verifiedOutcome(h);
    const s = await schedule(outcomeId);
    await runJobsAt(h, s.dueAt);
    const bad = await record(F.member, s.id, { actual_0: '12,5' });
    expect(bad.body.toast).toMatchObject({ type: 'error' });
    const badCard = JSON.stringify(bad.body.card!.data);
    const note = badCard.indexOf('Enter the actual value of Waiting time as a number.');
    expect(note).toBeGreaterThan(badCard.indexOf('"name":"actual_0"'));
    expect(note).toBeLessThan(badCard.indexOf('"name":"evidence_url"'));
    expect(await h.db.select().from(metricReadings)).toEqual([]);
    expect((await schedule(outcomeId)).status).toBe('notified');

    const ok = await record(F.member, s.id, { actual_0: '1,000' });
    expect(ok.body.toast).toMatchObject({ type: 'success' });
    expect((await h.db.select().from(metricReadings)).map((r) => r.value)).toEqual([1000]);
  });

  it('a reminder the platform answers with 429 and then 5xx is delivered once, later', async () => {
    const outcomeId = await verifiedOutcome(h);
    await runJobsAt(h, (await schedule(outcomeId)).dueAt);
    const { remindAt } = await schedule(outcomeId);
    const reminderRow = async () => (await h.outboxRows()).find((r) => r.kind === 'review_reminder')!;

    h.fake.injectNext('POST /open-apis/im/v1/messages', { status: 429, retryAfter: 2 });
    await runJobsAt(h, remindAt!);
    expect(await reminderRow()).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('429') });

    h.fake.injectNext('POST /open-apis/im/v1/messages', { status: 503 });
    h.clock.advance(2_000);
    await h.drain();
    expect(await reminderRow()).toMatchObject({ status: 'pending', attempts: 2 });
    expect(await sentCards(h, 'review_reminder')).toEqual([]);

    // The next cron run after the backoff delivers it, once.
    const row = await reminderRow();
    await runJobsAt(h, row.nextAttemptAt);
    await runJobsAt(h, new Date(row.nextAttemptAt.getTime() + 60_000));
    expect(await reminderRow()).toMatchObject({ status: 'sent' });
    const reminders = h.fake.messages.filter((m) => m.receive_id === F.member && m.content.includes('Reminder: this review is still open.'));
    expect(reminders).toHaveLength(1);
    const posts = h.fake.callsTo('POST /open-apis/im/v1/messages').filter((c) => (c.body as { uuid?: string }).uuid === row.id);
    expect(posts).toHaveLength(3);
  });

  it('a reminder for a review recorded meanwhile is not sent', async () => {
    const outcomeId = await verifiedOutcome(h);
    const s = await schedule(outcomeId);
    await runJobsAt(h, s.dueAt);
    const { remindAt } = await schedule(outcomeId);
    // The reminder row exists but its delivery is held back by a 429 until after the owner records.
    h.fake.injectNext('POST /open-apis/im/v1/messages', { status: 429, retryAfter: 60 });
    await runJobsAt(h, remindAt!);
    await record(F.member, s.id, { actual_0: '27' });
    h.clock.advance(61_000);
    await h.drain();
    expect((await h.outboxRows()).find((r) => r.kind === 'review_reminder')).toMatchObject({ status: 'sent', result: { skipped: expect.any(String) } });
    expect(await sentCards(h, 'review_reminder')).toEqual([]);
    expect(await sentCards(h, 'shortfall_alert')).toEqual([]); // 27 beats the target: no alert
  });
});
