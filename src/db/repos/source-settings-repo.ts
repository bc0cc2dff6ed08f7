import { and, eq } from 'drizzle-orm';
import { isUniqueViolation, type Db } from '../client.ts';
import { metricSources, metrics, type SourceKind } from '../schema/index.ts';

/** A source's settings as the API writes them (validated by src/sources/source-config.ts, secret sealed). */
export interface SourceSettings {
  name: string;
  rule: Record<string, unknown> | null;
  config: Record<string, unknown>;
  schedule: 'hourly' | 'daily' | null;
  /** Sealed; undefined keeps the stored one (updates). */
  secret?: string | null;
  /** Pull sources: when the pull job should next read it. */
  nextRunAt: Date | null;
}

/** Stores a new source under the id its secret was sealed for. */
export async function insertSource(db: Db, row: SourceSettings & { id: string; workspaceId: string; metricId: string; kind: SourceKind; createdBy: string | null; now: Date }) {
  const [s] = await db
    .insert(metricSources)
    .values({ id: row.id, workspaceId: row.workspaceId, metricId: row.metricId, kind: row.kind, name: row.name, rule: row.rule, config: row.config, schedule: row.schedule, secret: row.secret ?? null, nextRunAt: row.nextRunAt, createdBy: row.createdBy, createdAt: row.now })
    .returning();
  return s!;
}

/** Replaces a source's settings (its kind stays); a new config starts a clean run record. Null when gone. */
export async function updateSource(db: Db, workspaceId: string, id: string, s: SourceSettings, now: Date) {
  const [row] = await db
    .update(metricSources)
    .set({ name: s.name, rule: s.rule, config: s.config, schedule: s.schedule, ...(s.secret !== undefined ? { secret: s.secret } : {}), nextRunAt: s.nextRunAt, consecutiveFailures: 0, lastError: null, lastErrorAt: null, updatedAt: now })
    .where(and(eq(metricSources.workspaceId, workspaceId), eq(metricSources.id, id)))
    .returning();
  return row ?? null;
}

/** Deletes a source; its readings stay, with source_id set to null. False when there was none. */
export async function deleteSource(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const rows = await db.delete(metricSources).where(and(eq(metricSources.workspaceId, workspaceId), eq(metricSources.id, id))).returning({ id: metricSources.id });
  return rows.length > 0;
}

/** Sets (or clears, with null) a metric's external key; 'taken' when another metric of the workspace has it. */
export async function setMetricExternalKey(db: Db, workspaceId: string, metricId: string, key: string | null): Promise<'ok' | 'taken'> {
  try {
    await db.update(metrics).set({ externalKey: key }).where(and(eq(metrics.workspaceId, workspaceId), eq(metrics.id, metricId)));
    return 'ok';
  } catch (err) {
    if (isUniqueViolation(err, 'metrics')) return 'taken';
    throw err;
  }
}
