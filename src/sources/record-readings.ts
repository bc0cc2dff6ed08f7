import type { Statement } from '../db/client.ts';
import { workspaceInfo } from '../db/queries/jobs.ts';
import { insertReadings, type NewReading, type StoredReading } from '../db/repos/readings-repo.ts';
import type { DepsCore } from '../deps-types.ts';
import type { Log } from '../log.ts';
import { checkAtRisk } from './at-risk-check.ts';

/**
 * The one way automatic readings enter (API pushes, webhooks, pulls): stored once per
 * external id, the metric's actual moved to its latest reading, `extra` written in the same
 * batch. Returns the readings stored now (a repeat returns none).
 *
 * Then the metrics that got a reading are checked at once for the at-risk alert (issue 10
 * point 4). The alert depends on the forecast over the stored readings, so it is a second
 * batch; its rows' weekly dedupe key makes a retry safe, and a failure here is only logged:
 * the readings are stored, and the daily sweep (src/jobs/at-risk-sweep.ts) catches up.
 */
export async function recordReadings(deps: Pick<DepsCore, 'db' | 'clock'> & { log?: Log }, workspaceId: string, rows: readonly NewReading[], extra: Statement[] = []): Promise<StoredReading[]> {
  const now = deps.clock.now();
  const stored = await insertReadings(deps.db, workspaceId, rows, now, extra);
  const touched = [...new Set(stored.map((r) => r.metricId))];
  if (touched.length === 0) return stored;
  try {
    const ws = await workspaceInfo(deps.db, workspaceId);
    if (ws) await checkAtRisk(deps.db, ws, touched, now);
  } catch (err) {
    deps.log?.('error', 'at-risk check after readings failed', { workspaceId, error: err instanceof Error ? err.message : String(err) });
  }
  return stored;
}
