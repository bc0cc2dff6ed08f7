import type { Deps } from '../deps.ts';
import type { DrainReport } from './drain.ts';

/** A drain with the app's drainer (single-flight per process); resolves when that run ends. */
export function drainOnce(deps: Deps): Promise<DrainReport> {
  return deps.drainer.kick();
}

/**
 * Delivers what a request just wrote to the outbox, after the response is sent. A kick
 * while the process is draining only asks that run for one more pass; the cron sweep
 * carries on with whatever a run leaves.
 */
export function kickOutbox(deps: Deps, defer: (task: () => Promise<unknown>) => void): void {
  // The drainer is the process's: the task holds nothing of the request's own deps.
  const { drainer } = deps;
  defer(() => drainer.nudge());
}
