import { and, asc, count, desc, eq, gt, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import { oneParam, type Db } from '../client.ts';
import { metrics, outcomes, projects, reviews } from '../schema/index.ts';
import { readRolledUpValue } from './rollups.ts';
import { statusIs, visibleOutcomes, type Reader } from './visibility.ts';

/** ROI in SQL, as domain/roi.ts has it: (benefit − cost) / cost for a positive cost. */
const roiSql = sql<number>`(${outcomes.benefit} - ${outcomes.cost}) / ${outcomes.cost}`;

/**
 * The rows of the value page, over the verified outcomes the reader may see (unverified ones
 * are only counted, never ranked), aggregated and ranked in SQL: the `limit` outcomes of highest
 * attainment with their measured metrics; the `limit` of highest ROI and the ROI totals; the
 * score-card means overall, per project and per indicator class. For a reader who sees the
 * whole workspace the counts and sums come from outcome_rollups instead of every outcome.
 */
export async function readValueRows(db: Db, workspaceId: string, reader: Reader, limit: number) {
  const scope = visibleOutcomes(workspaceId, reader);
  const verified = and(scope, statusIs(reader, 'verified'));
  const costed = and(verified, isNotNull(outcomes.benefit), gt(outcomes.cost, 0));
  const [top, roiRows, sums] = await Promise.all([
    db
      .select({ id: outcomes.id, title: outcomes.title, projectName: projects.name, attainment: outcomes.attainment })
      .from(outcomes)
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .where(and(verified, isNotNull(outcomes.attainment)))
      .orderBy(desc(outcomes.attainment), desc(outcomes.id))
      .limit(limit),
    db
      .select({ outcomeId: outcomes.id, title: outcomes.title, projectName: projects.name, cost: sql<number>`${outcomes.cost}`, benefit: sql<number>`${outcomes.benefit}`, roi: roiSql })
      .from(outcomes)
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .where(costed)
      .orderBy(desc(roiSql), asc(outcomes.id))
      .limit(limit),
    reader.seesAll ? readRolledUpValue(db, workspaceId) : liveSums(db, scope, verified, costed),
  ]);
  const { unverified, roiTotal, scores } = sums;
  const projectIds = [...new Set(scores.flatMap((r) => (r.projectId ? [r.projectId] : [])))];
  const names = projectIds.length ? await db.select({ id: projects.id, name: projects.name }).from(projects).where(and(eq(projects.workspaceId, workspaceId), sql`${projects.id} in ${oneParam(projectIds)}`)) : [];
  const measured = top.length
    ? await db
        .select({ outcomeId: metrics.outcomeId, metric: metrics.name, unit: metrics.unit, direction: metrics.direction, baseline: metrics.baseline, target: metrics.target, actual: sql<number>`${metrics.actual}` })
        .from(metrics)
        .where(and(eq(metrics.workspaceId, workspaceId), inArray(metrics.outcomeId, top.map((o) => o.id)), isNotNull(metrics.actual)))
        .orderBy(asc(metrics.outcomeId), asc(metrics.position))
    : [];
  return { top, measured, unverified, roiRows, roiTotal, scores, projectNames: new Map(names.map((p) => [p.id, p.name])) };
}

/** The value page's counts and sums aggregated over the outcomes a reader who sees only some may see. */
async function liveSums(db: Db, scope: SQL, verified: SQL | undefined, costed: SQL | undefined) {
  const scored = and(verified, isNotNull(reviews.impact), isNotNull(reviews.difficulty), isNotNull(reviews.innovation));
  // One pass over the scored reviews: sums per project × class, which the caller adds up overall, per project and per class.
  const sums = { n: count(), impact: sql<number>`sum(${reviews.impact})`, difficulty: sql<number>`sum(${reviews.difficulty})`, innovation: sql<number>`sum(${reviews.innovation})` };
  const [[unverified], [roiTotal], scores] = await Promise.all([
    db.select({ n: count() }).from(outcomes).where(and(scope, ne(outcomes.status, 'verified'), isNotNull(outcomes.attainment))),
    db.select({ n: count(), cost: sql<number | null>`sum(${outcomes.cost})`, benefit: sql<number | null>`sum(${outcomes.benefit})` }).from(outcomes).where(costed),
    db.select({ ...sums, projectId: outcomes.projectId, indicatorClass: outcomes.indicatorClass }).from(reviews).innerJoin(outcomes, eq(outcomes.id, reviews.outcomeId)).where(scored).groupBy(outcomes.projectId, outcomes.indicatorClass),
  ]);
  return { unverified: unverified?.n ?? 0, roiTotal: roiTotal?.n ? roiTotal : null, scores };
}
