import type { Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { Db } from './client.ts';
import * as schema from './schema/index.ts';

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
  return drizzle(client, { schema }) as unknown as Db;
}
