import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outcomes, reviewSchedules } from '../../../src/db/schema/index.ts';
import { cardText, F, startHarness, type Harness } from './harness.ts';
import { runJobsAt, sentCards, withPmo } from './followup-steps.ts';
import { clickDecision, SCORES, submitValid } from './steps.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness(); // the clock: Monday 2026-11-23 09:00 Shanghai
  await withPmo(h, { calendar: 'cn_mainland' });
});
afterEach(() => h.close());

describe('working-day calendar and past dates on Feishu', () => {
  it('moves a review due on National Day to the next CN working day, and a past date reads as overdue in the notice and the card', async () => {
    // Go-live 2026-07-03 + 90 days = 2026-10-01 (National Day; Oct 1–7 off) → Thursday 2026-10-08.
    const id = await submitValid(h, { due: '2026-07-03 +0800' });
    await clickDecision(h, F.manager, 'approve', id, { formValue: SCORES });
    await clickDecision(h, F.pmo, 'approve', id, { stage: 'pmo', formValue: SCORES });
    const [s] = await h.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, id));
    expect(s!.dueAt).toEqual(new Date('2026-10-08T01:00:00Z'));

    const notice = cardText(h.cardsTo(F.member).at(-1)!.card);
    expect(notice).toContain('was due on 2026-10-08 and is overdue');
    expect(notice).not.toContain('scheduled for');

    await runJobsAt(h, new Date('2026-11-23T01:00:01Z'));
    const [card] = await sentCards(h, 'review_due', F.member);
    expect(cardText(card!.card)).toContain('is overdue since 2026-10-08');
    expect(cardText(card!.card)).not.toContain('(due 2026-10-08)');
  });

  it('plans a review past the covered years on Monday–Friday instead of refusing the PMO', async () => {
    const id = await submitValid(h, { due: '2026-12-01 +0800' }); // + 90 days = Monday 2027-03-01; the China data ends with 2026
    await clickDecision(h, F.manager, 'approve', id, { formValue: SCORES });
    const res = await clickDecision(h, F.pmo, 'approve', id, { stage: 'pmo', formValue: SCORES });
    expect(res.body.toast).toMatchObject({ type: 'success' });
    expect((await h.db.select({ status: outcomes.status }).from(outcomes).where(eq(outcomes.id, id)))[0]!.status).toBe('verified');
    const schedules = await h.db.select().from(reviewSchedules);
    expect(schedules.map((s) => s.dueAt.toISOString().slice(0, 10))).toContain('2027-03-01');
  });
});
