import type { Deps } from './deps-types.ts';
import type { RequestContext } from './request-context.ts';

// A leaf: every route module imports this type, and app.ts imports every route module.

/** The one Hono environment type: deps on c.var, bindings untyped (entries own them). */
export interface AppEnv {
  Variables: {
    /** This request's deps (forRequest in src/deps.ts: its log lines and outbox rows carry its id). */
    deps: Deps;
    /** Work after the response, bound to this request's lifetime; its failure is logged with the request's id. */
    defer: (task: () => Promise<unknown>) => void;
    /** This request's id and workspace (src/request-log.ts). */
    request: RequestContext;
  };
}
