import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listOutcomesWithMetrics, MAX_OUTCOMES_PAGE } from '../../db/queries/api-outcomes.ts';
import { loadMetricForecasts, type MetricForecast } from '../../views/metric-forecasts.ts';
import { readerOfPrincipal, thresholdOf } from '../access.ts';
import { needs } from '../auth/authenticate.ts';
import type { ApiEnv } from '../env.ts';
import { cursorParam, decodeCursor, encodeCursor, ERRORS, iso, pageLimit, security } from '../schemas/common.ts';
import { OutcomesPage, type MetricView } from '../schemas/outcomes.ts';
import { validationHook } from '../validation.ts';

const list = createRoute({
  method: 'get',
  path: '/outcomes',
  summary: 'List outcomes with their metrics',
  description: 'Outcomes the caller may see (a token: its whole workspace; a person: what the web shows them), each metric with its actual, status and forecast.',
  security: security('outcomes:read'),
  middleware: [needs('outcomes:read')] as const,
  request: { query: z.object({ limit: pageLimit(MAX_OUTCOMES_PAGE, 50), cursor: cursorParam }) },
  responses: { 200: { description: 'One page of outcomes', content: { 'application/json': { schema: OutcomesPage } } }, ...ERRORS },
});

const isId = (v: unknown): v is { after: string } => typeof v === 'object' && v !== null && typeof (v as { after?: unknown }).after === 'string';

type MetricRow = { id: string; name: string; unit: string; direction: 'increase' | 'decrease'; externalKey: string | null; baseline: number; target: number; actual: number | null };

/** A metric with its forecast, as the API shows it. */
export function metricView(m: MetricRow, f: MetricForecast | undefined): z.infer<typeof MetricView> {
  const p = f?.forecast?.projection;
  return {
    id: m.id,
    name: m.name,
    unit: m.unit,
    direction: m.direction,
    external_key: m.externalKey,
    baseline: m.baseline,
    target: m.target,
    actual: m.actual,
    status: f?.status ?? 'no_data',
    forecast: p ? { review_at: p.reviewAt.toISOString(), projected_value: p.value, progress: p.progress, shortfall: p.shortfall, slope_per_day: p.slopePerDay, readings_used: f!.forecast!.used.length, readings_flagged: f!.forecast!.flagged.length } : null,
  };
}

/** GET /outcomes. */
export function outcomeRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(list, async (c) => {
    const { deps, principal } = c.var;
    const { limit, cursor } = c.req.valid('query');
    const after = decodeCursor(cursor, isId);
    const page = await listOutcomesWithMetrics(deps.db, principal.workspaceId, readerOfPrincipal(principal), { limit, afterId: after?.after ?? null });
    const ids = page.outcomes.flatMap((o) => o.metrics.map((m) => m.id));
    const forecasts = await loadMetricForecasts(deps.db, principal.workspaceId, ids, await thresholdOf(deps.db, principal), deps.clock.now());
    const outcomes = page.outcomes.map((o) => ({
      id: o.id,
      title: o.title,
      status: o.status,
      indicator_class: o.indicatorClass,
      project: o.projectId ? { id: o.projectId, name: o.projectName } : null,
      owner_id: o.ownerId,
      due_at: iso(o.dueAt),
      metrics: o.metrics.map((m) => metricView(m, forecasts.get(m.id))),
    }));
    return c.json({ outcomes, next_cursor: page.nextAfter ? encodeCursor({ after: page.nextAfter }) : null }, 200);
  });
  return app;
}
