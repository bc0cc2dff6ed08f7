import { Hono, type Context, type ErrorHandler, type NotFoundHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

/** A request's outer context, so the lazily built app sees the same variables (deps, defer, request id). */
const outer = new WeakMap<Request, Context<AppEnv>>();

/** Node has no ExecutionContext; Hono throws when asked for it. */
export function executionCtx(c: Context): Context['executionCtx'] | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

/**
 * A handler for `prefix/*` whose routes come from a module loaded by `load`, at most once.
 * A platform's routes import its SDK (Bolt, the Lark SDK: most of the start time and memory),
 * so the app imports them only for a platform that is configured, on its first request (tens of
 * ms from the bundle; bench/start.ts, bench/worker-start.ts: well inside Slack's 3 seconds).
 */
export function lazyRoutes(opts: {
  prefix: string;
  load: () => Promise<Hono<AppEnv>>;
  onError: ErrorHandler<AppEnv>;
  notFound: NotFoundHandler<AppEnv>;
}) {
  let built: Promise<Hono<AppEnv>> | undefined;
  const build = () =>
    (built ??= opts.load().then((routes) => {
      const app = new Hono<AppEnv>();
      app.use(async (c, next) => {
        for (const [name, value] of Object.entries(outer.get(c.req.raw)?.var ?? {})) c.set(name as keyof AppEnv['Variables'], value as never);
        await next();
      });
      app.route(opts.prefix, routes);
      app.onError(opts.onError);
      app.notFound(opts.notFound);
      return app;
    }, (err: unknown) => {
      // A failed load is not kept: the next request tries again (and reports again).
      built = undefined;
      throw err;
    }));
  return async (c: Context<AppEnv>) => {
    const app = await build();
    outer.set(c.req.raw, c);
    return app.fetch(c.req.raw, c.env, executionCtx(c));
  };
}
