import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import type { Config } from '../../src/config.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/client.ts';
import { openNodeDatabase } from '../../src/db/migrate-node.ts';
import { createTrackedDefer } from '../../src/defer.ts';
import { createDeps, type Deps } from '../../src/deps.ts';
import type { Clock } from '../../src/domain/ports.ts';
import { quietLog, type Log } from '../../src/log.ts';
import { platformSenders } from '../../src/platform-senders.ts';

/** A real libsql database file in a fresh temp folder, migrated from migrations/. */
export async function freshDb(): Promise<{ db: Db; client: Client; dir: string; url: string; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'outcome-test-'));
  const url = `file:${join(dir, 'outcome.db')}`;
  const { db, client } = await openNodeDatabase(url);
  return {
    db,
    client,
    dir,
    url,
    async close() {
      client.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-11-23T01:00:00Z')): Clock & { set(d: Date): void; advance(ms: number): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (d) => {
      now = d.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Real deps on a fresh database, with a manual clock and tracked deferred work. */
export async function testDeps(opts: { env?: Record<string, string>; clock?: Clock; senders?: Deps['senders']; slackTimings?: Deps['slackTimings']; log?: Log; blobs?: Deps['blobs'] } = {}) {
  const database = await freshDb();
  const config: Config = loadConfig(opts.env ?? {});
  const log = opts.log ?? quietLog;
  const tracked = createTrackedDefer(log);
  const clock = opts.clock ?? manualClock();
  const deps = createDeps({ config, runtime: 'node', db: database.db, defer: tracked.defer, log, clock, platformSenders, senders: opts.senders, slackTimings: opts.slackTimings, blobs: opts.blobs });
  return { deps, database, drainDeferred: tracked.drain, close: database.close };
}
