import type { Notification } from '../../domain/ports.ts';
import type { Platform } from '../../domain/types.ts';
import { requestOf, type Db } from '../client.ts';
import { outbox } from '../schema/index.ts';
import { insertRows } from '../write-templates.ts';

/**
 * The insert statement for notifications, to spread into the same batch as the state change
 * that causes them; none when there is nothing to send (an empty insert is an error). A
 * dedupe key written before is ignored, never sent twice.
 */
export function insertNotifications(db: Db, workspaceId: string, platform: Platform, notes: Notification[], now: Date) {
  // The request that caused them, so its messages can be found from its log lines (null for jobs).
  const requestId = requestOf(db)?.requestId ?? null;
  const rows = notes.map((n) => ({
    workspaceId,
    platform,
    kind: n.kind,
    destination: n.to.address,
    payload: { ...n.data, personId: n.to.personId },
    dedupeKey: n.dedupeKey,
    nextAttemptAt: now,
    requestId,
  }));
  return insertRows(db, outbox, rows, { onConflictDoNothing: true });
}
