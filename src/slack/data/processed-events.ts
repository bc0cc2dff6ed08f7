import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { processedEvents } from '../../db/schema/index.ts';

/**
 * Gives back the "handled" marker of a delivery whose handling failed, so Slack's retry of
 * the same event_id is processed instead of skipped as a duplicate.
 */
export async function forgetEvent(db: Db, workspaceId: string, source: string, eventKey: string): Promise<void> {
  await db.delete(processedEvents).where(and(eq(processedEvents.workspaceId, workspaceId), eq(processedEvents.source, source), eq(processedEvents.eventKey, eventKey)));
}
