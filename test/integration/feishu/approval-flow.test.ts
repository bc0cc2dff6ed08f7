import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardProblems } from '../../../cards/feishu/limits.ts';
import { outcomes, reviewSchedules, reviews } from '../../../src/db/schema/index.ts';
import { calendarOf } from '../../../src/domain/working-calendar.ts';
import { defaultSettings } from '../../../src/domain/settings.ts';
import { reviewDueAt } from '../../../src/domain/schedule.ts';
import { buttonValues, cardText, F, startHarness, type Harness } from './harness.ts';
import { encodeAction } from '../../../cards/actions.ts';
import { cardActionBody } from '../../helpers/feishu-sign.ts';
import { clickDecision, SCORES, submitValid } from './steps.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  const ws = await h.workspace();
  await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [F.pmo] });
});
afterEach(() => h.close());

const tags = (card: unknown) => JSON.stringify(card).match(/"tag":"(\w+)"/g) ?? [];

describe('submit → manager → PMO → verified', () => {
  it('runs the whole two-stage flow, updating cards in place and scheduling the follow-up review', async () => {
    const id = await submitValid(h);

    // The manager's approval card: metrics table, chart, evidence, SMART badges, score selects, three decisions.
    const [approval] = h.cardsTo(F.manager);
    expect(approval!.message.uuid).toBe((await h.outboxRows()).find((r) => r.kind === 'approval_request')!.id);
    expect(cardProblems(approval!.card)).toEqual([]);
    expect(tags(approval!.card)).toEqual(expect.arrayContaining(['"tag":"table"', '"tag":"chart"', '"tag":"form"', '"tag":"select_static"']));
    const chart = JSON.stringify(approval!.card).match(/"chart_spec":(\{.*?"values":\[.*?\]\})/)?.[1] ?? '';
    expect(chart).toContain('"value":45');
    expect(chart).toContain('"value":28');
    expect(cardText(approval!.card)).toContain('https://example.com/report');
    expect(JSON.stringify(approval!.card)).toContain('28 (-37.8%)');
    expect(buttonValues(approval!.card).map((v) => v.a)).toEqual(['approve', 'request_changes', 'reject']);

    // Manager approves with scores: the clicked card becomes the decided card in the response.
    const res = await clickDecision(h, F.manager, 'approve', id, { formValue: SCORES, messageId: approval!.message.message_id });
    expect(res.status).toBe(200);
    expect(res.body.toast).toMatchObject({ type: 'success' });
    const decided = res.body.card!.data;
    expect(res.body.card!.type).toBe('raw');
    expect(buttonValues(decided)).toEqual([]);
    expect(cardText(decided)).toContain(`<at id=${F.manager}></at>`);
    expect(cardText(decided)).toMatch(/Approve by .* at 2026-11-23 \d\d:\d\d/);
    // …and the sent card is patched in place through the outbox (other copies would be too).
    expect(approval!.message.updates.map((u) => u.via)).toEqual(['patch']);
    expect(buttonValues(JSON.parse(approval!.message.content))).toEqual([]);

    // The PMO gets stage 2; the member is told.
    const [pmoCard] = h.cardsTo(F.pmo);
    expect(buttonValues(pmoCard!.card)[0]).toMatchObject({ a: 'approve', s: 'pmo', r: 1 });
    expect(cardText(h.cardsTo(F.member).at(-1)!.card)).toContain('It now goes to the PMO for verification');

    await clickDecision(h, F.pmo, 'approve', id, { stage: 'pmo', formValue: SCORES, messageId: pmoCard!.message.message_id });
    const [stored] = await h.db.select().from(outcomes).where(eq(outcomes.id, id));
    expect(stored!.status).toBe('verified');
    const schedules = await h.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, id));
    const goLive = new Date('2026-12-01T00:00:00Z'); // the new project's go-live, the calendar date 2026-12-01
    expect(schedules.map((s) => [s.kind, s.dueAt.toISOString()])).toEqual([['first', reviewDueAt({ goLive, offsetDays: 90, timeZone: 'Asia/Shanghai', calendar: calendarOf(defaultSettings('Asia/Shanghai', 'en')) }).toISOString()]]);
    const notice = h.cardsTo(F.member).at(-1)!.card;
    expect(cardText(notice)).toContain('is verified by');
    expect(cardText(notice)).toContain('2027-03-01');
    expect(h.cardsTo(F.pmo)[0]!.message.updates).toHaveLength(1);
  });

  it('refuses a click from anyone but the assigned reviewer, changing nothing', async () => {
    const id = await submitValid(h);
    const before = await h.counts();
    for (const who of [F.stranger, F.member, F.pmo]) {
      const res = await clickDecision(h, who, 'approve', id, { formValue: SCORES });
      expect(res.status).toBe(200);
      expect(res.body.toast).toMatchObject({ type: 'error' });
      expect(res.body.card).toBeUndefined();
    }
    const stranger = await clickDecision(h, F.stranger, 'approve', id, { formValue: SCORES });
    expect(stranger.body.toast).toMatchObject({ content: '该审核已指派给其他人。', i18n: { en_us: 'This review is assigned to someone else.' } });
    expect(await h.counts()).toMatchObject({ reviews: 0, outbox: before.outbox });
    expect((await h.outcome(id))!.status).toBe('submitted');
  });

  it('writes the click’s request id on each message the decision caused', async () => {
    const id = await submitValid(h);
    const before = new Set((await h.outboxRows()).map((r) => r.id));
    const res = await h.post('cards', cardActionBody({ token: F.token, tenantKey: F.tenant, appId: F.appId, openId: F.manager, value: encodeAction({ a: 'approve', o: id, r: 1, s: 'manager' }), formValue: SCORES, openMessageId: 'om_card' }));
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    const caused = (await h.outboxRows()).filter((r) => !before.has(r.id));
    expect(caused.map((r) => r.kind).sort()).toEqual(['approval_request', 'card_decided', 'decision_notice']);
    expect(caused.map((r) => r.requestId)).toEqual(caused.map(() => requestId));
  });

  it('decides a double click once, and the second click shows the decision', async () => {
    const id = await submitValid(h);
    const [a, b] = await Promise.all([clickDecision(h, F.manager, 'approve', id, { formValue: SCORES }), clickDecision(h, F.manager, 'approve', id, { formValue: SCORES })]);
    expect([a.body.toast!.type, b.body.toast!.type].sort()).toEqual(['info', 'success']);
    for (const r of [a, b]) expect(buttonValues(r.body.card!.data)).toEqual([]);
    expect(await h.db.select().from(reviews)).toHaveLength(1);
    expect(h.cardsTo(F.pmo)).toHaveLength(1);
  });

  it('does not let a manager who is also PMO decide stage 2 with a second click on the stage-1 card', async () => {
    const ws = await h.workspace();
    await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [F.pmo, F.manager] });
    const id = await submitValid(h);
    const first = await clickDecision(h, F.manager, 'approve', id, { formValue: SCORES });
    expect(first.body.toast!.type).toBe('success');
    // A stale copy of the stage-1 card (still showing its buttons) clicked again.
    const second = await clickDecision(h, F.manager, 'approve', id, { formValue: SCORES });
    expect(second.body.toast).toMatchObject({ type: 'info' });
    expect((await h.outcome(id))!.status).toBe('manager_approved');
    expect(await h.db.select().from(reviews)).toHaveLength(1);
  });

  it('needs scores to approve and a comment to reject or ask for changes (checked on the server)', async () => {
    const id = await submitValid(h);
    const noScores = await clickDecision(h, F.manager, 'approve', id);
    expect(noScores.body.toast!.content).toBe('批准前请为影响力、难度和创新性分别打 1 到 5 分。');
    const partial = await clickDecision(h, F.manager, 'approve', id, { formValue: { score_impact: '4' } });
    expect(partial.body.toast!.type).toBe('error');
    for (const a of ['reject', 'request_changes'] as const) {
      const res = await clickDecision(h, F.manager, a, id, { formValue: { comment: '   ' } });
      expect(res.body.toast).toMatchObject({ type: 'error', i18n: { en_us: 'Add a comment so the submitter knows why, or what to change.' } });
    }
    expect(await h.db.select().from(reviews)).toHaveLength(0);
  });

  it('a rejection tells the member why, and the outcome is closed', async () => {
    const id = await submitValid(h);
    const res = await clickDecision(h, F.manager, 'reject', id, { formValue: { comment: 'Duplicate of the Q3 triage outcome' } });
    expect(res.body.toast!.type).toBe('success');
    expect((await h.outcome(id))!.status).toBe('rejected');
    const notice = h.cardsTo(F.member).at(-1)!.card;
    expect(cardText(notice)).toContain('Duplicate of the Q3 triage outcome');
    expect(buttonValues(notice)).toEqual([]);
  });
});
