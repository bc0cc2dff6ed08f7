import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, metrics, outcomes, people, projects } from '../../../src/db/schema/index.ts';
import { cardText, F, startHarness, type Harness } from './harness.ts';
import { openForm, submitForm, validForm } from './steps.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const mention = (n: number, openId: string) => ({ key: `@_user_${n}`, id: { open_id: openId }, name: openId });
const answer = (to: string = F.admin) => cardText(h.cardsTo(to).at(-1)!.card);
const settings = async () => (await h.workspace()).settings;
const person = async (openId: string) => (await h.db.select().from(people).where(eq(people.platformUserId, openId)))[0];
const audits = () => h.db.select().from(auditLog);
const mapManager = (member: string, manager: string) => h.say('/outcome admin manager @_user_1 @_user_2', { openId: F.admin, mentions: [mention(1, member), mention(2, manager)] });

describe('Feishu /outcome admin goes through the domain verbs', () => {
  it('a non-admin is refused by the verbs, on every sub-command, and nothing is written', async () => {
    const before = await settings();
    for (const text of ['/outcome admin set reminder_days 5', '/outcome admin set escalation_days 9', '/outcome admin admins @_user_1', '/outcome admin manager @_user_1 @_user_2', '/outcome admin']) {
      await h.say(text, { openId: F.stranger, mentions: [mention(1, F.stranger), mention(2, F.pmo)] });
      expect(answer(F.stranger)).toContain('Only Outcome admins can change this');
    }
    expect(await settings()).toEqual(before);
    expect(await audits()).toEqual([]);
    expect(await person(F.pmo)).toBeUndefined();
  });

  it('checks manager mappings as the web does: self, and loops of two people and longer', async () => {
    await mapManager(F.member, F.manager);
    expect(answer()).not.toContain('loop');
    await mapManager(F.manager, F.pmo);
    await mapManager(F.manager, F.member);
    expect(answer()).toContain('This would make a loop of managers');
    await mapManager(F.pmo, F.member);
    expect(answer()).toContain('This would make a loop of managers');
    await mapManager(F.pmo, F.pmo);
    expect(answer()).toContain('A person cannot be their own manager.');
    const [alice, boss, pmo, root] = await Promise.all([person(F.member), person(F.manager), person(F.pmo), person(F.admin)]);
    expect([alice!.managerId, boss!.managerId, pmo!.managerId]).toEqual([boss!.id, pmo!.id, null]);
    const trail = await h.db.select().from(auditLog).where(eq(auditLog.entity, 'person'));
    expect(trail.map((a) => [a.entityId, a.actorId])).toEqual([
      [alice!.id, root!.id],
      [boss!.id, root!.id],
    ]);
    expect(trail.map((a) => a.via)).toEqual(['chat', 'chat']);
  });

  it('sets the escalation delay, never before the reminder, audited with the actor', async () => {
    await h.say('/outcome admin set escalation_days 10', { openId: F.admin });
    expect(answer()).toContain('escalation after 10 days');
    await h.say('/outcome admin set escalation_days 2', { openId: F.admin });
    expect(answer()).toContain('can’t come before the reminder (3 days)');
    expect(await settings()).toMatchObject({ escalationAfterDays: 10, reminderAfterDays: 3 });
    const root = await person(F.admin);
    expect((await audits()).map((a) => [a.action, a.actorId])).toEqual([['settings:escalationAfterDays', root!.id]]);
  });

  it('sets the working-day calendar and its extra days; a bad date is refused and changes nothing', async () => {
    await h.say('/outcome admin set calendar cn', { openId: F.admin });
    expect(answer()).toMatch(/Working days: cn(\\_|&#95;)mainland \(covers 2004–2026\)/);
    await h.say('/outcome admin set days_off 2026-12-31,2026-12-24', { openId: F.admin });
    expect(answer()).toContain('Extra days off: 2026-12-24, 2026-12-31');
    await h.say('/outcome admin set work_days 2026-12-26', { openId: F.admin });
    expect(answer()).toContain('Extra working days: 2026-12-26');
    await h.say('/outcome admin set days_off 2026-02-30', { openId: F.admin });
    expect(answer()).toContain('YYYY-MM-DD');
    expect(await settings()).toMatchObject({ calendar: 'cn_mainland', extraOffDays: ['2026-12-24', '2026-12-31'], extraWorkDays: ['2026-12-26'] });
    await h.say('/outcome admin set work_days off', { openId: F.admin });
    expect(answer()).toContain('Extra working days: —');
    expect((await audits()).map((a) => a.action)).toEqual(['settings:calendar', 'settings:extraOffDays', 'settings:extraWorkDays', 'settings:extraWorkDays']);
  });

  it('strips control characters from a submitted title, description, metric and project name', async () => {
    const form = await openForm(h);
    const res = await submitForm(h, form, validForm({ title: 'Shorter\u0000 clinic waiting\u001B time', description: 'Cut the average outpatient waiting time\r\nby reworking triage\u0007 and booking slots.', project_new: 'Clinic\u0000 triage', m0_name: 'Waiting\u0000 time', m0_unit: 'min\u007F' }));
    expect(res.status).toBe(200);
    const [o] = await h.db.select().from(outcomes);
    expect(o).toMatchObject({ title: 'Shorter clinic waiting time', description: 'Cut the average outpatient waiting time\nby reworking triage and booking slots.' });
    expect((await h.db.select().from(metrics).where(eq(metrics.outcomeId, o!.id)))[0]).toMatchObject({ name: 'Waiting time', unit: 'min' });
    expect(await h.db.select({ name: projects.name }).from(projects).where(eq(projects.id, o!.projectId!))).toEqual([{ name: 'Clinic triage' }]);
  });
});
