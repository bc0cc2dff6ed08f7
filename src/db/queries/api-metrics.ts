import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { MAX_BOUND_PARAMS, type Db } from '../client.ts';
import { metricReadings, metricSources, metrics, outcomes } from '../schema/index.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/** A metric as the API resolves it: who owns its outcome, whether the reader sees it, its API source. */
export interface MetricRef {
  id: string;
  externalKey: string | null;
  outcomeId: string;
  /** The outcome's owner, else its submitter. */
  ownerId: string;
  visible: boolean;
  /** The metric's first `api` source, if it has one. */
  apiSourceId: string | null;
}

const CHUNK = MAX_BOUND_PARAMS - 10;

/**
 * Metrics of this workspace named by id or by external key, in one round trip whatever
 * their number (chunks under D1's parameter limit, batched). Names of other workspaces'
 * metrics find nothing.
 */
export async function findMetrics(db: Db, workspaceId: string, names: { ids: readonly string[]; keys: readonly string[] }, reader: Reader): Promise<MetricRef[]> {
  const ids = [...new Set(names.ids)];
  const keys = [...new Set(names.keys)];
  const visible = sql<number>`case when ${visibleOutcomes(workspaceId, reader)} then 1 else 0 end`;
  const apiSource = sql<string | null>`(select ${metricSources.id} from ${metricSources} where ${metricSources.metricId} = ${metrics.id} and ${metricSources.kind} = 'api' order by ${metricSources.createdAt} limit 1)`;
  const select = (where: ReturnType<typeof inArray>) =>
    db
      .select({ id: metrics.id, externalKey: metrics.externalKey, outcomeId: metrics.outcomeId, ownerId: sql<string>`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`, visible, apiSourceId: apiSource })
      .from(metrics)
      .innerJoin(outcomes, eq(outcomes.id, metrics.outcomeId))
      .where(and(eq(metrics.workspaceId, workspaceId), where));
  const queries = [];
  for (let i = 0; i < ids.length; i += CHUNK) queries.push(select(inArray(metrics.id, ids.slice(i, i + CHUNK))));
  for (let i = 0; i < keys.length; i += CHUNK) queries.push(select(inArray(metrics.externalKey, keys.slice(i, i + CHUNK))));
  if (queries.length === 0) return [];
  const results = (await db.batch(queries as [(typeof queries)[0], ...(typeof queries)[0][]])) as { id: string; externalKey: string | null; outcomeId: string; ownerId: string; visible: number; apiSourceId: string | null }[][];
  const byId = new Map<string, MetricRef>();
  for (const r of results.flat()) byId.set(r.id, { ...r, visible: r.visible === 1 });
  return [...byId.values()];
}

/** One metric of this workspace by id, or null. */
export async function findMetric(db: Db, workspaceId: string, id: string, reader: Reader): Promise<MetricRef | null> {
  return (await findMetrics(db, workspaceId, { ids: [id], keys: [] }, reader))[0] ?? null;
}

/** A metric's readings, newest measured first, after the keyset cursor `after`. */
export async function listReadings(db: Db, workspaceId: string, metricId: string, page: { limit: number; after: { measuredAt: number; id: string } | null }) {
  const a = page.after;
  const rows = await db
    .select({ id: metricReadings.id, value: metricReadings.value, measuredAt: metricReadings.measuredAt, source: metricReadings.source, sourceId: metricReadings.sourceId, externalId: metricReadings.externalId, createdAt: metricReadings.createdAt })
    .from(metricReadings)
    .where(
      and(
        eq(metricReadings.workspaceId, workspaceId),
        eq(metricReadings.metricId, metricId),
        a ? or(lt(metricReadings.measuredAt, new Date(a.measuredAt)), and(eq(metricReadings.measuredAt, new Date(a.measuredAt)), lt(metricReadings.id, a.id))) : undefined,
      ),
    )
    .orderBy(desc(metricReadings.measuredAt), desc(metricReadings.id))
    .limit(page.limit + 1);
  const list = rows.slice(0, page.limit);
  const last = list.at(-1);
  return { readings: list, next: rows.length > page.limit && last ? { measuredAt: last.measuredAt.getTime(), id: last.id } : null };
}

/** The metric row as the API shows it after a change. */
export async function metricRow(db: Db, workspaceId: string, id: string) {
  const [m] = await db.select().from(metrics).where(and(eq(metrics.workspaceId, workspaceId), eq(metrics.id, id)));
  return m ?? null;
}

/** A metric's sources, oldest first. */
export function sourcesOfMetric(db: Db, workspaceId: string, metricId: string) {
  return db.select().from(metricSources).where(and(eq(metricSources.workspaceId, workspaceId), eq(metricSources.metricId, metricId))).orderBy(asc(metricSources.createdAt), asc(metricSources.id));
}

/** One source of this workspace by id, or null. */
export async function sourceById(db: Db, workspaceId: string, id: string) {
  const [s] = await db.select().from(metricSources).where(and(eq(metricSources.workspaceId, workspaceId), eq(metricSources.id, id)));
  return s ?? null;
}
