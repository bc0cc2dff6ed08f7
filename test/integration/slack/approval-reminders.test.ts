/**
 * Approval reminders (催办), escalation, nudges, hand-overs (转交) and out of office on Slack:
 * the real app and Bolt clients against the fake Slack, the scheduler on the harness's clock.
 * Submitted on Friday 2026-11-27 10:00 Asia/Shanghai: 2 working days end on Tuesday 09:00,
 * 5 on the next Friday 09:00.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, people as peopleTable } from '../../../src/db/schema/index.ts';
import { decideOutcome } from '../../../src/domain/decide-outcome.ts';
import { resubmitOutcome } from '../../../src/domain/resubmit-outcome.ts';
import { runDueJobs } from '../../../src/jobs/run-due-jobs.ts';
import type { SlackStoredMessage, SlackViewRecord } from '../../fakes/fake-slack.ts';
import { validDraft } from '../../helpers/outcome-flow-contract.ts';
import { startSlackHarness, USERS, type Harness } from './harness.ts';
import { click, scores, stateOf, submission, validForm } from './payloads.ts';

let h: Harness;
let outcomeId: string;

const FRIDAY = new Date('2026-11-27T02:00:00Z');
const at = (iso: string) => h.clock.set(new Date(iso));
const messagesTo = (user: string): SlackStoredMessage[] => {
  const channels = new Set(h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === user).map((c) => (c.response as { channel?: string })?.channel));
  return h.fake.messages.filter((m) => channels.has(m.channel));
};
const textsTo = (user: string) => messagesTo(user).map((m) => JSON.stringify(m.blocks));
const ephemeral = async (res: Response) => String(((await res.json()) as { text?: string }).text);
const people = async () => {
  const ws = await h.deps.repos.workspaces.ensure('slack', 'T0001');
  const p = h.deps.repos.people;
  return { ws, member: await p.upsert(ws.id, { platformUserId: USERS.member.id }), manager: await p.upsert(ws.id, { platformUserId: USERS.manager.id }), stranger: await p.upsert(ws.id, { platformUserId: USERS.stranger.id }) };
};
type Button = { action_id: string; value: string };
const buttonsOf = (m: SlackStoredMessage): Button[] => (m.blocks ?? []).flatMap((b) => ((b as { elements?: Button[] }).elements ?? []).filter((e) => 'value' in e));

async function submit() {
  await h.command('');
  const view = (h.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;
  await h.interact(submission(view, stateOf(validForm())));
  return (await h.allOutcomes()).at(-1)!.id;
}

beforeEach(async () => {
  h = await startSlackHarness();
  h.clock.set(FRIDAY);
  const ws = await h.deps.repos.workspaces.ensure('slack', 'T0001');
  await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [USERS.pmo.id] });
  outcomeId = await submit();
});
afterEach(() => h.close());

describe('approval reminders and escalation on Slack', () => {
  it('reminds the reviewer after 2 working days across the weekend and escalates after 5 to their manager, once per level', async () => {
    const { ws, manager, stranger } = await people();
    await h.deps.repos.people.setManager(ws.id, manager.id, stranger.id, 'manual'); // the manager's manager
    expect(textsTo(USERS.manager.id)).toHaveLength(1); // the approval card
    at('2026-11-30T01:00:00Z');
    expect((await runDueJobs(h.deps)).approvalReminders).toBe(0);
    at('2026-12-01T00:59:00Z');
    expect((await runDueJobs(h.deps)).approvalReminders).toBe(0);
    at('2026-12-01T01:00:00Z');
    expect((await runDueJobs(h.deps)).approvalReminders).toBe(1);
    expect(textsTo(USERS.manager.id)).toHaveLength(2);
    expect(textsTo(USERS.manager.id)[1]).toContain('正在等待您的审批，已等待 2 个工作日'); // the manager reads Chinese
    expect((await runDueJobs(h.deps)).approvalReminders).toBe(0);
    at('2026-12-04T00:59:00Z');
    expect((await runDueJobs(h.deps)).approvalEscalations).toBe(0);
    at('2026-12-04T01:00:00Z');
    expect((await runDueJobs(h.deps)).approvalEscalations).toBe(1);
    expect(textsTo(USERS.stranger.id)).toEqual([expect.stringContaining('is waiting for <@UMANAGER1>’s review. Working days waited: 5')]);
    at('2026-12-07T01:00:00Z');
    const again = await runDueJobs(h.deps);
    expect([again.approvalReminders, again.approvalEscalations]).toEqual([0, 0]);
    expect(textsTo(USERS.manager.id)).toHaveLength(2);
    expect(textsTo(USERS.pmo.id).filter((t) => t.includes('waiting too long'))).toHaveLength(0);
  });

  it('escalates to the PMO when the reviewer has no manager, and a new round reminds again', async () => {
    const { ws, member, manager } = await people();
    at('2026-12-04T01:00:00Z');
    const first = await runDueJobs(h.deps);
    expect([first.approvalReminders, first.approvalEscalations]).toEqual([1, 1]);
    // (The PMO also gets Monday's weekly digest.)
    expect(textsTo(USERS.pmo.id).filter((t) => t.includes('waiting too long'))).toEqual([expect.stringContaining('Working days waited: 5')]);
    // Changes requested, resubmitted: round 2 waits anew and is reminded anew.
    const workspace = { id: ws.id, platform: 'slack' as const, settings: (await h.deps.repos.workspaces.ensure('slack', 'T0001')).settings };
    await decideOutcome({ ctx: h.deps.verbs, input: { workspace, outcomeId, actor: manager, decision: 'request_changes', comment: 'Add the baseline source' } });
    await resubmitOutcome({ ctx: h.deps.verbs, input: { workspace, outcomeId, actor: member, reviewer: manager, draft: validDraft({ member, projectId: (await h.outcome(outcomeId))!.projectId! }) } });
    at('2026-12-08T01:00:00Z'); // Friday 12-04 09:00 + 2 working days
    expect((await runDueJobs(h.deps)).approvalReminders).toBe(1);
    for (let i = 0; i < 3; i++) {
      h.clock.advance(1_000); // the round's new card and its reminder, one a second
      await h.deliver();
    }
    expect(textsTo(USERS.manager.id).filter((t) => t.includes('正在等待您的审批'))).toHaveLength(2);
  });
});

describe('nudges, hand-overs and out of office from Slack', () => {
  it('lets the submitter nudge once a day, with a clear refusal the second time', async () => {
    at('2026-11-30T03:00:00Z');
    expect(await ephemeral(await h.command('nudge'))).toContain('was reminded');
    expect(textsTo(USERS.manager.id).at(-1)).toContain('<@UMEMBER1> 请您审批');
    expect(await ephemeral(await h.command('nudge'))).toContain('You already reminded the reviewer today');
    expect(textsTo(USERS.manager.id)).toHaveLength(2);
    at('2026-12-01T03:00:00Z');
    expect(await ephemeral(await h.command('nudge'))).toContain('was reminded');
    // Only the submitter: the reviewer has nothing of theirs waiting.
    expect(await ephemeral(await h.command('nudge', USERS.manager.id))).toContain('您没有等待审批的成果');
  });

  it('hands a review over from chat: the new reviewer gets the card, the old card says so, the audit records it, the old click is refused', async () => {
    const oldCard = messagesTo(USERS.manager.id)[0]!;
    expect(await ephemeral(await h.command('handover <@USTRANGER1> nobody', USERS.member.id))).toContain('No review is waiting for you');
    expect(await ephemeral(await h.command('handover <@UMEMBER1> busy', USERS.manager.id))).toContain('提交人不能审批自己的成果');
    expect(await ephemeral(await h.command('handover <@USTRANGER1>', USERS.manager.id))).toContain('请填写转交原因');
    expect(await ephemeral(await h.command('handover <@USTRANGER1> on leave this week', USERS.manager.id))).toContain('已将“Shorter clinic waiting time”转交给 <@USTRANGER1>');
    expect((await h.outcome(outcomeId))!.reviewerId).toBe((await people()).stranger.id);
    const toStranger = messagesTo(USERS.stranger.id);
    expect(JSON.stringify(toStranger[0]!.blocks)).toContain('on leave this week');
    expect(buttonsOf(toStranger[1]!).map((b) => b.action_id)).toEqual(['outcome_approve', 'outcome_request_changes', 'outcome_reject']);
    expect(JSON.stringify(oldCard.blocks)).toContain('已转交给 <@USTRANGER1>');
    expect(buttonsOf(oldCard)).toEqual([]);
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.entityId, outcomeId), eq(auditLog.action, 'delegated')));
    expect(entry).toMatchObject({ actorId: (await people()).manager.id, comment: '→ USTRANGER1: on leave this week', via: 'chat' });
    // The old card's button (as it was before the update) no longer decides.
    const value = JSON.stringify({ a: 'approve', o: outcomeId, r: 1, s: 'manager' });
    const responseUrl = h.fake.respondUrl();
    await h.interact(click({ user: USERS.manager.id, actionId: 'outcome_approve', value, blockId: `decide:${outcomeId}`, triggerId: h.fake.issueTrigger(), responseUrl, channel: oldCard.channel, state: scores(outcomeId, { impact: 4, difficulty: 3, innovation: 3 }) }));
    expect(JSON.stringify(h.fake.responsesTo(responseUrl))).toContain('该审核已指派给其他人');
    expect((await h.outcome(outcomeId))!.status).toBe('submitted');
  });

  it('sends new approvals and reminders to the out-of-office stand-in', async () => {
    // Someone else's out of office is for admins only; nothing changes.
    expect(await ephemeral(await h.command('away <@UMANAGER1> 2026-11-27 2026-12-11 <@USTRANGER1>', USERS.member.id))).toContain('Only Outcome admins');
    expect(await h.db.select({ delegateId: peopleTable.delegateId, awayFrom: peopleTable.awayFrom }).from(peopleTable).where(eq(peopleTable.platformUserId, USERS.manager.id))).toEqual([{ delegateId: null, awayFrom: null }]);
    expect(await ephemeral(await h.command('away 2026-12-01 2026-11-30 <@USTRANGER1>', USERS.manager.id))).toContain('YYYY-MM-DD');
    expect(await ephemeral(await h.command('away 2026-11-27 2026-12-11 <@USTRANGER1>', USERS.manager.id))).toContain('期间新的审批和催办由 <@USTRANGER1> 接收');
    const second = await submit();
    const { stranger } = await people();
    expect((await h.outcome(second))!.reviewerId).toBe(stranger.id);
    expect(messagesTo(USERS.stranger.id).some((m) => buttonsOf(m).some((b) => b.value.includes(second)))).toBe(true);
    // The first outcome still waits for the manager: its reminder hands it to the stand-in, who is reminded.
    at('2026-12-01T01:00:00Z');
    await runDueJobs(h.deps);
    expect((await h.outcome(outcomeId))!.reviewerId).toBe(stranger.id);
    expect(textsTo(USERS.stranger.id).some((t) => t.includes(outcomeId) && t.includes('is waiting for your review'))).toBe(true);
    expect(textsTo(USERS.manager.id).filter((t) => t.includes('正在等待您的审批'))).toHaveLength(0);
    expect(await ephemeral(await h.command('away off', USERS.manager.id))).toContain('已取消外出');
  });
});
