import { and, asc, count, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outcomes, people, projects, reviewSchedules } from '../schema/index.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/**
 * Open follow-up reviews (scheduled or notified) of the outcomes the reader may see that are due
 * by `horizon`, soonest (most overdue) first, at most `limit`, each with its owner: the outcome's
 * owner, else its submitter; and how many open reviews are due later. Counted in SQL, so a
 * workspace with tens of thousands open reads one bounded page.
 */
export async function listOpenReviews(db: Db, workspaceId: string, reader: Reader, horizon: Date, limit: number) {
  const ownerId = sql<string>`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`;
  const open = and(eq(reviewSchedules.workspaceId, workspaceId), inArray(reviewSchedules.status, ['scheduled', 'notified']));
  const seen = visibleOutcomes(workspaceId, reader);
  const due = lte(reviewSchedules.dueAt, horizon);
  const [rows, [totals]] = await Promise.all([
    db
      .select({ outcomeId: outcomes.id, title: outcomes.title, projectName: projects.name, kind: reviewSchedules.kind, dueAt: reviewSchedules.dueAt, status: reviewSchedules.status, ownerId, ownerName: people.name, ownerAddress: people.platformUserId })
      .from(reviewSchedules)
      .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .innerJoin(people, eq(people.id, ownerId))
      .where(and(open, seen, due))
      .orderBy(asc(reviewSchedules.dueAt), asc(reviewSchedules.id))
      .limit(limit),
    db
      .select({ all: count(), due: sql<number>`coalesce(sum(${reviewSchedules.dueAt} <= ${horizon.getTime()}), 0)` })
      .from(reviewSchedules)
      .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
      .where(and(open, seen)),
  ]);
  return { rows, due: Number(totals?.due ?? 0), later: (totals?.all ?? 0) - Number(totals?.due ?? 0) };
}
