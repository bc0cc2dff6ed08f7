/**
 * `@bot /outcome` in a group: the form goes to the asker alone ("only visible to you" in the
 * group, else their p2p chat), prefilled with the asker's own manager, and every submission
 * is stored as the clicker's own.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outcomes, people } from '../../../src/db/schema/index.ts';
import { buttonValues, cardText, F, startHarness, type Harness } from './harness.ts';
import { submitForm, validForm } from './steps.ts';

const BOB = 'ou_bob';
const bot = [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: 'Outcome' }];

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.fake.addUser({ open_id: BOB, name: 'Bob', leader_user_id: F.pmo });
  h.fake.addChat({ chat_id: 'oc_team', name: 'Team', members: [F.member, BOB] });
  h.fake.addChat({ chat_id: 'oc_topics', name: 'Topics', members: [F.member, BOB], chat_mode: 'topic' });
});
afterEach(() => h.close());

/** `openId` asks for the form in a group; returns the card they got. */
async function askInGroup(openId: string, chatId = 'oc_team') {
  await h.say('@_user_1 /outcome', { openId, chatType: 'group', chatId, mentions: bot });
  const sent = h.cardsTo(openId).at(-1)!;
  const submit = buttonValues(sent.card).find((v) => v.a === 'submit');
  return { ...sent, form: { messageId: sent.message.message_id, nonce: String(submit!.n) } };
}

const prefilledReviewer = (card: unknown) => JSON.stringify(card).match(/"name":"reviewer".*?"initial_option":"(ou_[a-z]+)"/)?.[1];

describe('the submit form asked for in a group', () => {
  it('goes to each asker alone, with their own manager; two members submit → two outcomes, each receipt their own', async () => {
    const alice = await askInGroup(F.member);
    const bob = await askInGroup(BOB);
    // Nothing was posted for the whole group; each form is visible to its asker only, in the group.
    expect(h.cardsTo('oc_team')).toEqual([]);
    for (const [sent, who] of [[alice, F.member], [bob, BOB]] as const) expect(sent.message).toMatchObject({ ephemeral: true, chat_id: 'oc_team', receive_id: who });
    expect(h.fake.callsTo('POST /open-apis/ephemeral/v1/send')).toHaveLength(2);
    expect(prefilledReviewer(alice.card)).toBe(F.manager);
    expect(prefilledReviewer(bob.card)).toBe(F.pmo);

    const a = await submitForm(h, alice.form, validForm({ title: 'Alice’s outcome' }), F.member);
    const b = await submitForm(h, bob.form, validForm({ title: 'Bob’s outcome', reviewer: F.pmo }), BOB);
    const stored = await h.db.select({ title: outcomes.title, submitterId: outcomes.submitterId, reviewerId: outcomes.reviewerId }).from(outcomes);
    const ids = Object.fromEntries((await h.db.select().from(people)).map((p) => [p.platformUserId, p.id]));
    expect(stored.sort((x, y) => x.title.localeCompare(y.title))).toEqual([
      { title: 'Alice’s outcome', submitterId: ids[F.member], reviewerId: ids[F.manager] },
      { title: 'Bob’s outcome', submitterId: ids[BOB], reviewerId: ids[F.pmo] },
    ]);
    expect(cardText(a.body.card!.data)).toContain('Alice’s outcome');
    expect(cardText(a.body.card!.data)).not.toContain('Bob’s outcome');
    expect(cardText(b.body.card!.data)).toContain('Bob’s outcome');
    expect(cardText(b.body.card!.data)).not.toContain('Alice’s outcome');
  });

  it('a form card several people can see (one posted before this fix) stores each clicker’s own outcome', async () => {
    const alice = await askInGroup(F.member);
    const a = await submitForm(h, alice.form, validForm({ title: 'Alice’s outcome' }), F.member);
    const b = await submitForm(h, alice.form, validForm({ title: 'Bob’s outcome', reviewer: F.pmo }), BOB);
    expect((await h.db.select({ title: outcomes.title }).from(outcomes)).map((o) => o.title).sort()).toEqual(['Alice’s outcome', 'Bob’s outcome']);
    expect(cardText(b.body.card!.data)).toContain('Bob’s outcome');
    expect(cardText(a.body.card!.data)).toContain('Alice’s outcome');
    // The same person clicking twice still stores once.
    await submitForm(h, alice.form, validForm({ title: 'Bob’s outcome', reviewer: F.pmo }), BOB);
    expect(await h.counts()).toMatchObject({ outcomes: 2 });
  });

  it('where Feishu refuses an only-visible card (a topic group), the form goes to the asker’s p2p chat', async () => {
    const sent = await askInGroup(F.member, 'oc_topics');
    expect(sent.message.ephemeral).toBeUndefined();
    expect(sent.message.chat_id).not.toBe('oc_topics');
    expect(sent.message.receive_id_type).toBe('open_id');
    expect(prefilledReviewer(sent.card)).toBe(F.manager);
    expect(h.cardsTo('oc_topics')).toEqual([]);
  });
});
