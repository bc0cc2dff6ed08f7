/**
 * Sign in with Slack (OpenID Connect, platform-facts §1.9) on 127.0.0.1, alone: the authorize
 * page (it records the request and answers a plain page; tests issue codes directly),
 * `openid.connect.token` and `openid.connect.userInfo` (test/fakes/slack/openid.ts). The full
 * fake Slack (fake-slack.ts) answers the same methods next to the bot's; point SLACK_API_URL
 * at `url` when testing the sign-in.
 */
import { createOidcProvider, type OidcUser } from './slack/openid.ts';
import { flatHeaders, readBody, sendJson, sendRaw, startHttpServer } from './shared/http-server.ts';

export type { OidcUser } from './slack/openid.ts';

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

/** Starts the fake OIDC provider; `clientId`/`clientSecret` are the app's credentials it accepts. */
export async function startFakeSlackOidc(opts: { clientId: string; clientSecret: string; now?: () => number }): Promise<FakeSlackOidc> {
  const provider = createOidcProvider({ ...opts, now: opts.now ?? Date.now });
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
    sendJson(res, 200, provider.answer(method, body, headers) ?? { ok: false, error: 'unknown_method' });
  });

  return { url: `${server.origin}/api/`, issueCode: provider.issueCode, authorizeRequests, calls, close: () => server.close() };
}
