import type { Deps } from './deps-types.ts';
import type { RequestContext } from './request-context.ts';

// A leaf: every route module imports this type, and app.ts imports every route module.

/** The one Hono environment type: deps on c.var, bindings untyped (entries own them). */
export interface AppEnv {
  Variables: {
    deps: Deps;
    /** Work after the response, bound to this request's lifetime (and carrying its request id). */
    defer: (task: () => Promise<unknown>) => void;
    /** This request's id and workspace (src/request-log.ts). */
    request: RequestContext;
  };
}
