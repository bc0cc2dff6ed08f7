import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { processedEvents } from '../schema/index.ts';

/** Rows one prune deletes at most: bounded so a run after a long pause stays short; the next run continues. */
export const PRUNE_BATCH = 5000;

/**
 * At-least-once inbound deliveries, handled once. Only deliveries live here (Slack and
 * Feishu event ids, message ids, OAuth states); business once-only guards are in
 * action_guards, so pruning this table can never let an action happen twice.
 */
export function createProcessedEvents(db: Db) {
  return {
    /** True the first time (workspace, source, key) is seen; false for every repeat. */
    async firstTime(workspaceId: string, source: string, eventKey: string, now: Date): Promise<boolean> {
      const inserted = await db
        .insert(processedEvents)
        .values({ workspaceId, source, eventKey, receivedAt: now })
        .onConflictDoNothing()
        .returning({ key: processedEvents.eventKey });
      return inserted.length === 1;
    },
    /**
     * Gives back the marker of a delivery whose handling failed, so the platform's retry of
     * the same key is processed instead of skipped as a duplicate.
     */
    async forget(workspaceId: string, source: string, eventKey: string): Promise<void> {
      await db.delete(processedEvents).where(and(eq(processedEvents.workspaceId, workspaceId), eq(processedEvents.source, source), eq(processedEvents.eventKey, eventKey)));
    },
    /**
     * Forgets up to `limit` deliveries older than `before` (platforms stop retrying after
     * hours, not days), oldest first through the age index. Returns how many were deleted.
     */
    async prune(before: Date, limit = PRUNE_BATCH): Promise<number> {
      const gone = await db
        .delete(processedEvents)
        .where(sql`rowid in (select rowid from ${processedEvents} where ${lt(processedEvents.receivedAt, before)} order by ${processedEvents.receivedAt} limit ${limit})`)
        .returning({ key: processedEvents.eventKey });
      return gone.length;
    },
  };
}
