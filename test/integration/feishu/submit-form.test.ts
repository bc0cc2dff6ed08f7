import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFormAction } from '../../../cards/feishu/form-action.ts';
import { cardProblems } from '../../../cards/feishu/limits.ts';
import { metrics } from '../../../src/db/schema/index.ts';
import { buttonValues, cardText, F, startHarness, type Harness } from './harness.ts';
import { openForm, submitForm, validForm } from './steps.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** Every field's problem, one case each: what is typed, and the note that must appear (English half). */
const INVALID: [string, Record<string, string | undefined>, string][] = [
  ['title missing', { title: undefined }, 'Give the outcome a title.'],
  ['title too long', { title: 'x'.repeat(151) }, 'Keep the title to 150 characters or fewer.'],
  ['description too short', { description: 'Faster.' }, 'at least 20 characters'],
  ['indicator class missing', { indicator: undefined }, 'Choose an indicator class'],
  ['indicator class forged', { indicator: 'vibes' }, 'Choose one of the listed indicator classes'],
  ['no project', { project_new: undefined }, 'Choose the project this outcome belongs to.'],
  ['an unknown project id', { project_new: undefined, project: 'p-from-another-tenant' }, 'Choose the project this outcome belongs to.'],
  ['due date missing', { due: undefined }, 'Set the due or go-live date.'],
  ['due date malformed', { due: '2026-13-45 +0800' }, 'Enter a valid due or go-live date.'],
  ['no metric', { m0_name: undefined, m0_unit: undefined, m0_baseline: undefined, m0_target: undefined }, 'Add at least one metric'],
  ['metric name missing', { m0_name: undefined }, 'Name the metric.'],
  ['metric unit missing', { m0_unit: undefined }, 'Enter the unit of the metric'],
  ['metric direction missing', { m0_direction: undefined }, 'Choose whether the metric should increase or decrease.'],
  ['baseline not a number', { m0_baseline: 'about 45' }, 'Enter the baseline as a number.'],
  ['target missing', { m0_target: undefined }, 'Enter the target as a number.'],
  ['target equal to the baseline', { m0_target: '45' }, 'The target must differ from the baseline.'],
  ['target on the wrong side', { m0_target: '60' }, 'The target is on the wrong side of the baseline'],
  ['actual not a number', { m0_actual: 'n/a' }, 'Enter the actual value as a number, or leave it empty.'],
  ['a second metric half filled', { m1_name: 'Complaints' }, 'Enter the baseline as a number.'],
  ['evidence that is not a link', { evidence: 'javascript:alert(1)' }, 'Enter a full link starting with http:// or https://.'],
  ['no reviewer', { reviewer: undefined }, 'Choose who reviews this outcome'],
  ['oneself as reviewer', { reviewer: F.member }, 'you can’t review your own outcome'],
];

describe('the submit form', () => {
  it.each(INVALID)('%s → the form comes back with the note next to the field; nothing is stored', async (_case, over, note) => {
    const form = await openForm(h);
    const before = await h.counts();
    const res = await submitForm(h, form, validForm(over));
    expect(res.status).toBe(200);
    expect(res.body.toast).toMatchObject({ type: 'error' });
    const card = res.body.card!.data;
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain(note);
    // The member's other values are kept, and the same form nonce, so fixing and resubmitting works.
    expect(cardText(card)).toContain('description' in over ? 'Shorter clinic waiting time' : 'Cut the average outpatient waiting time');
    expect(buttonValues(card).find((v) => v.a === 'submit')).toEqual({ a: 'submit', n: form.nonce });
    expect(await h.counts()).toEqual(before);
  });

  it('a valid form is stored as submitted, the card becomes the summary, and the manager is asked', async () => {
    const form = await openForm(h);
    const res = await submitForm(h, form, validForm({ m0_actual: '32', m1_name: 'Complaints', m1_unit: 'per week', m1_direction: 'decrease', m1_baseline: '12', m1_target: '6' }));
    expect(res.body.toast).toMatchObject({ type: 'success' });
    const summary = res.body.card!.data;
    expect(cardProblems(summary)).toEqual([]);
    expect(buttonValues(summary)).toEqual([]);
    expect(cardText(summary)).toContain('was submitted and is waiting for <at id=ou_boss></at>');
    const [row] = (await h.outboxRows()).filter((r) => r.kind === 'approval_request');
    const outcome = (await h.outcome(String(row!.payload.outcomeId)))!;
    expect(outcome).toMatchObject({ status: 'submitted', title: 'Shorter clinic waiting time', clientKey: expect.stringMatching(`^${form.messageId}:${form.nonce}:`) });
    expect(h.cardsTo(F.manager)).toHaveLength(1);
    expect(await h.counts()).toMatchObject({ outcomes: 1, projects: 1 });
  });

  it('a double submit of the same card stores once', async () => {
    const form = await openForm(h);
    const [a, b] = await Promise.all([submitForm(h, form, validForm()), submitForm(h, form, validForm())]);
    for (const r of [a, b]) expect(r.body.toast).toMatchObject({ type: 'success' });
    expect(await h.counts()).toMatchObject({ outcomes: 1, projects: 1 });
    expect(h.cardsTo(F.manager)).toHaveLength(1);
  });

  it('an existing project can be chosen instead of a new one', async () => {
    const ws = await h.workspace();
    const id = await (await import('../../../src/feishu/projects.ts')).ensureProject(h.deps, ws.id, 'Billing', new Date('2026-10-01T00:00:00Z'), (await h.deps.repos.people.upsert(ws.id, { platformUserId: F.member })).id);
    const form = await openForm(h);
    expect(JSON.stringify(h.cardsTo(F.member)[0]!.card)).toContain('"value":"' + id + '"');
    const res = await submitForm(h, form, validForm({ project_new: undefined, project: id }));
    expect(res.body.toast).toMatchObject({ type: 'success' });
    expect(await h.counts()).toMatchObject({ outcomes: 1, projects: 1 });
  });

  it('a button value that is not ours gets a toast, never an error page', async () => {
    for (const value of ['{"a":"submit"}', 'garbage', encodeFormAction({ a: 'submit', n: 'ok' }).replace('ok', '../../etc')]) {
      const res = await h.click({ openId: F.member, value, formValue: validForm() });
      expect(res.status).toBe(200);
      expect(res.body.toast).toMatchObject({ type: 'warning' });
    }
    expect((await h.counts()).outcomes).toBe(0);
  });

  it('a decimal comma ("12,5") is not read as 125: the note sits beside the baseline and nothing is stored', async () => {
    const form = await openForm(h);
    const before = await h.counts();
    const res = await submitForm(h, form, validForm({ m0_baseline: '12,5' }));
    expect(res.body.toast).toMatchObject({ type: 'error' });
    const card = JSON.stringify(res.body.card!.data);
    const note = card.indexOf('Enter the baseline as a number.');
    expect(note).toBeGreaterThan(card.indexOf('"name":"m0_baseline"'));
    expect(note).toBeLessThan(card.indexOf('"name":"m0_target"'));
    expect(card).toContain('"default_value":"12,5"');
    expect(await h.counts()).toEqual(before);
  });

  it('thousands separators and full-width digits are read as the numbers they are', async () => {
    const form = await openForm(h);
    const res = await submitForm(h, form, validForm({ m0_baseline: '1,000', m0_target: '８００', m0_actual: '９５０．５' }));
    expect(res.body.toast).toMatchObject({ type: 'success' });
    expect((await h.db.select().from(metrics)).map((m) => [m.baseline, m.target, m.actual])).toEqual([[1000, 800, 950.5]]);
  });

  it('the reviewer picker lists people by name and always offers the org-chart manager, however many people are known', async () => {
    const ws = await h.workspace();
    const pad = (i: number) => String(i).padStart(2, '0');
    // 40 colleagues known before the manager, stored in reverse name order.
    await h.deps.repos.people.ensure(ws.id, Array.from({ length: 40 }, (_, i) => ({ platformUserId: `ou_p${pad(39 - i)}`, name: `Person ${pad(39 - i)}` })));
    const byName = (n: number) => Array.from({ length: n }, (_, i) => `ou_p${pad(i)}`);
    const options = (card: unknown) => (JSON.stringify(card).match(/"name":"reviewer".*?"options":(\[.*?\])/)?.[1] ?? '[]');
    const ids = (card: unknown) => (JSON.parse(options(card)) as { value: string }[]).map((o) => o.value);

    const form = await openForm(h);
    expect(ids(h.cardsTo(F.member)[0]!.card)).toEqual([F.manager, ...byName(29)]);
    // The member picks someone else and the form comes back: the manager is still offered.
    const again = await submitForm(h, form, validForm({ reviewer: F.pmo, m0_baseline: 'about 45' }));
    expect(ids(again.body.card!.data)).toEqual([F.pmo, F.manager, ...byName(28)]);
  });
});
