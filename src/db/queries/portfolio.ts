import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outcomes, projects } from '../schema/index.ts';
import { readRolledUpSummary } from './rollups.ts';
import { periodAndProject, type OutcomePeriod } from './visibility.ts';

/** The statuses whose waiting time the portfolio shows (awaiting the manager, the PMO). */
const PENDING = ['submitted', 'manager_approved'] as const;

/** Waiting counts from the last status change: the update, else the submission, else creation. */
const since = sql<number>`coalesce(${outcomes.updatedAt}, ${outcomes.submittedAt}, ${outcomes.createdAt})`;

/**
 * The workspace-wide summary of the portfolio, every figure aggregated in SQL (no outcome rows
 * reach JS): outcomes per status; per pending status the median and oldest start of the wait;
 * per project × indicator class the verified outcomes and their mean attainment; and per
 * project × month (of verification; `months` are the months' starts, oldest first) the same,
 * each row naming its month by its index in `months`.
 *
 * Over all periods the counts, the matrix and the heat map come from outcome_rollups (a few
 * hundred rows); a period filter aggregates the outcomes of that period instead.
 */
export async function readPortfolioSummary(db: Db, workspaceId: string, f: OutcomePeriod, months: readonly Date[]) {
  const scope = and(eq(outcomes.workspaceId, workspaceId), periodAndProject(f));
  const [projectRows, waits, figures] = await Promise.all([
    db.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.workspaceId, workspaceId)).orderBy(asc(projects.name)),
    Promise.all(PENDING.map((status) => pendingWait(db, and(scope, eq(outcomes.status, status))!))),
    f.fromAt || f.toAt ? liveFigures(db, scope, months) : readRolledUpSummary(db, workspaceId, f.project, months),
  ]);
  return { projectRows, ...figures, waits: Object.fromEntries(PENDING.map((s, i) => [s, waits[i]!])) as Record<(typeof PENDING)[number], { median: number | null; oldest: number | null }> };
}

/** The counts, the matrix and the heat map aggregated over the outcomes matching `scope`. */
async function liveFigures(db: Db, scope: ReturnType<typeof and>, months: readonly Date[]) {
  const verified = and(scope, eq(outcomes.status, 'verified'));
  // The month's index by comparisons with the month starts (newest first): ~6 compares a row, cheaper than a date function.
  const month = sql<number>`case ${sql.join(
    months.map((m, i) => ({ m, i })).reverse().map(({ m, i }) => sql`when ${outcomes.verifiedAt} >= ${m.getTime()} then ${i}`),
    sql` `,
  )} end`;
  const [statusRows, matrix, heat] = await Promise.all([
    db.select({ status: outcomes.status, n: count() }).from(outcomes).where(scope).groupBy(outcomes.status),
    db
      .select({ projectId: outcomes.projectId, indicatorClass: outcomes.indicatorClass, n: count(), measured: count(outcomes.attainment), attainment: sql<number | null>`avg(${outcomes.attainment})` })
      .from(outcomes)
      .where(verified)
      .groupBy(outcomes.projectId, outcomes.indicatorClass),
    db
      .select({ projectId: outcomes.projectId, month, n: count(), attainment: sql<number | null>`avg(${outcomes.attainment})` })
      .from(outcomes)
      .where(and(verified, sql`${outcomes.verifiedAt} >= ${months[0]!.getTime()}`))
      .groupBy(outcomes.projectId, month),
  ]);
  return { statusRows, matrix, heat };
}

/** The median and oldest start of the wait of the outcomes matching `where` (epoch ms). */
async function pendingWait(db: Db, where: ReturnType<typeof and> & {}): Promise<{ median: number | null; oldest: number | null }> {
  const [c] = await db.select({ n: count(), oldest: sql<number | null>`min(${since})` }).from(outcomes).where(where);
  const n = c?.n ?? 0;
  if (!n) return { median: null, oldest: null };
  // The middle one (or the two middle ones) of the starts in order: one sorted read, no rows to JS.
  const middle = await db.select({ at: since }).from(outcomes).where(where).orderBy(since).limit(n % 2 ? 1 : 2).offset(Math.floor((n - 1) / 2));
  const median = middle.reduce((a, r) => a + Number(r.at), 0) / middle.length;
  return { median, oldest: Number(c!.oldest) };
}

