import type { MetricRef } from '../db/queries/api-metrics.ts';
import type { NewReading, StoredReading } from '../db/repos/readings-repo.ts';
import { DAY_MS } from '../domain/iso-week.ts';
import type { Locale } from '../domain/types.ts';
import { t } from '../i18n/index.ts';
import { ReadingInput, type ReadingInputRow } from './schemas/readings.ts';

export interface RowError {
  index: number;
  error: string;
  message: string;
  fields?: { field: string; message: string }[];
}

/** A batch split into the readings to store (with their row index) and the rows refused. */
export interface PlannedBatch {
  rows: { index: number; reading: NewReading }[];
  rejected: RowError[];
}

/**
 * Decides each row of a batch: refused by the schema, naming no metric of this workspace (or
 * one the caller does not see), one the caller may not change, measured more than a day ahead;
 * else a reading from source `api` (with the metric's API source when it has one).
 */
/** The rows of a batch checked one by one: a valid reading, or the issues that refused it. */
export function parseRows(rows: readonly unknown[]): (ReadingInputRow | { issues: readonly { path: readonly PropertyKey[]; message: string }[] })[] {
  return rows.map((r) => {
    const parsed = ReadingInput.safeParse(r);
    return parsed.success ? parsed.data : { issues: parsed.error.issues };
  });
}

const isBad = (r: ReadingInputRow | { issues: unknown }): r is { issues: readonly { path: readonly PropertyKey[]; message: string }[] } => 'issues' in r;

export function planBatch(input: ReturnType<typeof parseRows>, metrics: readonly MetricRef[], opts: { mayChange: (m: MetricRef) => boolean; now: Date; recordedBy: string | null; locale: Locale }): PlannedBatch {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const byKey = new Map(metrics.filter((m) => m.externalKey !== null).map((m) => [m.externalKey!, m]));
  const out: PlannedBatch = { rows: [], rejected: [] };
  const refuse = (index: number, error: string, key: string, params: Record<string, string> = {}) => out.rejected.push({ index, error, message: t(opts.locale, key, params) });
  input.forEach((row, index) => {
    if (isBad(row)) {
      out.rejected.push({ index, error: 'validation_failed', message: t(opts.locale, 'error.validation_failed'), fields: row.issues.map((i) => ({ field: i.path.map(String).join('.') || 'row', message: i.message })) });
      return;
    }
    const m = row.metric_id !== undefined ? byId.get(row.metric_id) : byKey.get(row.metric_key!);
    if (!m || !m.visible) return refuse(index, 'not_found', 'api.unknown_metric', { name: row.metric_id ?? row.metric_key! });
    if (!opts.mayChange(m)) return refuse(index, 'forbidden', 'api.not_owner');
    const measuredAt = new Date(row.measured_at);
    if (measuredAt.getTime() > opts.now.getTime() + DAY_MS) return refuse(index, 'validation_failed', 'api.measured_in_future');
    out.rows.push({ index, reading: { metricId: m.id, value: row.value, measuredAt, source: 'api', sourceId: m.apiSourceId, externalId: row.external_id ?? null, recordedBy: opts.recordedBy } });
  });
  return out;
}

/**
 * Which planned rows were stored now and which were repeats: a row with an external id is
 * stored when the insert returned it, and only its first occurrence in the batch counts.
 */
export function outcomeOfRows(rows: PlannedBatch['rows'], stored: readonly StoredReading[]): { index: number; metric_id: string; status: 'stored' | 'duplicate' }[] {
  const fresh = new Set(stored.filter((s) => s.externalId !== null).map((s) => `${s.metricId}\u0000${s.externalId}`));
  return rows.map(({ index, reading }) => {
    if (reading.externalId === null || reading.externalId === undefined) return { index, metric_id: reading.metricId, status: 'stored' as const };
    const key = `${reading.metricId}\u0000${reading.externalId}`;
    const isNew = fresh.delete(key);
    return { index, metric_id: reading.metricId, status: isNew ? ('stored' as const) : ('duplicate' as const) };
  });
}
