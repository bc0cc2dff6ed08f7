import { z } from '@hono/zod-openapi';

const status = z.enum(['achieved', 'on_track', 'at_risk', 'off_track', 'no_data']);

export const ForecastView = z
  .object({
    review_at: z.string().openapi({ format: 'date-time' }),
    projected_value: z.number(),
    progress: z.number().nullable(),
    shortfall: z.number().nullable(),
    slope_per_day: z.number(),
    readings_used: z.number().int(),
    readings_flagged: z.number().int(),
  })
  .openapi('Forecast', { description: 'The Theil–Sen projection at the review date (≥ 3 usable readings).' });

export const MetricView = z
  .object({
    id: z.string(),
    name: z.string(),
    unit: z.string(),
    direction: z.enum(['increase', 'decrease']),
    external_key: z.string().nullable(),
    baseline: z.number(),
    target: z.number(),
    actual: z.number().nullable(),
    status,
    forecast: ForecastView.nullable(),
  })
  .openapi('Metric');

export const OutcomeView = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(['draft', 'submitted', 'manager_approved', 'changes_requested', 'verified', 'rejected']),
    indicator_class: z.enum(['process', 'output', 'impact']).nullable(),
    project: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    owner_id: z.string(),
    due_at: z.string().nullable().openapi({ format: 'date-time' }),
    metrics: z.array(MetricView),
  })
  .openapi('Outcome');

export const OutcomesPage = z.object({ outcomes: z.array(OutcomeView), next_cursor: z.string().nullable() }).openapi('OutcomesPage');
