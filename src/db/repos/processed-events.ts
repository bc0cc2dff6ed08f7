import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { processedEvents } from '../schema/index.ts';

/** At-least-once inbound deliveries, handled once. */
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
    /** Forgets deliveries older than `before` (platforms stop retrying after hours, not days). */
    async prune(before: Date): Promise<void> {
      await db.delete(processedEvents).where(lt(processedEvents.receivedAt, before));
    },
  };
}
