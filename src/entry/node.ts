import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../app.ts';
import { createFolderBlobStore } from '../blobs/folder-store.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { openNodeDatabase } from '../db/migrate-node.ts';
import { closeClient } from '../db/file-client.ts';
import { createTrackedDefer } from '../defer.ts';
import { timerSleep } from '../delivery/drainer.ts';
import { createInboundGate } from '../delivery/inbound-gate.ts';
import { createDeps, systemClock, type Deps } from '../deps.ts';
import { runDueJobs } from '../jobs/run-due-jobs.ts';
import { consoleLog, type Log } from '../log.ts';
import { platformSenders } from '../platform-senders.ts';

/** How often the Node timer runs the scheduled jobs (Workers use the cron trigger). */
const JOB_INTERVAL_MS = 60_000;

/**
 * How long a client may take to send a request (Node's defaults are 5 minutes for the
 * whole request and 1 minute for the headers). Slack and Feishu send a few KB at once and
 * want an answer within 3 s; a body trickled one byte at a time is cut off with a 408.
 * Node checks these every `checkIntervalMs` (default 30 s), so that is lowered too.
 */
export interface ServerTimeouts {
  requestMs: number;
  headersMs: number;
  checkIntervalMs: number;
}
export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = { requestMs: 30_000, headersMs: 10_000, checkIntervalMs: 1_000 };

export interface NodeServer {
  url: string;
  deps: Deps;
  /** Stops accepting, waits for deferred work and running jobs, closes the database. */
  stop(): Promise<void>;
}

/**
 * Starts the service on Node: validated config, embedded (or remote) libsql with
 * migrations applied, the HTTP server, and the job timer.
 */
export async function startNodeServer(opts: { env: Record<string, string | undefined>; log?: Log; port?: number; jobIntervalMs?: number | null; hostname?: string; timeouts?: Partial<ServerTimeouts> }): Promise<NodeServer> {
  const log = opts.log ?? consoleLog;
  const config: Config = loadConfig(opts.env);
  const { db, client } = await openNodeDatabase(config.databaseUrl ?? 'file:./data/outcome.db', config.databaseAuthToken);
  const tracked = createTrackedDefer(log);
  const blobs = config.blobDir ? createFolderBlobStore(config.blobDir) : undefined;
  const inbound = createInboundGate({ sleep: timerSleep, clock: systemClock });
  const deps = createDeps({ config, runtime: 'node', db, defer: tracked.defer, log, platformSenders, blobs, inbound });
  const app = createApp(deps);
  // Counted from the request's start to its response: the drainer waits for a quiet moment.
  const fetch: typeof app.fetch = async (...args) => {
    const done = inbound.enter();
    try {
      return await app.fetch(...args);
    } finally {
      done();
    }
  };

  let jobs: Promise<unknown> = Promise.resolve();
  const tick = () => {
    // One run at a time: a slow run makes the next tick wait rather than overlap.
    jobs = jobs.then(() => runDueJobs(deps, undefined, { awaitDelivery: false })).catch((err: unknown) => log('error', 'scheduled jobs failed', { error: String(err) }));
  };
  const interval = opts.jobIntervalMs === null ? undefined : setInterval(tick, opts.jobIntervalMs ?? JOB_INTERVAL_MS);
  interval?.unref();

  const port = opts.port ?? config.port;
  const timeouts = { ...DEFAULT_SERVER_TIMEOUTS, ...opts.timeouts };
  const serverOptions = { requestTimeout: timeouts.requestMs, headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkIntervalMs };
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, port, hostname: opts.hostname ?? '0.0.0.0', serverOptions }, () => resolve(s));
  });
  const address = server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : port}`;
  // Rows left from before a restart go now, not at the first timer tick.
  deps.drainer.kick().catch((err: unknown) => log('error', 'outbox drain failed', { error: String(err) }));
  log('info', 'outcome started', { url, database: config.databaseUrl ?? 'file:./data/outcome.db', slack: Boolean(config.slack), feishu: Boolean(config.feishu) });

  let stopping: Promise<void> | undefined;
  return {
    url,
    deps,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(interval);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        // The drainer stops waiting; deferred kicks still make their pass.
        await deps.drainer.stop();
        await tracked.drain();
        await jobs;
        await deps.drainer.stop(); // a pass a last job kicked
        // Awaited: process.exit() right after would stop the database's threads inside SQLite.
        await closeClient(client);
        log('info', 'outcome stopped');
      })()),
  };
}

/** Starts the server from the process environment and shuts it down cleanly on SIGTERM / SIGINT (what `npm start` runs). */
export async function main(): Promise<void> {
  try {
    const node = await startNodeServer({ env: process.env });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        consoleLog('info', `${signal}: finishing deferred work`);
        node.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            consoleLog('error', 'shutdown failed', { error: String(err) });
            process.exit(1);
          },
        );
      });
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('src/entry/node.ts')) await main();
