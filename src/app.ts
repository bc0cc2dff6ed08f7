import { Hono, type ErrorHandler, type NotFoundHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { forRequest, type Deps } from './deps.ts';
import { logDeferredFailure } from './defer.ts';
import { describeError } from './errors.ts';
import type { DispatcherFactory } from './feishu/inbound/routes.ts';
import { resolveLocale } from './i18n/index.ts';
import { executionCtx, lazyRoutes } from './lazy-routes.ts';
import { platformOffBody } from './platform-off.ts';
import { requestLog } from './request-log.ts';
import { slackManifest } from './slack/inbound/manifest.ts';
import { depsBySurface } from './surface-via.ts';
import { health } from './web/health.ts';
import { webRoutes } from './web/routes.ts';

/**
 * Builds the HTTP app. It knows nothing about the runtime: everything comes in `deps`.
 * `feishuDispatcher` replaces how the Lark EventDispatcher is built (tests count the builds).
 */
export function createApp(deps: Deps, options: { feishuDispatcher?: DispatcherFactory } = {}) {
  // Each platform's routes, imported only when it is configured (they load its SDK).
  const platformRoutes = {
    slack: () => import('./slack/inbound/routes.ts').then((m) => m.slackRoutes()),
    feishu: () => import('./feishu/inbound/routes.ts').then((m) => m.feishuRoutes(options.feishuDispatcher)),
  } as const;
  const app = new Hono<AppEnv>();
  // Each surface's handlers see the verbs' `via` (chat, web, api) that the audit trail records,
  // and each request its own deps, whose log lines and outbox rows carry its id.
  const surfaceDeps = depsBySurface(deps);
  app.use(requestLog(deps.log));
  app.use(async (c, next) => {
    const requestDeps = forRequest(surfaceDeps(c.req.path), c.var.request);
    c.set('deps', requestDeps);
    const ctx = executionCtx(c);
    // Deferred work waits for the handler to return: a task deferred before the handler's
    // last await (an outbox kick before the card is rendered) must not run ahead of the answer.
    let handled!: () => void;
    const done = new Promise<void>((resolve) => (handled = resolve));
    // A failure is logged with the request's id, like everything else the task logs.
    c.set('defer', (task) => deps.defer(() => done.then(task).catch(logDeferredFailure(requestDeps.log)), ctx));
    try {
      await next();
    } finally {
      handled();
    }
  });

  const notFound: NotFoundHandler<AppEnv> = (c) => c.json({ error: 'not_found', message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}` }, 404);
  const onError: ErrorHandler<AppEnv> = (err, c) => {
    const view = describeError(err, resolveLocale(c.req.header('accept-language'), deps.config.defaultLocale));
    if (view.status >= 500) (c.var.deps ?? deps).log('error', 'request failed', { ref: view.ref, path: c.req.path, error: String(err.stack ?? err) });
    return c.json({ error: view.code, message: view.message, ...(view.fields ? { fields: view.fields } : {}) }, view.status as 400);
  };

  app.route('/healthz', health);
  // Before the gate: the manifest creates the Slack app whose credentials switch Slack on.
  app.get('/slack/manifest', (c) => c.json(slackManifest(deps.config.publicUrl)));
  for (const platform of ['slack', 'feishu'] as const) {
    const on = Boolean(deps.config[platform]);
    // Loaded on the platform's first request (a few hundred ms on Node, inside Slack's 3 s), so an
    // idle service holds neither SDK.
    const routes = lazyRoutes({ prefix: `/${platform}`, load: platformRoutes[platform], onError, notFound });
    app.all(`/${platform}/*`, async (c) => (on ? routes(c) : c.json(platformOffBody(platform, deps.config.publicUrl), 404)));
  }
  // Webhook receivers on their first delivery (their payload schemas bring zod).
  const hooks = lazyRoutes({ prefix: '/hooks', load: async () => (await import('./hooks/routes.ts')).hookRoutes(), onError, notFound });
  app.all('/hooks/*', hooks);
  // The public API first: its routes answer before the mini-app's /api/* session gate. Loaded
  // on its first request: @hono/zod-openapi and the document's schemas are start time and
  // memory every process would pay for (issue 14), and an API client waits once.
  // (ApiEnv only adds the variables its own middleware sets, so it mounts like any AppEnv app.)
  const api = lazyRoutes({ prefix: '/api', load: async () => (await import('./api/app.ts')).publicApi() as unknown as Hono<AppEnv>, onError, notFound });
  app.all('/api/v1/*', api);
  app.get('/api/openapi.json', api);
  app.route('/', webRoutes());
  app.get('/', (c) => c.redirect('/app'));

  app.notFound(notFound);
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
