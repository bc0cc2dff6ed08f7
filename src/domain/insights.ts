/**
 * Insights (智能成果推荐): which indicator classes, templates and project types produced the
 * highest verified attainment and ROI. The numbers per group come from SQL
 * (src/db/queries/insights.ts); these are the rules for what may be claimed from them.
 */

/** Fewer verified outcomes than this in a group and nothing is claimed about it. */
export const INSIGHT_MIN_N = 3;

export type InsightDimension = 'class' | 'template' | 'project_kind' | 'project';
export type InsightMeasure = 'attainment' | 'roi';
export const INSIGHT_DIMENSIONS: readonly InsightDimension[] = ['class', 'template', 'project_kind', 'project'];
export const INSIGHT_MEASURES: readonly InsightMeasure[] = ['attainment', 'roi'];

/** One group's distribution of one measure (fractions: 0.8 = 80 % attainment, 1.5 = 150 % ROI). */
export interface InsightGroup {
  dimension: InsightDimension;
  measure: InsightMeasure;
  /** Indicator class, template key, project type or project id. */
  key: string;
  /** What readers see for a key that is not a class (template, project type or project name). */
  label: string;
  /** A template's name per language, when the key is a known template. */
  names?: Record<'en' | 'zh-CN', string>;
  n: number;
  mean: number;
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
}

/** What may be said about one dimension and measure. */
export type InsightClaim =
  /** The best of at least two groups with enough outcomes, and the runner-up it beat. */
  | { kind: 'best'; dimension: InsightDimension; measure: InsightMeasure; best: InsightGroup; next: InsightGroup; compared: number; leftOut: number }
  /** Only one group has enough outcomes: its numbers, but no ranking. */
  | { kind: 'only'; dimension: InsightDimension; measure: InsightMeasure; group: InsightGroup; leftOut: number }
  /** There are outcomes, but no group has enough: nothing is claimed. */
  | { kind: 'too_few'; dimension: InsightDimension; measure: InsightMeasure; outcomes: number; groups: number };

/** Higher median first, then higher mean, then more outcomes; the key breaks what is left (stable output). */
const rank = (a: InsightGroup, b: InsightGroup) => b.median - a.median || b.mean - a.mean || b.n - a.n || a.key.localeCompare(b.key);

/**
 * The claims the groups support, per dimension then measure: a ranking only among groups of
 * at least {@link INSIGHT_MIN_N} outcomes; groups below it are counted as left out, never ranked.
 * A dimension and measure without any group says nothing at all.
 */
export function judgeInsights(groups: readonly InsightGroup[]): InsightClaim[] {
  const claims: InsightClaim[] = [];
  for (const dimension of INSIGHT_DIMENSIONS)
    for (const measure of INSIGHT_MEASURES) {
      const all = groups.filter((g) => g.dimension === dimension && g.measure === measure && g.n > 0);
      if (!all.length) continue;
      const enough = all.filter((g) => g.n >= INSIGHT_MIN_N).sort(rank);
      const leftOut = all.length - enough.length;
      if (enough.length >= 2) claims.push({ kind: 'best', dimension, measure, best: enough[0]!, next: enough[1]!, compared: enough.length, leftOut });
      else if (enough.length === 1) claims.push({ kind: 'only', dimension, measure, group: enough[0]!, leftOut });
      else claims.push({ kind: 'too_few', dimension, measure, outcomes: all.reduce((s, g) => s + g.n, 0), groups: all.length });
    }
  return claims;
}

/** The months the insights look back over unless the reader chooses (the value page offers 3, 6, 12, 24). */
export const DEFAULT_INSIGHT_MONTHS = 6;
export const INSIGHT_MONTH_CHOICES = [3, 6, 12, 24] as const;
