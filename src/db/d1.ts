import { drizzle } from 'drizzle-orm/d1';
import type { Db } from './client.ts';
import * as schema from './schema/index.ts';

/** Drizzle over a Workers D1 binding. */
export function d1Db(binding: D1Database): Db {
  return drizzle(binding, { schema }) as unknown as Db;
}
