/**
 * Sign in with Slack (OpenID Connect, platform-facts §1.9) on 127.0.0.1: the authorize page
 * (it records the request and answers a plain page; tests issue codes directly),
 * `openid.connect.token` and `openid.connect.userInfo`, with Slack's response shapes.
 * A separate server from fake-slack.ts, which has no hook for extra methods; point
 * SLACK_API_URL at `url` when testing the sign-in.
 */
import { hex } from './shared/ids.ts';
import { flatHeaders, readBody, sendJson, sendRaw, startHttpServer } from './shared/http-server.ts';

export interface OidcUser {
  userId: string;
  teamId: string;
  name?: string;
  email?: string;
  locale?: string;
}

export interface FakeSlackOidc {
  /** Web API base (`http://127.0.0.1:PORT/api/`), to use as SLACK_API_URL. */
  url: string;
  /** A single-use, 10-minute code for `user`; `nonce` is echoed in the id_token as Slack does. */
  issueCode(user: OidcUser, opts: { nonce: string; redirectUri?: string }): string;
  /** Every authorize request's query, in order. */
  authorizeRequests: URLSearchParams[];
  calls: { method: string; body: Record<string, string>; headers: Record<string, string> }[];
  close(): Promise<void>;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const CODE_TTL_MS = 10 * 60_000;

/** Starts the fake OIDC provider; `clientId`/`clientSecret` are the app's credentials it accepts. */
export async function startFakeSlackOidc(opts: { clientId: string; clientSecret: string; now?: () => number }): Promise<FakeSlackOidc> {
  const now = opts.now ?? Date.now;
  const codes = new Map<string, { user: OidcUser; nonce: string; redirectUri?: string; issuedAt: number; used: boolean }>();
  const tokens = new Map<string, OidcUser>();
  const authorizeRequests: URLSearchParams[] = [];
  const calls: FakeSlackOidc['calls'] = [];

  const server = await startHttpServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/openid/connect/authorize') {
      authorizeRequests.push(url.searchParams);
      return sendRaw(res, 200, '<!DOCTYPE html><title>Sign in with Slack</title>', { 'content-type': 'text/html' });
    }
    const headers = flatHeaders(req);
    const body = Object.fromEntries(new URLSearchParams((await readBody(req)).toString('utf8')));
    const method = url.pathname.replace(/^\/api\//, '');
    calls.push({ method, body, headers });
    if (method === 'openid.connect.token') {
      if (body.client_id !== opts.clientId || body.client_secret !== opts.clientSecret) return sendJson(res, 200, { ok: false, error: 'invalid_client_id' });
      const code = codes.get(body.code ?? '');
      if (!code || code.used || now() - code.issuedAt > CODE_TTL_MS) return sendJson(res, 200, { ok: false, error: 'invalid_code' });
      if (code.redirectUri !== undefined && body.redirect_uri !== code.redirectUri) return sendJson(res, 200, { ok: false, error: 'bad_redirect_uri' });
      code.used = true;
      const accessToken = `xoxp-${code.user.teamId}-${hex(10)}`;
      tokens.set(accessToken, code.user);
      const claims = { iss: 'https://slack.com', sub: code.user.userId, aud: opts.clientId, exp: Math.floor(now() / 1000) + 3600, iat: Math.floor(now() / 1000), nonce: code.nonce, 'https://slack.com/team_id': code.user.teamId, 'https://slack.com/user_id': code.user.userId };
      return sendJson(res, 200, { ok: true, access_token: accessToken, token_type: 'Bearer', id_token: `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(claims)}.${hex(32)}` });
    }
    if (method === 'openid.connect.userInfo') {
      const user = tokens.get(/^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1] ?? '');
      if (!user) return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
      return sendJson(res, 200, {
        ok: true,
        sub: user.userId,
        'https://slack.com/user_id': user.userId,
        'https://slack.com/team_id': user.teamId,
        ...(user.email ? { email: user.email, email_verified: true } : {}),
        name: user.name ?? user.userId,
        ...(user.locale ? { locale: user.locale } : {}),
        'https://slack.com/team_name': user.teamId,
      });
    }
    sendJson(res, 200, { ok: false, error: 'unknown_method' });
  });

  return {
    url: `${server.origin}/api/`,
    issueCode(user, { nonce, redirectUri }) {
      const code = `${hex(6)}.${hex(10)}`;
      codes.set(code, { user, nonce, redirectUri, issuedAt: now(), used: false });
      return code;
    },
    authorizeRequests,
    calls,
    close: () => server.close(),
  };
}
