/**
 * A retrospective on Slack, from the prompt to the pack: the 90-day review is recorded in its
 * modal → the owner gets the lessons prompt → "Write lessons" opens the lessons modal → the
 * submission is stored once (a retry adds nothing) → the monthly job sends the PMO the pack
 * with the period's verified outcomes, shortfalls, lessons and insights → an action agreed at
 * the meeting is reminded from its due day, once a day, until its owner marks it done.
 * Real Bolt app and WebClient against the fake Slack, real database, manual clock.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lessons, outbox, retrospectives, reviewSchedules } from '../../../src/db/schema/index.ts';
import { recordConclusions } from '../../../src/retro/retrospective.ts';
import { buttonsOf, lastModal, messagesTo, press, runJobs, submitModal, textOf, verifiedOutcome } from '../slack/followup-steps.ts';
import { startSlackHarness, USERS, type Harness } from '../slack/harness.ts';
import { submission } from '../slack/payloads.ts';

let h: Harness;
let outcomeId: string;
let workspaceId: string;

beforeEach(async () => {
  h = await startSlackHarness();
  ({ workspaceId, outcomeId } = await verifiedOutcome(h));
  await runJobs(h);
  await h.deps.repos.workspaces.updateSettings(workspaceId, { retroCadence: 'monthly' });
});
afterEach(() => h.close());

const schedule = async () => (await h.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, outcomeId)))[0]!;
const stored = () => h.db.select().from(lessons);
const packs = () => messagesTo(h, USERS.pmo.id).filter((m) => m.text?.startsWith('Retrospective pack'));
const lessonState = (worked: string, didnt = '', repeat = '', tags = '') => ({
  what_worked: { v: { type: 'plain_text_input', value: worked } },
  what_didnt: { v: { type: 'plain_text_input', value: didnt } },
  what_to_repeat: { v: { type: 'plain_text_input', value: repeat } },
  tags: { v: { type: 'plain_text_input', value: tags } },
});

/** The review recorded in its modal: 45 → 32 against 28, short by more than 15 %. */
async function recordReview() {
  const s = await schedule();
  h.clock.set(s.dueAt);
  await runJobs(h);
  const card = messagesTo(h, USERS.member.id).find((m) => m.text?.startsWith('Follow-up review'))!;
  await press(h, card, 'review_record', USERS.member.id);
  const metricId = (await h.deps.repos.reviews.get(workspaceId, s.id))!.metrics[0]!.id;
  expect(await submitModal(h, lastModal(h), { [`actual:${metricId}`]: { v: { type: 'number_input', value: '32' } } }, USERS.member.id)).toEqual({});
  await runJobs(h);
}

describe('a retrospective on Slack', () => {
  it('prompt → lessons modal → stored once → the monthly pack with the verified outcome, the shortfall, the lesson and the insights', async () => {
    // April 1st, 09:00 in Shanghai: March's pack, with the outcome verified then.
    h.clock.set(new Date('2026-04-01T00:59:00Z'));
    await runJobs(h);
    expect(packs()).toEqual([]);
    h.clock.set(new Date('2026-04-01T01:00:00Z'));
    expect((await runJobs(h)).retroPacks).toBe(1);
    const [march] = packs();
    expect(march!.text).toBe('Retrospective pack 2026-03');
    expect(textOf(march)).toContain('Verified outcomes (1)');
    expect(textOf(march)).toContain('Shorter clinic waiting time');
    expect(textOf(march)).toContain('No lessons were written in this period.');
    const marchRetro = (await h.db.select().from(retrospectives))[0]!;
    expect(textOf(march)).toContain(`https://outcome.example.com/app/retros/${marchRetro.id}`);

    await recordReview();
    // The owner is asked for lessons, once, with the button that opens the form.
    const prompts = messagesTo(h, USERS.member.id).filter((m) => m.text?.startsWith('The review of'));
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.text).toContain('“Shorter clinic waiting time” is recorded. What worked');
    expect(buttonsOf(prompts[0]!).map((b) => [b.action_id, JSON.parse(b.value)])).toEqual([['lesson_open', { a: 'lesson', o: outcomeId }]]);

    // Someone who may not see the outcome gets no form.
    const opens = h.fake.callsTo('views.open').length;
    expect(await press(h, prompts[0]!, 'lesson_open', USERS.stranger.id)).toEqual([expect.objectContaining({ text: expect.stringContaining('couldn’t find that') })]);
    expect(h.fake.callsTo('views.open')).toHaveLength(opens);

    await press(h, prompts[0]!, 'lesson_open', USERS.member.id);
    const form = lastModal(h);
    expect(form.callback_id).toBe('lesson_record');
    // Nothing answered: the note beside the first question, nothing stored.
    expect(await submitModal(h, form, lessonState('  '), USERS.member.id)).toEqual({ response_action: 'errors', errors: { what_worked: 'Answer at least one of the three questions.' } });
    expect(await stored()).toEqual([]);
    // Stored; the same submission again (Slack's retry) adds nothing.
    const state = lessonState('Triage at the door', 'Online booking came too late', 'Measure the queue weekly', '#Triage, 排队，triage');
    expect(await submitModal(h, form, state, USERS.member.id)).toEqual({});
    expect(await submitModal(h, form, state, USERS.member.id)).toEqual({});
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcomeId, whatWorked: 'Triage at the door', whatDidnt: 'Online booking came too late', whatToRepeat: 'Measure the queue weekly', tags: ['triage', '排队'], source: 'prompt' });

    // May 1st, 09:00: April's pack with the shortfall of the review, the lesson and the insights; a second run sends nothing more.
    h.clock.set(new Date('2026-05-01T01:00:00Z'));
    expect((await runJobs(h)).retroPacks).toBe(1);
    expect((await runJobs(h)).retroPacks).toBe(0);
    const april = packs()[1]!;
    expect(april.text).toBe('Retrospective pack 2026-04');
    const text = textOf(april);
    expect(text).toContain('Shortfalls (1)');
    expect(text).toContain('Shorter clinic waiting time: Waiting time reached 76.5% of its target');
    expect(text).toContain('Lessons (1)');
    expect(text).toContain('Triage at the door / Online booking came too late / Measure the queue weekly');
    expect(text).toContain('Insights (last 6 months)');
    // One verified outcome: too few to rank anything, and the pack says so instead of claiming.
    expect(text).toContain('by indicator class: 1 verified outcome in 1 group, too few to say anything about attainment (each group needs at least 3)');
    expect(text).not.toContain('had the highest');
    expect(packs()).toHaveLength(2);
  });

  it('an action is reminded from its due day at 09:00, at most once a day, on working days, until its owner marks it done from the card', async () => {
    h.clock.set(new Date('2026-04-01T01:00:00Z'));
    await runJobs(h);
    const retro = (await h.db.select().from(retrospectives))[0]!;
    const member = (await h.deps.repos.people.upsert(workspaceId, { platformUserId: USERS.member.id })).id;
    const pmo = (await h.deps.repos.people.upsert(workspaceId, { platformUserId: USERS.pmo.id })).id;
    // Due Wednesday 2026-04-08.
    await recordConclusions(h.deps, workspaceId, retro.id, { personId: pmo, pmo: true }, { conclusions: 'Triage works; booking is late.', actions: [{ title: 'Publish the triage checklist', ownerId: member, dueOn: '2026-04-08' }] });
    const reminders = () => messagesTo(h, USERS.member.id).filter((m) => m.text?.includes('Publish the triage checklist'));

    for (const at of ['2026-04-07T02:00:00Z', '2026-04-08T00:30:00Z']) {
      h.clock.set(new Date(at)); // the day before; the due day before 09:00
      expect((await runJobs(h)).retroReminders).toBe(0);
    }
    h.clock.set(new Date('2026-04-08T01:00:00Z'));
    expect((await runJobs(h)).retroReminders).toBe(1);
    h.clock.set(new Date('2026-04-08T09:00:00Z'));
    expect((await runJobs(h)).retroReminders).toBe(0); // once that day
    expect(reminders().map((m) => m.text)).toEqual(['Your retrospective action “Publish the triage checklist” is due today (2026-04-08).']);

    h.clock.set(new Date('2026-04-09T02:00:00Z'));
    expect((await runJobs(h)).retroReminders).toBe(1);
    const overdue = reminders()[1]!;
    expect(overdue.text).toBe('Your retrospective action “Publish the triage checklist” was due on 2026-04-08, 1 day ago.');
    expect(buttonsOf(overdue).map((b) => [b.action_id, JSON.parse(b.value)])).toEqual([['retro_action_done', { a: 'retro_done', x: expect.any(String) }]]);

    // Only its owner (or the PMO) closes it; then the card says done and the reminders stop.
    expect(await press(h, overdue, 'retro_action_done', USERS.stranger.id)).toEqual([expect.objectContaining({ text: 'Only the action’s owner (or the PMO) can mark it done.' })]);
    const answer = await press(h, overdue, 'retro_action_done', USERS.member.id);
    expect(answer).toEqual([expect.objectContaining({ replace_original: true, text: 'Done: “Publish the triage checklist”. Thank you.' })]);
    for (const at of ['2026-04-10T02:00:00Z', '2026-04-13T02:00:00Z']) {
      h.clock.set(new Date(at));
      expect((await runJobs(h)).retroReminders).toBe(0);
    }
    expect(reminders()).toHaveLength(2);
    expect((await h.db.select().from(outbox).where(eq(outbox.kind, 'retro_action_reminder'))).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('a reminder day that is not a working day is skipped: Saturday and Sunday, then Monday', async () => {
    h.clock.set(new Date('2026-04-01T01:00:00Z'));
    await runJobs(h);
    const retro = (await h.db.select().from(retrospectives))[0]!;
    const member = (await h.deps.repos.people.upsert(workspaceId, { platformUserId: USERS.member.id })).id;
    await recordConclusions(h.deps, workspaceId, retro.id, { personId: null, pmo: true }, { actions: [{ title: 'Call the vendor', ownerId: member, dueOn: '2026-04-11' }] });
    for (const day of ['2026-04-11', '2026-04-12']) {
      h.clock.set(new Date(`${day}T02:00:00Z`));
      expect((await runJobs(h)).retroReminders).toBe(0);
    }
    h.clock.set(new Date('2026-04-13T02:00:00Z'));
    expect((await runJobs(h)).retroReminders).toBe(1);
  });
});
