import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { OutcomeStatus } from '../../domain/types.ts';
import type { Db } from '../client.ts';
import { metrics, outcomes, people, projects, reviews } from '../schema/index.ts';
import { periodAndProject, visibleOutcomes, type OutcomePeriod, type Reader } from './visibility.ts';

// Metrics and reviews are read per chunk of outcome ids: D1 binds at most 100 parameters per query.
const CHUNK = 90;

export type ExportReview = Pick<typeof reviews.$inferSelect, 'outcomeId' | 'stage' | 'decision' | 'comment' | 'impact' | 'difficulty' | 'innovation' | 'decidedAt'> & { reviewer: string };

/**
 * The rows of the CSV export: the outcomes the reader may see in the period (newest submission
 * first) with project, submitter and owner names; their metrics in position order; and their
 * reviews, oldest first, with the reviewer's name.
 */
export async function readExportRows(db: Db, workspaceId: string, reader: Reader, f: OutcomePeriod & { status: OutcomeStatus | null }) {
  const owner = alias(people, 'owner');
  const list = await db
    .select({ o: outcomes, projectName: projects.name, submitter: people.name, submitterAddress: people.platformUserId, owner: owner.name })
    .from(outcomes)
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .innerJoin(people, eq(people.id, outcomes.submitterId))
    .leftJoin(owner, eq(owner.id, outcomes.ownerId))
    .where(and(visibleOutcomes(workspaceId, reader), periodAndProject(f), f.status ? eq(outcomes.status, f.status) : undefined))
    .orderBy(desc(outcomes.submittedAt), asc(outcomes.title));
  const ids = list.map((r) => r.o.id);
  const ms: (typeof metrics.$inferSelect)[] = [];
  const rs: ExportReview[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    ms.push(...(await db.select().from(metrics).where(inArray(metrics.outcomeId, chunk)).orderBy(asc(metrics.position))));
    rs.push(
      ...(await db
        .select({ outcomeId: reviews.outcomeId, stage: reviews.stage, decision: reviews.decision, comment: reviews.comment, impact: reviews.impact, difficulty: reviews.difficulty, innovation: reviews.innovation, decidedAt: reviews.decidedAt, reviewer: people.name })
        .from(reviews)
        .innerJoin(people, eq(people.id, reviews.reviewerId))
        .where(inArray(reviews.outcomeId, chunk))
        .orderBy(asc(reviews.decidedAt))),
    );
  }
  return { list, ms, rs };
}
