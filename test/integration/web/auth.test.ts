import { request as httpRequest } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../../src/db/schema/index.ts';
import { startNodeServer, type NodeServer } from '../../../src/entry/node.ts';
import { quietLog } from '../../../src/log.ts';
import { startFakeFeishu, type FakeFeishu } from '../../fakes/fake-feishu.ts';
import { startFakeSlackOidc, type FakeSlackOidc } from '../../fakes/slack-oidc.ts';
import { buildWorld, O, P, W } from '../../fixtures/web/world.ts';
import { freshDb } from '../../helpers/db.ts';
import { ORIGIN, webHarness, type WebHarness } from './harness.ts';

const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0];
const idsOf = async (res: Response) => ((await res.json()) as { outcomes: { id: string }[] }).outcomes.map((o) => o.id);

describe('Feishu H5 sign-in (code exchanged against the fake Feishu)', () => {
  let feishu: FakeFeishu;
  let h: WebHarness;
  beforeAll(async () => {
    feishu = await startFakeFeishu({ tenantKey: 'tenant_b', now: () => Date.now() });
    h = await webHarness({ FEISHU_APP_ID: 'cli_test', FEISHU_APP_SECRET: 'secret', FEISHU_ENCRYPT_KEY: 'encrypt-key', FEISHU_VERIFICATION_TOKEN: 'vtoken', FEISHU_DOMAIN: feishu.url });
    feishu.addUser({ open_id: 'ou_b_mem', name: '李成员' });
    feishu.addUser({ open_id: 'ou_newcomer', name: '新同事', email: 'new@example.com' });
  });
  afterAll(async () => {
    await h.close();
    await feishu.close();
  });

  const exchange = (code: unknown) => h.request('/auth/feishu/session', { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify({ code }) });

  it('the sign-in page loads the Feishu JSSDK (allowed by its CSP) and our script', async () => {
    const res = await h.request('/auth/feishu?next=/app/nps');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self' https://lf-scm-cn.feishucdn.com");
    const html = await res.text();
    expect(html).toContain('data-app-id="cli_test"');
    expect(html).toContain('data-next="/app/nps"');
    expect(html).toMatch(/<script src="\/app\/assets\/feishu-login\.js\?v=/);
  });

  it('exchanges the code for a session of that person, in the tenant Feishu names', async () => {
    const res = await exchange(feishu.issueAuthCode('ou_b_mem'));
    expect(res.status).toBe(200);
    const cookie = cookieOf(res, 'outcome_session')!;
    expect(res.headers.getSetCookie().find((c) => c.startsWith('outcome_session='))).toMatch(/HttpOnly; SameSite=Lax; Max-Age=43200$/);
    expect(feishu.callsTo('/open-apis/authen/v2/oauth/token')[0]!.body).toMatchObject({ grant_type: 'authorization_code', client_id: 'cli_test', client_secret: 'secret' });
    const me = (await (await h.request('/api/me', { cookie })).json()) as { person: { id: string }; workspace: { id: string } };
    expect(me).toMatchObject({ person: { id: P.bMember }, workspace: { id: W.b } });
    expect(await idsOf(await h.request('/api/outcomes', { cookie }))).toEqual([O.b]);
  });

  it('a newcomer gets a person row in the workspace', async () => {
    const res = await exchange(feishu.issueAuthCode('ou_newcomer'));
    expect(res.status).toBe(200);
    const [row] = await h.deps.db.select().from(people).where(eq(people.platformUserId, 'ou_newcomer'));
    expect(row).toMatchObject({ workspaceId: W.b, name: '新同事' });
  });

  it('a replayed, forged or missing code is refused and signs nobody in', async () => {
    const code = feishu.issueAuthCode('ou_b_mem');
    expect((await exchange(code)).status).toBe(200);
    const replay = await exchange(code);
    expect(replay.status).toBe(401);
    expect(cookieOf(replay, 'outcome_session')).toBeUndefined();
    expect((await exchange('not-a-real-code')).status).toBe(401);
    const missing = await exchange(undefined);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'validation_failed', fields: [{ field: 'code' }] });
  });

  it('Slack sign-in is off without Slack credentials (404, clear message)', async () => {
    const res = await h.request('/auth/slack', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toContain('Slack');
  });

  it('local sign-in is refused once a platform is configured, even from localhost', async () => {
    const res = await h.app.fetch(new Request('http://localhost/auth/local'), { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
    expect(res.status).toBe(403);
  });
});

describe('Sign in with Slack (OIDC against a fake Slack)', () => {
  let oidc: FakeSlackOidc;
  let h: WebHarness;
  beforeAll(async () => {
    oidc = await startFakeSlackOidc({ clientId: '1111.2222', clientSecret: 'client-secret' });
    h = await webHarness({ SLACK_SIGNING_SECRET: 'signing', SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_API_URL: oidc.url, PUBLIC_URL: ORIGIN });
  });
  afterAll(async () => {
    await h.close();
    await oidc.close();
  });

  async function start(next = '/app/value') {
    const res = await h.request(`/auth/slack?next=${encodeURIComponent(next)}`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    return { to, stateCookie: cookieOf(res, 'outcome_oidc')!, state: to.searchParams.get('state')!, nonce: to.searchParams.get('nonce')! };
  }

  it('redirects to Slack with state, nonce and the callback, and signs the person in on return', async () => {
    const { to, stateCookie, state, nonce } = await start();
    expect(`${to.origin}${to.pathname}`).toBe(new URL('../openid/connect/authorize', oidc.url).href);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({ response_type: 'code', scope: 'openid profile email', client_id: '1111.2222', redirect_uri: `${ORIGIN}/auth/slack/callback` });
    const code = oidc.issueCode({ userId: 'UMEM', teamId: 'TA', name: 'Mia M.', locale: 'zh-CN' }, { nonce, redirectUri: `${ORIGIN}/auth/slack/callback` });
    const back = await h.request(`/auth/slack/callback?code=${encodeURIComponent(code)}&state=${state}`, { cookie: stateCookie });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/app/value');
    const cookie = cookieOf(back, 'outcome_session')!;
    expect(await idsOf(await h.request('/api/outcomes', { cookie }))).toEqual([O.member]);
    // The profile is refreshed from Slack, including the locale the pages then use.
    expect(await (await h.request('/app/my', { cookie })).text()).toContain('<h1>我的</h1>');
  });

  it('a wrong state, a missing state cookie, a replayed code or a foreign nonce is a 401', async () => {
    const a = await start();
    const code = oidc.issueCode({ userId: 'UMEM', teamId: 'TA' }, { nonce: a.nonce });
    expect((await h.request(`/auth/slack/callback?code=${code}&state=wrong`, { cookie: a.stateCookie })).status).toBe(401);
    expect((await h.request(`/auth/slack/callback?code=${code}&state=${a.state}`)).status).toBe(401);
    expect((await h.request(`/auth/slack/callback?code=${code}&state=${a.state}`, { cookie: a.stateCookie })).status).toBe(302);
    const replay = await h.request(`/auth/slack/callback?code=${code}&state=${a.state}`, { cookie: a.stateCookie });
    expect(replay.status).toBe(401);
    expect(cookieOf(replay, 'outcome_session')).toBeUndefined();
    const b = await start();
    const stolen = oidc.issueCode({ userId: 'UADMIN', teamId: 'TA' }, { nonce: 'someone-elses-nonce' });
    expect((await h.request(`/auth/slack/callback?code=${stolen}&state=${b.state}`, { cookie: b.stateCookie })).status).toBe(401);
  });

  it('a team without Outcome installed is refused (403) and gets no workspace', async () => {
    const s = await start();
    const code = oidc.issueCode({ userId: 'UX', teamId: 'TNOTINSTALLED' }, { nonce: s.nonce });
    const res = await h.request(`/auth/slack/callback?code=${code}&state=${s.state}`, { cookie: s.stateCookie, headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Outcome is not installed in this Slack workspace');
    expect(await h.deps.repos.workspaces.byExternalId('slack', 'TNOTINSTALLED')).toBeNull();
  });

  it('next= never leaves the app (open redirect)', async () => {
    for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example', '/other']) {
      const s = await start(next);
      const code = oidc.issueCode({ userId: 'UMEM', teamId: 'TA' }, { nonce: s.nonce });
      const res = await h.request(`/auth/slack/callback?code=${code}&state=${s.state}`, { cookie: s.stateCookie });
      expect(res.headers.get('location')).toBe('/app');
    }
  });

  it('the sign-in chooser offers Slack and no local sign-in', async () => {
    const html = await (await h.request('/auth/signin')).text();
    expect(html).toContain('href="/auth/slack?next=%2Fapp"');
    expect(html).not.toContain('/auth/local');
  });
});

/** A raw HTTP request (node:http lets a test set any Host header, as a neighbour on the network could). */
function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('local sign-in on a real Node server (no platform configured)', () => {
  let server: NodeServer;
  let database: Awaited<ReturnType<typeof freshDb>>;
  beforeAll(async () => {
    database = await freshDb();
    await buildWorld(database.db);
    server = await startNodeServer({ env: { DATABASE_URL: database.url }, port: 0, hostname: '127.0.0.1', jobIntervalMs: null, log: quietLog });
  });
  afterAll(async () => {
    await server.stop();
    await database.close();
  });
  const base = () => server.url.replace('localhost', '127.0.0.1');

  it('lists the people, clearly marked, and signs in as the one chosen', async () => {
    const page = await raw(`${base()}/auth/local`, { headers: { host: 'localhost', 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('LOCAL MODE');
    expect(page.body).toContain(`value="${P.member}"`);
    const signIn = await raw(`${base()}/auth/local`, { method: 'POST', headers: { host: 'localhost', origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: `personId=${P.member}&next=%2Fapp%2Fmy` });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe('/app/my');
    const cookie = (signIn.headers['set-cookie'] as string[]).find((c) => c.startsWith('outcome_session='))!.split(';')[0]!;
    const my = await raw(`${base()}/app/my`, { headers: { host: 'localhost', cookie, 'accept-language': 'en' } });
    expect(my.status).toBe(200);
    expect(my.body).toContain('Local mode: signed in without Slack or Feishu');
  });

  it('is refused when the request is not addressed to localhost (a neighbour forging nothing but the IP)', async () => {
    const res = await raw(`${base()}/auth/local`, { headers: { host: 'outcome.example.com' } });
    expect(res.status).toBe(403);
    const post = await raw(`${base()}/auth/local`, { method: 'POST', headers: { host: 'outcome.example.com', origin: 'http://outcome.example.com', 'content-type': 'application/x-www-form-urlencoded' }, body: `personId=${P.admin}` });
    expect(post.status).toBe(403);
    expect(post.headers['set-cookie']).toBeUndefined();
  });

  it('creates an empty local workspace with a local admin when asked', async () => {
    const res = await raw(`${base()}/auth/local/new`, { method: 'POST', headers: { host: 'localhost', origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: 'next=%2Fapp%2Fsettings' });
    expect(res.status).toBe(303);
    const cookie = (res.headers['set-cookie'] as string[]).find((c) => c.startsWith('outcome_session='))!.split(';')[0]!;
    expect((await raw(`${base()}/app/settings`, { headers: { host: 'localhost', cookie } })).status).toBe(200);
  });
});

describe('local sign-in needs a loopback socket on Node', () => {
  it('a request claiming Host: localhost from another machine is refused', async () => {
    const h = await webHarness();
    try {
      const local = () => new Request('http://localhost/auth/local', { headers: { host: 'localhost' } });
      const remote = await h.app.fetch(local(), { incoming: { socket: { remoteAddress: '192.168.1.20' } } });
      expect(remote.status).toBe(403);
      const unknown = await h.app.fetch(local());
      expect(unknown.status).toBe(403);
      const loopback = await h.app.fetch(local(), { incoming: { socket: { remoteAddress: '::ffff:127.0.0.1' } } });
      expect(loopback.status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
