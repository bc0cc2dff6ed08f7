/**
 * Approval reminders (催办), escalation, the fresh card after 13 days, nudges, hand-overs (转交)
 * and out of office on Feishu: the real app and Lark SDK against the fake Feishu, the
 * scheduler on the harness's clock, and the web's My page on the same app.
 * Submitted on Friday 2026-11-27 10:00 Asia/Shanghai.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../../src/db/schema/index.ts';
import { runDueJobs } from '../../../src/jobs/run-due-jobs.ts';
import { createSessionCodec } from '../../../src/security/session.ts';
import { buttonValues, cardText, F, startHarness, type Harness } from './harness.ts';
import { clickDecision, SCORES, submitValid } from './steps.ts';

let h: Harness;
let outcomeId: string;
const mention = (n: number, openId: string) => ({ key: `@_user_${n}`, id: { open_id: openId }, name: openId });
const at = (iso: string) => h.clock.set(new Date(iso));
const texts = (to: string) => h.cardsTo(to).map((c) => cardText(JSON.parse(c.message.content)));
const lastAnswer = (to: string) => texts(to).at(-1)!;
const person = async (openId: string) => (await h.deps.repos.people.byPlatformId((await h.workspace()).id, openId)) ?? h.deps.repos.people.upsert((await h.workspace()).id, { platformUserId: openId });
const jobs = async () => {
  const r = await runDueJobs(h.deps);
  return [r.approvalReminders, r.approvalEscalations];
};

beforeEach(async () => {
  h = await startHarness();
  at('2026-11-27T02:00:00Z');
  const ws = await h.workspace();
  await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [F.pmo] });
  outcomeId = await submitValid(h);
});
afterEach(() => h.close());

describe('approval reminders and escalation on Feishu', () => {
  it('reminds after 2 working days across the weekend, escalates after 5 to the manager’s manager, once per level', async () => {
    const ws = await h.workspace();
    await h.deps.repos.people.setManager(ws.id, (await person(F.manager)).id, (await person(F.stranger)).id, 'manual');
    at('2026-12-01T00:59:00Z');
    expect(await jobs()).toEqual([0, 0]);
    at('2026-12-01T01:00:00Z');
    expect(await jobs()).toEqual([1, 0]);
    expect(lastAnswer(F.manager)).toContain('is waiting for your review. Working days waited: 2');
    // A card 4 days old still takes clicks: no fresh one.
    expect(h.cardsTo(F.manager).filter((c) => buttonValues(c.card).some((v) => v.a === 'approve'))).toHaveLength(1);
    expect(await jobs()).toEqual([0, 0]);
    at('2026-12-04T01:00:00Z');
    expect(await jobs()).toEqual([0, 1]);
    expect(texts(F.stranger)).toEqual([expect.stringContaining(`is waiting for <at id=${F.manager}></at>’s review. Working days waited: 5`)]);
    at('2026-12-08T01:00:00Z');
    expect(await jobs()).toEqual([0, 0]);
  });

  it('escalates to the PMO when the reviewer has no manager', async () => {
    at('2026-12-04T01:00:00Z');
    expect(await jobs()).toEqual([1, 1]);
    expect(texts(F.pmo).filter((t) => t.includes('waiting too long'))).toEqual([expect.stringContaining('Working days waited: 5')]);
  });

  it('sends a fresh interactive card with a reminder for a card older than 13 days, and the fresh card decides', async () => {
    const ws = await h.workspace();
    await h.deps.repos.workspaces.updateSettings(ws.id, { approvalReminderDays: 12, approvalEscalationDays: 20 });
    at('2026-12-15T01:00:00Z'); // 12 working days, 18 calendar days after the first card
    expect(await jobs()).toEqual([1, 0]);
    const cards = h.cardsTo(F.manager).filter((c) => buttonValues(c.card).some((v) => v.a === 'approve'));
    expect(cards).toHaveLength(2);
    expect(cardText(cards[1]!.card)).toContain('Working days waited: 12');
    const res = await clickDecision(h, F.manager, 'approve', outcomeId, { formValue: SCORES, messageId: cards[1]!.message.message_id });
    expect(res.body.toast).toMatchObject({ type: 'success' });
    // The fresh card is answered in the callback with the decision, no controls left.
    expect(buttonValues(res.body.card!.data)).toEqual([]);
    expect((await h.outcome(outcomeId))!.status).toBe('manager_approved');
  });
});

describe('nudges, hand-overs and out of office from Feishu', () => {
  it('lets the submitter nudge once a day, with a clear refusal the second time', async () => {
    at('2026-11-30T03:00:00Z');
    await h.say('/outcome nudge');
    expect(lastAnswer(F.member)).toContain('was reminded');
    expect(lastAnswer(F.manager)).toContain(`<at id=${F.member}></at> asks you to review`);
    await h.say('/outcome nudge');
    expect(lastAnswer(F.member)).toContain('You already reminded the reviewer today');
    expect(texts(F.manager).filter((t) => t.includes('asks you to review'))).toHaveLength(1);
    at('2026-12-01T03:00:00Z');
    await h.say('/outcome nudge');
    expect(texts(F.manager).filter((t) => t.includes('asks you to review'))).toHaveLength(2);
  });

  it('hands a review over from chat: new reviewer card, old card updated, audit entry, the old click refused', async () => {
    const old = h.cardsTo(F.manager)[0]!;
    await h.say('/outcome handover @_user_1 on leave', { openId: F.manager, mentions: [mention(1, F.member)] });
    expect(lastAnswer(F.manager)).toContain('can’t review their own outcome');
    await h.say('/outcome handover @_user_1 on leave', { openId: F.manager, mentions: [mention(1, F.stranger)] });
    expect(lastAnswer(F.manager)).toContain(`over to <at id=${F.stranger}></at>`);
    const [notice, card] = h.cardsTo(F.stranger);
    expect(cardText(notice!.card)).toContain('on leave');
    expect(buttonValues(card!.card).map((v) => v.a)).toEqual(['approve', 'request_changes', 'reject']);
    expect(cardText(JSON.parse(old.message.content))).toContain(`Handed over to <at id=${F.stranger}></at>`);
    expect(buttonValues(JSON.parse(old.message.content))).toEqual([]);
    const entries = await h.db.select().from(auditLog).where(and(eq(auditLog.entityId, outcomeId), eq(auditLog.action, 'delegated')));
    expect(entries).toHaveLength(1);
    const refused = await clickDecision(h, F.manager, 'approve', outcomeId, { formValue: SCORES, messageId: old.message.message_id });
    expect(refused.body.toast).toMatchObject({ type: 'error', i18n: { en_us: 'This review is assigned to someone else.' } });
    expect((await h.outcome(outcomeId))!.status).toBe('submitted');
  });

  it('sends new approvals and reminders to the out-of-office stand-in', async () => {
    await h.say('/outcome away 2026-11-27 2026-12-11 @_user_1', { openId: F.manager, mentions: [mention(1, F.stranger)] });
    expect(lastAnswer(F.manager)).toContain(`<at id=${F.stranger}></at> receives your new approvals`);
    const second = await submitValid(h, { title: 'Faster discharge paperwork' });
    const stranger = await person(F.stranger);
    expect((await h.outcome(second))!.reviewerId).toBe(stranger.id);
    expect(h.cardsTo(F.stranger).some((c) => buttonValues(c.card).some((v) => v.o === second))).toBe(true);
    at('2026-12-01T01:00:00Z');
    await runDueJobs(h.deps);
    expect((await h.outcome(outcomeId))!.reviewerId).toBe(stranger.id);
    expect(texts(F.stranger).some((t) => t.includes('Shorter clinic waiting time') && t.includes('is waiting for your review'))).toBe(true);
  });
});

describe('the web’s My page on a Feishu workspace', () => {
  const cookie = async (openId: string) => {
    const codec = await createSessionCodec('an-app-secret-of-at-least-32-characters');
    const p = await person(openId);
    return `outcome_session=${await codec.seal({ workspaceId: (await h.workspace()).id, personId: p.id, via: 'feishu', exp: h.clock.now().getTime() + 3600_000 })}`;
  };
  const post = async (openId: string, path: string, body: string) =>
    h.app.fetch(new Request(`https://outcome.test${path}`, { method: 'POST', headers: { cookie: await cookie(openId), origin: 'https://outcome.test', 'content-type': 'application/x-www-form-urlencoded' }, body }));

  it('hands a review over from the web, and nudges once a day', async () => {
    const page = await h.app.fetch(new Request('https://outcome.test/app/my', { headers: { cookie: await cookie(F.manager) } }));
    expect(await page.text()).toContain(`/app/my/handover/${outcomeId}`);
    const stranger = await person(F.stranger);
    const member = await person(F.member);
    const toSubmitter = await post(F.manager, `/app/my/handover/${outcomeId}`, `to=${member.id}&reason=busy&round=1`);
    expect(toSubmitter.status).toBe(400);
    const handed = await post(F.manager, `/app/my/handover/${outcomeId}`, `to=${stranger.id}&reason=${encodeURIComponent('on leave')}&round=1`);
    expect(handed.status).toBe(303);
    await h.drain();
    const old = h.cardsTo(F.manager)[0]!;
    expect(cardText(JSON.parse(old.message.content))).toContain(`Handed over to <at id=${F.stranger}></at>`);
    expect(h.cardsTo(F.stranger).some((c) => buttonValues(c.card).some((v) => v.a === 'approve' && v.o === outcomeId))).toBe(true);
    expect(await h.db.select().from(auditLog).where(and(eq(auditLog.entityId, outcomeId), eq(auditLog.action, 'delegated')))).toHaveLength(1);
    const refused = await clickDecision(h, F.manager, 'approve', outcomeId, { formValue: SCORES, messageId: old.message.message_id });
    expect(refused.body.toast).toMatchObject({ type: 'error' });

    expect((await post(F.member, `/app/my/nudge/${outcomeId}`, '')).status).toBe(303);
    const again = await post(F.member, `/app/my/nudge/${outcomeId}`, '');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('您今天已经催办过了'); // the workspace's language
    expect((await post(F.stranger, `/app/my/nudge/${outcomeId}`, '')).status).toBe(403);
  });
});
