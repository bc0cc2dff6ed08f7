import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../../src/jobs/run-due-jobs.ts';
import { startSlackHarness, USERS, type Harness } from './harness.ts';
import { lastModal, messagesTo, press, runJobs, textOf } from './followup-steps.ts';
import { scores, stateOf, submission, validForm } from './payloads.ts';

let h: Harness;
let workspaceId: string;
const WEDNESDAY = new Date('2026-11-18T02:00:00Z');
const MONDAY_NINE = new Date('2026-11-23T01:00:00Z'); // Monday 09:00 Asia/Shanghai

beforeEach(async () => {
  h = await startSlackHarness();
  h.clock.set(WEDNESDAY);
  workspaceId = (await h.deps.repos.workspaces.ensure('slack', 'T0001')).id;
  await runDueJobs(h.deps); // this week's (empty) digest is out of the way
});
afterEach(() => h.close());

const digestsIn = (where: string) => messagesTo(h, where).filter((m) => /^(Weekly outcome digest|成果周报)/.test(m.text ?? ''));

/** The member submits an outcome and the manager approves it, on Wednesday. */
async function aWeekWithData() {
  await h.command('');
  await h.interact(submission(lastModal(h), stateOf(validForm())));
  const outcomeId = (await h.allOutcomes())[0]!.id;
  const card = messagesTo(h, USERS.manager.id).find((m) => textOf(m).includes('outcome_approve'))!;
  await press(h, card, 'outcome_approve', USERS.manager.id, scores(outcomeId, { impact: 4, difficulty: 3, innovation: 4 }));
}

describe('the weekly digest on Slack', () => {
  it('goes to the PMO channel on Monday 09:00 workspace time, once, in the workspace language', async () => {
    await h.deps.repos.workspaces.updateSettings(workspaceId, { pmoReviewers: [USERS.pmo.id], pmoChannel: 'C0PMO', locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    await aWeekWithData();
    h.clock.set(new Date(MONDAY_NINE.getTime() - 60_000));
    expect((await runJobs(h)).digests).toBe(0);
    h.clock.set(MONDAY_NINE);
    expect((await runJobs(h)).digests).toBe(1);
    expect((await runJobs(h)).digests).toBe(0); // the cron firing again sends nothing twice
    const [digest] = digestsIn('C0PMO');
    expect(digestsIn('C0PMO')).toHaveLength(1);
    expect(digest!.text).toContain('成果周报（2026-11-16 当周）');
    expect(digest!.text).toContain('本周共提交 1 项成果，核验通过 0 项，退回修改 0 项，驳回 0 项。');
    expect((digest!.blocks as { type: string }[])[0]!.type).toBe('header');
    expect(messagesTo(h, USERS.pmo.id).filter((m) => /^(Weekly|成果周报)/.test(m.text ?? ''))).toEqual([]);
  });

  it('says a quiet week in one line, to each PMO reviewer when there is no channel', async () => {
    await h.deps.repos.workspaces.updateSettings(workspaceId, { pmoReviewers: [USERS.pmo.id], locale: 'en' });
    h.clock.set(MONDAY_NINE);
    await runJobs(h);
    const [digest] = digestsIn(USERS.pmo.id);
    expect(digest!.text).toBe('Weekly outcome digest, week of 2026-11-16\nA quiet week: nothing was submitted, decided or due.');
  });

  it('answers /outcome report for the PMO in their own language, and refuses members', async () => {
    await h.deps.repos.workspaces.updateSettings(workspaceId, { pmoReviewers: [USERS.manager.id], locale: 'en' });
    await aWeekWithData();
    h.clock.set(new Date('2026-11-24T02:00:00Z')); // Tuesday of the next week
    const report = (await (await h.command('report', USERS.manager.id)).json()) as { response_type: string; text: string };
    expect(report.response_type).toBe('ephemeral');
    expect(report.text).toContain('成果周报（2026-11-16 当周）');
    expect(report.text).toContain('本周共提交 1 项成果');
    const refused = (await (await h.command('report', USERS.member.id)).json()) as { text: string };
    expect(refused.text).toBe('The report is for PMO members and admins. Ask your admin if you need it.');
  });

  it('two digests of one week agree: Monday’s and a /outcome report later that week cover the same ISO week and say the same', async () => {
    await h.deps.repos.workspaces.updateSettings(workspaceId, { pmoReviewers: [USERS.pmo.id], locale: 'en' });
    await aWeekWithData();
    h.clock.set(MONDAY_NINE);
    await runJobs(h);
    const [weekly] = digestsIn(USERS.pmo.id);
    h.clock.set(new Date('2026-11-25T08:00:00Z')); // Wednesday afternoon
    const report = ((await (await h.command('report', USERS.pmo.id)).json()) as { text: string }).text;
    const flow = 'This week 1 outcome was submitted, 0 verified, 0 sent back for changes and 0 rejected.';
    for (const text of [weekly!.text!, report]) {
      expect(text).toContain('Weekly outcome digest, week of 2026-11-16');
      expect(text).toContain(flow);
    }
  });

  it('waits for the first working morning when Monday is a holiday in the CN calendar, and warns before the calendar runs out', async () => {
    await h.deps.repos.workspaces.updateSettings(workspaceId, { pmoReviewers: [USERS.pmo.id], locale: 'en', calendar: 'cn_mainland' });
    // Monday 2026-10-05 is inside the National Day break; Thursday 2026-10-08 is the week's first working day.
    h.clock.set(new Date('2026-10-05T01:00:00Z'));
    expect((await runJobs(h)).digests).toBe(0);
    h.clock.set(new Date('2026-10-08T01:00:00Z'));
    expect((await runJobs(h)).digests).toBe(1);
    expect(digestsIn(USERS.pmo.id)[0]!.text).not.toContain('calendar ends');
    // From 60 days before the data ends, the digest carries the warning.
    h.clock.set(MONDAY_NINE);
    await runJobs(h);
    expect(digestsIn(USERS.pmo.id)[1]!.text).toContain('the China working-day calendar ends on 2026-12-31 (38 days left)');
  });

  it('lists the new commands in the help', async () => {
    const help = (await (await h.command('help', USERS.member.id)).json()) as { blocks: unknown[] };
    for (const cmd of ['/outcome nps*', '/outcome nps results*', '/outcome report*']) expect(JSON.stringify(help.blocks)).toContain(cmd);
  });
});
