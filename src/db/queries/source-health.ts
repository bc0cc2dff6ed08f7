import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { metricSources, metrics, outcomes, people, workspaces } from '../schema/index.ts';

/** What the metric page, the admin list and the failing-source message show of a source. */
const healthColumns = {
  id: metricSources.id,
  kind: metricSources.kind,
  name: metricSources.name,
  metricId: metricSources.metricId,
  metricName: metrics.name,
  outcomeId: outcomes.id,
  outcomeTitle: outcomes.title,
  schedule: metricSources.schedule,
  lastRunAt: metricSources.lastRunAt,
  lastSuccessAt: metricSources.lastSuccessAt,
  lastError: metricSources.lastError,
  lastErrorAt: metricSources.lastErrorAt,
  consecutiveFailures: metricSources.consecutiveFailures,
};

const withMetric = (db: Db) => db.select(healthColumns).from(metricSources).innerJoin(metrics, eq(metrics.id, metricSources.metricId)).innerJoin(outcomes, eq(outcomes.id, metrics.outcomeId));
const sample = (db: Db) => withMetric(db).where(undefined);

export type SourceHealth = Awaited<ReturnType<typeof sample>>[number];

/** One source of the workspace with its metric and outcome; null when gone. */
export async function sourceHealth(db: Db, workspaceId: string, sourceId: string): Promise<SourceHealth | null> {
  const [row] = await withMetric(db).where(and(eq(metricSources.workspaceId, workspaceId), eq(metricSources.id, sourceId)));
  return row ?? null;
}

/** The sources of an outcome's metrics (the outcome page shows them next to each metric). */
export function sourcesOfOutcome(db: Db, workspaceId: string, outcomeId: string): Promise<SourceHealth[]> {
  return withMetric(db).where(and(eq(metricSources.workspaceId, workspaceId), eq(outcomes.id, outcomeId))).orderBy(metricSources.createdAt);
}

/** Sources whose last run failed, most recent error first (the admins' list on Settings). */
export function failingSources(db: Db, workspaceId: string, limit = 100): Promise<SourceHealth[]> {
  return withMetric(db)
    .where(and(eq(metricSources.workspaceId, workspaceId), isNotNull(metricSources.lastError)))
    .orderBy(desc(metricSources.lastErrorAt))
    .limit(limit);
}

export interface SourceOwner {
  platform: 'slack' | 'feishu';
  /** Null when the person row is gone (nobody to tell). */
  owner: { personId: string; address: string } | null;
}

/** Who is told when a source keeps failing: the owner of the metric's outcome, else its submitter; and the workspace's platform. */
export async function sourceOwners(db: Db, sourceIds: string[]): Promise<Map<string, SourceOwner>> {
  if (!sourceIds.length) return new Map();
  const rows = await db
    .select({ id: metricSources.id, platform: workspaces.platform, ownerId: outcomes.ownerId, submitterId: outcomes.submitterId })
    .from(metricSources)
    .innerJoin(workspaces, eq(workspaces.id, metricSources.workspaceId))
    .innerJoin(metrics, eq(metrics.id, metricSources.metricId))
    .innerJoin(outcomes, eq(outcomes.id, metrics.outcomeId))
    .where(inArray(metricSources.id, sourceIds));
  const personIds = [...new Set(rows.map((r) => r.ownerId ?? r.submitterId))];
  const persons = personIds.length ? await db.select({ id: people.id, address: people.platformUserId }).from(people).where(inArray(people.id, personIds)) : [];
  const address = new Map(persons.map((p) => [p.id, p.address]));
  return new Map(
    rows.map((r) => {
      const personId = r.ownerId ?? r.submitterId;
      const a = address.get(personId);
      return [r.id, { platform: r.platform, owner: a ? { personId, address: a } : null }];
    }),
  );
}
