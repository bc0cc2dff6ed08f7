import { and, asc, eq, inArray, lte, lt, or, sql } from 'drizzle-orm';
import type { OutboxRow, OutboxStore } from '../../delivery/types.ts';
import type { Db } from '../client.ts';
import { outbox } from '../schema/index.ts';

/** The outbox on drizzle; leases are taken with one UPDATE … RETURNING, safe across drainers. */
export function createOutboxStore(db: Db): OutboxStore {
  const leased = (id: string, token: string) => and(eq(outbox.id, id), eq(outbox.claimToken, token), eq(outbox.status, 'sending'));
  return {
    async claim({ now, limit, leaseMs, token }) {
      const due = db
        .select({ id: outbox.id })
        .from(outbox)
        .where(or(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)), and(eq(outbox.status, 'sending'), lt(outbox.claimedUntil, now))))
        .orderBy(asc(outbox.nextAttemptAt))
        .limit(limit);
      const rows = await db
        .update(outbox)
        .set({ status: 'sending', claimToken: token, claimedUntil: new Date(now.getTime() + leaseMs) })
        .where(inArray(outbox.id, due))
        .returning();
      return rows
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime())
        .map(
          (r): OutboxRow => ({
            id: r.id,
            workspaceId: r.workspaceId,
            platform: r.platform,
            kind: r.kind,
            destination: r.destination,
            payload: r.payload,
            dedupeKey: r.dedupeKey,
            attempts: r.attempts,
          }),
        );
    },
    async markSent(id, token, now, result) {
      await db.update(outbox).set({ status: 'sent', sentAt: now, result, claimToken: null, claimedUntil: null, lastError: null }).where(leased(id, token));
    },
    async retryLater(id, token, at, { error, countAttempt }) {
      await db
        .update(outbox)
        .set({
          status: 'pending',
          nextAttemptAt: at,
          claimToken: null,
          claimedUntil: null,
          ...(error !== null ? { lastError: error } : {}),
          ...(countAttempt ? { attempts: sql`${outbox.attempts} + 1` } : {}),
        })
        .where(leased(id, token));
    },
    async markDead(id, token, error) {
      await db
        .update(outbox)
        .set({ status: 'dead', lastError: error, attempts: sql`${outbox.attempts} + 1`, claimToken: null, claimedUntil: null })
        .where(leased(id, token));
    },
  };
}
