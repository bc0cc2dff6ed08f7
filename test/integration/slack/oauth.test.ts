import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaces } from '../../../src/db/schema/index.ts';
import { openSecret } from '../../../src/security/secret-box.ts';
import { APP_SECRET, PUBLIC_URL, startSlackHarness, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startSlackHarness({ botToken: false, oauth: true });
});
afterEach(() => h.close());

/** GET /slack/install: the Slack consent URL and the state cookie a browser would keep. */
async function install() {
  const res = await h.send(new Request(`${PUBLIC_URL}/slack/install`));
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { location, cookie, state: location.searchParams.get('state')! };
}

const redirect = (query: Record<string, string>, cookie?: string) =>
  h.send(new Request(`${PUBLIC_URL}/slack/oauth_redirect?${new URLSearchParams(query)}`, { headers: cookie ? { cookie } : {} }));

describe('OAuth install', () => {
  it('redirects to Slack with the scopes, the redirect URL and a state bound to a cookie', async () => {
    const { location, cookie, state } = await install();
    expect(`${location.origin}${location.pathname}`).toBe(`${h.fake.origin}/oauth/v2/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: '1111.2222',
      scope: 'commands,chat:write,im:write,users:read,files:read,channels:read,groups:read',
      redirect_uri: `${PUBLIC_URL}/slack/oauth_redirect`,
    });
    expect(cookie).toBe(`outcome_slack_oauth_state=${state}`);
  });

  it('stores the bot token encrypted per team, records the installer as admin, and then serves that team', async () => {
    const { cookie, state } = await install();
    const code = h.fake.issueOAuthCode({ id: 'T0NEW', name: 'New Team' }, { userId: 'UINSTALL1' });
    const res = await redirect({ code, state }, cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('installed in New Team');
    expect(h.fake.callsTo('oauth.v2.access')[0]!.body).toMatchObject({ code, redirect_uri: `${PUBLIC_URL}/slack/oauth_redirect` });

    const [ws] = await h.db.select().from(workspaces).where(eq(workspaces.externalId, 'T0NEW'));
    expect(ws).toMatchObject({ name: 'New Team', installedBy: 'UINSTALL1' });
    expect(ws!.botTokenEnc).not.toContain('xoxb');
    const token = (h.fake.callsTo('oauth.v2.access')[0]!.response as { access_token: string }).access_token;
    expect(await openSecret(APP_SECRET, ws!.botTokenEnc!, 'slack-bot-token:T0NEW')).toBe(token);

    // The new team's requests use its own token; its installer is an admin.
    h.fake.addUser({ id: 'UINSTALL1', name: 'ines', team_id: 'T0NEW', locale: 'en-US' });
    const answer = await (await h.command('admin pmo <@UINSTALL1>', 'UINSTALL1', { team_id: 'T0NEW' })).json();
    expect(answer).toMatchObject({ text: 'PMO reviewers: <@UINSTALL1>.' });
    await h.command('', 'UINSTALL1', { team_id: 'T0NEW' });
    expect(h.fake.callsTo('views.open').at(-1)!.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('refuses a replayed state, a missing cookie and a forged state, storing nothing', async () => {
    const first = await install();
    expect((await redirect({ code: h.fake.issueOAuthCode({ id: 'T0NEW' }), state: first.state }, first.cookie)).status).toBe(200);
    const replay = await redirect({ code: h.fake.issueOAuthCode({ id: 'T0NEW' }), state: first.state }, first.cookie);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('expired or was already used');
    expect(h.fake.callsTo('oauth.v2.access')).toHaveLength(2); // exchanged, then refused before anything was stored

    const second = await install();
    const before = await h.db.select().from(workspaces);
    expect((await redirect({ code: h.fake.issueOAuthCode({ id: 'T0OTHER' }), state: second.state })).status).toBe(400);
    expect((await redirect({ code: h.fake.issueOAuthCode({ id: 'T0OTHER' }), state: `${second.state}x` }, `outcome_slack_oauth_state=${second.state}x`)).status).toBe(400);
    expect(await h.db.select().from(workspaces)).toEqual(before);
  });

  it('explains a cancelled install and an invalid code', async () => {
    const { cookie, state } = await install();
    expect(await (await redirect({ error: 'access_denied', state }, cookie)).text()).toContain('cancelled');
    const bad = await redirect({ code: 'not-a-code', state }, cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('invalid_code');
    expect(await h.counts()).toMatchObject({ workspaces: 0 });
  });
});

describe('single-workspace mode and the manifest', () => {
  it('has nothing to install without OAuth credentials', async () => {
    const single = await startSlackHarness();
    try {
      const res = await single.send(new Request(`${PUBLIC_URL}/slack/install`));
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('SLACK_CLIENT_ID');
    } finally {
      await single.close();
    }
  });

  it('serves a manifest with this server’s URLs, the scopes, App Home and the event', async () => {
    const manifest = (await (await h.send(new Request(`${PUBLIC_URL}/slack/manifest`))).json()) as Record<string, never>;
    expect(manifest).toMatchObject({
      features: { app_home: { home_tab_enabled: true }, slash_commands: [{ command: '/outcome', url: `${PUBLIC_URL}/slack/events`, should_escape: true }] },
      oauth_config: { redirect_urls: [`${PUBLIC_URL}/slack/oauth_redirect`, `${PUBLIC_URL}/auth/slack/callback`], scopes: { bot: expect.arrayContaining(['commands', 'chat:write', 'im:write', 'users:read', 'files:read']) } },
      settings: { event_subscriptions: { request_url: `${PUBLIC_URL}/slack/events`, bot_events: ['app_home_opened'] }, interactivity: { is_enabled: true, request_url: `${PUBLIC_URL}/slack/events` } },
    });
  });
});
