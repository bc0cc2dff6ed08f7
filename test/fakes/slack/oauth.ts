/**
 * oauth.v2.access (platform-facts §1.8): client credentials by HTTP Basic or
 * `client_id`/`client_secret`, single-use 10-minute codes, `redirect_uri` must match,
 * and the response shape of Slack's example (bot token + optional user token).
 */
import { hex } from '../shared/ids.ts';
import { fail, str, type Args, type SlackAnswer } from './method-kit.ts';
import { OAUTH_CODE_TTL_MS, type SlackState } from './state.ts';

function clientCredentials(args: Args, headers: Record<string, string>): { id?: string; secret?: string } {
  const basic = /^Basic\s+(.+)$/i.exec(headers['authorization'] ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    return { id: decoded.slice(0, sep), secret: decoded.slice(sep + 1) };
  }
  return { id: str(args, 'client_id'), secret: str(args, 'client_secret') };
}

/** Answers oauth.v2.access (no bearer token involved). */
export function oauthV2Access(state: SlackState, now: number, args: Args, headers: Record<string, string>): SlackAnswer {
  const { config } = state;
  const creds = clientCredentials(args, headers);
  if (!creds.id || creds.id !== config.clientId) return fail('invalid_client_id');
  if (creds.secret !== config.clientSecret) return fail('bad_client_secret');
  const grant = str(args, 'grant_type');
  if (grant !== undefined && grant !== 'authorization_code') return fail('invalid_grant_type');
  const code = state.oauthCodes.get(str(args, 'code') ?? '');
  if (!code || code.used || now - code.issuedAt > OAUTH_CODE_TTL_MS) return fail('invalid_code');
  if (code.redirectUri !== undefined && str(args, 'redirect_uri') !== code.redirectUri) return fail('bad_redirect_uri');
  code.used = true;

  const botUserId = `UB${hex(4).toUpperCase()}`;
  const botId = `B${hex(4).toUpperCase()}`;
  const botToken = `xoxb-${code.team.id}-${hex(12)}`;
  const userId = code.userId ?? 'U_INSTALLER';
  state.tokens.set(botToken, {
    token: botToken,
    kind: 'bot',
    teamId: code.team.id,
    teamName: code.team.name,
    userId: botUserId,
    botId,
    ...(code.enterprise ? { enterpriseId: code.enterprise.id } : {}),
  });
  const authedUser: Record<string, unknown> = { id: userId };
  if (code.userScope) {
    const userToken = `xoxp-${code.team.id}-${hex(12)}`;
    state.tokens.set(userToken, { token: userToken, kind: 'user', teamId: code.team.id, teamName: code.team.name, userId });
    Object.assign(authedUser, { scope: code.userScope, access_token: userToken, token_type: 'user' });
  }
  return {
    ok: true,
    access_token: botToken,
    token_type: 'bot',
    scope: code.scope ?? 'commands,chat:write,users:read,im:write,files:read',
    bot_user_id: botUserId,
    app_id: config.appId,
    team: { id: code.team.id, name: code.team.name },
    enterprise: code.enterprise ? { id: code.enterprise.id, name: code.enterprise.name ?? '' } : null,
    authed_user: authedUser,
    is_enterprise_install: false,
  };
}
