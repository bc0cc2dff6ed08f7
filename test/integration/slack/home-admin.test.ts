import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people } from '../../../src/db/schema/index.ts';
import type { SlackViewRecord } from '../../fakes/fake-slack.ts';
import { fixture, startSlackHarness, TEAM, USERS, type Harness } from './harness.ts';
import { homeClick, scores, stateOf, submission, validForm } from './payloads.ts';

let h: Harness;
beforeEach(async () => {
  h = await startSlackHarness();
  h.fake.addUser({ id: 'UOWNER01', name: 'olga', locale: 'en-US', tz: 'UTC', is_owner: true });
});
afterEach(() => h.close());

const admin = async (text: string, user: string) => ((await (await h.command(`admin ${text}`, user)).json()) as { response_type: string; text: string });
const settings = async () => (await h.deps.repos.workspaces.ensure('slack', TEAM)).settings;
const homeOf = (user: string) => JSON.stringify(h.fake.homeViews.get(user)?.blocks ?? []);

async function submitOutcome() {
  await h.command('');
  const view = (h.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;
  await h.interact(submission(view, stateOf(validForm())));
  return (await h.allOutcomes()).at(-1)!.id;
}

describe('/outcome admin', () => {
  it('refuses anyone who is not an admin, clearly, and changes nothing', async () => {
    const before = await settings();
    const answer = await admin('pmo <@UPMO1|pat>', USERS.stranger.id);
    expect(answer).toEqual(expect.objectContaining({ response_type: 'ephemeral', text: expect.stringContaining('Only Outcome admins') }));
    expect(await settings()).toEqual(before);
  });

  it('lets a Slack workspace owner set the PMO, a channel, admins and managers', async () => {
    expect((await admin('pmo <@UPMO1|pat>', 'UOWNER01')).text).toContain('<@UPMO1>');
    expect((await admin('pmo-channel <#C0PMO|pmo-review>', 'UOWNER01')).text).toContain('<#C0PMO>');
    expect((await admin('admins <@USTRANGER1>', 'UOWNER01')).text).toContain('<@USTRANGER1>');
    expect(await settings()).toMatchObject({ pmoReviewers: ['UPMO1'], pmoChannel: 'C0PMO', admins: ['USTRANGER1'] });

    // A listed admin may now act too.
    expect((await admin('manager <@UMEMBER1|alice> <@UMANAGER1|bob>', USERS.stranger.id)).text).toContain('reviewed by <@UMANAGER1>');
    const [member] = await h.db.select().from(people).where(eq(people.platformUserId, USERS.member.id));
    const [manager] = await h.db.select().from(people).where(eq(people.platformUserId, USERS.manager.id));
    expect(member).toMatchObject({ managerId: manager!.id, managerSource: 'manual' });
    expect((await admin('pmo-channel none', USERS.stranger.id)).text).toContain('directly');
    expect((await settings()).pmoChannel).toBeNull();
  });

  it('changes settings through the domain, which validates each value', async () => {
    expect((await admin('settings review-offset 60', 'UOWNER01')).text).toContain('60 days after go-live');
    expect((await admin('settings shortfall 20%', 'UOWNER01')).text).toContain('20%');
    expect((await admin('settings timezone Europe/Berlin', 'UOWNER01')).text).toContain('Europe/Berlin');
    expect((await admin('settings second-review 180', 'UOWNER01')).text).toContain('180 days');
    expect(await settings()).toMatchObject({ reviewOffsetDays: 60, shortfallThreshold: 0.2, timeZone: 'Europe/Berlin', secondReviewOffsetDays: 180 });

    const before = await settings();
    expect((await admin('settings review-offset 0', 'UOWNER01')).text).toContain('from 1 to 730');
    expect((await admin('settings timezone Mars/Olympus', 'UOWNER01')).text).toContain('not a known time zone');
    expect((await admin('settings locale fr', 'UOWNER01')).text).toContain('zh-CN or en');
    expect((await admin('settings colour blue', 'UOWNER01')).text).toContain('“colour” is not a setting');
    expect((await admin('manager <@UMEMBER1> <@UMEMBER1>', 'UOWNER01')).text).toContain('own manager');
    expect(await settings()).toEqual(before);
  });

  it('reads numbers as people type them (full-width too) and refuses what is not one, changing nothing', async () => {
    expect((await admin('settings review-offset １２０', 'UOWNER01')).text).toContain('120 days after go-live');
    expect((await admin('settings shortfall ２５％', 'UOWNER01')).text).toContain('25%');
    expect(await settings()).toMatchObject({ reviewOffsetDays: 120, shortfallThreshold: 0.25 });

    const before = await settings();
    expect((await admin('settings review-offset 1,5', 'UOWNER01')).text).toContain('That value doesn’t fit “review-offset”');
    expect((await admin('settings reminder-days abc', 'UOWNER01')).text).toContain('That value doesn’t fit “reminder-days”');
    expect((await admin('settings review-offset 1.5', 'UOWNER01')).text).toContain('from 1 to 730');
    expect(await settings()).toEqual(before);
  });

  it('shows the usage for an incomplete command', async () => {
    expect((await admin('', USERS.stranger.id)).text).toContain('/outcome admin pmo @user');
    expect((await admin('pmo nobody', USERS.stranger.id)).text).toContain('Mention the people');
  });
});

describe('App Home', () => {
  it('shows my outcomes, what awaits my review (with the buttons) and the dashboard link', async () => {
    const outcomeId = await submitOutcome();
    await h.event({ ...fixture('app-home-opened.json'), user: USERS.member.id }, 'EvHOME01');
    expect(homeOf(USERS.member.id)).toContain('Shorter clinic waiting time');
    expect(homeOf(USERS.member.id)).toContain('Submitted');
    expect(homeOf(USERS.member.id)).toContain('https://outcome.example.com/app');
    expect(homeOf(USERS.member.id)).toContain('Nothing awaits your review');

    await h.event({ ...fixture('app-home-opened.json'), user: USERS.manager.id }, 'EvHOME02');
    const managerHome = homeOf(USERS.manager.id);
    expect(managerHome).toContain('待我审核');
    expect(managerHome).toContain(`"value":"{\\"a\\":\\"approve\\",\\"o\\":\\"${outcomeId}\\",\\"r\\":1,\\"s\\":\\"manager\\"}"`);
  });

  it('lets a reviewer decide from the Home tab and refreshes it', async () => {
    const ws = await h.deps.repos.workspaces.ensure('slack', TEAM);
    await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [USERS.pmo.id] });
    const outcomeId = await submitOutcome();
    const value = JSON.stringify({ a: 'approve', o: outcomeId, r: 1, s: 'manager' });
    // Without scores: the answer comes in a small modal (the Home tab has no channel for an ephemeral).
    await h.interact(homeClick({ user: USERS.manager.id, actionId: 'outcome_approve', value, blockId: `scores:${outcomeId}`, triggerId: h.fake.issueTrigger() }));
    const info = (h.fake.callsTo('views.open').at(-1)!.body.view as { blocks: unknown[] }).blocks;
    expect(JSON.stringify(info)).toContain('1 到 5 分');

    await h.interact(homeClick({ user: USERS.manager.id, actionId: 'outcome_approve', value, blockId: `scores:${outcomeId}`, triggerId: h.fake.issueTrigger(), state: scores(outcomeId, { impact: 4, difficulty: 2, innovation: 3 }) }));
    expect((await h.outcome(outcomeId))!.status).toBe('manager_approved');
    expect(homeOf(USERS.manager.id)).toContain('目前没有待你审核的成果');
    // The approval card in the manager's DM was updated in place as well.
    expect(h.fake.callsTo('chat.update')).toHaveLength(1);
  });

  it('lists due follow-up reviews once an outcome is verified', async () => {
    const ws = await h.deps.repos.workspaces.ensure('slack', TEAM);
    await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [USERS.pmo.id] });
    const outcomeId = await submitOutcome();
    const click = (user: string, stage: string) =>
      h.interact(homeClick({ user, actionId: 'outcome_approve', value: JSON.stringify({ a: 'approve', o: outcomeId, r: 1, s: stage }), blockId: `scores:${outcomeId}`, triggerId: h.fake.issueTrigger(), state: scores(outcomeId, { impact: 4, difficulty: 2, innovation: 3 }) }));
    await click(USERS.manager.id, 'manager');
    await click(USERS.pmo.id, 'pmo');
    await h.event({ ...fixture('app-home-opened.json'), user: USERS.member.id }, 'EvHOME03');
    expect(homeOf(USERS.member.id)).toContain('2026-04-06');
  });
});
