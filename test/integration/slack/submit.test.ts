import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evidence, metrics, people } from '../../../src/db/schema/index.ts';
import type { SlackTimings } from '../../../src/slack/inbound/timing.ts';
import type { SlackViewRecord } from '../../fakes/fake-slack.ts';
import { doubledOptional, inputBlock } from '../../fixtures/slack/labels.ts';
import { signedSlackRequest, slashCommandBody } from '../../helpers/slack-sign.ts';
import { PUBLIC_URL, SECRET, startSlackHarness, USERS, type Harness } from './harness.ts';
import { addMetricRow } from './modal-steps.ts';
import { stateOf, submission, validForm, type FormInput } from './payloads.ts';

let h: Harness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(() => h.close());

/** Runs /outcome and returns the modal the fake Slack received through views.open. */
async function openModal(user: string = USERS.member.id): Promise<SlackViewRecord> {
  const res = await h.command('', user);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('');
  const opened = h.fake.callsTo('views.open').at(-1)!;
  expect(opened.response).toMatchObject({ ok: true });
  return (opened.response as { view: SlackViewRecord }).view;
}

/** Runs `test` against its own harness with shorter in-window budgets. */
async function withTimings(timings: Partial<SlackTimings>, test: (q: Harness) => Promise<void>): Promise<void> {
  const q = await startSlackHarness({ timings });
  try {
    await test(q);
  } finally {
    await q.close();
  }
}

const submit = async (view: SlackViewRecord, form: FormInput, user: string = USERS.member.id) => {
  const res = await h.interact(submission(view, stateOf(form), user));
  expect(res.status).toBe(200);
  const text = await res.text();
  return text ? (JSON.parse(text) as { response_action?: string; errors?: Record<string, string> }) : {};
};

describe('/outcome opens the submit modal', () => {
  it('opens it inside the request, in the member’s Slack language, with the mapped manager prefilled', async () => {
    const refused = await h.command('admin manager <@UMEMBER1|alice> <@UMANAGER1|bob>', USERS.manager.id);
    // Nobody is an admin yet: the mapping is refused clearly (in the manager's Chinese) and nothing changed.
    expect(await refused.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('管理员') });
    await h.deps.repos.workspaces.updateSettings((await h.deps.repos.workspaces.byExternalId('slack', 'T0001'))!.id, { admins: [USERS.pmo.id] });
    const mapped = await h.command('admin manager <@UMEMBER1|alice> <@UMANAGER1|bob>', USERS.pmo.id);
    expect(await mapped.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('<@UMANAGER1>') });

    const view = await openModal();
    expect(view.callback_id).toBe('outcome_submit');
    expect(view.title).toMatchObject({ text: 'Record an outcome' });
    const reviewer = view.blocks.find((b) => (b as { block_id?: string }).block_id === 'reviewer') as { element: { initial_user?: string } };
    expect(reviewer.element.initial_user).toBe(USERS.manager.id);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    // The profile (locale, zone) was read once and cached: a second /outcome calls users.info no more.
    const lookups = h.fake.callsTo('users.info').filter((c) => c.body.user === USERS.member.id).length;
    expect(lookups).toBe(1);
    await openModal();
    expect(h.fake.callsTo('users.info').filter((c) => c.body.user === USERS.member.id)).toHaveLength(lookups);
  });

  it('speaks Chinese to a member whose Slack is in Chinese', async () => {
    const view = await openModal(USERS.manager.id);
    expect(view.title).toMatchObject({ text: '记录成果' });
  });

  it('explains through the response_url when Slack refuses views.open', async () => {
    h.fake.injectNext('views.open', { error: 'expired_trigger_id' });
    const responseUrl = h.fake.respondUrl();
    const res = await h.command('', USERS.member.id, { response_url: responseUrl });
    expect(res.status).toBe(200);
    expect(h.fake.responsesTo(responseUrl)).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: expect.stringContaining('/outcome again') })]);
    expect(await h.counts()).toMatchObject({ outcomes: 0, outbox: 0 });
  });

  it('answers Slack right after the ack and opens the modal afterwards, however slow views.open is', () =>
    withTimings({ afterAckGraceMs: 100 }, async (q) => {
      q.fake.injectNext('views.open', { delayMs: 600 });
      const res = await q.app.fetch(signedSlackRequest(`${PUBLIC_URL}/slack/events`, SECRET, slashCommandBody({ user_id: USERS.member.id, trigger_id: q.fake.issueTrigger(), response_url: q.fake.respondUrl() })));
      expect(res.status).toBe(200);
      // The ack carries no platform round trip: views.open has not even started when the response is there.
      expect(q.fake.callsTo('views.open')).toEqual([]);
      await q.settle();
      expect(q.fake.callsTo('views.open').map((c) => c.response)).toEqual([expect.objectContaining({ ok: true })]);
    }));

  it('opens the modal without waiting for a slow users.info, and learns the newcomer’s profile afterwards', () =>
    withTimings({ profileLookupBudgetMs: 50 }, async (q) => {
      q.fake.injectNext('users.info', { delayMs: 800 });
      const res = await q.app.fetch(signedSlackRequest(`${PUBLIC_URL}/slack/events`, SECRET, slashCommandBody({ user_id: USERS.manager.id, trigger_id: q.fake.issueTrigger(), response_url: q.fake.respondUrl() })));
      expect(res.status).toBe(200);
      // Neither users.info nor views.open was waited for: both run after the response.
      expect(q.fake.callsTo('users.info')).toEqual([]);
      await q.settle();
      // users.info took longer than its budget: the modal went out in the workspace's language meanwhile.
      expect(q.fake.callsTo('views.open').map((c) => c.response)).toEqual([expect.objectContaining({ ok: true, view: expect.objectContaining({ title: expect.objectContaining({ text: 'Record an outcome' }) }) })]);
      // The deferred lookup stored the profile: the next /outcome speaks Chinese without asking Slack again.
      const [person] = await q.db.select().from(people).where(eq(people.platformUserId, USERS.manager.id));
      expect(person).toMatchObject({ locale: 'zh-CN', name: 'Bob Manager' });
      expect(await q.command('', USERS.manager.id)).toMatchObject({ status: 200 });
      expect((q.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view.title).toMatchObject({ text: '记录成果' });
      expect(q.fake.callsTo('users.info')).toHaveLength(1);
    }));

  it('explains when the trigger id expired before views.open (a slow start)', async () => {
    const trigger = h.fake.issueTrigger();
    h.clock.advance(3_500);
    const responseUrl = h.fake.respondUrl();
    await h.command('', USERS.member.id, { trigger_id: trigger, response_url: responseUrl });
    expect(h.fake.callsTo('views.open').at(-1)!.response).toEqual({ ok: false, error: 'expired_trigger_id' });
    expect(h.fake.responsesTo(responseUrl)).toHaveLength(1);
  });
});

describe('submitting the modal', () => {
  it('stores a valid outcome once, queues the approval request and confirms to the member', async () => {
    const view = await openModal();
    expect(await submit(view, validForm())).toEqual({});
    const [outcome] = await h.allOutcomes();
    expect(outcome).toMatchObject({ status: 'submitted', title: 'Shorter clinic waiting time', round: 1, clientKey: view.id });
    // A retried submission of the same view stores nothing new.
    expect(await submit(view, validForm())).toEqual({});
    expect(await h.counts()).toMatchObject({ outcomes: 1, projects: 1 });

    const posts = h.fake.callsTo('chat.postMessage');
    const card = posts.find((c) => c.body.channel === USERS.manager.id)!;
    const receipt = posts.find((c) => c.body.channel === USERS.member.id)!;
    expect(card.response).toMatchObject({ ok: true });
    expect(JSON.stringify(card.body.blocks)).toContain('outcome_approve');
    // The manager reads Chinese, the member English.
    expect(String(card.body.text)).toContain('待你审核的成果');
    expect(String(receipt.body.text)).toContain('was submitted and is waiting for Bob Manager');
    expect(JSON.stringify(receipt.body.blocks)).toContain('Waiting time');
    expect((await h.outbox()).map((r) => [r.kind, r.status]).sort()).toEqual([
      ['approval_request', 'sent'],
      ['submission_receipt', 'sent'],
    ]);
  });

  it('keeps file evidence by Slack file id, files images as images, and links each file to its permalink', async () => {
    const permalink = 'https://outcome-test.slack.com/files/UMEMBER1/F0001/report.pdf';
    const view = await openModal();
    const files = [
      { id: 'F0001', name: 'report.pdf', mimetype: 'application/pdf', permalink },
      { id: 'F0002', name: 'chart.png', mimetype: 'image/png', permalink: 'javascript:alert(1)' },
    ];
    await submit(view, validForm({ files }));
    const stored = await h.db.select().from(evidence).orderBy(evidence.platformFileId);
    expect(stored.filter((e) => e.platformFileId).map((e) => [e.kind, e.platformFileId, e.url])).toEqual([
      ['file', 'F0001', permalink],
      ['image', 'F0002', null],
    ]);
    // The reviewer can open the file from the card; a file without a usable permalink shows its name.
    const card = JSON.stringify(h.fake.callsTo('chat.postMessage').find((c) => c.body.channel === USERS.manager.id)!.body.blocks);
    expect(card).toContain(`📎 <${permalink}|report.pdf>`);
    expect(card).toContain('📎 chart.png');
  });

  it('uses an existing project picked from the list', async () => {
    const first = await openModal();
    // No project yet: naming one is required, and no label says “optional” itself.
    expect(inputBlock(first, 'project_new')).toMatchObject({ optional: false });
    expect(doubledOptional(first)).toEqual([]);
    await submit(first, validForm());
    const view = await openModal();
    expect(inputBlock(view, 'project_new')).toMatchObject({ optional: true, hint: { text: expect.stringContaining('Required when no existing project is chosen') } });
    const select = view.blocks.find((b) => (b as { block_id?: string }).block_id === 'project') as { element: { options: { value: string }[] } };
    expect(select.element.options).toHaveLength(1);
    expect(await submit(view, validForm({ project: select.element.options[0]!.value, project_new: undefined }))).toEqual({});
    expect(await h.counts()).toMatchObject({ outcomes: 2, projects: 1 });
  });

  const invalid: [string, Partial<FormInput>, string, RegExp][] = [
    ['an empty title', { title: '' }, 'title', /title/i],
    ['a thin description', { description: 'Too short' }, 'description', /at least 20/],
    ['no indicator class', { indicator: undefined }, 'indicator', /indicator class/],
    ['a forged indicator class', { indicator: 'vibes' }, 'indicator', /listed indicator/],
    ['no go-live date', { due: undefined }, 'due', /due or go-live/],
    ['no metric name', { metrics: [{ unit: 'min', direction: 'decrease', baseline: '45', target: '28' }] }, 'metric0_name', /Name the metric/],
    ['no unit', { metrics: [{ name: 'Wait', direction: 'decrease', baseline: '45', target: '28' }] }, 'metric0_unit', /unit/],
    ['a baseline that is not a number', { metrics: [{ name: 'Wait', unit: 'min', direction: 'decrease', baseline: 'lots', target: '28' }] }, 'metric0_baseline', /baseline as a number/],
    // A decimal comma is ambiguous (12.5? 125?): refused, never read as 12 or 12.5.
    ['a baseline with a decimal comma', { metrics: [{ name: 'Wait', unit: 'min', direction: 'decrease', baseline: '12,5', target: '8' }] }, 'metric0_baseline', /baseline as a number/],
    ['a target on the wrong side', { metrics: [{ name: 'Wait', unit: 'min', direction: 'increase', baseline: '45', target: '28' }] }, 'metric0_target', /wrong side/],
    ['a target equal to the baseline', { metrics: [{ name: 'Wait', unit: 'min', direction: 'decrease', baseline: '45', target: '45' }] }, 'metric0_target', /differ/],
    ['an actual that is not a number', { metrics: [{ name: 'Wait', unit: 'min', direction: 'decrease', baseline: '45', target: '28', actual: 'n/a' }] }, 'metric0_actual', /actual value as a number/],
    ['a half-filled second metric', { metrics: [{ name: 'Wait', unit: 'min', direction: 'decrease', baseline: '45', target: '28' }, { name: 'NPS' }] }, 'metric1_unit', /unit/],
    ['a link that is not http(s)', { links: ['https://ok.example.com', 'javascript:alert(1)'] }, 'link1', /http/],
    ['no reviewer', { reviewer: null }, 'reviewer', /Choose who reviews/],
    ['myself as reviewer', { reviewer: USERS.member.id }, 'reviewer', /someone else/],
    ['no project at all', { project_new: undefined }, 'project_new', /project/],
    ['a forged key result', { key_result: 'not-a-kr' }, 'key_result', /listed key results/],
    ['a forged project id', { project: 'not-a-project', project_new: undefined }, 'project', /project/],
  ];

  it.each(invalid)('refuses %s beside its field and stores nothing', async (_, over, block, message) => {
    let view = await openModal();
    // A second metric needs its row first ("add a metric").
    for (let row = 1; row < (over.metrics?.length ?? 0); row++) view = await addMetricRow(h, view);
    const form = { ...validForm(), ...over };
    const answer = await submit(view, form);
    expect(answer.response_action).toBe('errors');
    expect(answer.errors?.[block]).toMatch(message);
    expect(await h.counts()).toMatchObject({ outcomes: 0, outbox: 0, projects: 0 });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('reads thousands separators and full-width digits as the member meant them', async () => {
    const form = validForm({ metrics: [{ name: 'Open tickets', unit: 'tickets', direction: 'decrease', baseline: '1,000', target: '８００', actual: '1,234.5' }] });
    expect(await submit(await openModal(), form)).toEqual({});
    const [stored] = await h.db.select().from(metrics);
    expect(stored).toMatchObject({ baseline: 1000, target: 800, actual: 1234.5 });
  });

  it('reports every problem at once', async () => {
    const answer = await submit(await openModal(), { reviewer: null });
    expect(Object.keys(answer.errors ?? {}).sort()).toEqual(['description', 'due', 'indicator', 'metric0_baseline', 'metric0_name', 'metric0_target', 'metric0_unit', 'project_new', 'reviewer', 'title'].sort());
  });
});

describe('/outcome sub-commands', () => {
  it('lists the member’s outcomes with their status', async () => {
    const empty = await (await h.command('list')).json();
    expect(empty).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('not submitted any outcomes') });
    await submit(await openModal(), validForm());
    const list = (await (await h.command('list')).json()) as { blocks: unknown[] };
    expect(JSON.stringify(list.blocks)).toContain('Shorter clinic waiting time');
    expect(JSON.stringify(list.blocks)).toContain('Submitted');
  });

  it.each(['help', 'HELP', 'frobnicate the widgets'])('answers %j with the help, privately', async (text) => {
    const res = await h.command(text);
    const body = (await res.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/outcome list');
    if (text.startsWith('frob')) expect(body.text).toContain('frobnicate the widgets');
  });
});
