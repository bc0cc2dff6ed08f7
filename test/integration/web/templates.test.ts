import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listMetricTemplates } from '../../../src/db/queries/metric-templates.ts';
import { auditLog } from '../../../src/db/schema/index.ts';
import { BUILT_IN_TEMPLATES } from '../../../src/domain/metric-templates.ts';
import { P, W } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

let h: WebHarness;
beforeEach(async () => {
  await h?.close();
  h = await webHarness();
});
afterAll(() => h.close());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const VALID = { indicatorClass: 'impact', direction: 'decrease', unit: 'h', 'name.en': 'Hours lost', 'name.zh-CN': '损失工时', 'description.en': 'Per month', 'description.zh-CN': '每月' };
const own = async (ws: string = W.a) => (await listMetricTemplates(h.deps.db, ws)).filter((t) => !t.builtIn);

describe('outcome templates on the web (admins)', () => {
  it('lists the built-in library in the reader’s language, linked from the settings page', async () => {
    const admin = await h.as(W.a, P.admin);
    expect(await (await admin.get('/app/settings')).text()).toContain('href="/app/settings/templates"');
    const html = await (await admin.get('/app/settings/templates')).text();
    expect(html.match(/data-testid="template-row"/g)).toHaveLength(BUILT_IN_TEMPLATES.length);
    expect(html).toContain('Net Promoter Score');
    expect(html).toContain('name="name.zh-CN"');
  });

  it('adds a template, shown to members’ forms of that workspace only, and removes (disables) it', async () => {
    const admin = await h.as(W.a, P.admin);
    const res = await admin.send('POST', '/app/settings/templates', form(VALID));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/settings/templates?saved=1');
    const [t] = await own();
    expect(t).toMatchObject({ indicatorClass: 'impact', direction: 'decrease', unit: 'h', name: { en: 'Hours lost', 'zh-CN': '损失工时' }, description: { en: 'Per month', 'zh-CN': '每月' } });
    expect(await own(W.b)).toEqual([]);
    expect(await (await admin.get('/app/settings/templates')).text()).toContain('Hours lost');

    const removed = await admin.send('POST', `/app/settings/templates/${t!.key}/remove`, '');
    expect(removed.status).toBe(303);
    expect(await own()).toEqual([]);
    expect((await h.deps.db.select().from(auditLog)).filter((a) => a.entity === 'metric_template').map((a) => a.action).sort()).toEqual(['add', 'disable']);
  });

  it('shows every problem beside its field, keeps what was typed, and stores nothing', async () => {
    const res = await (await h.as(W.a, P.admin)).send('POST', '/app/settings/templates', form({ ...VALID, indicatorClass: 'vibes', 'name.zh-CN': '', unit: '' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Choose one of the listed indicator classes');
    expect(html).toContain('Give the template a name in this language.');
    expect(html).toContain('Enter the unit of the metric');
    expect(html).toContain('value="Hours lost"');
    expect(await own()).toEqual([]);
  });

  it('refuses a member, another workspace’s key, a built-in key, and a cross-site post; nothing changes', async () => {
    const member = await h.as(W.a, P.member);
    expect((await member.get('/app/settings/templates')).status).toBe(403);
    expect((await member.send('POST', '/app/settings/templates', form(VALID))).status).toBe(403);
    const admin = await h.as(W.a, P.admin);
    expect((await admin.send('POST', '/app/settings/templates', form(VALID), { origin: 'https://evil.example' })).status).toBe(403);
    expect(await own()).toEqual([]);
    await (await h.as(W.b, P.bAdmin)).send('POST', '/app/settings/templates', form(VALID));
    const [theirs] = await own(W.b);
    expect(theirs).toBeDefined();
    expect((await admin.send('POST', `/app/settings/templates/${theirs!.key}/remove`, '')).status).toBe(404);
    expect((await admin.send('POST', '/app/settings/templates/builtin.nps/remove', '')).status).toBe(400);
    expect(await own(W.b)).toHaveLength(1);
    expect(await listMetricTemplates(h.deps.db, W.a)).toEqual(BUILT_IN_TEMPLATES);
  });
});
