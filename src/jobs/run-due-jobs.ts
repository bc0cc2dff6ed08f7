import type { Deps } from '../deps.ts';
import { drainOutbox, type DrainReport } from '../delivery/drain.ts';
import { escalateOverdueReviews, notifyDueReviews, remindOpenReviews } from './due-reviews.ts';
import { closeSurveys, remindSurveys } from './survey-jobs.ts';
import { sendWeeklyDigests } from './weekly-digest.ts';

export interface JobsReport {
  reviewsDue: number;
  reviewReminders: number;
  escalations: number;
  surveyReminders: number;
  surveysClosed: number;
  digests: number;
  outbox: DrainReport;
}

/** Processed-event keys are kept a week: platforms stop retrying within hours. */
const EVENT_MEMORY_MS = 7 * 24 * 3600_000;
/** Outbox batches per run: bounded so one run stays well inside Workers' limits. */
const MAX_OUTBOX_BATCHES = 4;

/**
 * Everything scheduled, called by the Workers cron trigger and by the Node timer alike.
 * Safe to run twice or overlapping: each reminder, alert and digest has a unique key, and
 * the work only writes to the outbox, which delivers each row once.
 */
export async function runDueJobs(deps: Deps, now: Date = deps.clock.now()): Promise<JobsReport> {
  const { db } = deps;
  const report: JobsReport = {
    reviewsDue: await notifyDueReviews(db, now),
    reviewReminders: await remindOpenReviews(db, now),
    escalations: await escalateOverdueReviews(db, now),
    surveyReminders: await remindSurveys(db, now),
    surveysClosed: await closeSurveys(db, now),
    digests: await sendWeeklyDigests(db, now),
    outbox: { sent: 0, retried: 0, deferred: 0, dead: 0 },
  };
  for (let i = 0; i < MAX_OUTBOX_BATCHES; i++) {
    const r = await drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock: deps.clock, log: (m, d) => deps.log('info', m, d) });
    for (const k of Object.keys(report.outbox) as (keyof DrainReport)[]) report.outbox[k] += r[k];
    if (r.sent + r.retried + r.deferred + r.dead === 0) break;
  }
  await deps.repos.events.prune(new Date(now.getTime() - EVENT_MEMORY_MS));
  return report;
}
