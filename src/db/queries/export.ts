import { and, asc, desc, eq, sql, type Column } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { OutcomeStatus } from '../../domain/types.ts';
import { oneParam, type Db } from '../client.ts';
import { jsonTupleOf, readTuples } from '../json-tuples.ts';
import { metrics, outcomes, people, projects, reviews } from '../schema/index.ts';
import { periodAndProject, statusIs, visibleOutcomes, type OutcomePeriod, type Reader } from './visibility.ts';

/**
 * Outcomes per page of the export. The page's ids reach the metric and review reads as ONE
 * JSON parameter (json_each), so D1's 100 bound parameters do not bound the page. 500 keeps
 * the statements per row low and a page's ~750 rows small enough that the process's memory
 * stays at its idle size (bench/scale.ts: 1,000 and more made each page's garbage show in RSS).
 */
export const EXPORT_PAGE = 500;

type Row = typeof outcomes.$inferSelect;
type MetricRow = typeof metrics.$inferSelect;
type ReviewRow = typeof reviews.$inferSelect;

/** An exported outcome: the columns the export writes, with its project's, submitter's and owner's names. */
export type ExportOutcome = Pick<Row, 'id' | 'title' | 'indicatorClass' | 'status' | 'round' | 'submittedAt' | 'verifiedAt' | 'dueAt' | 'cost' | 'benefit' | 'createdAt'> & {
  projectName: string | null;
  submitter: string;
  submitterAddress: string;
  owner: string | null;
};
export type ExportMetric = Pick<MetricRow, 'outcomeId' | 'name' | 'unit' | 'direction' | 'baseline' | 'target' | 'actual'>;
export type ExportReview = Pick<ReviewRow, 'outcomeId' | 'stage' | 'decision' | 'comment' | 'impact' | 'difficulty' | 'innovation' | 'decidedAt'> & { reviewer: string };

/** Where the next export page starts: the last outcome's creation time and id (newest first). */
export interface ExportCursor {
  createdAt: number;
  id: string;
}

const owner = alias(people, 'owner');
const fields = <R>(f: { [K in keyof R]: Column }) => f;
const OUTCOME = fields<ExportOutcome>({
  id: outcomes.id,
  title: outcomes.title,
  indicatorClass: outcomes.indicatorClass,
  status: outcomes.status,
  round: outcomes.round,
  submittedAt: outcomes.submittedAt,
  verifiedAt: outcomes.verifiedAt,
  dueAt: outcomes.dueAt,
  cost: outcomes.cost,
  benefit: outcomes.benefit,
  createdAt: outcomes.createdAt,
  projectName: projects.name,
  submitter: people.name,
  submitterAddress: people.platformUserId,
  owner: owner.name,
});
const METRIC = fields<ExportMetric>({ outcomeId: metrics.outcomeId, name: metrics.name, unit: metrics.unit, direction: metrics.direction, baseline: metrics.baseline, target: metrics.target, actual: metrics.actual });
const REVIEW = fields<ExportReview>({
  outcomeId: reviews.outcomeId,
  stage: reviews.stage,
  decision: reviews.decision,
  comment: reviews.comment,
  impact: reviews.impact,
  difficulty: reviews.difficulty,
  innovation: reviews.innovation,
  decidedAt: reviews.decidedAt,
  reviewer: people.name,
});

/**
 * One page of the export, by keyset (newest created first, id breaking ties; the index
 * outcomes_list_newest walks it): the outcomes the reader may see under the filters, with
 * project, submitter and owner names; their metrics in position order; and their reviews,
 * oldest first, with the reviewer's name. Three statements per page, whatever its depth,
 * each returning the page's rows as one JSON text (src/db/json-tuples.ts).
 */
export async function readExportPage(db: Db, workspaceId: string, reader: Reader, f: OutcomePeriod & { status: OutcomeStatus | null }, after: ExportCursor | null, size = EXPORT_PAGE) {
  const list = await readTuples<ExportOutcome>(
    db,
    OUTCOME,
    db
      .select({ j: sql`${jsonTupleOf(OUTCOME)}`.as('j') })
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
      .limit(size),
  );
  if (!list.length) return { list, ms: [], rs: [], next: null };
  const page = oneParam(list.map((r) => r.id));
  const [ms, rs] = await Promise.all([
    readTuples<ExportMetric>(
      db,
      METRIC,
      db
        .select({ j: sql`${jsonTupleOf(METRIC)}`.as('j') })
        .from(metrics)
        .where(and(eq(metrics.workspaceId, workspaceId), sql`${metrics.outcomeId} in ${page}`))
        .orderBy(asc(metrics.outcomeId), asc(metrics.position)),
    ),
    readTuples<ExportReview>(
      db,
      REVIEW,
      db
        .select({ j: sql`${jsonTupleOf(REVIEW)}`.as('j') })
        .from(reviews)
        .innerJoin(people, eq(people.id, reviews.reviewerId))
        .where(sql`${reviews.outcomeId} in ${page}`)
        .orderBy(asc(reviews.decidedAt)),
    ),
  ]);
  const last = list.at(-1)!;
  return { list, ms, rs, next: list.length === size ? { createdAt: last.createdAt.getTime(), id: last.id } : null };
}
