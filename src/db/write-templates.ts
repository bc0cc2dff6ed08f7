import { getTableColumns, getTableName, is, Param, Placeholder, sql, SQL, type InferInsertModel, type Table } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { baseDb, inChunks, type Db, type Statement } from './client.ts';

/**
 * Writes a request makes every time (a decision's rows, every outbox row, audit entries),
 * built once per database and bound per call. Drizzle builds a statement's SQL anew on each
 * call, and for the dozen small writes of an approval click that cost more CPU than SQLite's
 * run of them (≈ 0.5 ms per click, bench/ack.ts). A template is the statement drizzle builds
 * with a placeholder for each value; binding encodes each value by its column, as drizzle
 * does (a null stays null), and the bound statement goes into `db.batch` like any other.
 */

interface PreparedQuery {
  getQuery(): { sql: string; params: unknown[] };
}
interface Preparable {
  prepare(): unknown;
}

/** Where a bound parameter comes from: a named value (encoded by its column) or a constant of the template. */
type Slot = { name: string; encode?: (value: unknown) => unknown } | { constant: unknown };

interface Template {
  prepared: PreparedQuery;
  slots: Slot[];
  /** Values of columns with a `$defaultFn` (ids, created-at) that the row leaves out: made per call, as drizzle does. */
  defaults: [string, () => unknown][];
}

function templateOf(query: Preparable, defaults: Template['defaults'] = []): Template {
  const prepared = query.prepare() as PreparedQuery;
  const slots = prepared.getQuery().params.map((p): Slot => {
    if (is(p, Param) && is(p.value, Placeholder)) {
      const encoder = p.encoder as { mapToDriverValue(v: unknown): unknown } | undefined;
      return { name: p.value.name as string, encode: encoder && ((v) => encoder.mapToDriverValue(v)) };
    }
    return is(p, Placeholder) ? { name: p.name as string } : { constant: p };
  });
  return { prepared, slots, defaults };
}

function bind(t: Template, values: Record<string, unknown>): Statement {
  for (const [key, make] of t.defaults) values[key] = make();
  const params = t.slots.map((s) => {
    if ('constant' in s) return s.constant;
    const v = values[s.name];
    if (v === undefined) throw new Error(`write template: no value for ${s.name}`);
    return v === null || !s.encode ? v : s.encode(v);
  });
  const query = { ...t.prepared.getQuery(), params };
  const prepared = Object.create(t.prepared, { getQuery: { value: () => query } }) as PreparedQuery;
  // What drizzle's batch (libsql and D1 alike) asks of a statement: its prepared query. Awaited
  // on its own it would do nothing, so that fails loudly instead.
  const notAlone = () => Promise.reject(new Error('a write template runs inside db.batch only'));
  return { _prepare: () => prepared, then: (_: unknown, onRejected?: (err: unknown) => unknown) => notAlone().catch(onRejected) } as unknown as Statement;
}

const p = (name: string) => sql.placeholder(name);
const insertTemplates = new WeakMap<Db, Map<string, Template>>();

/** The columns a row gives a value to, in the table's order. */
const givenColumns = (columns: Record<string, SQLiteColumn>, row: Record<string, unknown>) => Object.keys(columns).filter((k) => row[k] !== undefined);

function insertTemplate(base: Db, table: Table, columns: Record<string, SQLiteColumn>, given: string[], count: number, onConflictDoNothing: boolean): Template {
  const key = `${getTableName(table)}|${onConflictDoNothing ? 1 : 0}|${count}|${given.join(',')}`;
  let byKey = insertTemplates.get(base);
  if (!byKey) insertTemplates.set(base, (byKey = new Map()));
  let t = byKey.get(key);
  if (t) return t;
  // Columns left out whose $defaultFn makes a value (not SQL): a placeholder each, made per call.
  const made = Object.entries(columns).filter(([k, col]) => !given.includes(k) && (col.default === null || col.default === undefined) && col.defaultFn && !is(col.defaultFn(), SQL));
  const rows = Array.from({ length: count }, (_, i) => Object.fromEntries([...given, ...made.map(([k]) => k)].map((k) => [k, p(`${i}:${k}`)])));
  const defaults = rows.flatMap((_, i) => made.map(([k, col]): [string, () => unknown] => [`${i}:${k}`, col.defaultFn!]));
  const insert = base.insert(table).values(rows as never);
  byKey.set(key, (t = templateOf(onConflictDoNothing ? insert.onConflictDoNothing() : insert, defaults)));
  return t;
}

/**
 * `db.insert(table).values(rows)` (with `.onConflictDoNothing()` when asked), split as
 * `inChunks` splits it, each statement from a template per table, row count and set of given
 * columns. A column a row leaves out gets what drizzle would give it: its `$defaultFn` called
 * for this row, or its SQL default. Rows of different shapes, or with SQL among their values,
 * are built by drizzle as before.
 */
export function insertRows<T extends Table>(db: Db, table: T, rows: readonly InferInsertModel<T>[], opts: { onConflictDoNothing?: boolean } = {}): Statement[] {
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const conflict = opts.onConflictDoNothing ?? false;
  return inChunks(table, rows as readonly Record<string, unknown>[]).map((chunk) => {
    const given = givenColumns(columns, chunk[0]!);
    const sameShape = chunk.every((row) => given.every((k) => row[k] !== undefined && !(row[k] instanceof SQL)) && givenColumns(columns, row).length === given.length);
    if (!sameShape) {
      const insert = db.insert(table).values(chunk as never);
      return conflict ? insert.onConflictDoNothing() : insert;
    }
    const values: Record<string, unknown> = {};
    chunk.forEach((row, i) => given.forEach((k) => (values[`${i}:${k}`] = row[k])));
    return bind(insertTemplate(baseDb(db), table, columns, given, chunk.length, conflict), values);
  });
}

/** One row: `insertRows` of `[row]`. */
export const insertRow = <T extends Table>(db: Db, table: T, row: InferInsertModel<T>, opts: { onConflictDoNothing?: boolean } = {}): Statement => insertRows(db, table, [row], opts)[0]!;

/**
 * A statement of a module with named placeholders (`p('id')`), made once per database;
 * returns the function that binds it. For fixed statements a request path writes every time.
 */
export function writeTemplate<V extends Record<string, unknown>>(build: (db: Db, p: (name: keyof V & string) => Placeholder) => Preparable): (db: Db, values: V) => Statement {
  const made = new WeakMap<Db, Template>();
  return (db, values) => {
    const base = baseDb(db);
    let t = made.get(base);
    if (!t) made.set(base, (t = templateOf(build(base, p as (name: keyof V & string) => Placeholder))));
    return bind(t, values);
  };
}
