import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { MAX_BOUND_PARAMS, inChunks, type Db, type Statement } from '../client.ts';
import { metricReadings, metrics, type ReadingSource } from '../schema/index.ts';

/** One reading to store; the metric is already known to belong to the workspace. */
export interface NewReading {
  metricId: string;
  value: number;
  measuredAt: Date;
  source: ReadingSource;
  sourceId?: string | null;
  externalId?: string | null;
  recordedBy?: string | null;
}

export interface StoredReading {
  id: string;
  metricId: string;
  externalId: string | null;
}

/**
 * Stores readings and moves each touched metric's actual to its latest reading by
 * `measured_at`, in one batch with `extra` (outbox rows, a source's status). A reading whose
 * external id its metric already has is skipped, so sending the same batch twice stores it
 * once; the result lists only the readings stored now.
 */
export async function insertReadings(db: Db, workspaceId: string, rows: readonly NewReading[], now: Date, extra: Statement[] = []): Promise<StoredReading[]> {
  if (rows.length === 0 && extra.length === 0) return [];
  const values = rows.map((r) => ({
    workspaceId,
    metricId: r.metricId,
    value: r.value,
    measuredAt: r.measuredAt,
    source: r.source,
    sourceId: r.sourceId ?? null,
    externalId: r.externalId ?? null,
    recordedBy: r.recordedBy ?? null,
    createdAt: now,
  }));
  const inserts = inChunks(metricReadings, values).map((chunk) =>
    db.insert(metricReadings).values(chunk).onConflictDoNothing().returning({ id: metricReadings.id, metricId: metricReadings.metricId, externalId: metricReadings.externalId }),
  );
  const touched = [...new Set(rows.map((r) => r.metricId))];
  const statements = [...inserts, ...refreshActuals(db, workspaceId, touched), ...extra];
  if (statements.length === 0) return [];
  const results = await db.batch(statements as [Statement, ...Statement[]]);
  return (results.slice(0, inserts.length) as StoredReading[][]).flat();
}

/**
 * Statements that set each metric's actual to its latest reading (by measured time, then by
 * when it was stored), to run after the readings' inserts in the same batch.
 */
export function refreshActuals(db: Db, workspaceId: string, metricIds: readonly string[]) {
  const size = MAX_BOUND_PARAMS - 1;
  const out = [];
  for (let i = 0; i < metricIds.length; i += size) {
    const ids = metricIds.slice(i, i + size);
    const latest = db
      .select({ value: metricReadings.value })
      .from(metricReadings)
      .where(eq(metricReadings.metricId, metrics.id))
      .orderBy(desc(metricReadings.measuredAt), desc(metricReadings.createdAt), desc(sql`${metricReadings}.rowid`))
      .limit(1);
    out.push(db.update(metrics).set({ actual: sql`(${latest})` }).where(and(eq(metrics.workspaceId, workspaceId), inArray(metrics.id, ids))));
  }
  return out;
}
