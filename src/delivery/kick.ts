import type { Deps } from '../deps.ts';
import { drainOutbox } from './drain.ts';

/**
 * Delivers what a request just wrote to the outbox, after the response is sent. The
 * cron sweep retries whatever this run could not deliver.
 */
export function kickOutbox(deps: Deps, defer: (task: () => Promise<unknown>) => void): void {
  defer(() => drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock: deps.clock, log: (m, d) => deps.log('info', m, d) }));
}
