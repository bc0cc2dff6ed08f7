import { Hono } from 'hono';
import pkg from '../../package.json' with { type: 'json' };
import type { AppEnv } from '../app-env.ts';
import { pingDatabase } from '../db/queries/health.ts';

/** GET /healthz: version, runtime, whether the database answers, which platforms are on. */
export const health = new Hono<AppEnv>().get('/', async (c) => {
  const { db, runtime, config } = c.var.deps;
  const started = Date.now();
  let database: { reachable: boolean; latencyMs?: number; error?: string };
  try {
    await pingDatabase(db);
    database = { reachable: true, latencyMs: Date.now() - started };
  } catch (err) {
    // The details go to the log, not to whoever asks /healthz.
    c.var.deps.log('error', 'healthz: database unreachable', { error: String(err) });
    database = { reachable: false, error: 'database unreachable; see the service log' };
  }
  const body = {
    status: database.reachable ? 'ok' : 'degraded',
    version: pkg.version,
    runtime,
    database,
    platforms: { slack: Boolean(config.slack), feishu: Boolean(config.feishu) },
  };
  return c.json(body, database.reachable ? 200 : 503);
});
