import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardProblems } from '../../../cards/feishu/limits.ts';
import { people } from '../../../src/db/schema/index.ts';
import { botMenuEvent, feishuEventBody } from '../../helpers/feishu-sign.ts';
import { cardText, F, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const select = (card: unknown, name: string) => JSON.stringify(card).includes(`"name":"${name}"`);

describe('entry points', () => {
  it('`/outcome` in the p2p chat answers with the submit form, the direct manager prefilled from the org chart', async () => {
    const res = await h.say('/outcome');
    expect(res.status).toBe(200);
    const [sent, ...more] = h.cardsTo(F.member);
    expect(more).toHaveLength(0);
    expect(sent!.message.msg_type).toBe('interactive');
    const card = sent!.card;
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(`"initial_option":"${F.manager}"`);
    for (const name of ['title', 'description', 'indicator', 'project_new', 'due', 'm0_baseline', 'm2_actual', 'evidence', 'reviewer']) expect(select(card, name)).toBe(true);
    // Both languages: Feishu shows the one of the reader's client.
    expect(cardText(card)).toContain('记录成果');
    expect(cardText(card)).toContain('Record an outcome');
    // The org chart's manager is remembered.
    const [alice] = await h.db.select().from(people).where(eq(people.platformUserId, F.member));
    const [boss] = await h.db.select().from(people).where(eq(people.platformUserId, F.manager));
    expect(alice).toMatchObject({ managerId: boss!.id, managerSource: 'org_chart' });
  });

  it('when the contact directory cannot say who the manager is, the form still comes, without a prefilled reviewer', async () => {
    h.fake.injectNext('GET /open-apis/contact/v3/users/:user_id', { status: 400, code: 41050, msg: 'no user authority error' });
    await h.say('/outcome');
    const [sent] = h.cardsTo(F.member);
    expect(select(sent!.card, 'reviewer')).toBe(true);
    expect(JSON.stringify(sent!.card)).not.toContain('"initial_option":"ou_');
  });

  it('@bot `/outcome list` in a group answers in the group, the mention stripped', async () => {
    h.fake.addChat({ chat_id: 'oc_team', name: 'Team' });
    await h.say('@_user_1 /outcome list', { chatType: 'group', chatId: 'oc_team', mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: 'Outcome' }] });
    const [sent] = h.cardsTo('oc_team');
    expect(sent!.message.receive_id_type).toBe('chat_id');
    expect(cardText(sent!.card)).toContain('You have not submitted any outcomes yet');
  });

  it.each([
    ['/outcome help', null],
    ['/outcome frobnicate', 'I did not understand “/outcome frobnicate”'],
    ['hello there', 'I did not understand “hello there”'],
  ])('%s → the help card, never silence', async (text, note) => {
    await h.say(text);
    const [sent] = h.cardsTo(F.member);
    const shown = cardText(sent!.card);
    expect(shown).toContain('/outcome list');
    if (note) expect(shown).toContain(note);
  });

  it('a sticker or other message type gets the help card too', async () => {
    await h.say('', { msgType: 'sticker', content: { file_key: 'stk' } });
    expect(cardText(h.cardsTo(F.member)[0]!.card)).toContain('/outcome help');
  });

  it('an image with no outcome submitted in the last 30 minutes attaches nothing and says how evidence works', async () => {
    await h.say('', { msgType: 'image', content: { image_key: 'img_1' } });
    expect(cardText(h.cardsTo(F.member)[0]!.card)).toContain('within 30 minutes after submitting');
    expect((await h.counts()).evidence).toBe(0);
  });

  it('the bot menu: submit_outcome opens the form, another key gets help', async () => {
    await h.menu('submit_outcome');
    await h.menu('something_else');
    const [form, help] = h.cardsTo(F.member);
    expect(select(form!.card, 'reviewer')).toBe(true);
    expect(cardText(help!.card)).toContain('/outcome list');
  });
});

describe('at-least-once delivery', () => {
  it('a redelivered event (same event_id) is answered once', async () => {
    await h.say('/outcome help', { eventId: 'evt-1', messageId: 'om_1' });
    await h.say('/outcome help', { eventId: 'evt-1', messageId: 'om_1' });
    expect(h.cardsTo(F.member)).toHaveLength(1);
  });

  it('the same message under a new event_id is answered once (deduplicated by message_id)', async () => {
    await h.say('/outcome help', { eventId: 'evt-a', messageId: 'om_same' });
    await h.say('/outcome help', { eventId: 'evt-b', messageId: 'om_same' });
    expect(h.cardsTo(F.member)).toHaveLength(1);
    expect((await h.outboxRows()).filter((r) => r.kind === 'feishu_card')).toHaveLength(1);
  });

  it('the same menu click delivered twice is answered once', async () => {
    const body = feishuEventBody('application.bot.menu_v6', botMenuEvent('help', F.member), { token: F.token, tenantKey: F.tenant, eventId: 'evt-menu' });
    await h.post('events', body);
    await h.post('events', body);
    expect(h.cardsTo(F.member)).toHaveLength(1);
  });

  /** Delivers `send` while the outbox table is away (the reply cannot be stored), then again twice. */
  async function failThenRetry(send: () => Promise<Response>) {
    await h.db.run(sql`ALTER TABLE outbox RENAME TO outbox_elsewhere`);
    const failed = await send();
    await h.db.run(sql`ALTER TABLE outbox_elsewhere RENAME TO outbox`);
    expect(failed.status).toBe(500);
    expect(h.cardsTo(F.member)).toHaveLength(0);
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
  }

  it('a message whose handling failed (500) is answered, once, when Feishu redelivers it', async () => {
    await failThenRetry(() => h.say('/outcome help', { eventId: 'evt-fail', messageId: 'om_fail' }));
    expect(h.cardsTo(F.member)).toHaveLength(1);
    expect(cardText(h.cardsTo(F.member)[0]!.card)).toContain('/outcome list');
  });

  it('a menu click whose handling failed (500) is answered, once, when Feishu redelivers it', async () => {
    const body = feishuEventBody('application.bot.menu_v6', botMenuEvent('help', F.member), { token: F.token, tenantKey: F.tenant, eventId: 'evt-menu-fail' });
    await failThenRetry(() => h.post('events', body));
    expect(h.cardsTo(F.member)).toHaveLength(1);
  });
});
