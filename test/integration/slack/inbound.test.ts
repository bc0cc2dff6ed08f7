import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventBody, nowSec, signedSlackRequest, slashCommandBody, sslCheckBody, urlVerificationBody } from '../../helpers/slack-sign.ts';
import { fixture, PUBLIC_URL, SECRET, startSlackHarness, TEAM, USERS, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(() => h.close());

const URL = `${PUBLIC_URL}/slack/events`;
const nothingHappened = async () => {
  expect(await h.counts()).toEqual({ outcomes: 0, outbox: 0, projects: 0, reviews: 0, workspaces: 0 });
  expect(h.fake.calls).toEqual([]);
};

describe('request verification', () => {
  it.each([
    ['a bad signature', () => signedSlackRequest(URL, 'not-the-secret', slashCommandBody({ trigger_id: h.fake.issueTrigger() }))],
    ['a tampered body', () => {
      const req = signedSlackRequest(URL, SECRET, slashCommandBody({ text: 'list' }));
      return new Request(URL, { method: 'POST', headers: req.headers, body: slashCommandBody({ text: 'admin admins <@USTRANGER1>' }) });
    }],
    ['a stale timestamp (5 min + 1 s old)', () => signedSlackRequest(URL, SECRET, slashCommandBody(), undefined, { ts: nowSec() - 301 })],
    ['a timestamp from the future', () => signedSlackRequest(URL, SECRET, slashCommandBody(), undefined, { ts: nowSec() + 301 })],
    ['no signature at all', () => new Request(URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: slashCommandBody() })],
    ['an unsigned url_verification', () => new Request(URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: urlVerificationBody('c') })],
  ])('answers %s with 401 and touches nothing', async (_, make) => {
    const res = await h.send(make());
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    await nothingHappened();
  });

  it('answers Slack’s unsigned SSL check without processing it', async () => {
    const res = await h.send(new Request(URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: sslCheckBody() }));
    expect(res.status).toBe(200);
    await nothingHappened();
  });

  it('answers url_verification with the challenge', async () => {
    const res = await h.post(urlVerificationBody('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'));
    expect(await res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it.each([
    ['malformed JSON', '{"type":', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['a form without a command or payload', 'hello=world', 'application/x-www-form-urlencoded'],
    ['a payload that is not JSON', 'payload=%7Bnope', 'application/x-www-form-urlencoded'],
    ['an unsupported content type', 'text', 'text/plain'],
    ['an envelope without a team', JSON.stringify({ type: 'event_callback', event: { type: 'app_home_opened' }, event_id: 'Ev1' }), 'application/json'],
  ])('refuses %s with a 400, never a 5xx, and stores nothing', async (_, body, type) => {
    const res = await h.send(signedSlackRequest(URL, SECRET, body, type));
    expect(res.status).toBe(400);
    await nothingHappened();
  });

  it('ignores an unknown interaction type with a plain 200', async () => {
    const res = await h.interact({ type: 'something_new', team: { id: TEAM }, user: { id: USERS.member.id, team_id: TEAM } });
    expect(res.status).toBe(200);
    expect(await h.counts()).toMatchObject({ outcomes: 0, outbox: 0 });
  });
});

describe('when something breaks inside a listener', () => {
  it('still answers the member privately, with a reference, instead of silence', async () => {
    await h.command('help'); // the workspace exists
    await h.db.run(sql`ALTER TABLE people RENAME TO people_elsewhere`);
    const res = await h.command('list');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/went wrong on our side.*ref [0-9a-f]{8}/) });
  });
});

describe('Events API deliveries', () => {
  it('handles an event once, however often Slack retries it', async () => {
    const event = fixture('app-home-opened.json');
    await h.event(event, 'Ev0HOME1');
    await h.event(event, 'Ev0HOME1', { retryNum: 1, retryReason: 'http_timeout' });
    await h.event(event, 'Ev0HOME1', { retryNum: 2, retryReason: 'http_error' });
    expect(h.fake.callsTo('views.publish')).toHaveLength(1);
    await h.event(event, 'Ev0HOME2');
    expect(h.fake.callsTo('views.publish')).toHaveLength(2);
  });

  it('gives a delivery whose handling failed back, so that Slack’s retry publishes the Home tab', async () => {
    const event = fixture('app-home-opened.json');
    h.fake.injectNext('views.publish', { status: 500 });
    // Not a 200: Slack retries the event (X-Slack-Retry-Num: 1) instead of counting it delivered.
    expect((await h.event(event, 'Ev0FAIL1')).status).toBe(500);
    expect(h.fake.homeViews.has(USERS.member.id)).toBe(false);
    expect((await h.event(event, 'Ev0FAIL1', { retryNum: 1, retryReason: 'http_error' })).status).toBe(200);
    expect(h.fake.homeViews.get(USERS.member.id)?.blocks.length).toBeGreaterThan(0);
    // Handled now: a later retry of the same event is still a duplicate.
    await h.event(event, 'Ev0FAIL1', { retryNum: 2, retryReason: 'http_timeout' });
    expect(h.fake.callsTo('views.publish').map((c) => c.status)).toEqual([500, 200]);
  });

  it('acknowledges an event it has no listener for', async () => {
    const res = await h.post(eventBody({ type: 'member_joined_channel', user: USERS.member.id, channel: 'C1' }, { teamId: TEAM, eventId: 'Ev0OTHER' }));
    expect(res.status).toBe(200);
  });
});

describe('the workspace comes from the verified request', () => {
  it('works in single-workspace mode for the team that calls, created on first sight', async () => {
    const res = await h.command('help');
    expect(res.status).toBe(200);
    expect((await h.deps.repos.workspaces.byExternalId('slack', TEAM))?.botTokenEnc).toBeNull();
  });

  it('tells a team that has not installed the app (OAuth mode) how to get it', async () => {
    const oauthOnly = await startSlackHarness({ botToken: false, oauth: true });
    try {
      const res = await oauthOnly.command('', USERS.member.id, { team_id: 'T0NOTINSTALLED' });
      expect(await res.json()).toEqual({ response_type: 'ephemeral', text: expect.stringContaining(`${PUBLIC_URL}/slack/install`) });
      expect(oauthOnly.fake.callsTo('views.open')).toEqual([]);
      expect(await oauthOnly.counts()).toMatchObject({ workspaces: 0 });
    } finally {
      await oauthOnly.close();
    }
  });
});
