import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people } from '../../../src/db/schema/index.ts';
import { cardText, F, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const mention = (n: number, openId: string) => ({ key: `@_user_${n}`, id: { open_id: openId }, name: openId });
const lastAnswer = (to: string = F.admin) => cardText(h.cardsTo(to).at(-1)!.card);
const settings = async () => (await h.workspace()).settings;

describe('/outcome admin', () => {
  it('refuses someone who is not an admin, changing nothing', async () => {
    await h.say('/outcome admin pmo reviewers @_user_1', { openId: F.stranger, mentions: [mention(1, F.stranger)] });
    expect(lastAnswer(F.stranger)).toContain('Only Outcome admins can change this');
    expect((await settings()).pmoReviewers).toEqual([]);
  });

  it('a Feishu tenant manager sets the PMO reviewers, the admins and settings', async () => {
    await h.say('/outcome admin pmo reviewers @_user_1 @_user_2', { openId: F.admin, mentions: [mention(1, F.pmo), mention(2, F.stranger)] });
    expect((await settings()).pmoReviewers).toEqual([F.pmo, F.stranger]);
    expect(lastAnswer()).toContain(`<at id=${F.pmo}></at>`);
    await h.say('/outcome admin admins @_user_1', { openId: F.admin, mentions: [mention(1, F.member)] });
    await h.say('/outcome admin set threshold 20', { openId: F.member });
    await h.say('/outcome admin set second_review_days 180', { openId: F.member });
    expect(await settings()).toMatchObject({ admins: [F.member], shortfallThreshold: 0.2, secondReviewOffsetDays: 180 });
    expect(lastAnswer(F.member)).toContain('deviation alert above 20% shortfall');
  });

  it('a bad value is explained and nothing changes', async () => {
    await h.say('/outcome admin set review_days 0', { openId: F.admin });
    expect(lastAnswer()).toContain('Enter a whole number of days from 1 to 730.');
    await h.say('/outcome admin set timezone Mars/Olympus', { openId: F.admin });
    expect(lastAnswer()).toContain('is not a known time zone');
    await h.say('/outcome admin frobnicate', { openId: F.admin });
    expect(lastAnswer()).toContain('/outcome admin pmo reviewers');
    expect(await settings()).toMatchObject({ reviewOffsetDays: 90, timeZone: 'Asia/Shanghai' });
  });

  it('reads numbers as people type them (full-width digits too) and refuses what is not one', async () => {
    await h.say('/outcome admin set review_days １５', { openId: F.admin });
    expect((await settings()).reviewOffsetDays).toBe(15);
    await h.say('/outcome admin set reminder_days 5', { openId: F.admin });
    await h.say('/outcome admin set threshold ２０', { openId: F.admin });
    expect(await settings()).toMatchObject({ reviewOffsetDays: 15, reminderAfterDays: 5, shortfallThreshold: 0.2 });

    const before = await settings();
    for (const bad of ['1,5', 'abc', '0x1e', '1e2']) {
      await h.say(`/outcome admin set review_days ${bad}`, { openId: F.admin });
      expect(lastAnswer()).toContain('Enter a whole number of days from 1 to 730.');
    }
    await h.say('/outcome admin set threshold 1,5', { openId: F.admin });
    expect(lastAnswer()).toContain('Enter the threshold as a percentage between 1 and 99.');
    expect(await settings()).toEqual(before);
  });

  it('the PMO chat is set from inside that group', async () => {
    h.fake.addChat({ chat_id: 'oc_pmo', name: 'PMO' });
    await h.say('@_user_1 /outcome admin pmo chat', { openId: F.admin, chatType: 'group', chatId: 'oc_pmo', mentions: [mention(1, 'ou_bot')] });
    expect((await settings()).pmoChannel).toBe('oc_pmo');
    expect(cardText(h.cardsTo('oc_pmo').at(-1)!.card)).toContain('PMO chat: oc&#95;pmo');
  });

  it('a manual manager mapping wins over the org chart, and `auto` returns to it', async () => {
    await h.say('/outcome admin manager @_user_1 @_user_2', { openId: F.admin, mentions: [mention(1, F.member), mention(2, F.stranger)] });
    await h.say('/outcome');
    expect(JSON.stringify(h.cardsTo(F.member).at(-1)!.card)).toContain(`"initial_option":"${F.stranger}"`);
    const [alice] = await h.db.select().from(people).where(eq(people.platformUserId, F.member));
    expect(alice!.managerSource).toBe('manual');

    await h.say('/outcome admin manager @_user_1 auto', { openId: F.admin, mentions: [mention(1, F.member)] });
    await h.say('/outcome');
    expect(JSON.stringify(h.cardsTo(F.member).at(-1)!.card)).toContain(`"initial_option":"${F.manager}"`);
  });
});
