/**
 * Tokens and identity (platform-facts §2.5, §2.6): tenant_access_token (flat body, HTTP 200
 * even for bad credentials — the SDK's token manager expects exactly that), OAuth v2 code
 * exchange (single-use 3-minute codes), authen/v1/user_info and contact/v3/users/:user_id.
 */
import { hex } from '../shared/ids.ts';
import { CODES, fieldInvalid, larkFail, ok, type Reply } from './reply.ts';
import { bodyObject, type Route, type RouteCtx } from './route-kit.ts';
import { AUTH_CODE_TTL_MS } from './state.ts';

const USER_TOKEN_TTL_S = 7200;

function tenantAccessToken(ctx: RouteCtx): Reply {
  const { app_id: appId, app_secret: appSecret } = bodyObject(ctx.json);
  const { config } = ctx.state;
  if (appId !== config.appId) return { status: 200, body: { code: CODES.appIdInvalid, msg: 'invalid param: app_id' } };
  if (appSecret !== config.appSecret) return { status: 200, body: { code: CODES.appSecretInvalid, msg: 'app secret invalid' } };
  const { token, expire } = ctx.state.tenantToken(ctx.now);
  return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire } };
}

/** OAuth-style error of the v2 token endpoint: `{ code, error, error_description }` (codes unverified). */
function oauthFail(code: number, error: string, description: string): Reply {
  return { status: 400, body: { code, error, error_description: description } };
}

function oauthToken(ctx: RouteCtx): Reply {
  const body = bodyObject(ctx.json);
  const { config } = ctx.state;
  if (body.grant_type !== 'authorization_code') return oauthFail(20001, 'unsupported_grant_type', 'grant_type must be authorization_code');
  if (body.client_id !== config.appId || body.client_secret !== config.appSecret) {
    return oauthFail(20002, 'invalid_client', 'client_id or client_secret is invalid');
  }
  const code = typeof body.code === 'string' ? ctx.state.authCodes.get(body.code) : undefined;
  if (!code || code.used) return oauthFail(20003, 'invalid_grant', 'The code is invalid or has been used');
  if (ctx.now - code.issuedAt > AUTH_CODE_TTL_MS) return oauthFail(20004, 'invalid_grant', 'The code has expired');
  if (code.redirectUri !== undefined && body.redirect_uri !== code.redirectUri) {
    return oauthFail(20003, 'invalid_grant', 'redirect_uri does not match');
  }
  code.used = true;
  const accessToken = `u-${hex(20)}`;
  ctx.state.userTokens.set(accessToken, { openId: code.openId, expiresAt: ctx.now + USER_TOKEN_TTL_S * 1000 });
  const offline = (code.scope ?? '').split(/\s+/).includes('offline_access');
  return {
    status: 200,
    body: {
      code: 0,
      access_token: accessToken,
      expires_in: USER_TOKEN_TTL_S,
      ...(offline ? { refresh_token: `ur-${hex(20)}`, refresh_token_expires_in: 604_800 } : {}),
      scope: code.scope ?? '',
      token_type: 'Bearer',
    },
  };
}

function userInfo(ctx: RouteCtx): Reply {
  const user = ctx.userOpenId ? ctx.state.findUser(ctx.userOpenId, 'open_id') : undefined;
  if (!user) return larkFail(CODES.userTokenInvalid, 'Invalid access token for authorization. Please make a request with token attached.');
  return ok({
    name: user.name ?? user.open_id,
    en_name: user.en_name ?? user.name ?? user.open_id,
    avatar_url: `https://fake.feishu.cn/avatar/${user.open_id}`,
    open_id: user.open_id,
    union_id: user.union_id ?? '',
    ...(user.email ? { email: user.email } : {}),
    ...(user.user_id ? { user_id: user.user_id } : {}),
    tenant_key: ctx.state.config.tenantKey,
  });
}

function contactUser(ctx: RouteCtx): Reply {
  const idType = ctx.query.get('user_id_type') ?? 'open_id';
  if (idType !== 'open_id' && idType !== 'union_id' && idType !== 'user_id') return fieldInvalid('user_id_type', 'user_id_type must be open_id|union_id|user_id');
  const user = ctx.state.findUser(ctx.params.user_id ?? '', idType);
  if (!user) return larkFail(CODES.noUserAuthority, 'no user authority error');
  const leader = user.leader_user_id ? ctx.state.findUser(user.leader_user_id, 'open_id') : undefined;
  const leaderId = leader ? ctx.state.idOf(leader, idType) : idType === 'open_id' ? user.leader_user_id : undefined;
  return ok({
    user: {
      open_id: user.open_id,
      ...(user.union_id ? { union_id: user.union_id } : {}),
      ...(user.user_id && idType === 'user_id' ? { user_id: user.user_id } : {}),
      name: user.name ?? user.open_id,
      en_name: user.en_name ?? '',
      ...(user.email ? { email: user.email } : {}),
      avatar: { avatar_72: `https://fake.feishu.cn/avatar/${user.open_id}?s=72` },
      status: { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false },
      department_ids: user.department_ids ?? ['0'],
      ...(leaderId ? { leader_user_id: leaderId } : {}),
      ...(user.time_zone ? { time_zone: user.time_zone } : {}),
      ...(user.is_tenant_manager !== undefined ? { is_tenant_manager: user.is_tenant_manager } : {}),
    },
  });
}

/** Token endpoints, user_info and contact user lookup. */
export const authRoutes: Route[] = [
  { method: 'POST', pattern: '/open-apis/auth/v3/tenant_access_token/internal', auth: 'none', handle: tenantAccessToken },
  { method: 'POST', pattern: '/open-apis/authen/v2/oauth/token', auth: 'none', handle: oauthToken },
  { method: 'GET', pattern: '/open-apis/authen/v1/user_info', auth: 'user', handle: userInfo },
  { method: 'GET', pattern: '/open-apis/contact/v3/users/:user_id', auth: 'any', handle: contactUser },
];
