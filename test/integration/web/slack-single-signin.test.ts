import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { ORIGIN, webHarness, type WebHarness } from './harness.ts';

const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0];
const CALLBACK = `${ORIGIN}/auth/slack/callback`;

describe('Sign in with Slack in single-workspace mode (bot token plus the same app’s client id and secret)', () => {
  let slack: FakeSlack;
  let h: WebHarness;
  beforeAll(async () => {
    slack = await startFakeSlack({ token: 'xoxb-solo', teamId: 'TSOLO', teamName: 'Solo Co', clientId: '3333.4444', clientSecret: 'solo-client-secret' });
    h = await webHarness({ SLACK_SIGNING_SECRET: 'signing', SLACK_BOT_TOKEN: 'xoxb-solo', SLACK_CLIENT_ID: '3333.4444', SLACK_CLIENT_SECRET: 'solo-client-secret', SLACK_API_URL: slack.url, PUBLIC_URL: ORIGIN });
  });
  afterAll(async () => {
    await h.close();
    await slack.close();
  });

  async function start(next = '/app/my') {
    const res = await h.request(`/auth/slack?next=${encodeURIComponent(next)}`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    return { to, stateCookie: cookieOf(res, 'outcome_oidc')!, state: to.searchParams.get('state')!, nonce: to.searchParams.get('nonce')! };
  }

  it('the sign-in page offers Slack', async () => {
    expect(await (await h.request('/auth/signin')).text()).toContain('data-testid="signin-slack"');
  });

  it('signs a person of the bot’s team in, creating the workspace on first sight', async () => {
    expect(await h.deps.repos.workspaces.byExternalId('slack', 'TSOLO')).toBeNull();
    const { to, stateCookie, state, nonce } = await start();
    expect(`${to.origin}${to.pathname}`).toBe(`${slack.origin}/openid/connect/authorize`);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({ client_id: '3333.4444', scope: 'openid profile email', redirect_uri: CALLBACK });
    const code = slack.issueOidcCode({ userId: 'USOLO1', teamId: 'TSOLO', name: 'Sol Member', email: 'sol@example.com', locale: 'en-US' }, { nonce, redirectUri: CALLBACK });
    const back = await h.request(`/auth/slack/callback?code=${encodeURIComponent(code)}&state=${state}`, { cookie: stateCookie });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/app/my');
    // The code was exchanged with the app's client credentials, and the team checked with the bot token.
    expect(slack.callsTo('openid.connect.token')[0]!.body).toMatchObject({ client_id: '3333.4444', client_secret: 'solo-client-secret', code, redirect_uri: CALLBACK });
    expect(slack.callsTo('auth.test').at(-1)!.headers.authorization).toBe('Bearer xoxb-solo');
    const me = (await (await h.request('/api/me', { cookie: cookieOf(back, 'outcome_session')! })).json()) as { person: { name: string }; workspace: { id: string } };
    expect(me.person.name).toBe('Sol Member');
    expect(me.workspace.id).toBe((await h.deps.repos.workspaces.byExternalId('slack', 'TSOLO'))!.id);
  });

  it('a person of another team signing in to the same app is refused (403) and gets no workspace', async () => {
    const s = await start();
    const code = slack.issueOidcCode({ userId: 'UOUT', teamId: 'TOTHER' }, { nonce: s.nonce, redirectUri: CALLBACK });
    const res = await h.request(`/auth/slack/callback?code=${encodeURIComponent(code)}&state=${s.state}`, { cookie: s.stateCookie, headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Outcome is not installed in this Slack workspace');
    expect(cookieOf(res, 'outcome_session')).toBeUndefined();
    expect(await h.deps.repos.workspaces.byExternalId('slack', 'TOTHER')).toBeNull();
  });

  it('a replayed code is refused by Slack and signs nobody in', async () => {
    const s = await start();
    const code = slack.issueOidcCode({ userId: 'USOLO1', teamId: 'TSOLO' }, { nonce: s.nonce, redirectUri: CALLBACK });
    expect((await h.request(`/auth/slack/callback?code=${encodeURIComponent(code)}&state=${s.state}`, { cookie: s.stateCookie })).status).toBe(302);
    const again = await start();
    const replay = await h.request(`/auth/slack/callback?code=${encodeURIComponent(code)}&state=${again.state}`, { cookie: again.stateCookie });
    expect(replay.status).toBe(401);
    expect(slack.callsTo('openid.connect.token').at(-1)!.response).toEqual({ ok: false, error: 'invalid_code' });
  });
});
