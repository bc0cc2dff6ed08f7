import { z } from '@hono/zod-openapi';

export const SourceView = z
  .object({
    id: z.string(),
    metric_id: z.string(),
    kind: z.enum(['api', 'github', 'jira', 'http_json', 'csv', 'feishu_base']),
    name: z.string(),
    rule: z.record(z.string(), z.unknown()).nullable(),
    config: z.record(z.string(), z.unknown()),
    schedule: z.enum(['hourly', 'daily']).nullable(),
    has_secret: z.boolean().openapi({ description: 'Secrets are stored encrypted and never returned' }),
    webhook_url: z.string().nullable().openapi({ description: 'Where GitHub or Jira should send events (webhook sources)' }),
    next_run_at: z.string().nullable(),
    last_run_at: z.string().nullable(),
    last_success_at: z.string().nullable(),
    last_error: z.string().nullable(),
    last_error_at: z.string().nullable(),
    consecutive_failures: z.number().int(),
    created_at: z.string(),
    updated_at: z.string().nullable(),
  })
  .openapi('Source');

export const CreatedSource = z
  .object({
    source: SourceView,
    secret: z.string().optional().openapi({ description: 'The webhook secret generated for this source: shown once, here' }),
  })
  .openapi('CreatedSource');

export const SourceList = z.object({ sources: z.array(SourceView) }).openapi('SourceList');
const pathId = (name: string) => z.string().min(1).max(100).openapi({ param: { name, in: 'path' } });
export const metricIdParam = z.object({ metric_id: pathId('metric_id') });
export const sourceIdParam = z.object({ id: pathId('id') });
