import type { Worker } from 'node:worker_threads';

/** A thread's answer to one call: `{ id, ok }`, or `{ id, error }` for the caller's `errorOf`. */
export type ThreadReply = { id: number; ok: unknown } | { id: number; error: unknown };

/**
 * Calls to a worker thread that answers each message `{ ...request, id }` with a
 * {@link ThreadReply} (the embedded database's thread and its checkpoint thread). The thread
 * keeps the process alive only while a call waits, or from `holdUntilExit()` on (a thread that
 * is closing its connection must not be stopped inside SQLite by the process ending). Once the
 * thread fails or exits, waiting and later calls fail with the first cause.
 */
export function threadCalls(thread: Worker, opts: { errorOf: (error: unknown) => Error; exited: string }) {
  const waiting = new Map<number, { resolve(ok: unknown): void; reject(err: unknown): void }>();
  let nextId = 0;
  let held = false;
  let lost: Error | null = null;
  let ended!: (cause: Error) => void;
  const end = new Promise<Error>((resolve) => (ended = resolve));

  // A call no longer waits: with none left, the thread no longer keeps the process alive.
  const forget = (id: number) => {
    waiting.delete(id);
    if (waiting.size === 0 && !held) thread.unref();
  };
  thread.on('message', (reply: ThreadReply) => {
    const call = waiting.get(reply.id);
    if (!call) return;
    forget(reply.id);
    if ('ok' in reply) call.resolve(reply.ok);
    else call.reject(opts.errorOf(reply.error));
  });
  const fail = (err: Error) => {
    // The first cause is kept for every later call: a thread that died of an error, then exited.
    lost ??= err;
    for (const call of waiting.values()) call.reject(lost);
    waiting.clear();
    ended(lost);
  };
  thread.on('error', (err) => fail(err instanceof Error ? err : new Error(String(err))));
  thread.on('exit', () => fail(new Error(opts.exited)));
  // After the listeners: adding a 'message' listener refs the thread again.
  thread.unref();

  return {
    call<T>(request: object): Promise<T> {
      if (lost) return Promise.reject(lost);
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        if (waiting.size === 0) thread.ref();
        waiting.set(id, { resolve: resolve as (ok: unknown) => void, reject });
        try {
          thread.postMessage({ ...request, id });
        } catch (err) {
          // Not sent (a value that cannot be copied): the call fails, and the thread waits for nothing.
          forget(id);
          reject(err);
        }
      });
    },
    /** The thread keeps the process alive from now until it exits. */
    holdUntilExit() {
      held = true;
      thread.ref();
    },
    /** Resolves with the cause once the thread has failed or exited. */
    ended: end,
  };
}
