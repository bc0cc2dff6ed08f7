import { Hono } from 'hono';
import { webError } from '../context/errors.ts';
import { kitOf, page } from '../context/render.ts';
import type { Sessions } from '../context/sessions.ts';
import type { WebEnv } from '../env.ts';
import { h } from '../render/html.ts';
import { feishuAuth } from './feishu.ts';
import { localAuth } from './local.ts';
import { localSignInAllowed } from './local-access.ts';
import { safeNext } from './next.ts';
import { slackAuth } from './slack.ts';

/** /auth: the sign-in chooser, sign-out, and the three ways in (Feishu H5, Slack OIDC, local). */
export function authRoutes(sessions: Sessions) {
  const app = new Hono<WebEnv>();

  app.get('/signin', (c) => {
    const kit = kitOf(c);
    const { config } = c.var.deps;
    const next = encodeURIComponent(safeNext(c.req.query('next')));
    const options = [
      config.feishu ? h`<a class="button" href="/auth/feishu?next=${next}">${kit.t('web.signin.feishu')}</a><p class="muted small">${kit.t('web.signin.feishu_hint')}</p>` : '',
      config.slack?.oauth ? h`<a class="button" href="/auth/slack?next=${next}" data-testid="signin-slack">${kit.t('web.signin.slack')}</a>` : '',
      localSignInAllowed(c, c.var.deps) ? h`<a class="button secondary" href="/auth/local?next=${next}" data-testid="signin-local">${kit.t('web.signin.local')}</a><p class="muted small">${kit.t('web.signin.local_hint')}</p>` : '',
    ].filter(Boolean);
    const body = h`<section class="card signin">${options.length ? options : h`<p>${kit.t('web.signin.none')}</p>`}</section>`;
    return page(c, { title: kit.t('web.signin.title'), body });
  });

  app.post('/signout', (c) => {
    sessions.end(c, c.var.deps.config);
    return c.redirect('/auth/signin', 303);
  });

  app.route('/local', localAuth(sessions));
  app.route('/feishu', feishuAuth(sessions));
  app.route('/slack', slackAuth(sessions));
  app.onError(webError);
  return app;
}
