/**
 * A slow directory inside a card callback (Feishu answers callbacks for 3 s): the contact
 * and chat-member calls run side by side within one budget, and fall back to what is stored.
 * The tests assert what the callback answers and how the calls overlapped, never wall time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { surveys } from '../../../src/db/schema/index.ts';
import { DIRECTORY_BUDGET_MS } from '../../../src/feishu/adapter/timeout.ts';
import { cardText, F, startHarness, type Harness } from './harness.ts';
import { addProject, openSurveyForm, submitSurveyForm } from './followup-steps.ts';

const CONTACT = 'GET /open-apis/contact/v3/users/:user_id';
const MEMBERS = 'GET /open-apis/im/v1/chats/:chat_id/members';

let h: Harness;
let projectId: string;
beforeEach(async () => {
  h = await startHarness();
  projectId = await addProject(h);
  h.fake.addChat({ chat_id: 'oc_team', name: 'Triage team', members: [F.member, F.manager] });
});
afterEach(() => h.close());

const form = (over: Record<string, string | string[]> = {}) => ({ project: projectId, people: [F.pmo], chat: 'oc_team', closes: '2026-11-30 18:00 +0800', kind: 'follow_up', ...over });

const withoutChat = () => {
  const { chat: _chat, ...rest } = form();
  return rest;
};

describe('directory calls in the survey form callback', () => {
  it('the tenant admin check and the group members are asked side by side', async () => {
    // The tenant admin (not a listed admin) opens the form; the directory says who they are.
    const opened = await openSurveyForm(h, F.admin);
    h.fake.calls.length = 0;
    h.fake.injectNext(CONTACT, { delayMs: 300 });
    h.fake.injectNext(MEMBERS, { delayMs: 300 });
    const res = await submitSurveyForm(h, opened, form(), F.admin);
    expect(res.body.toast).toMatchObject({ type: 'success' });
    const [contact] = h.fake.callsTo(CONTACT);
    const [members] = h.fake.callsTo(MEMBERS);
    // Whichever went first, the other was sent while it was still unanswered.
    expect(Math.max(contact!.inFlight, members!.inFlight)).toBeGreaterThanOrEqual(1);
    expect((await h.db.select().from(surveys))[0]!.audience.sort()).toEqual([F.pmo, F.member, F.manager].sort());
  });

  it('a directory slower than the budget: the tenant admin known from before stays admin; the group is reported unreadable', async () => {
    const opened = await openSurveyForm(h, F.admin);
    // Both calls take longer than the whole budget (and than the old 2 s per call).
    h.fake.injectNext(CONTACT, { delayMs: DIRECTORY_BUDGET_MS + 1_000 });
    h.fake.injectNext(MEMBERS, { delayMs: DIRECTORY_BUDGET_MS + 1_000 });
    const res = await submitSurveyForm(h, opened, form(), F.admin);
    expect(res.status).toBe(200);
    // Not refused as a non-admin: the form comes back with the group's note, and nothing is stored.
    expect(res.body.toast).toMatchObject({ type: 'error' });
    expect(cardText(res.body.card!.data)).toContain('I could not read the members of that group.');
    expect(JSON.stringify(res.body)).not.toContain('Only PMO members and admins can start surveys');
    expect(await h.db.select().from(surveys)).toEqual([]);
    // Without the slow group, the same admin starts it.
    h.fake.injectNext(CONTACT, { delayMs: DIRECTORY_BUDGET_MS + 1_000 });
    const again = await submitSurveyForm(h, opened, withoutChat(), F.admin);
    expect(again.body.toast).toMatchObject({ type: 'success' });
  });

  it('someone never seen as an admin is still refused when the directory is slow', async () => {
    const opened = await openSurveyForm(h, F.admin);
    h.fake.injectNext(CONTACT, { delayMs: DIRECTORY_BUDGET_MS + 1_000 });
    const res = await submitSurveyForm(h, opened, withoutChat(), F.stranger);
    expect(JSON.stringify(res.body)).toContain('Only PMO members and admins can start surveys');
    expect(await h.db.select().from(surveys)).toEqual([]);
  });
});
