import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outcomes, reviewSchedules } from '../schema/index.ts';

/**
 * The open follow-up reviews (scheduled or notified) a person records: those of outcomes they
 * own, or submitted without an owner. Soonest first, at most `limit`. The person's outcomes
 * are found by their owner and submitter indexes (an OR over the join made SQLite walk every
 * open review of the workspace).
 */
export function listMyOpenReviews(db: Db, workspaceId: string, personId: string, limit = 50) {
  return db
    .select({ scheduleId: reviewSchedules.id, outcomeId: outcomes.id, title: outcomes.title, kind: reviewSchedules.kind, dueAt: reviewSchedules.dueAt })
    .from(reviewSchedules)
    .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
    .where(
      and(
        sql`${reviewSchedules.outcomeId} in (select ${outcomes.id} from ${outcomes} where ${outcomes.workspaceId} = ${workspaceId} and ${outcomes.ownerId} = ${personId} union select ${outcomes.id} from ${outcomes} where ${outcomes.workspaceId} = ${workspaceId} and ${outcomes.submitterId} = ${personId} and ${outcomes.ownerId} is null)`,
        // The unary + keeps SQLite from starting at the status index (every open review) instead of the person's outcomes.
        sql`+${reviewSchedules.status} in ('scheduled', 'notified')`,
      ),
    )
    .orderBy(asc(reviewSchedules.dueAt))
    .limit(limit);
}
