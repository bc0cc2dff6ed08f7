import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outcomes, reviewSchedules } from '../../../src/db/schema/index.ts';
import { startSlackHarness, USERS, type Harness } from './harness.ts';
import { lastModal, messagesTo, press, runJobs, textOf } from './followup-steps.ts';
import { scores, stateOf, submission, validForm } from './payloads.ts';

let h: Harness;
let workspaceId: string;
beforeEach(async () => {
  h = await startSlackHarness(); // the clock: Monday 2026-11-23 09:00 Shanghai
  workspaceId = (await h.deps.repos.workspaces.ensure('slack', 'T0001')).id;
  await h.deps.repos.workspaces.updateSettings(workspaceId, { pmoReviewers: [USERS.pmo.id], calendar: 'cn_mainland' });
});
afterEach(() => h.close());

/** The member submits with this go-live; the manager and the PMO approve. */
async function verified(goLive: string) {
  await h.command('');
  await h.interact(submission(lastModal(h), stateOf(validForm({ due: goLive }))));
  const outcomeId = (await h.allOutcomes())[0]!.id;
  const approve = (user: string) => press(h, messagesTo(h, user).find((m) => textOf(m).includes('outcome_approve'))!, 'outcome_approve', user, scores(outcomeId, { impact: 4, difficulty: 3, innovation: 4 }));
  await approve(USERS.manager.id);
  return { outcomeId, pmo: await approve(USERS.pmo.id) };
}

describe('working-day calendar and past dates on Slack', () => {
  it('moves a review due on National Day to the next CN working day, and a past date reads as overdue in the notice, the card and App Home', async () => {
    // Go-live 2026-07-03 + 90 days = 2026-10-01 (National Day; Oct 1–7 off) → Thursday 2026-10-08.
    const { outcomeId } = await verified('2026-07-03');
    const [s] = await h.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, outcomeId));
    expect(s!.dueAt).toEqual(new Date('2026-10-08T01:00:00Z'));

    // It is 2026-11-23: the verified notice does not say "scheduled for" a past date.
    await runJobs(h);
    const notice = messagesTo(h, USERS.member.id).map((m) => m.text ?? '').find((t) => t.includes('is verified by'))!;
    expect(notice).toContain('was due on 2026-10-08 and is overdue');
    expect(notice).not.toContain('scheduled for');

    const card = messagesTo(h, USERS.member.id).find((m) => m.text?.startsWith('Follow-up review'))!;
    expect(textOf(card)).toContain('Overdue since 2026-10-08');
    expect(textOf(card)).not.toContain('Due 2026-10-08');

    await h.event({ type: 'app_home_opened', user: USERS.member.id, channel: 'D0', tab: 'home', event_ts: '1.0' }, 'EvHomeCal1');
    const home = JSON.stringify(h.fake.homeViews.get(USERS.member.id)!.blocks);
    expect(home).toContain('overdue since 2026-10-08');
  });

  it('plans a review past the covered years on Monday–Friday instead of refusing the PMO', async () => {
    // Go-live 2026-12-01 + 90 days = Monday 2027-03-01, and the China data ends with 2026.
    await h.command('');
    await h.interact(submission(lastModal(h), stateOf(validForm({ due: '2026-12-01' }))));
    const outcomeId = (await h.allOutcomes())[0]!.id;
    const approve = (user: string) => press(h, messagesTo(h, user).find((m) => textOf(m).includes('outcome_approve'))!, 'outcome_approve', user, scores(outcomeId, { impact: 4, difficulty: 3, innovation: 4 }));
    await approve(USERS.manager.id);
    await approve(USERS.pmo.id);
    expect((await h.db.select({ status: outcomes.status }).from(outcomes).where(eq(outcomes.id, outcomeId)))[0]!.status).toBe('verified');
    const schedules = await h.db.select().from(reviewSchedules);
    expect(schedules.map((s) => s.dueAt.toISOString().slice(0, 10))).toContain('2027-03-01');
  });
});
