import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outcomes, people, reviewSchedules, reviews } from '../schema/index.ts';
import { outcomeMetrics } from './outcomes.ts';

/** When an outcome's first follow-up review is due; null before it is scheduled (or when not in this workspace). */
export async function firstReview(db: Db, workspaceId: string, outcomeId: string): Promise<{ dueAt: Date; status: 'scheduled' | 'notified' | 'done' | 'cancelled' } | null> {
  const [s] = await db
    .select({ dueAt: reviewSchedules.dueAt, status: reviewSchedules.status })
    .from(reviewSchedules)
    .where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.outcomeId, outcomeId), eq(reviewSchedules.kind, 'first')));
  return s ?? null;
}

/** When a follow-up review was due; null when the schedule is not in this workspace. */
export async function scheduleDueAt(db: Db, workspaceId: string, scheduleId: string): Promise<Date | null> {
  const [s] = await db.select({ dueAt: reviewSchedules.dueAt }).from(reviewSchedules).where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.id, scheduleId)));
  return s?.dueAt ?? null;
}

export type ReviewRow = typeof reviews.$inferSelect;

/** The decision taken on one stage of one round, with its reviewer's name and address; null while open. */
export async function stageDecision(db: Db, workspaceId: string, outcomeId: string, round: number, stage: 'manager' | 'pmo') {
  const [row] = await db
    .select({ r: reviews, name: people.name, address: people.platformUserId })
    .from(reviews)
    .innerJoin(people, eq(people.id, reviews.reviewerId))
    .where(and(eq(reviews.workspaceId, workspaceId), eq(reviews.outcomeId, outcomeId), eq(reviews.round, round), eq(reviews.stage, stage)));
  return row ?? null;
}

/** The open follow-up reviews (scheduled or notified) a member owns (owner, else submitter), soonest first. */
export async function dueReviewsOf(db: Db, workspaceId: string, personId: string, limit = 10) {
  return db
    .select({ scheduleId: reviewSchedules.id, status: reviewSchedules.status, outcomeId: outcomes.id, title: outcomes.title, dueAt: reviewSchedules.dueAt })
    .from(reviewSchedules)
    .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
    .where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(sql`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`, personId), inArray(reviewSchedules.status, ['scheduled', 'notified'])))
    .orderBy(asc(reviewSchedules.dueAt))
    .limit(limit);
}

/**
 * A follow-up review of this workspace with its outcome's title and owner (the owner, else
 * the submitter) and the outcome's metrics; null when it is not in this workspace.
 */
export async function reviewWithOwner(db: Db, workspaceId: string, scheduleId: string) {
  const [row] = await db
    .select({ s: reviewSchedules, title: outcomes.title, owner: people })
    .from(reviewSchedules)
    .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
    .innerJoin(people, eq(people.id, sql`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`))
    .where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.id, scheduleId)));
  if (!row) return null;
  return { schedule: row.s, title: row.title, owner: row.owner, metrics: await outcomeMetrics(db, workspaceId, row.s.outcomeId) };
}
