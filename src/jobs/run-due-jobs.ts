import type { Deps } from '../deps.ts';
import { drainOutbox, type DrainReport } from '../delivery/drain.ts';

export interface JobsReport {
  outbox: DrainReport;
}

/** Processed-event keys are kept a week: platforms stop retrying within hours. */
const EVENT_MEMORY_MS = 7 * 24 * 3600_000;
/** Outbox batches per run: bounded so one run stays well inside Workers' limits. */
const MAX_OUTBOX_BATCHES = 4;

/**
 * Everything scheduled, called by the Workers cron trigger and by the Node timer alike.
 * Safe to run twice or overlapping: each piece of work is leased or keyed.
 */
export async function runDueJobs(deps: Deps, now: Date = deps.clock.now()): Promise<JobsReport> {
  const outbox: DrainReport = { sent: 0, retried: 0, deferred: 0, dead: 0 };
  for (let i = 0; i < MAX_OUTBOX_BATCHES; i++) {
    const r = await drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock: deps.clock, log: (m, d) => deps.log('info', m, d) });
    for (const k of Object.keys(outbox) as (keyof DrainReport)[]) outbox[k] += r[k];
    if (r.sent + r.retried + r.deferred + r.dead === 0) break;
  }
  await deps.repos.events.prune(new Date(now.getTime() - EVENT_MEMORY_MS));
  return { outbox };
}
