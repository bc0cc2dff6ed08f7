import type { Deps } from '../deps.ts';
import { consoleLog } from '../log.ts';
import type { App, WorkerEnv } from './worker-service.ts';

export type { WorkerEnv } from './worker-service.ts';

/**
 * The service (app, config, database, jobs) is imported on the isolate's first request or cron
 * event, not while it starts: a Worker's startup CPU is the evaluation of its global scope
 * (platform-facts §3). The build (src/entry/worker-bundle.mjs) makes the service and each
 * platform's SDK chunks of their own, so the start compiles only this module, and the first
 * event compiles and evaluates what it uses (a cold /outcome opens its modal in about 0.5 s,
 * well within a slash command's 3 s; bench/worker-start.ts).
 */
let service: Promise<typeof import('./worker-service.ts')> | undefined;
const loadService = () => (service ??= import('./worker-service.ts'));

/**
 * Built lazily inside the first request or cron event, never in global scope (platform-facts
 * §6: I/O is blocked there), then reused by the isolate while its env is the same object.
 */
let built: { env: WorkerEnv; deps: Promise<Deps>; app?: App } | undefined;

function depsFor(env: WorkerEnv): Promise<Deps> {
  if (built?.env !== env) built = { env, deps: loadService().then((s) => s.buildDeps(env)) };
  const current = built;
  // A failed build is not cached: the next request tries again (and reports again).
  current.deps.catch(() => {
    if (built === current) built = undefined;
  });
  return current.deps;
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const s = await loadService();
    let deps: Deps;
    try {
      deps = await depsFor(env);
    } catch (err) {
      consoleLog('error', 'configuration invalid', { error: String(err) });
      const message = err instanceof s.ConfigError ? err.message : 'The service could not start; see the logs.';
      return Response.json({ error: 'misconfigured', message }, { status: 500 });
    }
    const app = (built!.app ??= s.createApp(deps));
    // Deferred work starts once the response has left, as on Node (src/defer.ts).
    const sent = s.holdUntilSent(ctx);
    return sent(await app.fetch(request, env, ctx));
  },

  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const s = await loadService();
    const deps = await depsFor(env);
    ctx.waitUntil(s.runDueJobs(deps, new Date(controller.scheduledTime)).then(({ outbox, ...jobs }) => consoleLog('info', 'scheduled jobs done', { ...jobs, ...outbox })));
  },
} satisfies ExportedHandler<WorkerEnv>;
