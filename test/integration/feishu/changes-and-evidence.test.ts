import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../../cards/actions.ts';
import { encodeFormAction } from '../../../cards/feishu/form-action.ts';
import { buttonValues, cardText, F, startHarness, type Harness } from './harness.ts';
import { clickDecision, submitValid, validForm } from './steps.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('request changes → edit → resubmit', () => {
  it('sends the comment with an Edit button; the form comes prefilled; resubmitting restarts the review at the manager', async () => {
    const id = await submitValid(h);
    await clickDecision(h, F.manager, 'request_changes', id, { formValue: { comment: 'Add the patient survey data' } });
    const notice = h.cardsTo(F.member).at(-1)!;
    expect(cardText(notice.card)).toContain('Add the patient survey data');
    const edit = buttonValues(notice.card).find((v) => v.a === 'edit');
    expect(edit).toEqual({ a: 'edit', o: id, r: 1 });

    // Only the submitter may open the edit form.
    const someoneElse = await h.click({ openId: F.stranger, value: encodeAction({ a: 'edit', o: id, r: 1 }), openMessageId: notice.message.message_id });
    expect(someoneElse.body.toast).toMatchObject({ type: 'error' });

    const opened = await h.click({ openId: F.member, value: encodeAction({ a: 'edit', o: id, r: 1 }), openMessageId: notice.message.message_id });
    const form = opened.body.card!.data;
    const shown = cardText(form);
    expect(shown).toContain('Your reviewer asked for changes: Add the patient survey data');
    expect(shown).toContain('Shorter clinic waiting time');
    expect(JSON.stringify(form)).toContain('"default_value":"45"');
    const submit = buttonValues(form).find((v) => v.a === 'resubmit');
    expect(submit).toMatchObject({ a: 'resubmit', o: id, r: 1 });

    const values = validForm({ project_new: undefined, title: 'Shorter waiting time, with survey data', evidence: 'https://example.com/report\nhttps://example.com/survey' });
    const project = JSON.stringify(form).match(/"initial_option":"([0-9a-f-]{36})"/)![1]!;
    const res = await h.click({ openId: F.member, value: encodeFormAction({ a: 'resubmit', o: id, r: 1, n: String(submit!.n) }), formValue: { ...values, project }, openMessageId: notice.message.message_id });
    expect(res.body.toast).toMatchObject({ type: 'success' });
    expect(await h.outcome(id)).toMatchObject({ status: 'submitted', round: 2, title: 'Shorter waiting time, with survey data' });
    const requests = h.cardsTo(F.manager);
    expect(requests).toHaveLength(2);
    expect(buttonValues(requests[1]!.card)[0]).toMatchObject({ a: 'approve', r: 2, s: 'manager' });
    // The round-1 card is stale now: clicking it changes nothing.
    const stale = await clickDecision(h, F.manager, 'approve', id, { round: 1, formValue: { score_impact: '3', score_difficulty: '3', score_innovation: '3' } });
    expect(stale.body.toast!.type).not.toBe('success');
    expect((await h.outcome(id))!.status).toBe('submitted');
  });
});

describe('a new project typed on the edit form', () => {
  it('asks for confirmation instead of silently moving the outcome and its review date', async () => {
    const id = await submitValid(h);
    await clickDecision(h, F.manager, 'request_changes', id, { formValue: { comment: 'Which project is this?' } });
    const notice = h.cardsTo(F.member).at(-1)!;
    const opened = await h.click({ openId: F.member, value: encodeAction({ a: 'edit', o: id, r: 1 }), openMessageId: notice.message.message_id });
    const form = opened.body.card!.data;
    const n = String(buttonValues(form).find((v) => v.a === 'resubmit')!.n);
    const selected = JSON.stringify(form).match(/"initial_option":"([0-9a-f-]{36})"/)![1]!;
    const before = await h.outcome(id);
    const resubmit = (extra: Record<string, unknown>) =>
      h.click({ openId: F.member, value: encodeFormAction({ a: 'resubmit', o: id, r: 1, n }), formValue: { ...validForm({ project_new: 'Billing revamp', due: '2027-02-01 +0800' }), project: selected, ...extra }, openMessageId: notice.message.message_id });

    const asked = await resubmit({});
    expect(asked.body.toast).toMatchObject({ type: 'error' });
    const text = cardText(asked.body.card!.data);
    expect(text).toContain('You typed a new project, “Billing revamp”, while a project is selected.');
    expect(text).toContain('its follow-up review then counts from the new go-live date');
    expect(JSON.stringify(asked.body.card!.data)).toContain('"tag":"checker","name":"project_confirm"');
    // Nothing moved: same project, same round, no new project.
    expect(await h.outcome(id)).toEqual(before);
    expect(await h.counts()).toMatchObject({ projects: 1 });

    const confirmed = await resubmit({ project_confirm: true });
    expect(confirmed.body.toast).toMatchObject({ type: 'success' });
    const after = (await h.outcome(id))!;
    expect(after).toMatchObject({ round: 2, status: 'submitted' });
    expect(after.projectId).not.toBe(before!.projectId);
    expect(await h.counts()).toMatchObject({ projects: 2 });
  });
});

describe('evidence from messages', () => {
  it('an image or file sent after submitting shows on the manager’s pending approval card, updated in place', async () => {
    await submitValid(h);
    const [card] = h.cardsTo(F.manager);
    expect(JSON.stringify(card!.card)).not.toContain('img_v3_late');
    await h.say('', { msgType: 'image', messageId: 'om_img', content: { image_key: 'img_v3_late' } });
    await h.say('', { msgType: 'file', messageId: 'om_doc', content: { file_key: 'file_v3_late', file_name: 'minutes.pdf' } });
    // Still one card for the manager, updated in place, with both files and its decision buttons.
    const after = h.cardsTo(F.manager);
    expect(after).toHaveLength(1);
    expect(after[0]!.message.updates).toHaveLength(2);
    const shown = JSON.stringify(after[0]!.card);
    expect(shown).toContain('img_v3_late');
    expect(shown).toContain('minutes.pdf');
    expect(buttonValues(after[0]!.card).map((v) => v.a)).toContain('approve');
    // A redelivered message updates nothing more.
    await h.say('', { msgType: 'image', messageId: 'om_img', content: { image_key: 'img_v3_late' } });
    expect(h.cardsTo(F.manager)[0]!.message.updates).toHaveLength(2);
  });

  it('images and files sent within 30 minutes become evidence the reviewer can open; later ones do not', async () => {
    const id = await submitValid(h);
    h.fake.addResource('om_img', 'img_v3_chart', { data: Buffer.from('PNG-DATA'), contentType: 'image/png' });
    await h.say('', { msgType: 'image', messageId: 'om_img', content: { image_key: 'img_v3_chart' } });
    await h.say('', { msgType: 'file', messageId: 'om_file', content: { file_key: 'file_v3_report', file_name: 'survey.xlsx' } });
    const acks = h.cardsTo(F.member).slice(-2).map((m) => cardText(m.card));
    expect(acks[0]).toContain('It now has 2 pieces of evidence.');
    expect(acks[1]).toContain('It now has 3 pieces of evidence.');
    expect((await h.counts()).evidence).toBe(3);

    // A redelivered image message adds nothing.
    await h.say('', { msgType: 'image', messageId: 'om_img', content: { image_key: 'img_v3_chart' } });
    expect((await h.counts()).evidence).toBe(3);

    // The reviewer opens it from the card (a signed link through our server).
    const ws = await h.workspace();
    await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [F.pmo] });
    await clickDecision(h, F.manager, 'approve', id, { formValue: { score_impact: '4', score_difficulty: '3', score_innovation: '5' } });
    const patched = JSON.parse(h.cardsTo(F.manager)[0]!.message.content) as unknown;
    const link = JSON.stringify(patched).match(/\((https:\/\/outcome\.test\/feishu\/evidence\?[^)]+)\)/)?.[1];
    expect(link).toBeDefined();
    const file = await h.app.fetch(new Request(link!.replace(/&#38;|&amp;/g, '&')));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(await file.text()).toBe('PNG-DATA');
    expect(file.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const forged = await h.app.fetch(new Request(link!.replace(/sig=[0-9a-f]+/, `sig=${'0'.repeat(40)}`)));
    expect(forged.status).toBe(401);

    const links = [...JSON.stringify(patched).matchAll(/\((https:\/\/outcome\.test\/feishu\/evidence\?[^)]+)\)/g)].map((m) => m[1]!.replace(/&#38;|&amp;/g, '&'));
    // Feishu cannot return the file (not there yet): a 502 in the one error shape, never a crash.
    const missing = await h.app.fetch(new Request(links.find((l) => l.includes('file_v3_report'))!, { headers: { accept: 'application/json', 'accept-language': 'en' } }));
    expect(missing.status).toBe(502);
    expect(await missing.json()).toMatchObject({ error: 'upstream', message: 'Feishu did not answer; try again later.' });

    // A file a browser would render (HTML) is served from our origin, so it is only ever downloaded.
    h.fake.addResource('om_file', 'file_v3_report', { data: '<script>alert(1)</script>', contentType: 'text/html' });
    const html = await h.app.fetch(new Request(links.find((l) => l.includes('file_v3_report'))!));
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('application/octet-stream');
    expect(html.headers.get('content-disposition')).toMatch(/^attachment;/);

    h.clock.advance(31 * 60_000);
    await h.say('', { msgType: 'image', messageId: 'om_late', content: { image_key: 'img_late' } });
    expect(cardText(h.cardsTo(F.member).at(-1)!.card)).toContain('within 30 minutes after submitting');
    expect((await h.counts()).evidence).toBe(3);

    // Links stop working after 30 days, as Feishu stops taking clicks on the card.
    h.clock.advance(30 * 86_400_000);
    expect((await h.app.fetch(new Request(link!.replace(/&#38;|&amp;/g, '&')))).status).toBe(401);
  });
});
