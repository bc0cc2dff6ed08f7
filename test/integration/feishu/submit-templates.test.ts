import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFormAction } from '../../../cards/feishu/form-action.ts';
import { cardProblems } from '../../../cards/feishu/limits.ts';
import { addMetricTemplate } from '../../../src/db/repos/metric-templates-repo.ts';
import { keyResults, metrics, objectives, outcomes, people, projects, workspaces } from '../../../src/db/schema/index.ts';
import { cardText, F, startHarness, type Harness } from './harness.ts';
import { openForm, submitForm, validForm } from './steps.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** "Fill in a metric" on the form: the same submit value, the button named apply_template. */
const applyTemplate = (form: { messageId: string; nonce: string }, formValue: Record<string, string>, openId: string = F.member) =>
  h.click({ openId, value: encodeFormAction({ a: 'submit', n: form.nonce }), name: 'apply_template', formValue, openMessageId: form.messageId });

const json = (v: unknown) => JSON.stringify(v);
/** The form element named `name` in a card. */
function field(card: unknown, name: string): Record<string, unknown> | undefined {
  if (Array.isArray(card)) return card.map((c) => field(c, name)).find(Boolean);
  if (!card || typeof card !== 'object') return undefined;
  const o = card as Record<string, unknown>;
  if (o.name === name && typeof o.tag === 'string') return o;
  return Object.values(o).map((v) => field(v, name)).find(Boolean);
}

describe('templates on the Feishu submit form', () => {
  it('fills the first empty metric from the template chosen (in the member’s Chinese), keeps what was typed, and stores nothing', async () => {
    const form = await openForm(h);
    const before = await h.counts();
    const sent = json(h.cardsTo(F.member).at(-1)!.card);
    expect(sent).toContain('"name":"template"');
    expect(sent).toContain('"name":"apply_template"');
    const res = await applyTemplate(form, { title: 'Happier users', template: 'builtin.nps', m0_baseline: '20' });
    expect(res.status).toBe(200);
    expect(res.body.toast).toMatchObject({ type: 'success' });
    const card = res.body.card!.data;
    expect(cardProblems(card)).toEqual([]);
    expect(field(card, 'm0_name')).toMatchObject({ default_value: '净推荐值（NPS）' });
    expect(field(card, 'm0_unit')).toMatchObject({ default_value: 'NPS' });
    expect(field(card, 'm0_direction')).toMatchObject({ initial_option: 'increase' });
    expect(field(card, 'm0_baseline')).toMatchObject({ default_value: '20' });
    expect(field(card, 'title')).toMatchObject({ default_value: 'Happier users' });
    // The select starts empty again, ready for the next metric.
    expect(field(card, 'template')).not.toHaveProperty('initial_option');
    expect(await h.counts()).toEqual(before);

    // The next free slot is the second one.
    const second = await applyTemplate(form, { m0_name: 'Net Promoter Score', m0_unit: 'NPS', template: 'builtin.error_rate' });
    expect(field(second.body.card!.data, 'm1_name')).toMatchObject({ default_value: '差错率' });
    expect(field(second.body.card!.data, 'm1_direction')).toMatchObject({ initial_option: 'decrease' });
    expect(field(second.body.card!.data, 'm0_name')).toMatchObject({ default_value: 'Net Promoter Score' });
  });

  it('shown again, the form says how similar verified outcomes of the workspace did for the title typed', async () => {
    const form = await openForm(h);
    const [ws] = await h.deps.db.select().from(workspaces);
    const [someone] = await h.deps.db.select().from(people).where(eq(people.workspaceId, ws!.id));
    // Three verified outcomes about checkout speed, reaching 50 %, 100 % and 80 % of their targets.
    for (const [i, actual] of [15, 20, 18].entries()) {
      await h.deps.db.insert(outcomes).values({ id: `sim-${i}`, workspaceId: ws!.id, title: `Faster checkout ${i}`, status: 'verified', submitterId: someone!.id, ownerId: someone!.id, verifiedAt: new Date() });
      await h.deps.db.insert(metrics).values({ workspaceId: ws!.id, outcomeId: `sim-${i}`, name: 'Conversion', unit: '%', direction: 'increase', baseline: 10, target: 20, actual });
    }
    const res = await applyTemplate(form, { title: 'Faster checkout for members', template: 'builtin.nps' });
    const text = cardText(res.body.card!.data);
    expect(text).toContain('本工作区的类似成果目标达成率中位数为 80%（n = 3）。');
    // A title nothing resembles: nothing is claimed.
    const other = await applyTemplate(form, { title: 'Quantum widget polish', template: 'builtin.nps' });
    expect(cardText(other.body.card!.data)).not.toContain('类似成果');
  });

  it('says so when every metric is filled in, or the template is not one of the listed', async () => {
    const form = await openForm(h);
    const full = await applyTemplate(form, { m0_name: 'a', m1_name: 'b', m2_unit: 'c', template: 'builtin.nps' });
    expect(cardText(full.body.card!.data)).toContain('All three metrics are filled in');
    const forged = await applyTemplate(form, { template: 'custom.not-ours' });
    expect(cardText(forged.body.card!.data)).toContain('Choose one of the listed templates.');
    expect(await h.counts()).toMatchObject({ outcomes: 0 });
  });

  it('records the template on a metric still named and measured as it, and not on one typed freely', async () => {
    const ws = await h.workspace();
    const own = await addMetricTemplate(h.db, ws.id, { indicatorClass: 'process', unit: 'tickets', direction: 'decrease', name: { en: 'Open tickets', 'zh-CN': '未结工单' }, description: { en: '', 'zh-CN': '' } }, null, new Date());
    const form = await openForm(h);
    expect(json(h.cardsTo(F.member).at(-1)!.card)).toContain(own);
    const res = await submitForm(h, form, validForm({ m0_name: '未结工单', m0_unit: 'tickets', m1_name: 'Waiting time', m1_unit: 'min', m1_direction: 'decrease', m1_baseline: '45', m1_target: '28' }));
    expect(res.body.toast).toMatchObject({ type: 'success' });
    const stored = await h.db.select().from(metrics).orderBy(metrics.position);
    expect(stored.map((m) => [m.name, m.templateKey])).toEqual([
      ['未结工单', own],
      ['Waiting time', null],
    ]);
  });
});

describe('one go-live date, the key result and the web form on Feishu', () => {
  it('has one date, which a new project goes live on; links the web form; no key-result select without key results', async () => {
    await openForm(h);
    const sent = json(h.cardsTo(F.member).at(-1)!.card);
    expect(sent.match(/"tag":"date_picker"/g)).toHaveLength(1);
    expect(sent).toContain('(https://outcome.test/app/outcomes/new)');
    expect(sent).not.toContain('"name":"key_result"');
    const form = await openForm(h);
    await submitForm(h, form, validForm({ due: '2026-03-02 +0800' }));
    const [p] = await h.db.select().from(projects);
    expect(p!.goLiveAt).toEqual(new Date('2026-03-02T00:00:00Z'));
  });

  it("links the outcome to the key result chosen, and refuses another workspace's", async () => {
    const ws = await h.workspace();
    const [obj] = await h.db.insert(objectives).values({ workspaceId: ws.id, title: 'Grow' }).returning();
    const [kr] = await h.db.insert(keyResults).values({ workspaceId: ws.id, objectiveId: obj!.id, title: 'Retention to 90%' }).returning();
    const settings = (await h.db.select().from(workspaces).where(eq(workspaces.id, ws.id)))[0]!.settings;
    const [other] = await h.db.insert(workspaces).values({ platform: 'feishu', externalId: 'tenant_other', name: 'Other', settings }).returning();
    const [otherObj] = await h.db.insert(objectives).values({ workspaceId: other!.id, title: 'Theirs' }).returning();
    const [foreign] = await h.db.insert(keyResults).values({ workspaceId: other!.id, objectiveId: otherObj!.id, title: 'Not yours' }).returning();

    const form = await openForm(h);
    expect(json(h.cardsTo(F.member).at(-1)!.card)).toContain('Grow › Retention to 90%');
    const refused = await submitForm(h, form, validForm({ key_result: foreign!.id }));
    expect(cardText(refused.body.card!.data)).toContain('Choose one of the listed key results.');
    expect(await h.counts()).toMatchObject({ outcomes: 0, projects: 0 });
    const ok = await submitForm(h, form, validForm({ key_result: kr!.id }));
    expect(ok.body.toast).toMatchObject({ type: 'success' });
    expect((await h.db.select().from(outcomes))[0]!.keyResultId).toBe(kr!.id);
  });
});
