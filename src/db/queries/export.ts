import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { OutcomeStatus } from '../../domain/types.ts';
import type { Db } from '../client.ts';
import { metrics, outcomes, people, projects, reviews } from '../schema/index.ts';
import { periodAndProject, statusIs, visibleOutcomes, type OutcomePeriod, type Reader } from './visibility.ts';

/** Outcomes per page of the export: their ids stay under D1's 100 bound parameters in the metric and review reads. */
export const EXPORT_PAGE = 90;

export type ExportReview = Pick<typeof reviews.$inferSelect, 'outcomeId' | 'stage' | 'decision' | 'comment' | 'impact' | 'difficulty' | 'innovation' | 'decidedAt'> & { reviewer: string };

/** Where the next export page starts: the last outcome's creation time and id (newest first). */
export interface ExportCursor {
  createdAt: number;
  id: string;
}

/**
 * One page of the export, by keyset (newest created first, id breaking ties; the index
 * outcomes_list_newest walks it): the outcomes the reader may see under the filters, with
 * project, submitter and owner names; their metrics in position order; and their reviews,
 * oldest first, with the reviewer's name. Three queries per page, whatever the page's depth.
 */
export async function readExportPage(db: Db, workspaceId: string, reader: Reader, f: OutcomePeriod & { status: OutcomeStatus | null }, after: ExportCursor | null) {
  const owner = alias(people, 'owner');
  const list = await db
    .select({ o: outcomes, projectName: projects.name, submitter: people.name, submitterAddress: people.platformUserId, owner: owner.name })
    .from(outcomes)
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .innerJoin(people, eq(people.id, outcomes.submitterId))
    .leftJoin(owner, eq(owner.id, outcomes.ownerId))
    .where(
      and(
        visibleOutcomes(workspaceId, reader),
        periodAndProject(f),
        f.status ? statusIs(reader, f.status) : undefined,
        after ? sql`(${outcomes.createdAt}, ${outcomes.id}) < (${after.createdAt}, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(outcomes.createdAt), desc(outcomes.id))
    .limit(EXPORT_PAGE);
  const ids = list.map((r) => r.o.id);
  if (!ids.length) return { list, ms: [], rs: [], next: null };
  const [ms, rs] = await Promise.all([
    db.select().from(metrics).where(and(eq(metrics.workspaceId, workspaceId), inArray(metrics.outcomeId, ids))).orderBy(asc(metrics.outcomeId), asc(metrics.position)),
    db
      .select({ outcomeId: reviews.outcomeId, stage: reviews.stage, decision: reviews.decision, comment: reviews.comment, impact: reviews.impact, difficulty: reviews.difficulty, innovation: reviews.innovation, decidedAt: reviews.decidedAt, reviewer: people.name })
      .from(reviews)
      .innerJoin(people, eq(people.id, reviews.reviewerId))
      .where(inArray(reviews.outcomeId, ids))
      .orderBy(asc(reviews.decidedAt)),
  ]);
  const last = list.at(-1)!.o;
  return { list, ms, rs: rs as ExportReview[], next: list.length === EXPORT_PAGE ? { createdAt: last.createdAt.getTime(), id: last.id } : null };
}
