import type { metricSources } from '../db/schema/index.ts';
import { iso } from './schemas/common.ts';

type SourceRow = typeof metricSources.$inferSelect;

/** Where a webhook source receives events; null for the other kinds. */
export const webhookUrl = (publicUrl: string, s: Pick<SourceRow, 'id' | 'kind'>): string | null => (s.kind === 'github' || s.kind === 'jira' ? `${publicUrl}/hooks/${s.kind}/${s.id}` : null);

/** A source as the API shows it: everything but the secret, which only says whether there is one. */
export function sourceView(s: SourceRow, publicUrl: string) {
  return {
    id: s.id,
    metric_id: s.metricId,
    kind: s.kind,
    name: s.name,
    rule: s.rule ?? null,
    config: s.config,
    schedule: s.schedule ?? null,
    has_secret: s.secret !== null,
    webhook_url: webhookUrl(publicUrl, s),
    next_run_at: iso(s.nextRunAt),
    last_run_at: iso(s.lastRunAt),
    last_success_at: iso(s.lastSuccessAt),
    last_error: s.lastError,
    last_error_at: iso(s.lastErrorAt),
    consecutive_failures: s.consecutiveFailures,
    created_at: s.createdAt.toISOString(),
    updated_at: iso(s.updatedAt),
  };
}
