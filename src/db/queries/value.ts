import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { metrics, outcomes, projects, reviews } from '../schema/index.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/**
 * The rows of the value page, over the outcomes the reader may see: metrics with a measured
 * actual, outcomes with both cost and benefit, and reviews with all three scores.
 */
export async function readValueRows(db: Db, workspaceId: string, reader: Reader) {
  const scope = visibleOutcomes(workspaceId, reader);
  const [measured, costed, scored] = await Promise.all([
    db
      .select({ outcomeId: outcomes.id, title: outcomes.title, projectName: projects.name, metric: metrics.name, unit: metrics.unit, direction: metrics.direction, baseline: metrics.baseline, actual: metrics.actual })
      .from(metrics)
      .innerJoin(outcomes, eq(outcomes.id, metrics.outcomeId))
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .where(and(scope, isNotNull(metrics.actual))),
    db
      .select({ outcomeId: outcomes.id, title: outcomes.title, projectName: projects.name, cost: outcomes.cost, benefit: outcomes.benefit })
      .from(outcomes)
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .where(and(scope, isNotNull(outcomes.cost), isNotNull(outcomes.benefit))),
    db
      .select({ projectName: projects.name, indicatorClass: outcomes.indicatorClass, impact: reviews.impact, difficulty: reviews.difficulty, innovation: reviews.innovation })
      .from(reviews)
      .innerJoin(outcomes, eq(outcomes.id, reviews.outcomeId))
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .where(and(scope, isNotNull(reviews.impact), isNotNull(reviews.difficulty), isNotNull(reviews.innovation))),
  ]);
  return { measured, costed, scored };
}
