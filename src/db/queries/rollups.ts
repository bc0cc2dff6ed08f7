import { and, eq, gte, ne, sql, type SQLWrapper } from 'drizzle-orm';
import type { IndicatorClass } from '../../domain/types.ts';
import type { Db } from '../client.ts';
import { outcomeRollups as r } from '../schema/index.ts';

// The whole-workspace figures from outcome_rollups (its triggers keep it with every outcome
// write): the same rows the live aggregates over `outcomes` return, read from a few hundred
// pre-added rows instead of 100,000 outcomes. '' in a key column is "none" (NULL outside).
const noneToNull = <T extends string = string>(col: SQLWrapper) => sql<T | null>`nullif(${col}, '')`;
const mean = (sum: SQLWrapper, n: SQLWrapper) => sql<number | null>`sum(${sum}) / nullif(sum(${n}), 0)`;
const total = (col: SQLWrapper) => sql<number>`sum(${col})`.mapWith(Number);

/**
 * The portfolio's summary from the rollups, for the whole workspace or one project, all
 * periods: outcomes per status; verified outcomes per project × indicator class with their
 * mean attainment; and per project × month of verification (month = its index in `months`,
 * the months' starts oldest first, UTC).
 */
export async function readRolledUpSummary(db: Db, workspaceId: string, projectId: string | null, months: readonly Date[]) {
  const scope = and(eq(r.workspaceId, workspaceId), projectId ? eq(r.projectId, projectId) : undefined);
  const verified = and(scope, eq(r.status, 'verified'));
  const monthKeys = months.map((m) => m.toISOString().slice(0, 7));
  const [statusRows, matrix, heat] = await Promise.all([
    db.select({ status: r.status, n: total(r.n) }).from(r).where(scope).groupBy(r.status).having(sql`sum(${r.n}) > 0`),
    db
      .select({ projectId: noneToNull(r.projectId), indicatorClass: noneToNull<IndicatorClass>(r.indicatorClass), n: total(r.n), measured: total(r.measured), attainment: mean(r.attainmentSum, r.measured) })
      .from(r)
      .where(verified)
      .groupBy(r.projectId, r.indicatorClass)
      .having(sql`sum(${r.n}) > 0`),
    db
      .select({ projectId: noneToNull(r.projectId), month: r.verifiedMonth, n: total(r.n), attainment: mean(r.attainmentSum, r.measured) })
      .from(r)
      .where(and(verified, gte(r.verifiedMonth, monthKeys[0]!)))
      .groupBy(r.projectId, r.verifiedMonth)
      .having(sql`sum(${r.n}) > 0`),
  ]);
  return { statusRows, matrix, heat: heat.map((h) => ({ ...h, month: monthKeys.indexOf(h.month) })).filter((h) => h.month >= 0) };
}

/**
 * The value page's whole-workspace sums from the rollups: the measured outcomes not verified
 * yet; over the verified ones, the ROI totals and the score sums per project × indicator class.
 */
export async function readRolledUpValue(db: Db, workspaceId: string) {
  const ws = eq(r.workspaceId, workspaceId);
  const verified = and(ws, eq(r.status, 'verified'));
  const [[unverified], [roiTotal], scores] = await Promise.all([
    db.select({ n: total(r.measured) }).from(r).where(and(ws, ne(r.status, 'verified'))),
    db.select({ n: total(r.costed), cost: sql<number | null>`sum(${r.costSum})`, benefit: sql<number | null>`sum(${r.benefitSum})` }).from(r).where(verified),
    db
      .select({ n: total(r.scored), impact: total(r.impactSum), difficulty: total(r.difficultySum), innovation: total(r.innovationSum), projectId: noneToNull(r.projectId), indicatorClass: noneToNull<IndicatorClass>(r.indicatorClass) })
      .from(r)
      .where(verified)
      .groupBy(r.projectId, r.indicatorClass)
      .having(sql`sum(${r.scored}) > 0`),
  ]);
  return { unverified: unverified?.n ?? 0, roiTotal: roiTotal?.n ? roiTotal : null, scores };
}

/**
 * A fingerprint of the workspace's verified outcomes: every change to what one contributes
 * (a verification, a change of status, project, class, month, attainment, cost, benefit or
 * scores) raises a rollup row's revision, so a figure computed from them can be reused while
 * this stays the same.
 */
export async function verifiedFingerprint(db: Db, workspaceId: string): Promise<string> {
  const [row] = await db
    .select({ revisions: sql<number | null>`sum(${r.revision})`, rows: sql<number>`count(*)` })
    .from(r)
    .where(and(eq(r.workspaceId, workspaceId), eq(r.status, 'verified')));
  return `${row?.revisions ?? 0}/${row?.rows ?? 0}`;
}
