import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, metrics, people, projects } from '../../../src/db/schema/index.ts';
import type { SlackViewRecord } from '../../fakes/fake-slack.ts';
import { startSlackHarness, TEAM, USERS, type Harness } from './harness.ts';
import { stateOf, submission, validForm } from './payloads.ts';

let h: Harness;
beforeEach(async () => {
  h = await startSlackHarness();
  h.fake.addUser({ id: 'UOWNER01', name: 'olga', locale: 'en-US', tz: 'UTC', is_owner: true });
  h.fake.addUser({ id: 'UCARL01', name: 'carl', locale: 'en-US', tz: 'UTC' });
});
afterEach(() => h.close());

const admin = async (text: string, user = 'UOWNER01') => ((await (await h.command(`admin ${text}`, user)).json()) as { text: string }).text;
const settings = async () => (await h.deps.repos.workspaces.ensure('slack', TEAM)).settings;
const person = async (address: string) => (await h.db.select().from(people).where(eq(people.platformUserId, address)))[0];
const audits = () => h.db.select().from(auditLog);

describe('a slow Slack during an admin check', () => {
  it('never turns a Slack owner known from before into a non-admin', async () => {
    expect(await admin('settings')).toContain('*Settings*');
    expect((await person('UOWNER01'))!.platformAdmin).toBe(true);
    // users.info now answers after the profile budget: the stored answer counts.
    h.fake.injectNext('users.info', { delayMs: 2_500 });
    expect(await admin('settings')).toContain('*Settings*');
    // Slack failing the lookup leaves the stored answer too.
    h.fake.injectNext('users.info', { error: 'fatal_error' });
    expect(await admin('settings')).toContain('*Settings*');
    // Someone never known as an admin is still refused.
    h.fake.injectNext('users.info', { delayMs: 2_500, times: 4 });
    expect(await admin('settings', USERS.stranger.id)).toContain('Only Outcome admins');
  });
});

describe('Slack /outcome admin goes through the domain verbs', () => {
  it('a non-admin is refused by the verbs, on every sub-command, and nothing is written', async () => {
    const before = await settings();
    for (const cmd of ['settings reminder-days 5', 'settings escalation 9', 'pmo <@UPMO1>', 'admins <@USTRANGER1>', 'manager <@UMEMBER1> <@UMANAGER1>', 'settings'])
      expect(await admin(cmd, USERS.stranger.id)).toContain('Only Outcome admins');
    expect(await settings()).toEqual(before);
    expect(await audits()).toEqual([]);
    expect(await person(USERS.member.id)).toBeUndefined();
  });

  it('maps managers with the web’s checks: self and loops (two people and longer) are refused', async () => {
    expect(await admin('manager <@UMEMBER1> <@UMANAGER1>')).toContain('reviewed by <@UMANAGER1>');
    expect(await admin('manager <@UMANAGER1> <@UCARL01>')).toContain('reviewed by <@UCARL01>');
    expect(await admin('manager <@UMANAGER1> <@UMEMBER1>')).toContain('loop of managers');
    expect(await admin('manager <@UCARL01> <@UMEMBER1>')).toContain('loop of managers');
    expect(await admin('manager <@UCARL01> <@UCARL01>')).toContain('own manager');
    const [member, manager, carl, owner] = await Promise.all([person(USERS.member.id), person(USERS.manager.id), person('UCARL01'), person('UOWNER01')]);
    expect([member!.managerId, manager!.managerId, carl!.managerId]).toEqual([manager!.id, carl!.id, null]);
    // Each accepted mapping is audited with the admin who made it.
    const trail = await h.db.select().from(auditLog).where(eq(auditLog.entity, 'person'));
    expect(trail.map((a) => [a.entityId, a.actorId, a.comment])).toEqual([
      [member!.id, owner!.id, manager!.id],
      [manager!.id, owner!.id, carl!.id],
    ]);
    // …and with where it came from: Slack's slash command.
    expect(trail.map((a) => a.via)).toEqual(['chat', 'chat']);
  });

  it('sets the escalation delay, never before the reminder, and audits the change with the actor', async () => {
    expect(await admin('settings escalation 10')).toContain('escalation after 10 days');
    expect(await admin('settings escalation 2')).toContain('can’t come before the reminder (3 days)');
    expect(await admin('settings reminder-days 12')).toContain('can’t come before the reminder (12 days)');
    expect(await settings()).toMatchObject({ escalationAfterDays: 10, reminderAfterDays: 3 });
    const owner = await person('UOWNER01');
    expect((await audits()).map((a) => [a.action, a.actorId])).toEqual([['settings:escalationAfterDays', owner!.id]]);
  });

  it('sets the working-day calendar and its extra days; a bad date is refused and changes nothing', async () => {
    expect(await admin('settings calendar cn')).toContain('Working days: cn_mainland (covers 2004–2026)');
    expect(await admin('settings days-off 2026-12-31,2026-12-24')).toContain('extra days off: 2026-12-24, 2026-12-31');
    expect(await admin('settings work-days 2026-12-26')).toContain('extra working days: 2026-12-26');
    expect(await admin('settings days-off 2026-02-30')).toContain('YYYY-MM-DD');
    expect(await admin('settings calendar mars')).toContain('mon_fri');
    expect(await settings()).toMatchObject({ calendar: 'cn_mainland', extraOffDays: ['2026-12-24', '2026-12-31'], extraWorkDays: ['2026-12-26'] });
    expect(await admin('settings work-days none')).toContain('extra working days: —');
    expect((await audits()).map((a) => a.action)).toEqual(['settings:calendar', 'settings:extraOffDays', 'settings:extraWorkDays', 'settings:extraWorkDays']);
  });

  it('strips control characters from a submitted title, description, metric and project name', async () => {
    await h.command('');
    const view = (h.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;
    const form = validForm({ title: 'Shorter\u0000 clinic waiting\u001B time', description: 'Cut the average outpatient waiting time\r\nby reworking triage\u0007 and booking slots.', project_new: 'Clinic\u0000 triage', metrics: [{ name: 'Waiting\u0000 time', unit: 'min\u007F', direction: 'decrease', baseline: '45', target: '28' }] });
    await h.interact(submission(view, stateOf(form)));
    const [o] = await h.allOutcomes();
    expect(o).toMatchObject({ title: 'Shorter clinic waiting time', description: 'Cut the average outpatient waiting time\nby reworking triage and booking slots.' });
    expect((await h.db.select().from(metrics).where(eq(metrics.outcomeId, o!.id)))[0]).toMatchObject({ name: 'Waiting time', unit: 'min' });
    expect(await h.db.select({ name: projects.name }).from(projects).where(and(eq(projects.id, o!.projectId!)))).toEqual([{ name: 'Clinic triage' }]);
  });
});
