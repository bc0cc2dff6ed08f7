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

/** Node's defer: runs tasks on the next turn and remembers them until they settle. */
export function createTrackedDefer(log: Log): { defer: Defer; drain(): Promise<void>; pending(): number } {
  const running = new Set<Promise<unknown>>();
  const defer: Defer = (task) => {
    setImmediate(() => {
      const p = task()
        .catch((err: unknown) => log('error', 'deferred work failed', { error: String(err instanceof Error ? err.stack : err) }))
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

/** Workers' defer: hands the task to the invocation's waitUntil. */
export function createWaitUntilDefer(log: Log): Defer {
  return (task, ctx) => {
    const p = task().catch((err: unknown) => log('error', 'deferred work failed', { error: String(err instanceof Error ? err.stack : err) }));
    if (ctx) ctx.waitUntil(p);
  };
}
