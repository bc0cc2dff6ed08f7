import { createClient } from '@libsql/client/web';
import { createR2BlobStore } from '../blobs/r2-store.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { d1Db } from '../db/d1.ts';
import { libsqlDb } from '../db/libsql.ts';
import { createWaitUntilDefer } from '../defer.ts';
import { createDeps, type Deps } from '../deps.ts';
import { consoleLog } from '../log.ts';
import { platformSenders } from '../platform-senders.ts';

export { createApp, type App } from '../app.ts';
export { ConfigError } from '../config.ts';
export { holdUntilSent } from '../defer.ts';
export { runDueJobs } from '../jobs/run-due-jobs.ts';

/** The Worker's bindings: D1 as `DB`, the rest are the variables of design.md §6. */
export interface WorkerEnv {
  DB?: D1Database;
  /** Optional R2 bucket for uploaded evidence files; without it file upload is not offered. */
  EVIDENCE?: R2Bucket;
  [name: string]: unknown;
}

/** The service's dependencies on Workers: validated config, D1 (or remote libsql), waitUntil-deferred work. */
export async function buildDeps(env: WorkerEnv): Promise<Deps> {
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
