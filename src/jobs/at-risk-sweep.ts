import type { Db } from '../db/client.ts';
import { markAtRiskChecked, metricsToSweep } from '../db/queries/at-risk.ts';
import { checkAtRisk } from '../sources/at-risk-check.ts';
import { DAY_MS, eachItem, JOB_BATCH, workspaceCache, type JobLog } from './job-kit.ts';

/**
 * The daily at-risk sweep (issue 10 point 4): a metric can turn at risk with no new reading,
 * only because time passes and the review comes closer, and manual and review readings are
 * not checked when stored. Each run takes up to JOB_BATCH metrics (of verified outcomes whose
 * first review is open) not looked at for a day, forecasts them with one read per workspace,
 * and queues the alerts due together with the metrics' sweep mark in one batch. Returns how
 * many metrics were alerted.
 */
export async function sweepAtRisk(db: Db, now: Date, log: JobLog, limit = JOB_BATCH): Promise<number> {
  const rows = await metricsToSweep(db, now, DAY_MS, limit);
  const byWorkspace = new Map<string, string[]>();
  for (const r of rows) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r.metricId]);
  const workspace = workspaceCache(db);
  let alerted = 0;
  await eachItem('at-risk sweep', [...byWorkspace], ([id]) => id, async ([id, metricIds]) => {
    alerted += await checkAtRisk(db, await workspace(id), metricIds, now, markAtRiskChecked(db, id, metricIds, now));
  }, log);
  return alerted;
}
