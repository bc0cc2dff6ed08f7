import { and, asc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { RuleEvent } from '../../domain/mapping-rules.ts';
import type { SourceEvent } from '../../sources/source-config.ts';
import type { Db } from '../client.ts';
import { metricSources, sourceEvents, workspaces } from '../schema/index.ts';

/** A webhook source as its receiver needs it, with its workspace's time zone (periods are the workspace's weeks). */
export interface HookSource {
  id: string;
  workspaceId: string;
  metricId: string;
  kind: string;
  rule: unknown;
  config: Record<string, unknown>;
  secret: string | null;
  timeZone: string;
}

/** The source with this id, of any workspace (the URL names it), or null. */
export async function loadHookSource(db: Db, sourceId: string): Promise<HookSource | null> {
  const [row] = await db
    .select({ id: metricSources.id, workspaceId: metricSources.workspaceId, metricId: metricSources.metricId, kind: metricSources.kind, rule: metricSources.rule, config: metricSources.config, secret: metricSources.secret, settings: workspaces.settings })
    .from(metricSources)
    .innerJoin(workspaces, eq(workspaces.id, metricSources.workspaceId))
    .where(eq(metricSources.id, sourceId))
    .limit(1);
  if (!row) return null;
  const { settings, ...source } = row;
  return { ...source, timeZone: settings.timeZone };
}

/** True when the source already stored this delivery. */
export async function hasDelivery(db: Db, sourceId: string, deliveryId: string): Promise<boolean> {
  const rows = await db.select({ id: sourceEvents.id }).from(sourceEvents).where(and(eq(sourceEvents.sourceId, sourceId), eq(sourceEvents.deliveryId, deliveryId))).limit(1);
  return rows.length > 0;
}

/**
 * The source's stored events a rule evaluated at `until` reads: of `events` (null = all),
 * from `from` (null = the whole history), oldest first, ties in the order they were stored.
 */
export async function loadRuleHistory(db: Db, sourceId: string, events: readonly SourceEvent[] | null, from: Date | null, until: Date): Promise<RuleEvent[]> {
  const where: SQL[] = [eq(sourceEvents.sourceId, sourceId), lte(sourceEvents.occurredAt, until)];
  if (events) where.push(inArray(sourceEvents.event, [...events]));
  if (from) where.push(gte(sourceEvents.occurredAt, from));
  return db
    .select({ event: sourceEvents.event, itemKey: sourceEvents.itemKey, occurredAt: sourceEvents.occurredAt, startedAt: sourceEvents.startedAt, dueAt: sourceEvents.dueAt, state: sourceEvents.state })
    .from(sourceEvents)
    .where(and(...where))
    .orderBy(asc(sourceEvents.occurredAt), asc(sourceEvents.createdAt));
}
