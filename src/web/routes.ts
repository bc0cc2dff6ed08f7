import { Hono, type MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { DomainError } from '../domain/errors.ts';
import { AUTH_BODY_LIMIT, bodyLimit } from '../security/body-limit.ts';
import { apiRoutes } from './api/routes.ts';
import { assetRoutes, assetUrl } from './assets/serve.ts';
import { authRoutes } from './auth/routes.ts';
import { securityHeaders } from './context/headers.ts';
import { langCookie, pickLocale } from './context/locale.ts';
import { createSessions, type Sessions } from './context/sessions.ts';
import { loadViewer } from './context/viewer.ts';
import type { WebEnv } from './env.ts';
import { t } from '../i18n/index.ts';
import { pageRoutes } from './pages/routes.ts';

const AREAS = ['/app/*', '/api/*', '/auth/*'] as const;

/** Chooses the reader's language before anything renders (refined once the viewer is known). */
const locale: MiddlewareHandler<WebEnv> = async (c, next) => {
  c.set('locale', pickLocale(c, null, c.var.deps.config.defaultLocale));
  const remember = langCookie(c);
  if (remember) c.header('set-cookie', remember, { append: true });
  await next();
};

/**
 * Cross-site form posts are refused (Origin must be this server or PUBLIC_URL); JSON needs a
 * CORS preflight we never grant, and the session cookie is SameSite=Lax besides.
 */
export const sameOrigin: MiddlewareHandler<WebEnv> = async (c, next) => {
  // hono/csrf as a check only: its refusal (an HTTPException) becomes the app's own `forbidden`.
  let allowed = false;
  const check = csrf({ origin: (origin, ctx) => origin === new URL(ctx.req.url).origin || origin === new URL(c.var.deps.config.publicUrl).origin });
  await check(c, async () => void (allowed = true)).catch(() => undefined);
  if (!allowed) throw new DomainError('forbidden', 'error.forbidden');
  await next();
};

/** Pages redirect to sign-in; the API answers 401 JSON. Either way the viewer is fresh from the database. */
function requireViewer(sessions: Sessions, kind: 'page' | 'api'): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (c.req.path.startsWith('/app/assets/')) return next();
    const { deps } = c.var;
    const session = await sessions.read(c, deps.config, deps.log, deps.clock.now().getTime());
    const viewer = session ? await loadViewer(deps.db, session) : null;
    if (!viewer) {
      if (session) sessions.end(c, deps.config);
      if (kind === 'api') return c.json({ error: 'unauthorized', message: t(c.var.locale, 'error.unauthorized') }, 401);
      const url = new URL(c.req.url);
      return c.redirect(`/auth/signin?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
    }
    c.set('viewer', viewer);
    c.set('locale', pickLocale(c, viewer.person.locale, viewer.workspace.settings.locale));
    await next();
  };
}

/** The mini-app (/app/*), its REST API (/api/*) and sign-in (/auth/*). */
export function webRoutes() {
  const sessions = createSessions();
  const app = new Hono<WebEnv>();
  for (const area of AREAS) app.use(area, securityHeaders, locale, sameOrigin);
  // Sign-in posts are read before there is a session to check, so their size is bounded first.
  app.use('/auth/*', bodyLimit(AUTH_BODY_LIMIT));
  app.route('/app/assets', assetRoutes);
  // Browsers ask for /favicon.ico whatever the page says; answer with the app icon.
  app.get('/favicon.ico', (c) => c.redirect(assetUrl('icon.svg'), 301));
  app.route('/auth', authRoutes(sessions));
  app.use('/app/*', requireViewer(sessions, 'page'));
  app.use('/api/*', requireViewer(sessions, 'api'));
  app.route('/app', pageRoutes());
  app.route('/api', apiRoutes());
  return app;
}
