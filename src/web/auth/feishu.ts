import { Hono } from 'hono';
import type { FeishuConfig } from '../../config.ts';
import { DomainError } from '../../domain/errors.ts';
import { assetUrl } from '../assets/serve.ts';
import { contentSecurityPolicy, FEISHU_SDK_ORIGIN, FEISHU_SDK_URL } from '../context/headers.ts';
import { kitOf, page } from '../context/render.ts';
import type { Sessions } from '../context/sessions.ts';
import type { WebEnv } from '../env.ts';
import { h } from '../render/html.ts';
import { safeNext } from './next.ts';

/** Open API base for the configured domain (`feishu`, `lark`, or a base URL such as a local fake). */
export function feishuBase(config: FeishuConfig): string {
  if (config.domain === 'feishu') return 'https://open.feishu.cn';
  if (config.domain === 'lark') return 'https://open.larksuite.com';
  return config.domain.replace(/\/+$/, '');
}

const TIMEOUT_MS = 8000;
const refused = () => new DomainError('unauthorized', 'error.unauthorized');

interface FeishuUser {
  openId: string;
  tenantKey: string;
  name: string;
  email: string | null;
}

/**
 * Exchanges an H5 authorization code (platform-facts §2.6): `authen/v2/oauth/token` with the
 * app's credentials, then `authen/v1/user_info` with the user token. A code that is wrong,
 * used or expired is `unauthorized` (401), never a 5xx.
 */
export async function exchangeFeishuCode(config: FeishuConfig, code: string): Promise<FeishuUser> {
  const base = feishuBase(config);
  const tokenRes = await fetch(`${base}/open-apis/authen/v2/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ grant_type: 'authorization_code', client_id: config.appId, client_secret: config.appSecret, code }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const token = (await tokenRes.json().catch(() => null)) as { code?: number; access_token?: string } | null;
  if (!tokenRes.ok || token?.code !== 0 || !token.access_token) {
    if (tokenRes.status >= 500) throw new Error(`Feishu token endpoint answered ${tokenRes.status}`);
    throw refused();
  }
  const infoRes = await fetch(`${base}/open-apis/authen/v1/user_info`, { headers: { authorization: `Bearer ${token.access_token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const info = (await infoRes.json().catch(() => null)) as { code?: number; data?: { open_id?: string; tenant_key?: string; name?: string; email?: string } } | null;
  const d = info?.data;
  if (!infoRes.ok || info?.code !== 0 || !d?.open_id || !d.tenant_key) throw refused();
  return { openId: d.open_id, tenantKey: d.tenant_key, name: d.name ?? '', email: d.email ?? null };
}

/** Feishu/Lark H5 sign-in: the page that asks the client for a code, and the exchange. */
export function feishuAuth(sessions: Sessions) {
  const app = new Hono<WebEnv>();

  app.use(async (c, next) => {
    if (!c.var.deps.config.feishu) throw new DomainError('platform_off', 'error.platform_off', { platform: 'Feishu' });
    await next();
  });

  app.get('/', (c) => {
    const kit = kitOf(c);
    const feishu = c.var.deps.config.feishu!;
    // The only page that loads a foreign script: Feishu's JSSDK, which provides tt.requestAccess.
    c.header('content-security-policy', contentSecurityPolicy([FEISHU_SDK_ORIGIN]));
    const msg = (k: string) => kit.t(`web.feishu.${k}`);
    const body = h`<div class="signin card" id="feishu-login" data-app-id="${feishu.appId}" data-next="${safeNext(c.req.query('next'))}"
 data-msg-exchanging="${msg('exchanging')}" data-msg-failed="${msg('failed')}" data-msg-refused="${msg('refused')}" data-msg-outside="${msg('outside')}">
<p id="feishu-status" role="status">${msg('starting')}</p></div>`;
    return page(c, { title: kit.t('web.feishu.title'), body, scripts: [FEISHU_SDK_URL, assetUrl('feishu-login.js')] });
  });

  app.post('/session', async (c) => {
    const { config, repos, log, clock } = c.var.deps;
    const body = (await c.req.json().catch(() => null)) as { code?: unknown } | null;
    const code = typeof body?.code === 'string' ? body.code.trim() : '';
    if (!code || code.length > 512) throw new DomainError('validation_failed', 'error.validation_failed', { count: 1 }, [{ field: 'code', key: 'web.auth.code_required' }]);
    const user = await exchangeFeishuCode(config.feishu!, code);
    // The tenant is vouched for by Feishu (the code was issued to our app in that tenant).
    const workspace = await repos.workspaces.ensure('feishu', user.tenantKey);
    const person = await repos.people.upsert(workspace.id, { platformUserId: user.openId, name: user.name, email: user.email });
    await sessions.start(c, config, log, { workspaceId: workspace.id, personId: person.id, via: 'feishu' }, clock.now().getTime());
    return c.json({ ok: true, next: '/app' });
  });

  return app;
}
