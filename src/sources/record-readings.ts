import type { Statement } from '../db/client.ts';
import { insertReadings, type NewReading, type StoredReading } from '../db/repos/readings-repo.ts';
import type { DepsCore } from '../deps-types.ts';

/**
 * The one way automatic readings enter (API pushes, webhooks, pulls): stored once per
 * external id, the metric's actual moved to its latest reading, `extra` written in the same
 * batch. Returns the readings stored now (a repeat returns none).
 */
export async function recordReadings(deps: Pick<DepsCore, 'db' | 'clock'>, workspaceId: string, rows: readonly NewReading[], extra: Statement[] = []): Promise<StoredReading[]> {
  return insertReadings(deps.db, workspaceId, rows, deps.clock.now(), extra);
}
