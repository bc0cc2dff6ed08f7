import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { Log } from './log.ts';
import { requestIdFrom, type RequestContext } from './request-context.ts';

/**
 * First middleware of the app: gives every request an id (the caller's `x-request-id` when it
 * is a sane token), returns it in the `x-request-id` header, puts its context on
 * `c.var.request` (from which the next middleware makes the request's own deps, whose log lines
 * and outbox rows carry the id), and writes one JSON access log line: method, path (never the
 * query string, which can hold codes and tokens), status, ms, workspace.
 */
export function requestLog(log: Log): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ctx: RequestContext = { requestId: requestIdFrom(c.req.header('x-request-id')) };
    c.set('request', ctx);
    const started = performance.now();
    await next();
    c.header('x-request-id', ctx.requestId);
    log('info', 'request', {
      requestId: ctx.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      workspace: ctx.workspace ?? null,
    });
  };
}
