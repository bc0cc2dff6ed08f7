import { sql, type SQLWrapper } from 'drizzle-orm';
import type { InsightDimension, InsightGroup, InsightMeasure } from '../../domain/insights.ts';
import type { Db } from '../client.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

// An outcome's attainment: the mean over its measured metrics of progress towards the target,
// clipped to [0, 1] (src/domain/metrics.ts progress); a metric with target = baseline targets nothing.
const CLIPPED = sql.raw('min(max((m.actual - m.baseline) / (m.target - m.baseline), 0.0), 1.0)');
const MEASURED = sql.raw('m.actual IS NOT NULL AND m.target <> m.baseline');

/** The attainment of the outcome whose id is `outcomeId`, as an SQL scalar (null when no metric is measured). */
export const outcomeAttainment = (outcomeId: SQLWrapper) => sql<number | null>`(SELECT avg(${CLIPPED}) FROM metrics m WHERE m.outcome_id = ${outcomeId} AND ${MEASURED})`;

interface Row {
  dim: InsightDimension;
  k: string;
  label: string | null;
  measure: InsightMeasure;
  n: number;
  mean: number;
  mn: number;
  mx: number;
  lo_mid: number;
  hi_mid: number;
  q1: number;
  q3: number;
}

/**
 * Per indicator class, metric template, project type and project: the n, mean, median,
 * quartiles and range of verified attainment and of ROI, over outcomes verified since
 * `since` that the reader may see. All in one SQL statement: one row per outcome (per
 * outcome and template for templates), ranked with window functions for the median and the
 * quartiles (nearest rank), aggregated per group.
 */
export async function readInsightGroups(db: Db, workspaceId: string, reader: Reader, since: Date): Promise<InsightGroup[]> {
  const rows = await db.all<Row>(sql`
    WITH per AS (
      SELECT outcomes.id AS oid, outcomes.indicator_class AS cls, outcomes.project_id AS pid, projects.name AS pname, projects.kind AS pkind,
        ${outcomeAttainment(sql.raw('outcomes.id'))} AS att,
        CASE WHEN outcomes.cost > 0 AND outcomes.benefit IS NOT NULL THEN (outcomes.benefit - outcomes.cost) / outcomes.cost END AS roi
      FROM outcomes LEFT JOIN projects ON projects.id = outcomes.project_id
      WHERE ${visibleOutcomes(workspaceId, reader)} AND outcomes.status = 'verified' AND outcomes.verified_at >= ${since.getTime()}
    ),
    tpl AS (
      SELECT m.outcome_id AS oid, m.template_key AS tk, avg(CASE WHEN ${MEASURED} THEN ${CLIPPED} END) AS att
      FROM metrics m JOIN per ON per.oid = m.outcome_id WHERE m.template_key IS NOT NULL GROUP BY m.outcome_id, m.template_key
    ),
    -- Two compounds of four inside one of two: D1 refuses a compound SELECT of more than five terms.
    vals AS (
      SELECT * FROM (
        SELECT 'class' AS dim, cls AS k, cls AS label, 'attainment' AS measure, att AS v FROM per WHERE cls IS NOT NULL
        UNION ALL SELECT 'class', cls, cls, 'roi', roi FROM per WHERE cls IS NOT NULL
        UNION ALL SELECT 'project_kind', pkind, pkind, 'attainment', att FROM per WHERE pkind IS NOT NULL AND pkind <> ''
        UNION ALL SELECT 'project_kind', pkind, pkind, 'roi', roi FROM per WHERE pkind IS NOT NULL AND pkind <> '')
      UNION ALL SELECT * FROM (
        SELECT 'project' AS dim, pid AS k, pname AS label, 'attainment' AS measure, att AS v FROM per WHERE pid IS NOT NULL
        UNION ALL SELECT 'project', pid, pname, 'roi', roi FROM per WHERE pid IS NOT NULL
        UNION ALL SELECT 'template', tk, tk, 'attainment', tpl.att FROM tpl
        UNION ALL SELECT 'template', tk, tk, 'roi', per.roi FROM tpl JOIN per ON per.oid = tpl.oid)
    ),
    ranked AS (
      SELECT dim, k, label, measure, v,
        row_number() OVER (PARTITION BY dim, k, measure ORDER BY v) AS rn,
        count(*) OVER (PARTITION BY dim, k, measure) AS cnt
      FROM vals WHERE v IS NOT NULL
    )
    SELECT dim, k, max(label) AS label, measure, count(*) AS n, avg(v) AS mean, min(v) AS mn, max(v) AS mx,
      max(CASE WHEN rn = (cnt + 1) / 2 THEN v END) AS lo_mid,
      max(CASE WHEN rn = cnt / 2 + 1 THEN v END) AS hi_mid,
      max(CASE WHEN rn = (cnt + 3) / 4 THEN v END) AS q1,
      max(CASE WHEN rn = (3 * cnt + 3) / 4 THEN v END) AS q3
    FROM ranked GROUP BY dim, k, measure ORDER BY dim, measure, k`);
  return rows.map((r) => ({
    dimension: r.dim,
    measure: r.measure,
    key: r.k,
    label: r.label ?? r.k,
    n: Number(r.n),
    mean: Number(r.mean),
    median: (Number(r.lo_mid) + Number(r.hi_mid)) / 2,
    q1: Number(r.q1),
    q3: Number(r.q3),
    min: Number(r.mn),
    max: Number(r.mx),
  }));
}
