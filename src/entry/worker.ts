import { createClient } from '@libsql/client/web';
import { createApp, type App } from '../app.ts';
import { createR2BlobStore } from '../blobs/r2-store.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { d1Db } from '../db/d1.ts';
import { libsqlDb } from '../db/libsql.ts';
import { createWaitUntilDefer, holdUntilSent } from '../defer.ts';
import { createDeps, type Deps } from '../deps.ts';
import { runDueJobs } from '../jobs/run-due-jobs.ts';
import { consoleLog } from '../log.ts';
import { platformSenders } from '../platform-senders.ts';
// The platform modules that app.ts and deps.ts import lazily on Node, loaded with the isolate
// here: a cold isolate then never loads Bolt inside a slash command's 3 s (under
// vitest-pool-workers each module comes through Vite and takes seconds). Moving them behind the
// first platform request is the next step for the Worker's startup CPU.
import '../feishu/inbound/routes.ts';
import '../feishu/adapter/sender.ts';
import '../slack/inbound/routes.ts';
import '../slack/adapter/sender.ts';

export interface WorkerEnv {
  DB?: D1Database;
  /** Optional R2 bucket for uploaded evidence files; without it file upload is not offered. */
  EVIDENCE?: R2Bucket;
  [name: string]: unknown;
}

/**
 * Built lazily inside the first request or cron event, never in global scope (platform-facts
 * §6: I/O is blocked there), then reused by the isolate while its env is the same object.
 */
let built: { env: WorkerEnv; deps: Promise<Deps>; app?: App } | undefined;

async function buildDeps(env: WorkerEnv): Promise<Deps> {
  const config = loadConfig(env);
  const db = config.databaseUrl
    ? await libsqlDb(createClient({ url: config.databaseUrl, authToken: config.databaseAuthToken }), { local: false })
    : env.DB
      ? d1Db(env.DB)
      : (() => {
          throw new ConfigError('DB: bind a D1 database named DB in wrangler.toml, or set DATABASE_URL to a remote libsql database');
        })();
  return createDeps({ config, runtime: 'workers', db, defer: createWaitUntilDefer(consoleLog), log: consoleLog, platformSenders, blobs: env.EVIDENCE ? createR2BlobStore(env.EVIDENCE) : undefined });
}

function depsFor(env: WorkerEnv): Promise<Deps> {
  if (built?.env !== env) built = { env, deps: buildDeps(env) };
  const current = built;
  // A failed build is not cached: the next request tries again (and reports again).
  current.deps.catch(() => {
    if (built === current) built = undefined;
  });
  return current.deps;
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    let deps: Deps;
    try {
      deps = await depsFor(env);
    } catch (err) {
      consoleLog('error', 'configuration invalid', { error: String(err) });
      const message = err instanceof ConfigError ? err.message : 'The service could not start; see the logs.';
      return Response.json({ error: 'misconfigured', message }, { status: 500 });
    }
    const app = (built!.app ??= createApp(deps));
    // Deferred work starts once the response has left, as on Node (src/defer.ts).
    const sent = holdUntilSent(ctx);
    return sent(await app.fetch(request, env, ctx));
  },

  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const deps = await depsFor(env);
    ctx.waitUntil(runDueJobs(deps, new Date(controller.scheduledTime)).then(({ outbox, ...jobs }) => consoleLog('info', 'scheduled jobs done', { ...jobs, ...outbox })));
  },
} satisfies ExportedHandler<WorkerEnv>;
