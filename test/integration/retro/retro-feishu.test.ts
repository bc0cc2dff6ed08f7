/**
 * A retrospective on Feishu, from the prompt to the pack: the 90-day review recorded through
 * its card → the lessons prompt (with its form) to the owner and, with `lessonsFromTeam`, the
 * project's owner → the form submitted (a problem shows the card again; a retried callback
 * stores nothing more) → the quarterly job's pack to the PMO with the lessons and insights →
 * an action reminder closed from its card. Real Lark SDK client against the fake Feishu.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../../cards/actions.ts';
import { cardProblems } from '../../../cards/feishu/limits.ts';
import { lessons, outcomes, projects, retroActions, retrospectives, reviewSchedules } from '../../../src/db/schema/index.ts';
import { recordConclusions } from '../../../src/retro/retrospective.ts';
import { buttonValues, cardText, F, startHarness, type Harness } from '../feishu/harness.ts';
import { runJobsAt, sentCards, verifiedOutcome, withPmo } from '../feishu/followup-steps.ts';

let h: Harness;
let outcomeId: string;

beforeEach(async () => {
  h = await startHarness();
  const ws = await withPmo(h, { retroCadence: 'quarterly', lessonsFromTeam: true });
  outcomeId = await verifiedOutcome(h);
  // The project's owner is the manager: the team the prompt also asks.
  const manager = await h.deps.repos.people.upsert(ws.id, { platformUserId: F.manager });
  const [o] = await h.db.select().from(outcomes).where(eq(outcomes.id, outcomeId));
  await h.db.update(projects).set({ ownerId: manager.id }).where(eq(projects.id, o!.projectId!));
});
afterEach(() => h.close());

const submitLesson = (who: string, messageId: string, formValue: Record<string, string>) => h.click({ openId: who, value: encodeAction({ a: 'lesson', o: outcomeId }), name: 'save_lesson', formValue, openMessageId: messageId });

describe('a retrospective on Feishu', () => {
  it('prompt to owner and team → form card → stored once → the quarterly pack with the lessons and the insights', async () => {
    const s = (await h.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, outcomeId)))[0]!;
    await runJobsAt(h, s.dueAt);
    // On the due day the job also opened Q4 2026's retrospective: the pack lists the outcome verified then.
    const [q4] = await sentCards(h, 'retro_pack', F.pmo);
    expect(cardProblems(q4!.card)).toEqual([]);
    expect(cardText(q4!.card)).toContain('Retrospective pack 2026-Q4');
    expect(cardText(q4!.card)).toContain('Verified outcomes (1)');

    const record = await h.click({ openId: F.member, value: encodeAction({ a: 'review', r: s.id }), name: 'record', formValue: { actual_0: '32' }, openMessageId: 'om_review' });
    expect(record.body.toast).toMatchObject({ type: 'success' });
    await h.drain();
    const prompts = await sentCards(h, 'lessons_prompt');
    expect(prompts.map((p) => p.to).sort()).toEqual([F.manager, F.member].sort());
    const mine = prompts.find((p) => p.to === F.member)!;
    expect(cardProblems(mine.card)).toEqual([]);
    expect(cardText(mine.card)).toContain('The review of “Shorter clinic waiting time” is recorded.');
    expect(JSON.stringify(mine.card)).toContain('"name":"what_worked"');
    expect(buttonValues(mine.card)).toEqual([{ a: 'lesson', o: outcomeId }]);

    // A stranger is refused; nothing answered shows the card again with the note, nothing stored.
    expect((await submitLesson(F.stranger, mine.messageId, { what_worked: 'x' })).body.toast).toMatchObject({ type: 'error' });
    const empty = await submitLesson(F.member, mine.messageId, { what_worked: ' ', tags: 'a' });
    expect(empty.body.toast).toMatchObject({ type: 'error' });
    expect(cardText(empty.body.card!.data)).toContain('Answer at least one of the three questions.');
    expect(await h.db.select().from(lessons)).toEqual([]);

    const answer = { what_worked: '门口分诊', what_didnt: 'Booking came late', what_to_repeat: 'Weekly queue check', tags: '分诊、排队' };
    const ok = await submitLesson(F.member, mine.messageId, answer);
    expect(ok.body.toast).toMatchObject({ type: 'success' });
    expect(cardText(ok.body.card!.data)).toContain('Thank you: your lessons about “Shorter clinic waiting time” are stored with the outcome.');
    expect(buttonValues(ok.body.card!.data)).toEqual([]);
    // Feishu delivers the same callback again: still one lesson.
    await submitLesson(F.member, mine.messageId, answer);
    // The project's owner answers from their own prompt.
    const theirs = prompts.find((p) => p.to === F.manager)!;
    expect((await submitLesson(F.manager, theirs.messageId, { what_to_repeat: 'Pilot in one clinic first' })).body.toast).toMatchObject({ type: 'success' });
    const rows = await h.db.select().from(lessons);
    expect(rows.map((r) => [r.whatWorked || r.whatToRepeat, r.tags, r.source]).sort()).toEqual([
      ['Pilot in one clinic first', [], 'prompt'],
      ['门口分诊', ['分诊', '排队'], 'prompt'],
    ]);

    // April 1st 09:00 Shanghai: Q1 2027's pack with the shortfall, both lessons and the insights.
    await runJobsAt(h, new Date('2027-04-01T01:00:00Z'));
    await h.drain();
    const q1 = (await sentCards(h, 'retro_pack', F.pmo)).find((c) => cardText(c.card).includes('2027-Q1'))!;
    expect(cardProblems(q1.card)).toEqual([]);
    const text = cardText(q1.card);
    expect(text).toContain('Shortfalls (1)');
    expect(text).toContain('Lessons (2)');
    expect(text).toContain('门口分诊 / Booking came late / Weekly queue check');
    expect(text).toContain('Pilot in one clinic first');
    expect(text).toContain('too few to say anything about attainment');
    // Both languages on the one card.
    expect(text).toContain('复盘资料 2027-Q1');
    expect(text).toContain('数量太少');
    expect(await h.db.select().from(retrospectives)).toHaveLength(2);
  });

  it('an action reminder card is closed from its "Mark done" button, and the reminders stop', async () => {
    await runJobsAt(h, new Date('2027-01-04T01:30:00Z'));
    const retro = (await h.db.select().from(retrospectives))[0]!;
    const member = (await h.deps.repos.people.upsert(retro.workspaceId, { platformUserId: F.member })).id;
    await recordConclusions(h.deps, retro.workspaceId, retro.id, { personId: null, pmo: true }, { conclusions: 'ok', actions: [{ title: 'Share the checklist', ownerId: member, dueOn: '2027-01-05' }] });
    expect((await runJobsAt(h, new Date('2027-01-05T01:30:00Z'))).retroReminders).toBe(1);
    await h.drain();
    const [card] = await sentCards(h, 'retro_action_reminder', F.member);
    expect(cardProblems(card!.card)).toEqual([]);
    expect(cardText(card!.card)).toContain('Your retrospective action “Share the checklist” is due today (2027-01-05).');
    const [action] = await h.db.select().from(retroActions);
    expect(buttonValues(card!.card)).toEqual([{ a: 'retro_done', x: action!.id }]);
    const done = await h.click({ openId: F.member, value: encodeAction({ a: 'retro_done', x: action!.id }), name: 'done', openMessageId: card!.messageId });
    expect(done.body.toast).toMatchObject({ type: 'success' });
    expect(cardText(done.body.card!.data)).toContain('Done: “Share the checklist”. Thank you.');
    expect((await h.db.select().from(retroActions))[0]).toMatchObject({ status: 'done', doneBy: member });
    expect((await runJobsAt(h, new Date('2027-01-06T01:30:00Z'))).retroReminders).toBe(0);
  });
});
