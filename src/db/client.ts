import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import { getTableColumns, sql, type SQL, type Table } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { RequestContext } from '../request-context.ts';
import type * as schema from './schema/index.ts';

/**
 * The database as the repositories see it: drizzle over libsql (Node, Turso) or D1
 * (Workers). Both drivers share the query builders and `batch()`; repositories use
 * `.returning()` rather than driver-specific run results so one type fits both.
 * No interactive transactions: D1 rejects BEGIN, so atomic writes go through batch().
 */
export type Db = BaseSQLiteDatabase<'async', unknown, typeof schema> & {
  batch<U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(batch: T): Promise<BatchResponse<T>>;
};

/** One statement of a `db.batch`, for callers outside src/db that add theirs to a repo's batch. */
export type Statement = BatchItem<'sqlite'>;

const REQUEST = Symbol('request');

/**
 * The handle one request works with: the same database, connection and prepared statements
 * (it inherits from `db`), carrying the request, so the outbox rows written through it name
 * the request that caused them and a workspace read names the workspace in its access line.
 */
export function dbForRequest(db: Db, request: RequestContext): Db {
  return Object.create(baseDb(db), { [REQUEST]: { value: request } }) as Db;
}

/** The request a handle works for (dbForRequest); undefined for the process's own (jobs). */
export const requestOf = (db: Db): RequestContext | undefined => (db as { [REQUEST]?: RequestContext })[REQUEST];

/** The database a request's handle was made from: what per-database caches are keyed by. */
export const baseDb = (db: Db): Db => (requestOf(db) ? (Object.getPrototypeOf(db) as Db) : db);

/** True when `err` (or its cause chain) is SQLite's UNIQUE violation on `table`. */
export function isUniqueViolation(err: unknown, table: string): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const msg = String((e as { message?: unknown }).message ?? '');
    if (msg.includes('UNIQUE constraint failed') && msg.includes(`${table}.`)) return true;
  }
  return false;
}

/**
 * Runs an atomic batch whose first statement claims a unique key on `table`. True when it
 * was written; false when the key was taken already (another request did this first), in
 * which case the whole batch rolled back and nothing changed.
 */
export async function batchOnce(db: Db, statements: Readonly<[BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]>, table: string): Promise<boolean> {
  try {
    await db.batch(statements);
    return true;
  } catch (err) {
    if (isUniqueViolation(err, table)) return false;
    throw err;
  }
}

/**
 * A list of values as ONE bound parameter, for sql`${column} in ${oneParam(ids)}`: a JSON array
 * read by json_each (libsql and D1 alike), so however many ids, D1's 100 bound parameters never
 * split the read into chunks.
 */
export const oneParam = (values: readonly (string | number)[]): SQL => sql`(select value from json_each(${JSON.stringify(values)}))`;

/**
 * A statement of a module, made once for each database it runs on: for a query a request path
 * runs every time, prepared once with `sql.placeholder`s so drizzle does not build it again on
 * each call (the building cost more CPU than SQLite's run of it, bench/ack.ts). Made on the
 * process's database, whatever handle asks: for reads only, as nothing made here knows the
 * request (outbox rows are written with insertNotifications on the request's handle).
 */
export function perDb<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (handle) => {
    const db = baseDb(handle);
    let value = made.get(db);
    if (value === undefined) made.set(db, (value = make(db)));
    return value;
  };
}

/** D1 binds at most 100 parameters per statement. */
export const MAX_BOUND_PARAMS = 100;

/**
 * Splits rows for a multi-row insert into `table` so no statement binds more than D1 allows:
 * sized by the table's column count, an upper bound of what one row binds.
 */
export function inChunks<T>(table: Table, rows: readonly T[]): T[][] {
  const size = Math.max(1, Math.floor(MAX_BOUND_PARAMS / Object.keys(getTableColumns(table)).length));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
