import { Hono, type Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { Deps } from './deps.ts';
import type { WaitUntil } from './defer.ts';
import { describeError } from './errors.ts';
import { resolveLocale } from './i18n/index.ts';
import { feishuRoutes, type DispatcherFactory } from './feishu/routes.ts';
import { slackRoutes } from './slack/routes.ts';
import { health } from './web/health.ts';
import { webRoutes } from './web/routes.ts';

const PLATFORM_HELP = {
  slack: 'Slack is not configured on this server: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET).',
  feishu: 'Feishu/Lark is not configured on this server: set FEISHU_APP_ID, FEISHU_APP_SECRET, FEISHU_ENCRYPT_KEY and FEISHU_VERIFICATION_TOKEN.',
} as const;

function executionCtx(c: Context): WaitUntil | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined; // Node has no ExecutionContext.
  }
}

/**
 * Builds the HTTP app. It knows nothing about the runtime: everything comes in `deps`.
 * `feishuDispatcher` replaces how the Lark EventDispatcher is built (tests count the builds).
 */
export function createApp(deps: Deps, options: { feishuDispatcher?: DispatcherFactory } = {}) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('deps', deps);
    const ctx = executionCtx(c);
    // Deferred work waits for the handler to return: a task deferred before the handler's
    // last await (an outbox kick before the card is rendered) must not run ahead of the answer.
    let handled!: () => void;
    const done = new Promise<void>((resolve) => (handled = resolve));
    c.set('defer', (task) => deps.defer(() => done.then(task), ctx));
    try {
      await next();
    } finally {
      handled();
    }
  });

  app.route('/healthz', health);
  for (const platform of ['slack', 'feishu'] as const) {
    app.all(`/${platform}/*`, async (c, next) => {
      if (!deps.config[platform]) return c.json({ error: 'platform_off', message: PLATFORM_HELP[platform] }, 404);
      await next();
    });
  }
  app.route('/slack', slackRoutes());
  app.route('/feishu', feishuRoutes(options.feishuDispatcher));
  app.route('/', webRoutes());
  app.get('/', (c) => c.redirect('/app'));

  app.notFound((c) => c.json({ error: 'not_found', message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  app.onError((err, c) => {
    const view = describeError(err, resolveLocale(c.req.header('accept-language'), deps.config.defaultLocale));
    if (view.status >= 500) deps.log('error', 'request failed', { ref: view.ref, path: c.req.path, error: String(err.stack ?? err) });
    return c.json({ error: view.code, message: view.message, ...(view.fields ? { fields: view.fields } : {}) }, view.status as 400);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
