import type { Deps } from '../deps.ts';
import { drainOutbox, type DrainReport } from './drain.ts';

/** One drain of the outbox with the app's store, senders, budgets and clock. */
export function drainOnce(deps: Deps): Promise<DrainReport> {
  return drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock: deps.clock, log: (m, d) => deps.log('info', m, d) });
}

/**
 * Delivers what a request just wrote to the outbox, after the response is sent. The
 * cron sweep retries whatever this run could not deliver.
 */
export function kickOutbox(deps: Deps, defer: (task: () => Promise<unknown>) => void): void {
  defer(() => drainOnce(deps));
}
