import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMetricTemplate, disableMetricTemplate } from '../../../src/db/repos/metric-templates-repo.ts';
import { keyResults, metrics, objectives, outcomes, people, projects, workspaces } from '../../../src/db/schema/index.ts';
import type { SlackViewRecord } from '../../fakes/fake-slack.ts';
import { PUBLIC_URL, startSlackHarness, USERS, type Harness } from './harness.ts';
import { addMetricRow, askSimilar, pickTemplate } from './modal-steps.ts';
import { encodeAction } from '../../../cards/actions.ts';
import { click, stateOf, submission, validForm, type FormInput } from './payloads.ts';

let h: Harness;
let ws: string;
beforeEach(async () => {
  h = await startSlackHarness();
  ws = (await h.deps.repos.workspaces.ensure('slack', 'T0001')).id;
});
afterEach(() => h.close());

type Block = { type: string; block_id?: string; element?: Record<string, unknown>; accessory?: { option_groups?: { options: { value: string; text: { text: string } }[] }[] }; elements?: { text: string }[] };
const blocks = (v: SlackViewRecord) => v.blocks as Block[];
const block = (v: SlackViewRecord, id: string) => blocks(v).find((b) => b.block_id === id);
const rowsOf = (v: SlackViewRecord) => blocks(v).filter((b) => /^metric\d_template$/.test(b.block_id ?? '')).length;

async function openModal(user: string = USERS.member.id): Promise<SlackViewRecord> {
  await h.command('', user);
  return (h.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;
}

const submit = async (view: SlackViewRecord, form: FormInput, versions: number[] = []) => {
  const res = await h.interact(submission(view, stateOf(form, versions)));
  const text = await res.text();
  return text ? (JSON.parse(text) as { response_action?: string; errors?: Record<string, string> }) : {};
};

describe('the submit modal grows one metric row at a time', () => {
  it('opens with one row and adds rows through views.update (view id and hash) up to three, keeping what was typed', async () => {
    const first = await openModal();
    expect(rowsOf(first)).toBe(1);
    const typed = { title: 'Faster triage', metrics: [{ name: 'Wait', unit: 'min', baseline: '45', target: '28' }] };
    const second = await addMetricRow(h, first, typed);
    const update = h.fake.callsTo('views.update').at(-1)!;
    expect(update.body).toMatchObject({ view_id: first.id, hash: first.hash });
    expect(update.response).toMatchObject({ ok: true });
    expect(rowsOf(second)).toBe(2);
    expect(block(second, 'title')!.element).toMatchObject({ initial_value: 'Faster triage' });
    expect(block(second, 'metric0_baseline')!.element).toMatchObject({ initial_value: '45' });
    const third = await addMetricRow(h, second, typed);
    expect(rowsOf(third)).toBe(3);
    expect(block(third, 'metric_add')).toBeUndefined();
    // A forged "add" beyond the maximum redraws nothing.
    const calls = h.fake.callsTo('views.update').length;
    await addMetricRow(h, third, typed);
    expect(h.fake.callsTo('views.update')).toHaveLength(calls);
    // Three rows filled: all three are stored.
    const form = validForm({ metrics: [0, 1, 2].map((i) => ({ name: `M${i}`, unit: 'min', direction: 'decrease', baseline: '45', target: '28' })) });
    expect(await submit(third, form)).toEqual({});
    expect((await h.db.select().from(metrics)).map((m) => m.name).sort()).toEqual(['M0', 'M1', 'M2']);
  });

  it('leaves the newer modal in place when a redraw comes from an outdated view (hash conflict)', async () => {
    const first = await openModal();
    const second = await addMetricRow(h, first);
    // The same click again, from the view as it was before the first redraw.
    await addMetricRow(h, first);
    expect(h.fake.callsTo('views.update').at(-1)!.response).toEqual({ ok: false, error: 'hash_conflict' });
    expect(h.fake.views.get(first.id)!.hash).toBe(second.hash);
    expect(rowsOf(h.fake.views.get(first.id)!)).toBe(2);
  });
});

describe('templates in the Slack submit modal', () => {
  it('pre-fills a row from the template chosen, in the member’s language, and stores the template key on the metric', async () => {
    const view = await openModal();
    const select = block(view, 'metric0_template')!.accessory!;
    expect(select.option_groups!.flatMap((g) => g.options).map((o) => o.value)).toContain('builtin.nps');
    const filled = await pickTemplate(h, view, 0, 'builtin.nps', { metrics: [{ baseline: '20', target: '40' }] });
    // New block ids for the row, so Slack shows the template's values instead of keeping the old input.
    expect(block(filled, 'metric0_name')).toBeUndefined();
    expect(block(filled, 'metric0v1_name')!.element).toMatchObject({ initial_value: 'Net Promoter Score' });
    expect(block(filled, 'metric0v1_unit')!.element).toMatchObject({ initial_value: 'NPS' });
    expect(block(filled, 'metric0v1_baseline')!.element).toMatchObject({ initial_value: '20' });
    expect(JSON.parse(filled.private_metadata)).toMatchObject({ mode: 'submit', n: 1, v: [1], t: ['builtin.nps'] });

    const form = validForm({ metrics: [{ name: 'Net Promoter Score', unit: 'NPS', direction: 'increase', baseline: '20', target: '40' }] });
    expect(await submit(filled, form, [1])).toEqual({});
    const [m] = await h.db.select().from(metrics);
    expect(m).toMatchObject({ name: 'Net Promoter Score', unit: 'NPS', baseline: 20, target: 40, templateKey: 'builtin.nps' });
  });

  it('puts an error on the versioned block of a pre-filled row', async () => {
    const filled = await pickTemplate(h, await openModal(), 0, 'builtin.error_rate');
    const answer = await submit(filled, validForm({ metrics: [{ name: 'Error rate', unit: '%', direction: 'decrease', baseline: '5', target: '9' }] }), [1]);
    expect(answer.errors?.metric0v1_target).toMatch(/wrong side/);
  });

  it('speaks Chinese to a Chinese member', async () => {
    const view = await openModal(USERS.manager.id);
    const filled = await pickTemplate(h, view, 0, 'builtin.cost_saved', {}, [], USERS.manager.id);
    expect(block(filled, 'metric0v1_name')!.element).toMatchObject({ initial_value: '成本节约' });
  });

  it("offers the workspace's own templates, not another workspace's nor a removed one, and ignores an unknown key", async () => {
    const mine = await addMetricTemplate(h.db, ws, { indicatorClass: 'output', unit: 'tickets', direction: 'decrease', name: { en: 'Open tickets', 'zh-CN': '未结工单' }, description: { en: '', 'zh-CN': '' } }, null, new Date());
    const gone = await addMetricTemplate(h.db, ws, { indicatorClass: 'output', unit: 'x', direction: 'increase', name: { en: 'Gone', 'zh-CN': '已删' }, description: { en: '', 'zh-CN': '' } }, null, new Date());
    await disableMetricTemplate(h.db, ws, gone, null, new Date());
    const other = await h.deps.repos.workspaces.ensure('slack', 'T9999');
    const theirs = await addMetricTemplate(h.db, other.id, { indicatorClass: 'output', unit: 'y', direction: 'increase', name: { en: 'Theirs', 'zh-CN': '别人的' }, description: { en: '', 'zh-CN': '' } }, null, new Date());
    const view = await openModal();
    const offered = block(view, 'metric0_template')!.accessory!.option_groups!.flatMap((g) => g.options).map((o) => o.value);
    expect(offered).toContain(mine);
    expect(offered).not.toContain(gone);
    expect(offered).not.toContain(theirs);
    const calls = h.fake.callsTo('views.update').length;
    await pickTemplate(h, view, 0, theirs);
    expect(h.fake.callsTo('views.update')).toHaveLength(calls);
    const filled = await pickTemplate(h, view, 0, mine);
    expect(block(filled, 'metric0v1_name')!.element).toMatchObject({ initial_value: 'Open tickets' });
  });

  it('does not record a template key the workspace does not offer (a forged private_metadata)', async () => {
    const view = await openModal();
    const forged = { ...view, private_metadata: JSON.stringify({ mode: 'submit', n: 1, v: [0], t: ['builtin.nope'], fk: 0 }) };
    expect(await submit(forged, validForm())).toEqual({});
    expect((await h.db.select().from(metrics))[0]!.templateKey).toBeNull();
  });
});

describe('one go-live date, the key result and the web form in the Slack modal', () => {
  it('has one date, which a new project goes live on and the review counts from', async () => {
    const view = await openModal();
    expect(blocks(view).filter((b) => b.element?.type === 'datepicker').map((b) => b.block_id)).toEqual(['due']);
    expect(await submit(view, validForm({ due: '2026-03-02' }))).toEqual({});
    const project = await h.db.query.projects.findFirst();
    expect(project!.goLiveAt).toEqual(new Date('2026-03-02T00:00:00Z'));
  });

  it('links the full web form', async () => {
    expect(JSON.stringify((await openModal()).blocks)).toContain(`<${PUBLIC_URL}/app/outcomes/new|`);
  });

  it('offers no key-result select without key results, and links the outcome to the one chosen', async () => {
    expect(block(await openModal(), 'key_result')).toBeUndefined();
    const [obj] = await h.db.insert(objectives).values({ workspaceId: ws, title: 'Grow' }).returning();
    const [kr] = await h.db.insert(keyResults).values({ workspaceId: ws, objectiveId: obj!.id, title: 'Retention to 90%' }).returning();
    const view = await openModal();
    expect(JSON.stringify(block(view, 'key_result'))).toContain('Grow › Retention to 90%');
    expect(await submit(view, validForm({ key_result: kr!.id }))).toEqual({});
    const [o] = await h.db.select().from(outcomes);
    expect(o!.keyResultId).toBe(kr!.id);
  });

  it("refuses another workspace's key result beside the select and stores nothing", async () => {
    const [other] = await h.db.insert(workspaces).values({ platform: 'slack', externalId: 'T8888', name: 'Other', settings: (await h.db.query.workspaces.findFirst({ where: eq(workspaces.id, ws) }))!.settings }).returning();
    const [obj] = await h.db.insert(objectives).values({ workspaceId: other!.id, title: 'Theirs' }).returning();
    const [kr] = await h.db.insert(keyResults).values({ workspaceId: other!.id, objectiveId: obj!.id, title: 'Not yours' }).returning();
    const answer = await submit(await openModal(), validForm({ key_result: kr!.id }));
    expect(answer.errors?.key_result).toMatch(/listed key results/);
    expect(await h.counts()).toMatchObject({ outcomes: 0, projects: 0 });
  });
});

describe('editing after changes were requested', () => {
  it('opens with the stored rows, template keys and key result, and the resubmission keeps them', async () => {
    const [obj] = await h.db.insert(objectives).values({ workspaceId: ws, title: 'Grow' }).returning();
    const [kr] = await h.db.insert(keyResults).values({ workspaceId: ws, objectiveId: obj!.id, title: 'Retention to 90%' }).returning();
    let view = await addMetricRow(h, await openModal());
    view = await pickTemplate(h, view, 1, 'builtin.nps');
    const two = [
      { name: 'Wait', unit: 'min', direction: 'decrease', baseline: '45', target: '28' },
      { name: 'Net Promoter Score', unit: 'NPS', direction: 'increase', baseline: '20', target: '40' },
    ];
    expect(await submit(view, validForm({ metrics: two, key_result: kr!.id }), [0, 1])).toEqual({});
    const [o] = await h.db.select().from(outcomes);
    await h.db.update(outcomes).set({ status: 'changes_requested' }).where(eq(outcomes.id, o!.id));

    await h.interact(click({ user: USERS.member.id, actionId: 'outcome_edit', value: encodeAction({ a: 'edit', o: o!.id, r: 1 }), blockId: 'notice', triggerId: h.fake.issueTrigger(), responseUrl: h.fake.respondUrl() }));
    const edit = (h.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;
    expect(rowsOf(edit)).toBe(2);
    expect(JSON.parse(edit.private_metadata)).toMatchObject({ mode: 'edit', o: o!.id, r: 1, n: 2, t: [null, 'builtin.nps'] });
    expect(JSON.stringify(block(edit, 'key_result'))).toContain(`"initial_option":{"text":{"type":"plain_text","text":"Grow › Retention to 90%","emoji":true},"value":"${kr!.id}"}`);

    const project = (await h.db.select().from(projects))[0]!;
    expect(await submit(edit, validForm({ metrics: two, key_result: kr!.id, project: project.id, project_new: undefined }))).toEqual({});
    expect((await h.db.select().from(outcomes))[0]).toMatchObject({ round: 2, status: 'submitted', keyResultId: kr!.id });
    expect((await h.db.select().from(metrics).orderBy(metrics.position)).map((m) => m.templateKey)).toEqual([null, 'builtin.nps']);
  });
});

describe('similar outcomes in the submit modal', () => {
  it('“show how similar outcomes did” redraws the modal with the median attainment of similar verified outcomes, keeping what was typed', async () => {
    const first = await openModal();
    const [someone] = await h.deps.db.select().from(people).where(eq(people.workspaceId, ws));
    // Three verified outcomes about checkout speed, reaching 50 %, 100 % and 80 % of their targets.
    for (const [i, actual] of [15, 20, 18].entries()) {
      await h.deps.db.insert(outcomes).values({ id: `sim-${i}`, workspaceId: ws, title: `Faster checkout ${i}`, status: 'verified', submitterId: someone!.id, ownerId: someone!.id, verifiedAt: new Date() });
      await h.deps.db.insert(metrics).values({ workspaceId: ws, outcomeId: `sim-${i}`, name: 'Conversion', unit: '%', direction: 'increase', baseline: 10, target: 20, actual });
    }
    const before = (await h.deps.db.select().from(outcomes)).length;
    const shown = await askSimilar(h, first, { title: 'Faster checkout for members' });
    expect(h.fake.callsTo('views.update').at(-1)!.body).toMatchObject({ view_id: first.id, hash: first.hash });
    expect(JSON.stringify(blocks(shown))).toContain('Similar outcomes in this workspace reached a median 80% of their targets (n = 3).');
    expect(block(shown, 'title')!.element).toMatchObject({ initial_value: 'Faster checkout for members' });
    // A title nothing resembles: the modal says there is too little to go by.
    const none = await askSimilar(h, shown, { title: 'Quantum widget polish' });
    expect(JSON.stringify(blocks(none))).toContain('Fewer than 3 similar verified outcomes');
    expect((await h.deps.db.select().from(outcomes)).length).toBe(before);
  });
});
