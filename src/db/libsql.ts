import type { Client } from '@libsql/client';
import * as driverCore from 'drizzle-orm/libsql/driver-core';
import type { LibSQLDatabase } from 'drizzle-orm/libsql/driver-core';
import type { Db } from './client.ts';
import * as schema from './schema/index.ts';

/**
 * drizzle over a client, as `drizzle()` of `drizzle-orm/libsql` makes it: that module also
 * imports @libsql/client, and with it the native driver, as it loads, ≈ 10 MiB of memory on
 * a thread that never opens a file here (an embedded file runs on a thread of its own,
 * src/db/file-client.ts; bench/start.ts). drizzle's declarations leave it out, so it is
 * checked as the module loads.
 */
const construct = (() => {
  const made = (driverCore as unknown as { construct?: (client: Client, config: { schema: typeof schema }) => LibSQLDatabase<typeof schema> }).construct;
  if (typeof made !== 'function') throw new Error('drizzle-orm/libsql/driver-core exports no construct() any more: see src/db/libsql.ts');
  return made;
})();

/** Drizzle over an already-created libsql client (file, remote, or web client on Workers). */
export async function libsqlDb(client: Client, { local }: { local: boolean }): Promise<Db> {
  if (local) {
    // An embedded file: WAL lets readers run beside the writer; wait instead of failing on a busy lock.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
    // With WAL, NORMAL syncs at checkpoints instead of at every commit (bench/ack.ts: ~20 % more
    // approval clicks per second). What it trades: a power loss or OS crash may lose the last
    // transactions before the checkpoint; a crash of the process loses nothing, and the file
    // never corrupts. README "Durability".
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  // D1 enforces foreign keys; make libsql behave the same.
  await client.execute('PRAGMA foreign_keys = ON');
  return construct(client, { schema }) as unknown as Db;
}
