import { and, asc, count, desc, eq, gt, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { metrics, outcomes, projects, reviews } from '../schema/index.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/** ROI in SQL, as domain/roi.ts has it: (benefit − cost) / cost for a positive cost. */
const roiSql = sql<number>`(${outcomes.benefit} - ${outcomes.cost}) / ${outcomes.cost}`;

/**
 * The rows of the value page, over the verified outcomes the reader may see (unverified ones
 * are only counted, never ranked), aggregated and ranked in SQL: the `limit` outcomes of highest
 * attainment with their measured metrics; the `limit` of highest ROI and the ROI totals; the
 * score-card means overall, per project and per indicator class.
 */
export async function readValueRows(db: Db, workspaceId: string, reader: Reader, limit: number) {
  const scope = visibleOutcomes(workspaceId, reader);
  const verified = and(scope, eq(outcomes.status, 'verified'));
  const costed = and(verified, isNotNull(outcomes.benefit), gt(outcomes.cost, 0));
  const scored = and(verified, isNotNull(reviews.impact), isNotNull(reviews.difficulty), isNotNull(reviews.innovation));
  const means = { n: count(), impact: sql<number>`avg(${reviews.impact})`, difficulty: sql<number>`avg(${reviews.difficulty})`, innovation: sql<number>`avg(${reviews.innovation})` };
  const scoreRows = () => db.select(means).from(reviews).innerJoin(outcomes, eq(outcomes.id, reviews.outcomeId));
  const [top, unverified, roiRows, [roiTotal], [overall], byProject, byClass] = await Promise.all([
    db
      .select({ id: outcomes.id, title: outcomes.title, projectName: projects.name, attainment: outcomes.attainment })
      .from(outcomes)
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .where(and(verified, isNotNull(outcomes.attainment)))
      .orderBy(desc(outcomes.attainment), desc(outcomes.id))
      .limit(limit),
    db.select({ n: count() }).from(outcomes).where(and(scope, ne(outcomes.status, 'verified'), isNotNull(outcomes.attainment))),
    db
      .select({ outcomeId: outcomes.id, title: outcomes.title, projectName: projects.name, cost: sql<number>`${outcomes.cost}`, benefit: sql<number>`${outcomes.benefit}`, roi: roiSql })
      .from(outcomes)
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .where(costed)
      .orderBy(desc(roiSql), asc(outcomes.id))
      .limit(limit),
    db.select({ n: count(), cost: sql<number | null>`sum(${outcomes.cost})`, benefit: sql<number | null>`sum(${outcomes.benefit})` }).from(outcomes).where(costed),
    scoreRows().where(scored),
    db.select({ ...means, name: projects.name }).from(reviews).innerJoin(outcomes, eq(outcomes.id, reviews.outcomeId)).innerJoin(projects, eq(projects.id, outcomes.projectId)).where(scored).groupBy(projects.id).orderBy(asc(projects.name)),
    db.select({ ...means, indicatorClass: outcomes.indicatorClass }).from(reviews).innerJoin(outcomes, eq(outcomes.id, reviews.outcomeId)).where(and(scored, isNotNull(outcomes.indicatorClass))).groupBy(outcomes.indicatorClass).orderBy(asc(outcomes.indicatorClass)),
  ]);
  const measured = top.length
    ? await db
        .select({ outcomeId: metrics.outcomeId, metric: metrics.name, unit: metrics.unit, direction: metrics.direction, baseline: metrics.baseline, target: metrics.target, actual: sql<number>`${metrics.actual}` })
        .from(metrics)
        .where(and(eq(metrics.workspaceId, workspaceId), inArray(metrics.outcomeId, top.map((o) => o.id)), isNotNull(metrics.actual)))
        .orderBy(asc(metrics.outcomeId), asc(metrics.position))
    : [];
  return { top, measured, unverified: unverified[0]?.n ?? 0, roiRows, roiTotal: roiTotal?.n ? roiTotal : null, overall: overall?.n ? overall : null, byProject, byClass };
}
