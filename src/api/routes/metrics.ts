import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { findMetric, metricRow } from '../../db/queries/api-metrics.ts';
import { setMetricExternalKey } from '../../db/repos/source-settings-repo.ts';
import { assertNoFieldErrors, DomainError } from '../../domain/errors.ts';
import { loadMetricForecasts } from '../../views/metric-forecasts.ts';
import { assertMayChange, readerOfPrincipal, thresholdOf } from '../access.ts';
import { needs } from '../auth/authenticate.ts';
import type { ApiEnv } from '../env.ts';
import { ERRORS, security } from '../schemas/common.ts';
import { MetricView } from '../schemas/outcomes.ts';
import { metricIdParam } from '../schemas/sources.ts';
import { validationHook } from '../validation.ts';
import { metricView } from './outcomes.ts';

const ExternalKey = z
  .object({ external_key: z.string().trim().min(1).max(200).regex(/^[\w.:/-]+$/, 'letters, digits and . _ : / - only').nullable() })
  .openapi('ExternalKey', { description: 'The name other systems give this metric (unique in the workspace); null clears it.' });

const setKey = createRoute({
  method: 'put',
  path: '/metrics/{metric_id}/external-key',
  summary: 'Set a metric’s external key',
  description: 'Workspace admins and the owner of the metric’s outcome (or a token with metrics:write). Readings may then name the metric by `metric_key`.',
  security: security('metrics:write'),
  middleware: [needs('metrics:write')] as const,
  request: { params: metricIdParam, body: { required: true, content: { 'application/json': { schema: ExternalKey } } } },
  responses: { 200: { description: 'The metric', content: { 'application/json': { schema: MetricView } } }, ...ERRORS },
});

/** PUT /metrics/{id}/external-key. */
export function metricRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(setKey, async (c) => {
    const { deps, principal: p } = c.var;
    const metricId = c.req.valid('param').metric_id;
    assertMayChange(p, await findMetric(deps.db, p.workspaceId, metricId, readerOfPrincipal(p)));
    if ((await setMetricExternalKey(deps.db, p.workspaceId, metricId, c.req.valid('json').external_key)) === 'taken') assertNoFieldErrors([{ field: 'external_key', key: 'api.key_taken' }]);
    const m = await metricRow(deps.db, p.workspaceId, metricId);
    if (!m) throw new DomainError('not_found', 'error.not_found');
    const forecasts = await loadMetricForecasts(deps.db, p.workspaceId, [m.id], await thresholdOf(deps.db, p), deps.clock.now());
    return c.json(metricView(m, forecasts.get(m.id)), 200);
  });
  return app;
}
