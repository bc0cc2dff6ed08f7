/**
 * Sign in with Slack (OpenID Connect, platform-facts §1.9), as Slack answers it: single-use,
 * 10-minute codes for a user; `openid.connect.token` checks the app's client credentials and
 * the redirect_uri and answers an id_token with the nonce; `openid.connect.userInfo` takes
 * the user token it issued. Used by fake-slack.ts (next to the bot methods) and slack-oidc.ts.
 */
import { hex } from '../shared/ids.ts';

export interface OidcUser {
  userId: string;
  teamId: string;
  name?: string;
  email?: string;
  locale?: string;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const CODE_TTL_MS = 10 * 60_000;

/** Slack's OIDC methods over in-memory codes and tokens. */
export function createOidcProvider(opts: { clientId: string; clientSecret: string; now: () => number }) {
  const codes = new Map<string, { user: OidcUser; nonce: string; redirectUri?: string; issuedAt: number; used: boolean }>();
  const tokens = new Map<string, OidcUser>();
  const { now } = opts;

  function token(body: Record<string, string>): Record<string, unknown> {
    if (body.client_id !== opts.clientId || body.client_secret !== opts.clientSecret) return { ok: false, error: 'invalid_client_id' };
    const code = codes.get(body.code ?? '');
    if (!code || code.used || now() - code.issuedAt > CODE_TTL_MS) return { ok: false, error: 'invalid_code' };
    if (code.redirectUri !== undefined && body.redirect_uri !== code.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
    code.used = true;
    const accessToken = `xoxp-${code.user.teamId}-${hex(10)}`;
    tokens.set(accessToken, code.user);
    const claims = { iss: 'https://slack.com', sub: code.user.userId, aud: opts.clientId, exp: Math.floor(now() / 1000) + 3600, iat: Math.floor(now() / 1000), nonce: code.nonce, 'https://slack.com/team_id': code.user.teamId, 'https://slack.com/user_id': code.user.userId };
    return { ok: true, access_token: accessToken, token_type: 'Bearer', id_token: `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(claims)}.${hex(32)}` };
  }

  function userInfo(authorization: string | undefined): Record<string, unknown> {
    const user = tokens.get(/^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1] ?? '');
    if (!user) return { ok: false, error: 'invalid_auth' };
    return {
      ok: true,
      sub: user.userId,
      'https://slack.com/user_id': user.userId,
      'https://slack.com/team_id': user.teamId,
      ...(user.email ? { email: user.email, email_verified: true } : {}),
      name: user.name ?? user.userId,
      ...(user.locale ? { locale: user.locale } : {}),
      'https://slack.com/team_name': user.teamId,
    };
  }

  return {
    /** A single-use, 10-minute code for `user`; `nonce` is echoed in the id_token as Slack does. */
    issueCode(user: OidcUser, { nonce, redirectUri }: { nonce: string; redirectUri?: string }): string {
      const code = `${hex(6)}.${hex(10)}`;
      codes.set(code, { user, nonce, redirectUri, issuedAt: now(), used: false });
      return code;
    },
    /** The answer to an OIDC Web API method, or null when `method` is not one. */
    answer(method: string, body: Record<string, string>, headers: Record<string, string>): Record<string, unknown> | null {
      if (method === 'openid.connect.token') return token(body);
      if (method === 'openid.connect.userInfo') return userInfo(headers.authorization);
      return null;
    },
  };
}
