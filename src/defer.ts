import type { Log } from './log.ts';

/** Something that can keep a request's work alive after its response (Workers' ExecutionContext). */
export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * Work after the response: `ctx.waitUntil` on Workers, tracked promises on Node so
 * shutdown can wait for them. The task starts only once the handler has returned.
 */
export type Defer = (task: () => Promise<unknown>, ctx?: WaitUntil) => void;

/** How a deferred task's failure is logged (with the request's log when it was deferred in one, src/app.ts). */
export const logDeferredFailure = (log: Log) => (err: unknown) => log('error', 'deferred work failed', { error: String(err instanceof Error ? err.stack : err) });

/** Node's defer: runs tasks on the next turn and remembers them until they settle. */
export function createTrackedDefer(log: Log): { defer: Defer; drain(): Promise<void>; pending(): number } {
  const running = new Set<Promise<unknown>>();
  const defer: Defer = (task) => {
    setImmediate(() => {
      const p = task()
        .catch(logDeferredFailure(log))
        .finally(() => running.delete(p));
      running.add(p);
    });
  };
  return {
    defer,
    pending: () => running.size,
    async drain() {
      // Let tasks queued this turn start, then wait until nothing is left (tasks may defer more).
      await new Promise((r) => setImmediate(r));
      while (running.size) {
        await Promise.allSettled([...running]);
        await new Promise((r) => setImmediate(r));
      }
    },
  };
}

const held = new WeakMap<WaitUntil, Promise<void>>();

/**
 * Workers' defer: the task joins the invocation's waitUntil, and starts only once the
 * invocation's response has left (see {@link holdUntilSent}); without a hold (the cron
 * handler has no response) it starts on the next turn.
 */
export function createWaitUntilDefer(log: Log): Defer {
  return (task, ctx) => {
    const start = (ctx && held.get(ctx)) ?? Promise.resolve();
    const p = start.then(task).catch(logDeferredFailure(log));
    if (ctx) ctx.waitUntil(p);
  };
}

/**
 * Holds the tasks deferred in this invocation until its response has been sent, and returns
 * that response to give to the runtime. "Sent" is when the runtime has read the body to its
 * end (or given up on it: the client went away): every byte is then out of our hands, so a
 * deferred card patch can no longer overtake the callback answer it follows. A null body
 * becomes an empty stream for the same signal, except where a body is not allowed (101, 204,
 * 205, 304), where the tasks start on the next macrotask after the handler returned.
 */
export function holdUntilSent(ctx: WaitUntil): (res: Response) => Response {
  let release!: () => void;
  held.set(ctx, new Promise<void>((resolve) => (release = resolve)));
  return (res) => {
    if ([101, 204, 205, 304].includes(res.status)) {
      setTimeout(release, 0);
      return res;
    }
    const source = res.body?.getReader();
    // highWaterMark 0: nothing is pulled ahead, so the end is seen only when the reader asks for it.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = source ? await source.read() : { done: true as const, value: undefined };
        if (next.done) {
          controller.close();
          release();
        } else controller.enqueue(next.value);
      },
      async cancel(reason) {
        release();
        await source?.cancel(reason);
      },
    }, { highWaterMark: 0 });
    return new Response(body, res);
  };
}
