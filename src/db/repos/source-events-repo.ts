import { eq } from 'drizzle-orm';
import type { RuleEvent } from '../../domain/mapping-rules.ts';
import type { Db, Statement } from '../client.ts';
import { metricSources, sourceEvents } from '../schema/index.ts';

/** The insert of one mapped delivery's event, for the batch that stores its reading; a second one for the same delivery fails the batch. */
export function insertSourceEvent(db: Db, row: { workspaceId: string; sourceId: string; deliveryId: string; event: RuleEvent; now: Date }): Statement {
  return db.insert(sourceEvents).values({ workspaceId: row.workspaceId, sourceId: row.sourceId, deliveryId: row.deliveryId, ...row.event, createdAt: row.now });
}

/**
 * The source's status after a delivery: a verified one sets its last run and success and
 * clears the error; a rejected one (bad signature, unreadable body) sets the error only, so
 * the admin sees why deliveries do not arrive.
 */
export function markDelivery(db: Db, sourceId: string, now: Date, error: string | null): Statement {
  const set = error === null ? { lastRunAt: now, lastSuccessAt: now, lastError: null, lastErrorAt: null } : { lastRunAt: now, lastError: error, lastErrorAt: now };
  return db.update(metricSources).set(set).where(eq(metricSources.id, sourceId));
}
