import { sourceOwners } from '../db/queries/source-health.ts';
import { claimDueSources, markSourceSucceeded, type ClaimedSource } from '../db/repos/source-runs.ts';
import type { DepsCore } from '../deps-types.ts';
import { errorText } from '../sources/pull/pull-error.ts';
import { defaultPullOptions, type PullOptions } from '../sources/pull/types.ts';
import { recordReadings } from '../sources/record-readings.ts';
import { sourceFailureStatements } from '../sources/source-failure.ts';

/** Sources pulled per run (the next run, a minute later, takes the rest) and at once. */
export const PULLS_PER_RUN = 20;
export const PULL_CONCURRENCY = 4;
/** How long a claimed source stays taken if the run dies before recording its result. */
const LEASE_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;

/** When a source runs next after a run at `at`: an hour or a day later, failed or not. */
export const nextPullAt = (schedule: 'hourly' | 'daily' | null, at: Date) => new Date(at.getTime() + (schedule === 'hourly' ? HOUR_MS : 24 * HOUR_MS));

/** Runs `work` over `items`, at most `limit` at a time. */
async function pooled<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Scheduled pulls: claims the due pull sources (bounded), reads each (bounded concurrency),
 * and stores per source, in one batch, either its readings and its success, or its error,
 * its failure count and — on the third failure in a row — the message to its owner.
 * Returns how many sources were pulled successfully.
 */
export async function pullDueSources(deps: DepsCore, now: Date, opts: PullOptions = defaultPullOptions(deps)): Promise<number> {
  const { db } = deps;
  const claimed = await claimDueSources(db, now, new Date(now.getTime() + LEASE_MS), PULLS_PER_RUN);
  if (!claimed.length) return 0;
  const owners = await sourceOwners(db, claimed.map((s) => s.id));
  // Loaded when a source is due: the source schemas bring zod, which a Worker's start never needs.
  const { pullSource } = await import('../sources/pull/run-source.ts');
  let ok = 0;
  const one = async (s: ClaimedSource) => {
    const who = owners.get(s.id);
    if (!who) return; // deleted since the claim
    try {
      const rows = await pullSource(deps, opts, { ...s, platform: who.platform });
      const at = deps.clock.now();
      await recordReadings(deps, s.workspaceId, rows, [markSourceSucceeded(db, s.id, at, nextPullAt(s.schedule, at))]);
      ok++;
    } catch (err) {
      const at = deps.clock.now();
      const error = errorText(err);
      deps.log('warn', 'source pull failed', { sourceId: s.id, kind: s.kind, error });
      // Not caught: a database that cannot store the failure fails the job (logged by the runner).
      await db.batch(sourceFailureStatements(db, s, who, error, at, nextPullAt(s.schedule, at)) as [never]);
    }
  };
  await pooled(claimed, PULL_CONCURRENCY, one);
  return ok;
}
