import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outcomes, people, projects, reviewSchedules } from '../schema/index.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/**
 * Open follow-up reviews (scheduled or notified) of the outcomes the reader may see, soonest
 * first, each with its owner: the outcome's owner, else its submitter.
 */
export async function listOpenReviews(db: Db, workspaceId: string, reader: Reader) {
  const ownerId = sql<string>`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`;
  return db
    .select({ outcomeId: outcomes.id, title: outcomes.title, projectName: projects.name, kind: reviewSchedules.kind, dueAt: reviewSchedules.dueAt, status: reviewSchedules.status, ownerId, ownerName: people.name, ownerAddress: people.platformUserId })
    .from(reviewSchedules)
    .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .innerJoin(people, eq(people.id, ownerId))
    .where(and(visibleOutcomes(workspaceId, reader), inArray(reviewSchedules.status, ['scheduled', 'notified'])))
    .orderBy(asc(reviewSchedules.dueAt));
}
