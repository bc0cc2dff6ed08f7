import { and, eq, sql } from 'drizzle-orm';
import type { AuditEntry } from '../../domain/ports.ts';
import type { Db } from '../client.ts';
import { auditLog, outbox } from '../schema/index.ts';

/**
 * Puts a dead row back in the queue, due now, with a fresh count of attempts, and records
 * who did it, in one batch. Only a dead row of this workspace: anything else changes nothing
 * and answers false. The normal drainer sends it, in its destination's order and budget.
 */
export async function requeueDead(db: Db, workspaceId: string, id: string, audit: AuditEntry): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(outbox)
      .set({ status: 'pending', nextAttemptAt: audit.at, attempts: 0, resends: 0, claimToken: null, claimedUntil: null, sendStartedAt: null })
      .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.id, id), eq(outbox.status, 'dead')))
      .returning({ id: outbox.id }),
    // Only when the update above changed the row (the batch runs its statements in order on one
    // connection). Listed in the table's column order (drizzle inserts a select into every column).
    db.insert(auditLog).select(
      sql`select ${crypto.randomUUID()}, ${workspaceId}, ${audit.entity}, ${audit.entityId}, ${audit.action}, ${audit.actorId}, null, null, ${audit.comment}, ${audit.at.getTime()}, ${audit.via} where changes() = 1`,
    ),
  ]);
  return updated.length === 1;
}
