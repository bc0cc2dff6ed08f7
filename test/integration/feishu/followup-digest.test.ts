import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardProblems } from '../../../cards/feishu/limits.ts';
import { encodeAction } from '../../../cards/actions.ts';
import { encodeFormAction } from '../../../cards/feishu/form-action.ts';
import { buttonValues, cardText, F, startHarness, type Harness } from './harness.ts';
import { runJobsAt, sentCards, withPmo } from './followup-steps.ts';
import { clickDecision, SCORES, submitValid, validForm } from './steps.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.fake.addChat({ chat_id: 'oc_pmo', name: 'PMO' });
});
afterEach(() => h.close());

/** Monday 2026-11-30, 09:00 in Shanghai. */
const MONDAY_NINE = new Date('2026-11-30T01:00:00Z');

type Json = Record<string, unknown>;
/** Texts of a card that carry a translation (i18n_content), i.e. that were written in two languages. */
const translated = (card: unknown): string[] => [...JSON.stringify(card).matchAll(/"content":"((?:[^"\\]|\\.)*)","i18n_content"/g)].map((m) => m[1]!);
const contentOf = (card: Json) => JSON.stringify(card);

describe('the weekly digest on Feishu', () => {
  it('goes to the PMO chat on Monday at 09:00 workspace time, once, in the workspace language, with the week’s data', async () => {
    await withPmo(h, { pmoChannel: 'oc_pmo', locale: 'en' });
    // Last week: one outcome submitted and approved by the manager, another submitted and rejected.
    h.clock.set(new Date('2026-11-25T02:00:00Z'));
    const a = await submitValid(h);
    await clickDecision(h, F.manager, 'approve', a, { formValue: SCORES });
    const b = await submitValid(h, { title: 'Faster discharge letters' });
    await clickDecision(h, F.manager, 'reject', b, { formValue: { comment: 'Duplicate' } });

    await runJobsAt(h, new Date(MONDAY_NINE.getTime() - 60_000));
    expect(await sentCards(h, 'digest')).toEqual([]);
    await runJobsAt(h, MONDAY_NINE);
    await runJobsAt(h, new Date(MONDAY_NINE.getTime() + 60_000)); // a second cron run sends nothing more
    const digests = await sentCards(h, 'digest');
    expect(digests.map((d) => d.to)).toEqual(['oc_pmo']);
    const card = digests[0]!.card;
    expect(cardProblems(card)).toEqual([]);
    const text = contentOf(card);
    expect(text).toContain('Weekly outcome digest, week of 2026-11-23');
    expect(text).toContain('This week 2 outcomes were submitted, 0 verified, 0 sent back for changes and 1 rejected.');
    // Written in the workspace language only: the sentences carry no second language.
    expect(text).not.toContain('本周');
    expect(translated(card).some((t) => t.includes('outcomes were submitted'))).toBe(false);
  });

  it('an empty week says so in one line, in Chinese for a Chinese workspace, to each PMO reviewer without a chat', async () => {
    await withPmo(h);
    await runJobsAt(h, MONDAY_NINE);
    const [digest, ...more] = await sentCards(h, 'digest');
    expect(more).toEqual([]);
    expect(digest!.to).toBe(F.pmo);
    const text = contentOf(digest!.card);
    expect(text).toContain('成果周报（2026-11-23 当周）');
    expect(text).toContain('本周无事发生：没有新提交、审批或到期的复盘。');
    expect(text).not.toContain('A quiet week');
  });

  it('/outcome report shows the week that last ended on demand, in both languages; only to the PMO and admins', async () => {
    await withPmo(h);
    const id = await submitValid(h);
    await clickDecision(h, F.manager, 'approve', id, { formValue: SCORES });
    h.clock.set(new Date('2026-12-01T02:00:00Z')); // Tuesday of the next week
    await h.say('/outcome report', { openId: F.pmo });
    const report = h.cardsTo(F.pmo).at(-1)!.card;
    expect(cardProblems(report)).toEqual([]);
    const text = cardText(report);
    expect(text).toContain('week of 2026-11-23');
    expect(text).toContain('This week 1 outcome was submitted, 0 verified, 0 sent back for changes and 0 rejected.');
    expect(text).toContain('本周共提交 1 项成果');

    await h.say('/outcome report', { openId: F.stranger });
    expect(cardText(h.cardsTo(F.stranger).at(-1)!.card)).toContain('Only PMO members and admins can see the report');
    expect(await sentCards(h, 'digest')).toEqual([]);
  });

  it('two digests of one week agree (Monday’s and a later /outcome report), and a resubmission is not a second outcome', async () => {
    await withPmo(h, { locale: 'en' });
    h.clock.set(new Date('2026-11-25T02:00:00Z')); // Wednesday of the week of 2026-11-23
    const id = await submitValid(h);
    await clickDecision(h, F.manager, 'request_changes', id, { formValue: { comment: 'Add the survey data' } });
    const notice = h.cardsTo(F.member).at(-1)!;
    const opened = await h.click({ openId: F.member, value: encodeAction({ a: 'edit', o: id, r: 1 }), openMessageId: notice.message.message_id });
    const form = opened.body.card!.data;
    const submit = buttonValues(form).find((v) => v.a === 'resubmit')!;
    const project = JSON.stringify(form).match(/"initial_option":"([0-9a-f-]{36})"/)![1]!;
    const values = validForm({ project_new: undefined, title: 'Shorter waiting time, with survey data' });
    await h.click({ openId: F.member, value: encodeFormAction({ a: 'resubmit', o: id, r: 1, n: String(submit.n) }), formValue: { ...values, project }, openMessageId: notice.message.message_id });
    expect(await h.outcome(id)).toMatchObject({ status: 'submitted', round: 2 });

    await runJobsAt(h, MONDAY_NINE);
    const monday = (await h.outboxRows()).find((r) => r.kind === 'digest')!.payload.digest as Record<string, unknown>;
    expect(monday).toMatchObject({ week: '2026-11-23', submitted: 1, sentBack: 1 });
    const weekly = contentOf((await sentCards(h, 'digest'))[0]!.card);

    // Wednesday of the next week, someone asks for the report: the same week, the same numbers.
    h.clock.set(new Date('2026-12-02T03:00:00Z'));
    await h.say('/outcome report', { openId: F.pmo });
    const report = cardText(h.cardsTo(F.pmo).at(-1)!.card);
    const flow = 'This week 1 outcome was submitted, 0 verified, 1 sent back for changes and 0 rejected.';
    for (const text of [weekly, report]) {
      expect(text).toContain('week of 2026-11-23');
      expect(text).toContain(flow);
    }
  });

  it('a review due in the past is overdue in the digest, never “due in the next 7 days”', async () => {
    await withPmo(h, { locale: 'en' });
    // Go-live 2026-07-03 + 90 days: due Thursday 2026-10-01 09:00 (Monday–Friday), long past on 2026-11-30.
    const id = await submitValid(h, { due: '2026-07-03 +0800' });
    await clickDecision(h, F.manager, 'approve', id, { formValue: SCORES });
    await clickDecision(h, F.pmo, 'approve', id, { stage: 'pmo', formValue: SCORES });
    await runJobsAt(h, MONDAY_NINE);
    const digest = (await h.outboxRows()).find((r) => r.kind === 'digest')!.payload.digest as Record<string, unknown>;
    expect(digest).toMatchObject({ reviewsDue: 0, overdueCount: 1 });
    expect(contentOf((await sentCards(h, 'digest'))[0]!.card)).toContain('is 60 days overdue');
  });

  it('warns the admins in the digest before the China calendar runs out', async () => {
    await withPmo(h, { locale: 'en', calendar: 'cn_mainland' });
    await runJobsAt(h, MONDAY_NINE);
    expect(contentOf((await sentCards(h, 'digest'))[0]!.card)).toContain('the China working-day calendar ends on 2026-12-31 (31 days left)');
  });
});
