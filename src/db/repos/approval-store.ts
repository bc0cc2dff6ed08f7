import { and, eq } from 'drizzle-orm';
import type { ApprovalStore } from '../../domain/approval-store.ts';
import { batchOnce, type Db } from '../client.ts';
import { lastCardSentAt } from '../queries/approvals-waiting.ts';
import { actionGuards, auditLog, outcomes, people } from '../schema/index.ts';
import { insertNotifications } from './outbox-rows.ts';

/** ApprovalStore on drizzle: each write is one db.batch() with its audit entry and outbox rows. */
export function createApprovalStore(db: Db): ApprovalStore {
  return {
    async handOver(h) {
      const ws = h.workspaceId;
      // Guarded on the reviewer, status and round read by the verb: a decision or another
      // hand-over landing meanwhile changes none of them silently.
      const guard = and(eq(outcomes.workspaceId, ws), eq(outcomes.id, h.outcomeId), eq(outcomes.status, 'submitted'), eq(outcomes.round, h.round), eq(outcomes.reviewerId, h.fromReviewerId));
      const [still] = await db.select({ id: outcomes.id }).from(outcomes).where(guard);
      if (!still) return 'stale';
      await db.batch([
        db.update(outcomes).set({ reviewerId: h.toReviewerId, updatedAt: h.at }).where(guard),
        db.insert(auditLog).values({ ...h.audit, workspaceId: ws }),
        ...insertNotifications(db, ws, h.platform, h.notifications, h.at),
      ]);
      return 'stored';
    },

    async once(o) {
      const statements = [db.insert(actionGuards).values({ workspaceId: o.workspaceId, action: o.action, key: o.key, at: o.at }), ...insertNotifications(db, o.workspaceId, o.platform, o.notifications, o.at)] as const;
      return (await batchOnce(db, statements, 'action_guards')) ? 'stored' : 'done_before';
    },

    async setAway(workspaceId, personId, away, audit) {
      await db.batch([
        db
          .update(people)
          .set({ delegateId: away?.delegateId ?? null, awayFrom: away?.awayFrom ?? null, awayUntil: away?.awayUntil ?? null, updatedAt: audit.at })
          .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId))),
        db.insert(auditLog).values({ ...audit, workspaceId }),
      ]);
    },

    lastCardSentAt: (workspaceId, outcomeId, round, stage, address) => lastCardSentAt(db, workspaceId, outcomeId, round, stage, address),

    async away(workspaceId, personId) {
      const [p] = await db
        .select({ delegateId: people.delegateId, awayFrom: people.awayFrom, awayUntil: people.awayUntil })
        .from(people)
        .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
      return p ?? null;
    },
  };
}
