/** A decision on the web patches the Feishu approval card in place, through the outbox like a click on the card. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people } from '../../../src/db/schema/index.ts';
import { createSessionCodec } from '../../../src/security/session.ts';
import { buttonValues, cardText, F, startHarness, type Harness } from './harness.ts';
import { submitValid } from './steps.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.deps.repos.workspaces.updateSettings((await h.workspace()).id, { pmoReviewers: [F.pmo] });
});
afterEach(() => h.close());

/** A form post on the web as the Feishu user `openId` (a session the app signed, this site's Origin). */
async function webPost(openId: string, path: string, fields: Record<string, string>) {
  const ws = await h.workspace();
  const [p] = await h.db.select().from(people).where(eq(people.platformUserId, openId));
  const codec = await createSessionCodec('an-app-secret-of-at-least-32-characters');
  const cookie = `outcome_session=${await codec.seal({ workspaceId: ws.id, personId: p!.id, via: 'feishu', exp: h.clock.now().getTime() + 3600_000 })}`;
  const res = await h.app.fetch(new Request(`https://outcome.test${path}`, { method: 'POST', headers: { cookie, origin: 'https://outcome.test', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }));
  h.clock.advance(1_000);
  await h.drain();
  return res;
}

describe('deciding on the web with Feishu connected', () => {
  it('request changes on the web: the manager’s card loses its buttons, the member is told with the comment', async () => {
    const id = await submitValid(h);
    const [approval] = h.cardsTo(F.manager);
    expect(buttonValues(approval!.card).map((v) => v.a)).toEqual(['approve', 'request_changes', 'reject']);

    const res = await webPost(F.manager, `/app/approvals/${id}/decide`, { decision: 'request_changes', comment: 'Name the data source', round: '1', stage: 'manager' });
    expect(res.status).toBe(303);
    expect(approval!.message.updates.map((u) => u.via)).toEqual(['patch']);
    expect(buttonValues(JSON.parse(approval!.message.content))).toEqual([]);
    expect(cardText(h.cardsTo(F.member).at(-1)!.card)).toContain('Name the data source');
    expect((await h.outcome(id))!.status).toBe('changes_requested');
  });
});
