import type { Deps } from '../deps.ts';
import type { DrainReport } from '../delivery/drain.ts';
import { drainOnce } from '../delivery/kick.ts';
import { escalatePendingApprovals, remindPendingApprovals } from './approval-reminders.ts';
import { sweepAtRisk } from './at-risk-sweep.ts';
import { escalateOverdueReviews, notifyDueReviews, remindOpenReviews } from './due-reviews.ts';
import { pullDueSources } from './pull-sources.ts';
import { remindRetroActions, sendRetroPacks } from './retro-jobs.ts';
import { closeSurveys, remindSurveys, startPulseWaves } from './survey-jobs.ts';
import { sendWeeklyDigests } from './weekly-digest.ts';

export interface JobsReport {
  /** Jobs that failed as a whole this run (logged); the others, and delivery, still ran. */
  failedJobs: number;
  reviewsDue: number;
  reviewReminders: number;
  escalations: number;
  approvalReminders: number;
  approvalEscalations: number;
  surveyReminders: number;
  surveysClosed: number;
  pulseWaves: number;
  digests: number;
  /** Pull sources read successfully this run. */
  sourcesPulled: number;
  /** Metrics the daily at-risk sweep queued an alert for. */
  atRiskAlerts: number;
  /** Retrospectives opened (their packs queued to the PMO), and retrospective actions reminded. */
  retroPacks: number;
  retroReminders: number;
  outbox: DrainReport;
}

/** Processed-event keys are kept a week: platforms stop retrying within hours. */
const EVENT_MEMORY_MS = 7 * 24 * 3600_000;

/**
 * Everything scheduled, called by the Workers cron trigger and by the Node timer alike.
 * Safe to run twice or overlapping: each reminder, alert and digest has a unique key, and
 * the work only writes to the outbox, which delivers each row once.
 */
export async function runDueJobs(deps: Deps, now: Date = deps.clock.now(), opts: { awaitDelivery?: boolean } = {}): Promise<JobsReport> {
  const { db } = deps;
  const log = (msg: string, data: Record<string, unknown>) => deps.log('error', msg, data);
  let failedJobs = 0;
  // A job that fails as a whole is logged and counted; the next jobs and delivery still run.
  const guard = async (name: string, job: () => Promise<number>) => {
    try {
      return await job();
    } catch (err) {
      failedJobs++;
      log(`${name}: job failed`, { error: err instanceof Error ? err.message : String(err) });
      return 0;
    }
  };
  const report: JobsReport = {
    failedJobs: 0,
    reviewsDue: await guard('due reviews', () => notifyDueReviews(db, now, log)),
    reviewReminders: await guard('review reminders', () => remindOpenReviews(db, now, log)),
    escalations: await guard('review escalations', () => escalateOverdueReviews(db, now, log)),
    approvalReminders: await guard('approval reminders', () => remindPendingApprovals(db, now, log)),
    approvalEscalations: await guard('approval escalations', () => escalatePendingApprovals(db, now, log)),
    surveyReminders: await guard('survey reminders', () => remindSurveys(db, now, log)),
    surveysClosed: await guard('survey closing', () => closeSurveys(db, now, log)),
    pulseWaves: await guard('pulse waves', () => startPulseWaves(db, now, log)),
    digests: await guard('weekly digest', () => sendWeeklyDigests(db, now, log)),
    sourcesPulled: await guard('scheduled pulls', () => pullDueSources(deps, now)),
    atRiskAlerts: await guard('at-risk sweep', () => sweepAtRisk(db, now, log)),
    retroPacks: await guard('retro packs', () => sendRetroPacks(db, now, log)),
    retroReminders: await guard('retro action reminders', () => remindRetroActions(db, now, log)),
    outbox: { sent: 0, retried: 0, deferred: 0, dead: 0 },
  };
  report.failedJobs = failedJobs;
  await deps.repos.events.prune(new Date(now.getTime() - EVENT_MEMORY_MS));
  // The drainer's run is bounded by its runtime (Workers: inside waitUntil). On Node it may
  // go on for minutes with a backlog, so the job timer kicks it without waiting for it.
  const delivery = drainOnce(deps);
  if (opts.awaitDelivery === false) delivery.catch((err: unknown) => log('outbox drain failed', { error: String(err) }));
  else report.outbox = await delivery;
  return report;
}
