import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Recipient } from '../../domain/ports.ts';
import { MAX_BOUND_PARAMS, type Db } from '../client.ts';
import { metrics, outcomes, people, reviewSchedules } from '../schema/index.ts';

/**
 * Reads and writes of the at-risk alert (issue 10 point 4): who gets it, which metrics the
 * daily sweep visits, and the two marks on a metric (last alert, last sweep).
 */

/** The owner and their manager (when mapped) of each owner id: one alert each. */
export async function ownersAndManagers(db: Db, workspaceId: string, ownerIds: readonly string[]): Promise<Map<string, Recipient[]>> {
  const owners = await peopleByIds(db, workspaceId, ownerIds);
  const managers = await peopleByIds(db, workspaceId, owners.flatMap((o) => (o.managerId ? [o.managerId] : [])));
  const managerOf = new Map(managers.map((m) => [m.id, m]));
  return new Map(
    owners.map((o) => {
      const m = o.managerId ? managerOf.get(o.managerId) : undefined;
      const list: Recipient[] = [{ personId: o.id, address: o.address }];
      if (m && m.address !== o.address) list.push({ personId: m.id, address: m.address });
      return [o.id, list];
    }),
  );
}

/** Ids split so no statement binds more than D1 allows (`reserved` for the statement's other parameters). */
function chunked(ids: readonly string[], reserved: number): string[][] {
  const unique = [...new Set(ids)];
  const size = MAX_BOUND_PARAMS - reserved;
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}

async function peopleByIds(db: Db, workspaceId: string, ids: readonly string[]) {
  const out: { id: string; address: string; managerId: string | null }[] = [];
  for (const chunk of chunked(ids, 1))
    out.push(...(await db.select({ id: people.id, address: people.platformUserId, managerId: people.managerId }).from(people).where(and(eq(people.workspaceId, workspaceId), inArray(people.id, chunk)))));
  return out;
}

/**
 * Up to `limit` metrics the daily sweep should look at: of verified outcomes whose first
 * review is still open, not swept in the last `everyMs`; never swept first, then the oldest.
 */
export async function metricsToSweep(db: Db, now: Date, everyMs: number, limit: number): Promise<{ workspaceId: string; metricId: string }[]> {
  const before = new Date(now.getTime() - everyMs);
  return db
    .select({ workspaceId: metrics.workspaceId, metricId: metrics.id })
    .from(metrics)
    .innerJoin(outcomes, eq(outcomes.id, metrics.outcomeId))
    .innerJoin(reviewSchedules, and(eq(reviewSchedules.outcomeId, metrics.outcomeId), eq(reviewSchedules.kind, 'first')))
    .where(and(eq(outcomes.status, 'verified'), inArray(reviewSchedules.status, ['scheduled', 'notified']), or(isNull(metrics.atRiskCheckedAt), lte(metrics.atRiskCheckedAt, before))))
    .orderBy(sql`${metrics.atRiskCheckedAt} is not null`, asc(metrics.atRiskCheckedAt))
    .limit(limit);
}

// Two parameters besides the ids: the workspace and the time set.
const mark = (db: Db, workspaceId: string, metricIds: readonly string[], set: Partial<typeof metrics.$inferInsert>) =>
  chunked(metricIds, 2).map((ids) => db.update(metrics).set(set).where(and(eq(metrics.workspaceId, workspaceId), inArray(metrics.id, ids))));

/** Statements: an at-risk alert for these metrics was queued at `now`. */
export const markAtRiskAlerted = (db: Db, workspaceId: string, metricIds: readonly string[], now: Date) => mark(db, workspaceId, metricIds, { atRiskAlertedAt: now });

/** Statements: the sweep looked at these metrics at `now`. */
export const markAtRiskChecked = (db: Db, workspaceId: string, metricIds: readonly string[], now: Date) => mark(db, workspaceId, metricIds, { atRiskCheckedAt: now });
