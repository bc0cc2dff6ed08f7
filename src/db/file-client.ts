import type { Client, InArgs, InStatement, InValue, ResultSet, Row, TransactionMode } from '@libsql/client';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { startCheckpointer, type Checkpointer, type CheckpointOptions } from './checkpointer.ts';
import { threadCalls } from './thread-calls.ts';

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

/** A statement as the thread runs it: its text and its arguments already as SQLite binds them. */
interface Bound {
  sql: string;
  args: unknown[] | Record<string, unknown>;
}
/** What the thread is asked: statements (in a transaction when `begin` is set), a migration, a script, or to close. */
type Request = { op: 'run'; statements: Bound[]; begin: string | null } | { op: 'migrate'; statements: Bound[]; begin: string } | { op: 'exec'; sql: string } | { op: 'close' };
/** One statement's result: its columns and rows, values already as the app reads them, or what a write changed. */
interface Answer {
  columns: string[];
  rows: unknown[][];
  changes: number;
  lastInsertRowid: bigint | null;
}

/**
 * The database's own thread: one connection that keeps its statements prepared (a few hundred
 * distinct texts; lists of ids vary the rest), answering the requests in the order they came.
 * Plain JavaScript, evaluated as the thread's script, so that it runs the same from the
 * TypeScript sources, under the test runner and inside the esbuild bundle; as a CommonJS
 * script or, under `--input-type=module`, an ES module.
 */
const THREAD = String.raw`
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const Database = process.getBuiltinModule('node:module').createRequire(workerData.driver)(workerData.driver);
const CACHE_SIZE = 500;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
let db = null;
let openError = null;
try { db = new Database(workerData.path); } catch (err) { openError = err; }
const cache = new Map();
const prepare = (sql) => {
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
// Integers as numbers (unsafe ones refused, as @libsql/client's intMode "number"), blobs as ArrayBuffers.
const value = (v) => {
  if (typeof v === 'bigint') {
    if (v > MAX_SAFE || v < MIN_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(v);
  }
  if (v instanceof Uint8Array) return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
  return v;
};
const run = (s) => {
  const p = prepare(s.sql);
  if (p.reader) {
    const rows = p.stmt.all(s.args);
    for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = value(row[i]);
    return { columns: p.columns, rows, changes: 0, lastInsertRowid: null };
  }
  const info = p.stmt.run(s.args);
  return { columns: [], rows: [], changes: info.changes, lastInsertRowid: BigInt(info.lastInsertRowid) };
};
const PLAIN = (sql) => ({ sql, args: [] });
const inTransaction = (begin, body) => {
  run(PLAIN(begin));
  try {
    const out = body();
    run(PLAIN('COMMIT'));
    return out;
  } catch (err) {
    if (db.inTransaction) run(PLAIN('ROLLBACK'));
    throw err;
  }
};
const handle = (m) => {
  if (openError) throw openError;
  switch (m.op) {
    case 'run':
      return m.begin ? inTransaction(m.begin, () => m.statements.map(run)) : m.statements.map(run);
    case 'migrate':
      run(PLAIN('PRAGMA foreign_keys = OFF'));
      try { return inTransaction(m.begin, () => m.statements.map(run)); } finally { run(PLAIN('PRAGMA foreign_keys = ON')); }
    case 'exec':
      db.exec(m.sql);
      return [];
    case 'close':
      cache.clear();
      db.close();
      return [];
  }
};
const failure = (id, err) => ({ id, error: { name: String(err && err.name), message: String(err && err.message !== undefined ? err.message : err), code: err && err.code, rawCode: err && err.rawCode } });
parentPort.on('message', (m) => {
  let reply;
  try {
    reply = { id: m.id, ok: handle(m) };
  } catch (err) {
    reply = failure(m.id, err);
  }
  // An answer that cannot be copied back (too large for this thread's memory) fails its call only.
  try {
    parentPort.postMessage(reply);
  } catch (err) {
    parentPort.postMessage(failure(m.id, err));
  }
  if (m.op === 'close') parentPort.close();
});
`;

const DRIVER = createRequire(import.meta.url).resolve('libsql');

/**
 * The embedded database (a `file:` URL) as a libsql `Client`, run on a thread of its own: ONE
 * connection there, with its statements kept prepared. Two reasons:
 * - `@libsql/client`'s own file client prepares every statement again on every call and
 *   throws an exception per write to find out it returns no rows: on an approval click, which
 *   reads an outcome's card in one large statement, preparing was most of the database time;
 * - SQLite runs synchronously, so on the request thread every statement and every COMMIT held
 *   up all other requests: at 100 approval clicks per second that was half the event loop's
 *   time (bench/ack.ts). On its own thread it runs beside the requests, on the other core.
 * Same results as that client: rows with named and indexed access, integers as numbers (unsafe
 * ones refused, as its `intMode: "number"`), batches in one transaction rolled back on any
 * failure, the driver's errors (SqliteError with its code) and messages kept.
 *
 * The thread answers in the order the calls were made, each call whole, so a batch cannot
 * interleave with another call, and one connection is enough for a process (WAL lets other
 * processes read meanwhile). The thread keeps the process alive only while a call is waiting.
 * WAL checkpoints run on a third thread (src/db/checkpointer.ts), so no commit waits for one;
 * should that thread end, this connection checkpoints again as SQLite does by default.
 */
export function createFileClient(path: string, opts: { checkpoints?: CheckpointOptions | false } = {}): FileClient {
  const thread = new Worker(THREAD, { eval: true, workerData: { driver: DRIVER, path }, name: 'outcome-db' });
  const calls = threadCalls(thread, { errorOf: (e) => errorOf(e as ThreadError), exited: 'the database client is closed' });
  let closed = false;
  const ask = (request: Request): Promise<Answer[]> => (closed ? Promise.reject(new Error('the database client is closed')) : calls.call<Answer[]>(request));
  // Arguments are checked and converted here, so a bad one fails the call before anything runs.
  const bound = (statement: InStatement | string, extraArgs?: InArgs): Bound =>
    typeof statement === 'string' ? { sql: statement, args: bindable(extraArgs) } : { sql: statement.sql, args: bindable(statement.args) };
  const boundAll = (stmts: readonly (InStatement | string | [string, InArgs?])[]): Bound[] => stmts.map((s) => (Array.isArray(s) ? bound(s[0], s[1]) : bound(s)));

  const checkpoints = opts.checkpoints === false ? null : handOverCheckpoints(startCheckpointer(DRIVER, path, opts.checkpoints), (sql) => ask({ op: 'exec', sql }), () => closed);

  const client = {
    protocol: 'file' as const,
    checkpoints,
    // Both threads gone, their connections closed (a process that exits must not stop them inside SQLite).
    whenClosed: Promise.all([calls.ended, checkpoints?.thread.ended]).then(() => undefined),
    get closed() {
      return closed;
    },
    async execute(stmt: InStatement | string, args?: InArgs) {
      const [answer] = await ask({ op: 'run', statements: [bound(stmt, args)], begin: null });
      return resultSet(answer!);
    },
    async batch(stmts: (InStatement | [string, InArgs?])[], mode: TransactionMode = 'deferred') {
      return (await ask({ op: 'run', statements: boundAll(stmts), begin: BEGIN[mode] })).map(resultSet);
    },
    async migrate(stmts: InStatement[]) {
      return (await ask({ op: 'migrate', statements: boundAll(stmts), begin: BEGIN.deferred })).map(resultSet);
    },
    async executeMultiple(sql: string) {
      await ask({ op: 'exec', sql });
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
      // Calls made before this one are answered first; the thread then closes the file and ends.
      void ask({ op: 'close' }).catch(() => undefined);
      closed = true;
      calls.holdUntilExit();
      checkpoints?.thread.close();
    },
    reconnect() {
      throw new Error('the embedded database client does not reconnect: open a new one');
    },
  };
  return client as unknown as FileClient;
}

/** The embedded database's client, with its checkpoint thread (null when made without one). */
export type FileClient = Client & { checkpoints: Checkpoints | null; whenClosed: Promise<void> };

/** Closes a client and, for the embedded one, waits until its threads have closed their connections. */
export async function closeClient(client: Client): Promise<void> {
  client.close();
  await (client as Partial<FileClient>).whenClosed;
}

interface Checkpoints {
  thread: Checkpointer;
  /** True once the request connection's automatic checkpoints are off (false when the thread could not start). */
  handedOver: Promise<boolean>;
  /** Resolves when the thread has ended unasked and the request connection checkpoints again. */
  takenBack: Promise<void>;
}

const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/** The request connection's automatic checkpoints off while `thread` runs, back on should it end before the client closes. */
function handOverCheckpoints(thread: Checkpointer, exec: (sql: string) => Promise<unknown>, clientClosed: () => boolean): Checkpoints {
  // Never rejects: a connection that could not take the pragma (the file failed to open) fails its own calls.
  const handedOver = thread.ready.then(
    () => exec('PRAGMA wal_autocheckpoint = 0').then(() => true, () => false),
    () => false,
  );
  const takenBack = thread.ended.then(async ({ closed }) => {
    if ((await handedOver) && !closed && !clientClosed()) await exec(`PRAGMA wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`).catch(() => undefined);
  });
  return { thread, handedOver, takenBack };
}

/**
 * The error the thread reported, as the driver would have thrown it here: the driver's
 * SqliteError keeps its name, message and codes (callers read the message, src/db/client.ts).
 */
type ThreadError = { name: string; message: string; code?: string; rawCode?: number };

function errorOf(e: ThreadError): Error {
  if (e.name === 'RangeError') return new RangeError(e.message);
  if (e.name === 'TypeError') return new TypeError(e.message);
  return Object.assign(new Error(e.message), { name: e.name }, e.code === undefined ? {} : { code: e.code, rawCode: e.rawCode });
}

/** Row prototypes by column list; the app's statements have a few hundred shapes. */
const rowPrototypes = new Map<string, object>();
const VALUES = Symbol('values');

/**
 * The prototype of a statement's rows: `length` and an index getter per column, made once per
 * column list, so a row costs one object and its named fields (defining indexes on every row was
 * a tenth of a dashboard page's CPU).
 */
function rowPrototype(columns: string[]): object {
  const key = columns.join('\0');
  let proto = rowPrototypes.get(key);
  if (proto) return proto;
  proto = {};
  Object.defineProperty(proto, 'length', { value: columns.length });
  for (let i = 0; i < columns.length; i++) Object.defineProperty(proto, i, { get(this: { [VALUES]: unknown[] }) { return this[VALUES][i]; } });
  if (rowPrototypes.size >= 1_000) rowPrototypes.clear();
  rowPrototypes.set(key, proto);
  return proto;
}

/** A row as @libsql/client shapes it: named columns enumerable own fields, indexes and length not. */
function rowOf(values: unknown[], columns: string[], proto: object): Row {
  const row = Object.create(proto) as Record<string | symbol, unknown>;
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
  if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'bigint' && !(v instanceof Uint8Array)) throw new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null');
  return v;
}

function bindable(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(args)) out[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(v);
  return out;
}

function resultSet({ columns, rows: raw, changes: rowsAffected, lastInsertRowid }: Answer): ResultSet {
  const proto = columns.length > 0 ? rowPrototype(columns) : null;
  return {
    columns,
    columnTypes: columns.map(() => ''),
    rows: proto ? raw.map((r) => rowOf(r, columns, proto)) : [],
    rowsAffected,
    lastInsertRowid: lastInsertRowid ?? undefined,
    toJSON: () => ({ columns, rows: raw, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}
