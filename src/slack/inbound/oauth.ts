import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../app-env.ts';
import { saveInstallation } from '../../db/queries/workspaces.ts';
import type { Locale } from '../../domain/types.ts';
import { resolveLocale, t } from '../../i18n/index.ts';
import { sealSecret } from '../../security/secret-box.ts';
import { tokenContext } from '../adapter/installation.ts';
import { BOT_SCOPES } from './manifest.ts';
import { checkState, issueState, STATE_COOKIE, STATE_TTL_MS } from './oauth-state.ts';
import { createWebClient } from '../adapter/web-client.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A small HTML page for the browser that went through the install. */
function page(c: Context<AppEnv>, status: 200 | 400 | 404 | 502, locale: Locale, title: string, message: string) {
  const html = `<!DOCTYPE html><html lang="${locale}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><h1>${escapeHtml(title)}</h1><p>${message}</p></body></html>`;
  return c.html(html, status);
}

const localeOf = (c: Context<AppEnv>) => resolveLocale(c.req.header('accept-language'), c.var.deps.config.defaultLocale);
const redirectUri = (c: Context<AppEnv>) => `${c.var.deps.config.publicUrl}/slack/oauth_redirect`;

/** Without SLACK_CLIENT_ID/SECRET the server runs for one workspace and has nothing to install. */
function oauthOff(c: Context<AppEnv>) {
  const locale = localeOf(c);
  return page(c, 404, locale, t(locale, 'slack.install.title'), escapeHtml(t(locale, 'slack.install.off')));
}

/** GET /slack/install: a single-use state in a cookie and the URL, then Slack's consent screen. */
export async function handleInstall(c: Context<AppEnv>) {
  const { config } = c.var.deps;
  if (!config.slack?.oauth || !config.appSecret) return oauthOff(c);
  const state = await issueState(config.appSecret, Date.now());
  setCookie(c, STATE_COOKIE, state, { httpOnly: true, secure: config.publicUrl.startsWith('https:'), sameSite: 'Lax', path: '/slack', maxAge: STATE_TTL_MS / 1000 });
  // GovSlack and tests use another API host; the consent page lives beside its /api/.
  const url = new URL('../oauth/v2/authorize', config.slack.apiUrl);
  url.search = new URLSearchParams({ client_id: config.slack.oauth.clientId, scope: BOT_SCOPES.join(','), user_scope: '', redirect_uri: redirectUri(c), state }).toString();
  return c.redirect(url.toString(), 302);
}

/**
 * GET /slack/oauth_redirect: checks the state (cookie, signature, expiry, single use),
 * exchanges the code with oauth.v2.access, and stores the bot token encrypted for that
 * team, with the installer recorded (an admin from then on).
 */
export async function handleOAuthRedirect(c: Context<AppEnv>) {
  const deps = c.var.deps;
  const { config } = deps;
  const locale = localeOf(c);
  if (!config.slack?.oauth || !config.appSecret) return oauthOff(c);
  const title = t(locale, 'slack.install.title');
  const again = `<a href="${escapeHtml(`${config.publicUrl}/slack/install`)}">${escapeHtml(t(locale, 'slack.install.again'))}</a>`;
  if (c.req.query('error')) return page(c, 200, locale, title, `${escapeHtml(t(locale, 'slack.install.cancelled'))} ${again}`);
  const state = await checkState(config.appSecret, c.req.query('state'), getCookie(c, STATE_COOKIE), Date.now());
  const code = c.req.query('code');
  if (!state.ok || !code) return page(c, 400, locale, title, `${escapeHtml(t(locale, 'slack.install.state_invalid'))} ${again}`);
  deleteCookie(c, STATE_COOKIE, { path: '/slack' });

  let access;
  try {
    const client = createWebClient(undefined, config.slack, deps.log);
    access = await client.oauth.v2.access({ client_id: config.slack.oauth.clientId, client_secret: config.slack.oauth.clientSecret, code, redirect_uri: redirectUri(c) });
  } catch (err) {
    const error = (err as { data?: { error?: string } }).data?.error;
    deps.log('warn', 'oauth.v2.access failed', { error: error ?? String(err) });
    return page(c, error ? 400 : 502, locale, title, `${escapeHtml(t(locale, 'slack.install.failed', { error: error ?? 'unreachable' }))} ${again}`);
  }
  const teamId = access.team?.id;
  const installer = access.authed_user?.id;
  if (!teamId || !access.access_token || !installer) return page(c, 502, locale, title, escapeHtml(t(locale, 'slack.install.failed', { error: 'incomplete_response' })));

  const now = deps.clock.now();
  const workspace = await deps.repos.workspaces.ensure('slack', teamId, { name: access.team?.name ?? '' });
  // Single use: the nonce is remembered once the team is known; a replayed state stores nothing.
  if (!(await deps.repos.events.firstTime(workspace.id, 'slack_oauth_state', state.nonce, now)))
    return page(c, 400, locale, title, `${escapeHtml(t(locale, 'slack.install.state_invalid'))} ${again}`);
  const botTokenEnc = await sealSecret(config.appSecret, access.access_token, tokenContext(teamId));
  await saveInstallation(deps.db, workspace.id, { name: access.team?.name ?? workspace.name, botTokenEnc, botUserId: access.bot_user_id ?? null, installedBy: installer, at: now });
  deps.log('info', 'slack workspace installed', { team: teamId, installer });
  return page(c, 200, locale, title, escapeHtml(t(locale, 'slack.install.done', { team: access.team?.name ?? teamId })));
}
