import type { Client, InArgs, InStatement, InValue, ResultSet, Row, TransactionMode } from '@libsql/client';
import Database from 'libsql';

type Statement = ReturnType<InstanceType<typeof Database>['prepare']>;

/** A prepared statement and what is known of it once (whether it returns rows, its columns). */
interface Prepared {
  stmt: Statement;
  reader: boolean;
  columns: string[];
}

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };
/** Distinct SQL texts kept prepared; the app has a few hundred, lists of ids vary the rest. */
const CACHE_SIZE = 500;

/**
 * The embedded database (a `file:` URL) as a libsql `Client` on ONE connection that keeps
 * its statements prepared. `@libsql/client`'s own file client prepares every statement again
 * on every call and throws an exception per write to find out it returns no rows: on an
 * approval click, which reads an outcome's card in one large statement, preparing was most
 * of the database time (bench/ack.ts). Same results as that client: rows with named and
 * indexed access, integers as numbers (unsafe ones refused, as its `intMode: "number"`),
 * batches in one transaction rolled back on any failure, the driver's error messages kept.
 *
 * Everything runs synchronously inside each call, so a batch cannot interleave with another
 * call, and one connection is enough for a process (WAL lets other processes read meanwhile).
 */
export function createFileClient(path: string): Client {
  const db = new Database(path);
  const cache = new Map<string, Prepared>();
  let closed = false;

  const prepare = (sql: string): Prepared => {
    let p = cache.get(sql);
    if (p) return p;
    const stmt = db.prepare(sql);
    const reader = stmt.reader;
    if (reader) stmt.raw(true);
    stmt.safeIntegers(true);
    p = { stmt, reader, columns: reader ? stmt.columns().map((c) => c.name) : [] };
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(sql, p);
    return p;
  };

  const run = (statement: InStatement | string, extraArgs?: InArgs): ResultSet => {
    const sql = typeof statement === 'string' ? statement : statement.sql;
    const args = bindable(typeof statement === 'string' ? extraArgs : statement.args);
    const p = prepare(sql);
    if (p.reader) {
      const raw = p.stmt.all(args) as unknown[][];
      return resultSet(p.columns, raw.map((r) => rowOf(r, p.columns)), 0, undefined);
    }
    const info = p.stmt.run(args) as { changes: number; lastInsertRowid: number | bigint };
    return resultSet([], [], info.changes, BigInt(info.lastInsertRowid));
  };

  const inTransaction = <T>(begin: string, body: () => T): T => {
    run(begin);
    try {
      const out = body();
      run('COMMIT');
      return out;
    } catch (err) {
      if (db.inTransaction) run('ROLLBACK');
      throw err;
    }
  };

  const checkOpen = () => {
    if (closed) throw new Error('the database client is closed');
  };

  const client = {
    protocol: 'file' as const,
    get closed() {
      return closed;
    },
    async execute(stmt: InStatement | string, args?: InArgs) {
      checkOpen();
      return run(stmt, args);
    },
    async batch(stmts: (InStatement | [string, InArgs?])[], mode: TransactionMode = 'deferred') {
      checkOpen();
      return inTransaction(BEGIN[mode], () => stmts.map((s) => (Array.isArray(s) ? run(s[0], s[1]) : run(s))));
    },
    async migrate(stmts: InStatement[]) {
      checkOpen();
      run('PRAGMA foreign_keys = OFF');
      try {
        return inTransaction(BEGIN.deferred, () => stmts.map((s) => run(s)));
      } finally {
        run('PRAGMA foreign_keys = ON');
      }
    },
    async executeMultiple(sql: string) {
      checkOpen();
      db.exec(sql);
    },
    async transaction(): Promise<never> {
      // D1 has no interactive transactions, so the app never opens one (src/db/client.ts).
      throw new Error('interactive transactions are not supported: use batch()');
    },
    async sync() {
      return undefined;
    },
    close() {
      if (closed) return;
      closed = true;
      cache.clear();
      db.close();
    },
    reconnect() {
      throw new Error('the embedded database client does not reconnect: open a new one');
    },
  };
  return client as unknown as Client;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** A value read from SQLite as the app sees it: integers as numbers, blobs as ArrayBuffers. */
function fromSql(v: unknown): unknown {
  if (typeof v === 'bigint') {
    if (v > MAX_SAFE || v < MIN_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(v);
  }
  if (v instanceof Uint8Array) return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
  return v;
}

const VALUES = Symbol('values');
const rowPrototypes = new WeakMap<string[], object>();

/**
 * The prototype of a statement's rows: `length` and an index getter per column, made once per
 * statement, so a row costs one object and its named fields (defining indexes on every row was
 * a tenth of a dashboard page's CPU).
 */
function rowPrototype(columns: string[]): object {
  let proto = rowPrototypes.get(columns);
  if (proto) return proto;
  proto = {};
  Object.defineProperty(proto, 'length', { value: columns.length });
  for (let i = 0; i < columns.length; i++) Object.defineProperty(proto, i, { get(this: { [VALUES]: unknown[] }) { return this[VALUES][i]; } });
  rowPrototypes.set(columns, proto);
  return proto;
}

/** A row as @libsql/client shapes it: named columns enumerable own fields, indexes and length not. */
function rowOf(raw: unknown[], columns: string[]): Row {
  const proto = rowPrototype(columns);
  const row = Object.create(proto) as Record<string | symbol, unknown>;
  const values = raw.map(fromSql);
  Object.defineProperty(row, VALUES, { value: values });
  for (let i = 0; i < values.length; i++) {
    const name = columns[i]!;
    // The first of equally named columns wins; one named like an index or `length` never hides those.
    if (Object.hasOwn(row, name) || Object.hasOwn(proto, name)) continue;
    // `__proto__` assigned would replace the prototype: defined as a field instead.
    if (name === '__proto__') Object.defineProperty(row, name, { value: values[i], enumerable: true, configurable: true, writable: true });
    else row[name] = values[i];
  }
  return row as unknown as Row;
}

function toSql(v: InValue | undefined): unknown {
  if (v === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.valueOf();
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  return v;
}

function bindable(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(args)) out[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(v);
  return out;
}

function resultSet(columns: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes: columns.map(() => ''),
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, rows: rows.map((r) => Array.from(r as unknown as ArrayLike<unknown>)), rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}
