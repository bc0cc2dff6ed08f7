import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql/driver-core';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from './client.ts';
import { createFileClient } from './file-client.ts';
import { libsqlDb } from './libsql.ts';

/** The migrations folder drizzle-kit writes (also read by `wrangler d1 migrations apply`). */
export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/**
 * Opens a libsql database on Node (creating a file's folder if missing) and applies the
 * migrations. Returns the drizzle handle and the raw client (to close it on shutdown).
 */
export async function openNodeDatabase(url: string, authToken?: string): Promise<{ db: Db; client: Client }> {
  const local = url.startsWith('file:');
  if (local && url !== 'file::memory:') await mkdir(dirname(resolve(filePath(url))), { recursive: true });
  // A file gets our client, on a thread of its own with its statements kept prepared
  // (src/db/file-client.ts); memory databases and remote URLs the library's own, which is
  // loaded (with the native driver) only for them.
  const client = local && url !== 'file::memory:' ? createFileClient(filePath(url)) : (await import('@libsql/client')).createClient({ url, authToken });
  const db = await libsqlDb(client, { local });
  await migrate(db as unknown as LibSQLDatabase, { migrationsFolder: MIGRATIONS_DIR });
  return { db, client };
}

/** The path of a `file:` URL (`file:./x.db`, `file:/abs/x.db`, `file:///abs/x.db`), decoded. */
export function filePath(url: string): string {
  const rest = url.slice('file:'.length).split('?')[0]!;
  return decodeURIComponent(rest.startsWith('//') ? rest.slice(2) : rest);
}
