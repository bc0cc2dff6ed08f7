import { linkedKeyResult } from '../queries/okr.ts';
import type { Db, Statement } from '../client.ts';
import { outbox } from '../schema/index.ts';

/** The outbox "platform" of progress records written to Feishu OKR (its own sender and budget). */
export const OKR_PROGRESS_PLATFORM = 'feishu_okr';

/** What happened to the outcome that a progress record tells its key result. */
export type ProgressEvent = { type: 'verified' } | { type: 'review'; scheduleId: string };

/**
 * The outbox row that writes a progress record to the outcome's key result in Feishu OKR,
 * to spread into the batch of the state change (verified, review recorded); none when the
 * outcome links no key result imported from Feishu. Its dedupe key (event, outcome or
 * review, key result) makes it one record per event, however often the batch is retried.
 */
export async function okrProgressRows(db: Db, workspaceId: string, outcomeId: string, event: ProgressEvent, at: Date): Promise<Statement[]> {
  const kr = await linkedKeyResult(db, workspaceId, outcomeId);
  if (!kr?.externalId) return [];
  const subject = event.type === 'review' ? event.scheduleId : outcomeId;
  return [
    db
      .insert(outbox)
      .values({
        workspaceId,
        platform: OKR_PROGRESS_PLATFORM,
        kind: 'okr_progress',
        // One key result's records go in order, one after another.
        destination: kr.externalId,
        payload: { outcomeId, keyResultId: kr.id, event: event.type, ...(event.type === 'review' ? { scheduleId: event.scheduleId } : {}) },
        dedupeKey: `okr_progress:${event.type}:${subject}:${kr.id}`,
        nextAttemptAt: at,
      })
      .onConflictDoNothing(),
  ];
}
