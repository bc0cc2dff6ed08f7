import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { people, workspaces } from '../../../src/db/schema/index.ts';
import { setManager } from '../../../src/domain/set-manager.ts';
import { updateSettings } from '../../../src/domain/update-settings.ts';
import { P, W } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

let h: WebHarness;
beforeEach(async () => {
  await h?.close();
  h = await webHarness();
});
afterAll(() => h.close());

const settingsOf = async (id: string) => (await h.deps.db.select({ s: workspaces.settings }).from(workspaces).where(eq(workspaces.id, id)))[0]!.s;

/** The form's fields as the settings page rendered them (inputs, checked boxes, selected options). */
function formFields(html: string): URLSearchParams {
  const start = html.indexOf('data-testid="settings-form"');
  const form = html.slice(start, html.indexOf('</form>', start));
  const p = new URLSearchParams();
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    const value = unescape(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
    if (!name || (/type="checkbox"/.test(attrs) && !/ checked/.test(attrs))) continue;
    p.append(name, value);
  }
  for (const m of form.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1];
    if (selected !== undefined) p.append(m[1]!, selected);
  }
  return p;
}

describe('the settings form saves only what the admin changed', () => {
  it('an edit made elsewhere after the form was opened survives the form’s save', async () => {
    const admin = await h.as(W.a, P.admin);
    const fields = formFields(await (await admin.get('/app/settings')).text());
    expect(fields.get('base')).toContain('reminderAfterDays');

    // Meanwhile another admin changes the reminder delay in chat.
    const ws = await settingsOf(W.a);
    await updateSettings({ ctx: h.deps.verbs, input: { workspace: { id: W.a, platform: 'slack', settings: ws }, installedBy: null, actor: { id: 'chat-admin', address: 'UCHAT', isPlatformAdmin: true }, patch: { reminderAfterDays: 6 } } });

    // The first admin changes only the review offset, the form still showing the old reminder delay.
    fields.set('reviewOffsetDays', '45');
    const res = await admin.send('POST', '/app/settings', fields.toString());
    expect(res.status).toBe(303);
    expect(await settingsOf(W.a)).toMatchObject({ reviewOffsetDays: 45, reminderAfterDays: 6 });
  });

  it('a manager mapping changed elsewhere after the form was opened survives the form’s save', async () => {
    const admin = await h.as(W.a, P.admin);
    const fields = formFields(await (await admin.get('/app/settings')).text());
    expect(fields.get(`manager.${P.member}`)).toBe(P.manager);

    // Meanwhile an admin in chat maps the member to another manager.
    const ws = await settingsOf(W.a);
    await setManager({ ctx: h.deps.verbs, input: { workspace: { id: W.a, platform: 'slack', settings: ws }, installedBy: null, actor: { id: 'chat-admin', address: 'UCHAT', isPlatformAdmin: true }, changes: [{ personId: P.member, managerId: P.other }] } });

    // The first admin changes only the review offset; the form still shows the old manager.
    fields.set('reviewOffsetDays', '45');
    const res = await admin.send('POST', '/app/settings', fields.toString());
    expect(res.status).toBe(303);
    const [member] = await h.deps.db.select({ m: people.managerId }).from(people).where(eq(people.id, P.member));
    expect(member!.m).toBe(P.other);
    expect((await settingsOf(W.a)).reviewOffsetDays).toBe(45);
  });
});
