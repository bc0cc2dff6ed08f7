/**
 * The web and chat act on the same outcome through the same verbs: a decision on the web
 * updates the Slack card in place (the outbox's card_decided → chat.update), and a decision
 * made in Slack shows on the web at once.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people } from '../../../src/db/schema/index.ts';
import { createSessionCodec } from '../../../src/security/session.ts';
import { APP_SECRET, PUBLIC_URL, startSlackHarness, USERS, type Harness } from './harness.ts';
import { lastModal, messagesTo, press, textOf } from './followup-steps.ts';
import { scores, stateOf, submission, validForm } from './payloads.ts';

let h: Harness;
let workspaceId: string;
beforeEach(async () => {
  h = await startSlackHarness();
  workspaceId = (await h.deps.repos.workspaces.ensure('slack', 'T0001')).id;
  await h.deps.repos.workspaces.updateSettings(workspaceId, { pmoReviewers: [USERS.pmo.id] });
});
afterEach(() => h.close());

/** The web as the Slack user `address`: a session cookie the app signed, and this site's Origin on posts. */
async function web(address: string) {
  const [p] = await h.db.select().from(people).where(eq(people.platformUserId, address));
  const codec = await createSessionCodec(APP_SECRET);
  const cookie = `outcome_session=${await codec.seal({ workspaceId, personId: p!.id, via: 'slack', exp: h.clock.now().getTime() + 3600_000 })}`;
  return {
    get: async (path: string) => (await h.send(new Request(`${PUBLIC_URL}${path}`, { headers: { cookie, 'accept-language': 'en' } }))).text(),
    post: (path: string, fields: Record<string, string>) =>
      h.send(new Request(`${PUBLIC_URL}${path}`, { method: 'POST', headers: { cookie, origin: PUBLIC_URL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() })),
  };
}

describe('deciding on the web and in Slack', () => {
  it('a manager’s web approval updates their Slack card and asks the PMO; the PMO’s Slack approval shows on the web at once', async () => {
    await h.command('');
    await h.interact(submission(lastModal(h), stateOf(validForm())));
    const outcomeId = (await h.allOutcomes())[0]!.id;
    const card = messagesTo(h, USERS.manager.id).find((m) => textOf(m).includes('outcome_approve'))!;
    expect(card).toBeDefined();

    const manager = await web(USERS.manager.id);
    expect(await manager.get('/app/approvals')).toContain(`data-testid="decide-${outcomeId}"`);
    const res = await manager.post(`/app/approvals/${outcomeId}/decide`, { decision: 'approve', impact: '4', difficulty: '3', innovation: '4', round: '1', stage: 'manager' });
    expect(res.status).toBe(303);

    // The card the manager got in Slack was updated in place: no buttons left, the decision on it.
    const updates = h.fake.callsTo('chat.update').filter((c) => c.body.channel === card.channel && c.body.ts === card.ts && (c.response as { ok?: boolean }).ok);
    expect(updates).toHaveLength(1);
    const updated = JSON.stringify(updates[0]!.body.blocks);
    expect(updated).not.toContain('outcome_approve');
    expect(updated).toMatch(/Approved by|已通过/);
    expect(messagesTo(h, USERS.member.id).some((m) => (m.text ?? '').includes('approved'))).toBe(true);

    // The PMO decides in Slack; the web shows it on the next page load.
    const pmo = await web(USERS.pmo.id);
    expect(await pmo.get('/app/approvals')).toContain(`data-testid="decide-${outcomeId}"`);
    const pmoCard = messagesTo(h, USERS.pmo.id).find((m) => textOf(m).includes('outcome_approve'))!;
    await press(h, pmoCard, 'outcome_approve', USERS.pmo.id, scores(outcomeId, { impact: 5, difficulty: 3, innovation: 4 }));
    expect(await pmo.get('/app/approvals')).not.toContain(`data-testid="decide-${outcomeId}"`);
    const member = await web(USERS.member.id);
    expect(await member.get(`/app/outcomes/${outcomeId}`)).toContain('class="pill verified"');
    expect(await member.get('/app/approvals')).toContain('data-testid="my-reviews"');

    // A web click on the stale stage is chat's 409, and nothing more reaches Slack.
    const calls = h.fake.callsTo('chat.update').length;
    expect((await pmo.post(`/app/approvals/${outcomeId}/decide`, { decision: 'approve', impact: '4', difficulty: '3', innovation: '4', round: '1', stage: 'pmo' })).status).toBe(409);
    expect(h.fake.callsTo('chat.update')).toHaveLength(calls);
  });
});
