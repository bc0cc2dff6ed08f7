import { z } from '@hono/zod-openapi';

/** At most this many readings per POST. */
export const MAX_BATCH = 1000;

/** One reading as a client sends it. */
export const ReadingInput = z
  .object({
    metric_id: z.string().min(1).max(100).optional().openapi({ description: 'The metric’s id (from GET /api/v1/outcomes)' }),
    metric_key: z.string().min(1).max(200).optional().openapi({ description: 'Or the metric’s external_key' }),
    value: z.number(),
    measured_at: z.iso.datetime({ offset: true }).openapi({ example: '2026-11-20T09:00:00Z' }),
    external_id: z.string().min(1).max(200).optional().openapi({ description: 'Your id for this reading: sending it again for the same metric changes nothing' }),
  })
  .refine((r) => (r.metric_id === undefined) !== (r.metric_key === undefined), { message: 'Name the metric by metric_id or by metric_key (exactly one).', path: ['metric_id'] })
  .openapi('ReadingInput', { description: 'Exactly one of metric_id and metric_key.' });
export type ReadingInputRow = z.infer<typeof ReadingInput>;

export const ReadingsBatch = z
  .object({
    // Rows are checked one by one against ReadingInput (src/api/routes/readings.ts), so a bad
    // row is reported by its index and does not fail the batch; the document shows that schema.
    readings: z
      .array(z.unknown())
      .min(1)
      .max(MAX_BATCH)
      .openapi({ items: { $ref: '#/components/schemas/ReadingInput' } }),
  })
  .openapi('ReadingsBatch');

const RowError = z.object({ index: z.number().int(), error: z.string(), message: z.string(), fields: z.array(z.object({ field: z.string(), message: z.string() })).optional() }).openapi('RowError');

export const BatchResult = z
  .object({
    stored: z.number().int().openapi({ description: 'Readings stored now' }),
    duplicates: z.number().int().openapi({ description: 'Rows whose external_id the metric already had: nothing changed' }),
    accepted: z.array(z.object({ index: z.number().int(), metric_id: z.string(), status: z.enum(['stored', 'duplicate']) })),
    rejected: z.array(RowError),
  })
  .openapi('ReadingsBatchResult');

export const ReadingView = z
  .object({
    id: z.string(),
    value: z.number(),
    measured_at: z.string().openapi({ format: 'date-time' }),
    source: z.enum(['manual', 'api', 'review', 'webhook', 'pull']),
    source_id: z.string().nullable(),
    external_id: z.string().nullable(),
    recorded_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Reading');

export const ReadingsPage = z.object({ metric_id: z.string(), readings: z.array(ReadingView), next_cursor: z.string().nullable() }).openapi('ReadingsPage');
