import { and, asc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { metricSources } from '../schema/index.ts';

/** The kinds the scheduler pulls (the others receive pushes or webhooks). */
export const PULL_KINDS = ['http_json', 'csv', 'feishu_base'] as const;

/**
 * Claims up to `limit` pull sources that are due, oldest first: one UPDATE moves their
 * `next_run_at` to `leaseUntil` for rows still due, so two schedulers running at once never
 * both get a source. A run that dies mid-pull leaves the lease; the source is tried again
 * when it ends. Returns the claimed rows as they were before the claim.
 */
export async function claimDueSources(db: Db, now: Date, leaseUntil: Date, limit: number) {
  const due = db
    .select({ id: metricSources.id })
    .from(metricSources)
    .where(and(inArray(metricSources.kind, [...PULL_KINDS]), isNotNull(metricSources.nextRunAt), lte(metricSources.nextRunAt, now)))
    .orderBy(asc(metricSources.nextRunAt))
    .limit(limit);
  return db
    .update(metricSources)
    .set({ nextRunAt: leaseUntil })
    .where(and(inArray(metricSources.id, due), lte(metricSources.nextRunAt, now)))
    .returning({
      id: metricSources.id,
      workspaceId: metricSources.workspaceId,
      metricId: metricSources.metricId,
      kind: metricSources.kind,
      config: metricSources.config,
      secret: metricSources.secret,
      schedule: metricSources.schedule,
      consecutiveFailures: metricSources.consecutiveFailures,
      lastSuccessAt: metricSources.lastSuccessAt,
      createdAt: metricSources.createdAt,
    });
}

export type ClaimedSource = Awaited<ReturnType<typeof claimDueSources>>[number];

/** A successful run: the error cleared, the streak of failures ended, the next run planned. */
export const markSourceSucceeded = (db: Db, id: string, now: Date, nextRunAt: Date) =>
  db.update(metricSources).set({ lastRunAt: now, lastSuccessAt: now, lastError: null, consecutiveFailures: 0, nextRunAt, updatedAt: now }).where(eq(metricSources.id, id));

/** A failed run: its error, when, one more failure in a row, the next run planned. */
export const markSourceFailed = (db: Db, id: string, now: Date, error: string, nextRunAt: Date) =>
  db
    .update(metricSources)
    .set({ lastRunAt: now, lastError: error, lastErrorAt: now, consecutiveFailures: sql`${metricSources.consecutiveFailures} + 1`, nextRunAt, updatedAt: now })
    .where(eq(metricSources.id, id));
