import type { Db } from '../db/client.ts';
import { workspaceInfo, type WorkspaceInfo } from '../db/queries/jobs.ts';
import { insertNotifications } from '../db/repos/outbox-rows.ts';
import type { Notification } from '../domain/ports.ts';

export type { WorkspaceInfo } from '../db/queries/jobs.ts';
export { pmoAddresses } from '../domain/followup-rules.ts';

/**
 * Items one job handles per run; the next run (a minute later) continues. Each item costs
 * about two queries, which keeps a busy run well inside D1's per-invocation query budget.
 */
export const JOB_BATCH = 100;
export { DAY_MS } from '../domain/iso-week.ts';

/** Caches workspace rows during one run (jobs touch few workspaces, many rows). */
export function workspaceCache(db: Db) {
  const cache = new Map<string, Promise<WorkspaceInfo>>();
  return (id: string) => {
    let w = cache.get(id);
    if (!w) {
      w = workspaceInfo(db, id).then((r) => {
        if (!r) throw new Error(`workspace ${id} does not exist`);
        return r;
      });
      cache.set(id, w);
    }
    return w;
  };
}

/** The outbox insert for a job's notifications (deduplicated by key). */
export const notify = (db: Db, w: WorkspaceInfo, notes: Notification[], at: Date) => insertNotifications(db, w.id, w.platform, notes, at);

/** Where a job reports an item it had to skip. */
export type JobLog = (msg: string, data: Record<string, unknown>) => void;

/**
 * Runs `work` for each item; an item that throws is logged and skipped, so one bad row
 * cannot stop the rest of the batch (nor, run after run, every item behind it).
 * Returns how many items were handled.
 */
export async function eachItem<T>(job: string, items: T[], idOf: (item: T) => string, work: (item: T) => Promise<unknown>, log: JobLog): Promise<number> {
  let done = 0;
  for (const item of items) {
    try {
      await work(item);
      done++;
    } catch (err) {
      log(`${job}: item skipped`, { id: idOf(item), error: err instanceof Error ? err.message : String(err) });
    }
  }
  return done;
}
