import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, people, workspaces } from '../../../src/db/schema/index.ts';
import { INLINE_MANAGER_PICKERS } from '../../../src/web/pages/settings.ts';
import { P, W } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

let h: WebHarness;
beforeEach(async () => {
  await h?.close();
  h = await webHarness();
});
afterAll(() => h.close());

const settingsOf = async (id: string) => (await h.deps.db.select({ s: workspaces.settings }).from(workspaces).where(eq(workspaces.id, id)))[0]!.s;
const managerOf = async (id: string) => (await h.deps.db.select({ m: people.managerId, src: people.managerSource }).from(people).where(eq(people.id, id)))[0]!;
const audits = async () => (await h.deps.db.select().from(auditLog)).length;

function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
  return p.toString();
}
const VALID = { pmoReviewers: ['UPMO', 'UMGR'], pmoReviewersExtra: 'UNEW1, UNEW2', pmoChannel: 'CPMO', reviewOffsetDays: '60', secondReviewOffsetDays: '', reminderAfterDays: '5', shortfallThresholdPct: '20', timeZone: 'Europe/Berlin', locale: 'zh-CN', [`manager.${P.other}`]: P.manager };

describe('settings form (admins)', () => {
  it('saves every setting through the domain verb and maps a manager, then redirects', async () => {
    const res = await (await h.as(W.a, P.admin)).send('POST', '/app/settings', form(VALID));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/settings?saved=1');
    expect(await settingsOf(W.a)).toMatchObject({ pmoReviewers: ['UPMO', 'UMGR', 'UNEW1', 'UNEW2'], pmoChannel: 'CPMO', reviewOffsetDays: 60, secondReviewOffsetDays: null, reminderAfterDays: 5, shortfallThreshold: 0.2, timeZone: 'Europe/Berlin', locale: 'zh-CN', admins: ['UADMIN'] });
    expect(await managerOf(P.other)).toEqual({ m: P.manager, src: 'manual' });
    // The settings change and the manager mapping, each audited with the admin.
    expect(await audits()).toBe(2);
    const page = await (await (await h.as(W.a, P.admin)).get('/app/settings?saved=1')).text();
    expect(page).toContain('data-testid="saved"');
  });

  it('saves the approval reminder and escalation delays, and refuses an escalation before the reminder', async () => {
    const admin = await h.as(W.a, P.admin);
    expect((await admin.send('POST', '/app/settings', form({ ...VALID, approvalReminderDays: '3', approvalEscalationDays: '6' }))).status).toBe(303);
    expect(await settingsOf(W.a)).toMatchObject({ approvalReminderDays: 3, approvalEscalationDays: 6 });
    const page = await (await admin.get('/app/settings')).text();
    expect(page).toContain('name="approvalReminderDays"');
    const before = await settingsOf(W.a);
    const bad = await admin.send('POST', '/app/settings', form({ ...VALID, approvalReminderDays: '4', approvalEscalationDays: '2' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('上报（2 天）不能早于提醒（4 天）'); // the workspace now reads Chinese (VALID)
    expect(await settingsOf(W.a)).toEqual(before);
  });

  it('sets the working-day calendar with extra days, states the covered years and warns before they run out', async () => {
    const admin = await h.as(W.a, P.admin);
    const mf = await (await admin.get('/app/settings')).text();
    expect(mf).toContain('Saturdays and Sundays are off, every year.');
    expect(mf).not.toContain('data-testid="calendar-warning"');
    const res = await admin.send('POST', '/app/settings', form({ ...VALID, locale: 'en', calendar: 'cn_mainland', extraOffDays: '2026-12-31\n2026-12-24', extraWorkDays: '2026-12-26' }));
    expect(res.status).toBe(303);
    expect(await settingsOf(W.a)).toMatchObject({ calendar: 'cn_mainland', extraOffDays: ['2026-12-24', '2026-12-31'], extraWorkDays: ['2026-12-26'] });
    // The clock says 2026-11-23: 38 days before the China data (2004–2026) ends.
    const page = await (await admin.get('/app/settings')).text();
    expect(page).toContain('Covers 2004–2026');
    expect(page).toMatch(/data-testid="calendar-warning">The China calendar ends on 2026-12-31 \(38 days left\)/);
    const bad = await admin.send('POST', '/app/settings', form({ ...VALID, locale: 'en', calendar: 'moon', extraWorkDays: '2026-13-01' }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Choose mon_fri (Monday to Friday) or cn_mainland (mainland China).');
    expect(html).toContain('Write each date as YYYY-MM-DD');
  });

  it('bad values: 400 with each message next to its field, nothing written', async () => {
    const before = await settingsOf(W.a);
    const res = await (await h.as(W.a, P.admin)).send('POST', '/app/settings', form({ ...VALID, reviewOffsetDays: 'ninety', shortfallThresholdPct: '150', timeZone: 'Mars/Olympus', locale: 'fr' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Enter a whole number of days from 1 to 730.');
    expect(html).toContain('Enter the threshold as a percentage between 1 and 99.');
    expect(html).toContain('is not a known time zone');
    expect(html).toContain('Choose zh-CN or en.');
    expect(await settingsOf(W.a)).toEqual(before);
    expect((await managerOf(P.other)).m).toBeNull();
    expect(await audits()).toBe(0);
  });

  it('a manager loop or self-management is refused and nothing is written', async () => {
    const admin = await h.as(W.a, P.admin);
    // member → manager already; manager → member would close a loop.
    const loop = await admin.send('POST', '/app/settings', form({ ...VALID, [`manager.${P.manager}`]: P.member }));
    expect(loop.status).toBe(400);
    expect(await loop.text()).toContain('This would make a loop of managers');
    const self = await admin.send('PUT', `/api/people/${P.other}/manager`, { managerId: P.other });
    expect(self.status).toBe(400);
    const foreign = await admin.send('PUT', `/api/people/${P.other}/manager`, { managerId: P.bAdmin });
    expect(foreign.status).toBe(400);
    expect((await managerOf(P.manager)).m).toBeNull();
    expect((await managerOf(P.other)).m).toBeNull();
    expect(await audits()).toBe(0);
  });

  it('past INLINE_MANAGER_PICKERS people, each row links to its own picker, which saves through the same checks', async () => {
    await h.deps.db.insert(people).values(Array.from({ length: INLINE_MANAGER_PICKERS }, (_, i) => ({ id: `p-many-${i}`, workspaceId: W.a, platformUserId: `UMANY${i}`, name: `Many ${i}` })));
    const admin = await h.as(W.a, P.admin);
    const settings = await (await admin.get('/app/settings')).text();
    expect(settings).not.toContain(`name="manager.${P.other}"`);
    expect(settings).toContain(`href="/app/settings/managers/${P.other}"`);
    const picker = await (await admin.get(`/app/settings/managers/${P.other}`)).text();
    // The 6 people of workspace A and the 50 added, but Olga herself; and "none".
    expect(picker.match(/<option /g)!.length).toBe(INLINE_MANAGER_PICKERS + 6 - 1 + 1);
    expect((await admin.send('POST', `/app/settings/managers/${P.other}`, form({ [`manager.${P.other}`]: P.manager, [`managerBase.${P.other}`]: '' }))).status).toBe(303);
    expect(await managerOf(P.other)).toEqual({ m: P.manager, src: 'manual' });
    // A loop is refused with the message on the picker, and nothing changes; other people's rows in the post are ignored.
    const loop = await admin.send('POST', `/app/settings/managers/${P.manager}`, form({ [`manager.${P.manager}`]: P.member, [`manager.${P.peer}`]: P.other }));
    expect(loop.status).toBe(400);
    expect(await loop.text()).toContain('role="alert"');
    expect(await managerOf(P.manager)).toEqual({ m: null, src: null });
    expect((await managerOf(P.peer)).m).toBe(P.manager);
    expect((await (await h.as(W.a, P.pmo)).send('POST', `/app/settings/managers/${P.other}`, form({ [`manager.${P.other}`]: '' }))).status).toBe(403);
    expect((await admin.get('/app/settings/managers/p-nobody')).status).toBe(404);
  });

  it('PMO, managers and members are refused (403) and nothing changes', async () => {
    const before = await settingsOf(W.a);
    for (const person of [P.pmo, P.manager, P.member]) {
      const c = await h.as(W.a, person);
      expect((await c.send('POST', '/app/settings', form(VALID))).status).toBe(403);
      expect((await c.send('PATCH', '/api/settings', { settings: { reviewOffsetDays: 10 } })).status).toBe(403);
      expect((await c.send('PUT', `/api/people/${P.other}/manager`, { managerId: P.manager })).status).toBe(403);
      expect((await c.get('/api/settings')).status).toBe(403);
    }
    expect(await settingsOf(W.a)).toEqual(before);
    expect((await managerOf(P.other)).m).toBeNull();
  });

  it('an admin of workspace B cannot touch workspace A', async () => {
    const b = await h.as(W.b, P.bAdmin);
    const res = await b.send('PUT', `/api/people/${P.other}/manager`, { managerId: P.manager });
    expect(res.status).toBe(400);
    expect((await managerOf(P.other)).m).toBeNull();
    await b.send('PATCH', '/api/settings', { settings: { reviewOffsetDays: 30 } });
    expect((await settingsOf(W.a)).reviewOffsetDays).toBe(90);
    expect((await settingsOf(W.b)).reviewOffsetDays).toBe(30);
  });

  it('a cross-site form post is refused before anything runs', async () => {
    const res = await (await h.as(W.a, P.admin)).send('POST', '/app/settings', form(VALID), { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await settingsOf(W.a)).reviewOffsetDays).toBe(90);
  });
});

describe('settings API', () => {
  it('GET lists settings and people; PATCH changes what it names', async () => {
    const admin = await h.as(W.a, P.admin);
    const got = (await (await admin.get('/api/settings')).json()) as { settings: { reviewOffsetDays: number }; people: { id: string }[] };
    expect(got.settings.reviewOffsetDays).toBe(90);
    expect(got.people.map((p) => p.id)).toContain(P.member);
    const res = await admin.send('PATCH', '/api/settings', { settings: { shortfallThreshold: 0.1, pmoChannel: null }, managers: { [P.other]: P.manager } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ settings: { shortfallThreshold: 0.1, pmoChannel: null, reviewOffsetDays: 90 } });
    expect((await managerOf(P.other)).m).toBe(P.manager);
    const cleared = await admin.send('PUT', `/api/people/${P.other}/manager`, { managerId: null });
    expect(await cleared.json()).toEqual({ personId: P.other, managerId: null });
  });

  it.each([
    [{ settings: { admins: ['UHACK'] } }, 'settings.admins', 'web.api.unknown_field'],
    [{ settings: { reviewOffsetDays: '30' } }, 'settings.reviewOffsetDays', 'web.api.number_expected'],
    [{ settings: { pmoReviewers: 'UPMO' } }, 'settings.pmoReviewers', 'web.api.string_list_expected'],
    [{ settings: { reviewOffsetDays: 0 } }, 'reviewOffsetDays', 'settings.days_invalid'],
    [[1, 2], 'body', 'web.api.object_expected'],
  ])('PATCH %j → 400 on %s, nothing written', async (body, field, key) => {
    const before = await settingsOf(W.a);
    const res = await (await h.as(W.a, P.admin)).send('PATCH', '/api/settings', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fields: { field: string; key: string }[] }).fields).toContainEqual(expect.objectContaining({ field, key }));
    expect(await settingsOf(W.a)).toEqual(before);
  });

  it('malformed JSON is a 400, not a 500', async () => {
    const res = await (await h.as(W.a, P.admin)).send('PATCH', '/api/settings', '{"settings":', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
  });
});
