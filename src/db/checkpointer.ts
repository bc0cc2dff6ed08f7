import { Worker } from 'node:worker_threads';
import { threadCalls } from './thread-calls.ts';

/**
 * WAL checkpoints on a thread and connection of their own, so that no commit waits for one.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that takes the log past 1,000 pages: it
 * copies those pages into the database file and syncs it, 10–35 ms on these machines, and every
 * call queued behind that commit on the database's thread waits as long (at 100 approval clicks
 * per second, about two such stalls a second: most of the clicks' p99, bench/ack.ts). Here the
 * request connection's automatic checkpoint is off and this thread runs a PASSIVE checkpoint
 * every `everyMs`, which copies pages beside the writer and never blocks it. The log starts
 * again from its beginning at the first write after a pass that copied all of it. A pass that
 * finds the log longer than `restartFrames` pages (writes so steady that no pass ever found it
 * all copied, so it never started again) runs a RESTART, which takes the writer's lock, copies
 * the rest, waits for readers and makes the next write start the log again: the bound of the
 * log's size. It waits at most 100 ms for the lock or the readers (a reader in another process),
 * then gives up until a later pass, so it never holds writes back for long.
 */

export interface CheckpointOptions {
  everyMs: number;
  restartFrames: number;
}

export const DEFAULT_CHECKPOINTS: CheckpointOptions = { everyMs: 250, restartFrames: 4_000 };

/** What a pass reports: SQLite's `wal_checkpoint` row (busy, pages in the log, pages copied). */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

const THREAD = String.raw`
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const Database = process.getBuiltinModule('node:module').createRequire(workerData.driver)(workerData.driver);
const db = new Database(workerData.path);
// Short: a RESTART that cannot have the writer's lock or the readers soon gives up (busy) and
// leaves it to a later pass, rather than holding the request connection's writes back.
db.exec('PRAGMA busy_timeout = 100');
const checkpoint = (mode) => db.pragma('wal_checkpoint(' + mode + ')')[0];
const pass = () => {
  let r = checkpoint('PASSIVE');
  // -1: this connection has not seen the file in WAL mode yet (it was opened, or last read the
  // schema, before the mode was set). A read of the schema shows it the mode as it is now.
  if (r.log === -1) {
    db.prepare('select count(*) from sqlite_schema').get();
    r = checkpoint('PASSIVE');
  }
  return r.log >= workerData.restartFrames ? checkpoint('RESTART') : r;
};
parentPort.on('message', (m) => {
  if (m.op === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  let reply;
  try { reply = { id: m.id, ok: pass() }; } catch (err) { reply = { id: m.id, error: String(err && err.message) }; }
  parentPort.postMessage(reply);
});
parentPort.postMessage({ ready: true });
`;

export interface Checkpointer {
  /** Resolves once the thread has its connection open (rejects if it could not open one). */
  ready: Promise<void>;
  /** Runs a pass now, as the timer does (tests; a pass never hurts). */
  pass(): Promise<CheckpointResult>;
  /** Resolves when the thread ends, for whatever reason; `closed` when close() ended it (its connection closed first). */
  ended: Promise<{ closed: boolean }>;
  close(): void;
  /** The thread, for tests that make it fail. */
  thread: Worker;
}

export function startCheckpointer(driver: string, path: string, opts: CheckpointOptions = DEFAULT_CHECKPOINTS): Checkpointer {
  const thread = new Worker(THREAD, { eval: true, workerData: { driver, path, ...opts }, name: 'outcome-db-checkpoints' });
  const calls = threadCalls(thread, { errorOf: (e) => new Error(String(e)), exited: 'the checkpoint thread has ended' });
  let closing = false;
  let opened!: () => void;
  const ready = new Promise<void>((resolve, reject) => {
    opened = resolve;
    void calls.ended.then(reject);
  });
  ready.catch(() => undefined);
  thread.on('message', (m: { ready?: true }) => {
    if (m.ready) opened();
  });
  thread.unref(); // a 'message' listener refs the thread again
  const ended = calls.ended.then(() => ({ closed: closing }));
  // The process never ends (and so never stops the thread) inside SQLite's checkpoint, which
  // the driver does not survive: the thread is referenced while a pass runs.
  const pass = async (): Promise<CheckpointResult> => {
    await ready;
    return calls.call<CheckpointResult>({ op: 'pass' });
  };
  // The timer is this thread's, not the checkpoint thread's, for the same reason; a tick finds
  // the last pass still running and skips. A failed pass (the file gone) is tried again next tick.
  let running = false;
  const timer = setInterval(() => {
    if (running || closing) return;
    running = true;
    void pass()
      .catch(() => undefined)
      .finally(() => (running = false));
  }, opts.everyMs);
  timer.unref();
  return {
    ready,
    ended,
    thread,
    pass,
    close() {
      if (closing) return;
      closing = true;
      clearInterval(timer);
      calls.holdUntilExit();
      thread.postMessage({ op: 'close' });
    },
  };
}
