import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { metrics, outcomes, projects } from '../schema/index.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/** At most this many outcomes per page: their ids and the workspace stay under D1's 100 bound parameters. */
export const MAX_OUTCOMES_PAGE = 90;

/**
 * One page of the outcomes a reader may see, in id order after `afterId`, each with its
 * metrics in position order. Two queries per page.
 */
export async function listOutcomesWithMetrics(db: Db, workspaceId: string, reader: Reader, page: { limit: number; afterId: string | null }) {
  const limit = Math.min(page.limit, MAX_OUTCOMES_PAGE);
  const rows = await db
    .select({
      id: outcomes.id,
      title: outcomes.title,
      status: outcomes.status,
      indicatorClass: outcomes.indicatorClass,
      projectId: outcomes.projectId,
      projectName: projects.name,
      ownerId: sql<string>`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`,
      dueAt: outcomes.dueAt,
      createdAt: outcomes.createdAt,
    })
    .from(outcomes)
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .where(and(visibleOutcomes(workspaceId, reader), page.afterId ? gt(outcomes.id, page.afterId) : undefined))
    .orderBy(asc(outcomes.id))
    .limit(limit + 1);
  const list = rows.slice(0, limit);
  const ms = list.length
    ? await db
        .select()
        .from(metrics)
        .where(and(eq(metrics.workspaceId, workspaceId), inArray(metrics.outcomeId, list.map((o) => o.id))))
        .orderBy(asc(metrics.outcomeId), asc(metrics.position))
    : [];
  return { outcomes: list.map((o) => ({ ...o, metrics: ms.filter((m) => m.outcomeId === o.id) })), nextAfter: rows.length > limit ? list.at(-1)!.id : null };
}
