import { Hono } from 'hono';
import type { SlackConfig } from '../../config.ts';
import { DomainError } from '../../domain/errors.ts';
import { resolveLocale } from '../../i18n/index.ts';
import { cookieHeader, createSignedCodec, readCookie } from '../../security/session.ts';
import { isHttps, type Sessions } from '../context/sessions.ts';
import type { WebEnv } from '../env.ts';
import { safeNext } from './next.ts';

/** Holds state, nonce and where to return, signed, for the 10 minutes a sign-in may take. */
const STATE_COOKIE = 'outcome_oidc';
const STATE_TTL_MS = 10 * 60_000;
const TIMEOUT_MS = 8000;

interface OidcState {
  state: string;
  nonce: string;
  next: string;
  exp: number;
}
const isState = (x: unknown): x is OidcState => {
  const s = x as Record<string, unknown> | null;
  return !!s && typeof s.state === 'string' && typeof s.nonce === 'string' && typeof s.next === 'string' && typeof s.exp === 'number';
};

const random = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
const refused = () => new DomainError('unauthorized', 'error.unauthorized');

/** Slack's OIDC endpoints next to the Web API base (https://slack.com/api/ → https://slack.com/openid/connect/authorize). */
export const slackAuthorizeUrl = (apiUrl: string): string => new URL('../openid/connect/authorize', apiUrl).href;

/** The id_token's claims. It came straight from Slack's token endpoint over TLS, which vouches for it (OIDC Core §3.1.3.7). */
function claims(idToken: unknown): Record<string, unknown> | null {
  if (typeof idToken !== 'string') return null;
  const part = idToken.split('.')[1];
  if (!part) return null;
  try {
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function slackCall(slack: SlackConfig, method: string, init: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(new URL(method, slack.apiUrl), { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (res.status >= 500) throw new Error(`Slack ${method} answered ${res.status}`);
  return ((await res.json().catch(() => null)) as Record<string, unknown> | null) ?? {};
}

/**
 * Single-workspace mode (SLACK_BOT_TOKEN, with the same app's client id and secret for
 * sign-in): whether `teamId` is the bot token's team, as auth.test says. A person of another
 * team (the app distributed, say) is not let in just because the token exists.
 */
async function isBotTeam(slack: SlackConfig, teamId: string): Promise<boolean> {
  if (!slack.botToken) return false;
  const me = await slackCall(slack, 'auth.test', { method: 'POST', headers: { authorization: `Bearer ${slack.botToken}` } });
  return me.ok === true && me.team_id === teamId;
}

/**
 * Sign in with Slack (OpenID Connect, platform-facts §1.9): redirect to Slack with a fresh
 * state and nonce; on return check the state against the signed cookie (single use), exchange
 * the code at openid.connect.token, check the id_token's nonce and audience, and read the
 * person from openid.connect.userInfo. Needs SLACK_CLIENT_ID/SECRET: the OAuth install's, or in
 * single-workspace mode those of the same app as SLACK_BOT_TOKEN.
 */
export function slackAuth(sessions: Sessions) {
  const app = new Hono<WebEnv>();
  let codec: ReturnType<typeof createSignedCodec<OidcState>> | undefined;
  const states = (secret: string | undefined) => (codec ??= createSignedCodec<OidcState>(secret, 'outcome/oidc/v1', isState));

  app.use(async (c, next) => {
    if (!c.var.deps.config.slack?.oauth) throw new DomainError('platform_off', 'error.platform_off', { platform: 'Slack' });
    await next();
  });

  app.get('/', async (c) => {
    const { config, clock } = c.var.deps;
    const slack = config.slack!;
    const s: OidcState = { state: random(), nonce: random(), next: safeNext(c.req.query('next')), exp: clock.now().getTime() + STATE_TTL_MS };
    c.header('set-cookie', cookieHeader(STATE_COOKIE, await (await states(config.appSecret)).seal(s), { secure: isHttps(c, config), maxAgeSeconds: STATE_TTL_MS / 1000 }));
    const url = new URL(slackAuthorizeUrl(slack.apiUrl));
    url.search = new URLSearchParams({ response_type: 'code', scope: 'openid profile email', client_id: slack.oauth!.clientId, state: s.state, nonce: s.nonce, redirect_uri: `${config.publicUrl}/auth/slack/callback` }).toString();
    return c.redirect(url.href, 302);
  });

  app.get('/callback', async (c) => {
    const { config, repos, clock, log } = c.var.deps;
    const slack = config.slack!;
    const saved = await (await states(config.appSecret)).open(readCookie(c.req.header('cookie'), STATE_COOKIE), clock.now().getTime());
    // The state cookie is single use: a replayed callback finds none.
    c.header('set-cookie', cookieHeader(STATE_COOKIE, '', { secure: isHttps(c, config), maxAgeSeconds: 0 }), { append: true });
    const code = c.req.query('code');
    if (!saved || c.req.query('state') !== saved.state || !code) throw refused();
    const token = await slackCall(slack, 'openid.connect.token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: slack.oauth!.clientId, client_secret: slack.oauth!.clientSecret, code, redirect_uri: `${config.publicUrl}/auth/slack/callback` }).toString(),
    });
    const idClaims = claims(token.id_token);
    if (token.ok !== true || typeof token.access_token !== 'string' || !idClaims || idClaims.nonce !== saved.nonce || idClaims.aud !== slack.oauth!.clientId) throw refused();
    const info = await slackCall(slack, 'openid.connect.userInfo', { method: 'POST', headers: { authorization: `Bearer ${token.access_token}` } });
    const teamId = info['https://slack.com/team_id'];
    const userId = info['https://slack.com/user_id'];
    if (info.ok !== true || typeof teamId !== 'string' || typeof userId !== 'string' || info.sub !== idClaims.sub) throw refused();
    // Only workspaces where Outcome is installed; in single-workspace mode the bot token's own
    // team is created on first sight (someone may sign in before the app's first event).
    const workspace = (await repos.workspaces.byExternalId('slack', teamId)) ?? ((await isBotTeam(slack, teamId)) ? await repos.workspaces.ensure('slack', teamId) : null);
    if (!workspace) throw new DomainError('forbidden', 'web.auth.not_installed');
    const locale = typeof info.locale === 'string' ? resolveLocale(info.locale, config.defaultLocale) : undefined;
    const person = await repos.people.upsert(workspace.id, { platformUserId: userId, name: typeof info.name === 'string' ? info.name : '', email: typeof info.email === 'string' ? info.email : null, ...(locale ? { locale } : {}) });
    await sessions.start(c, config, log, { workspaceId: workspace.id, personId: person.id, via: 'slack' }, clock.now().getTime());
    return c.redirect(saved.next, 302);
  });

  return app;
}
