import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { findMetric, findMetrics, listReadings } from '../../db/queries/api-metrics.ts';
import { DomainError } from '../../domain/errors.ts';
import { resolveLocale } from '../../i18n/index.ts';
import { recordReadings } from '../../sources/record-readings.ts';
import { mayChange, readerOfPrincipal } from '../access.ts';
import { needs } from '../auth/authenticate.ts';
import type { ApiEnv } from '../env.ts';
import { outcomeOfRows, parseRows, planBatch } from '../readings-batch.ts';
import { cursorParam, decodeCursor, encodeCursor, ERRORS, pageLimit, security } from '../schemas/common.ts';
import { BatchResult, ReadingsBatch, ReadingsPage } from '../schemas/readings.ts';
import { validationHook } from '../validation.ts';

const post = createRoute({
  method: 'post',
  path: '/readings',
  summary: 'Post readings (1–1,000 per request)',
  description:
    'Each reading names its metric by `metric_id` or `metric_key`. Bad rows are reported in `rejected` with their index and reason; the good rows are stored. A reading whose `external_id` the metric already has changes nothing (`duplicate`). A person may post to metrics of outcomes they own (admins: any).',
  security: security('readings:write'),
  middleware: [needs('readings:write')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: ReadingsBatch } } } },
  responses: { 200: { description: 'What happened to each row', content: { 'application/json': { schema: BatchResult } } }, ...ERRORS },
});

const list = createRoute({
  method: 'get',
  path: '/readings',
  summary: 'List a metric’s readings, newest first',
  security: security('readings:read'),
  middleware: [needs('readings:read')] as const,
  request: {
    query: z.object({
      metric_id: z.string().min(1).max(100).optional(),
      metric_key: z.string().min(1).max(200).optional().openapi({ description: 'Instead of metric_id' }),
      limit: pageLimit(1000, 100),
      cursor: cursorParam,
    }),
  },
  responses: { 200: { description: 'One page of readings with their source and external id', content: { 'application/json': { schema: ReadingsPage } } }, ...ERRORS },
});

/** A cursor this API made: an instant a Date can hold (a forged one is a 400, not a driver error) and an id. */
const isAfter = (v: unknown): v is { measuredAt: number; id: string } => {
  const at = (v as { measuredAt?: unknown } | null)?.measuredAt;
  return typeof v === 'object' && v !== null && typeof at === 'number' && Number.isFinite(new Date(at).getTime()) && typeof (v as { id?: unknown }).id === 'string';
};

/** POST and GET /readings. */
export function readingRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(post, async (c) => {
    const { deps, principal } = c.var;
    const input = parseRows(c.req.valid('json').readings);
    const good = input.flatMap((r) => ('issues' in r ? [] : [r]));
    const names = { ids: good.flatMap((r) => (r.metric_id !== undefined ? [r.metric_id] : [])), keys: good.flatMap((r) => (r.metric_key !== undefined ? [r.metric_key] : [])) };
    const metrics = await findMetrics(deps.db, principal.workspaceId, names, readerOfPrincipal(principal));
    const locale = resolveLocale(c.req.header('accept-language'), deps.config.defaultLocale);
    const plan = planBatch(input, metrics, { mayChange: (m) => mayChange(principal, m), now: deps.clock.now(), recordedBy: principal.kind === 'session' ? principal.viewer.person.id : null, locale });
    const stored = await recordReadings(deps, principal.workspaceId, plan.rows.map((r) => r.reading));
    const accepted = outcomeOfRows(plan.rows, stored);
    const storedNow = accepted.filter((a) => a.status === 'stored').length;
    return c.json({ stored: storedNow, duplicates: accepted.length - storedNow, accepted, rejected: plan.rejected }, 200);
  });

  app.openapi(list, async (c) => {
    const { deps, principal } = c.var;
    const q = c.req.valid('query');
    if ((q.metric_id === undefined) === (q.metric_key === undefined)) throw new DomainError('validation_failed', 'error.validation_failed', { count: 1 }, [{ field: 'query.metric_id', key: 'api.invalid', params: { detail: 'Name the metric by metric_id or by metric_key (exactly one).' } }]);
    const reader = readerOfPrincipal(principal);
    const m = q.metric_id !== undefined ? await findMetric(deps.db, principal.workspaceId, q.metric_id, reader) : (await findMetrics(deps.db, principal.workspaceId, { ids: [], keys: [q.metric_key!] }, reader))[0];
    if (!m || !m.visible) throw new DomainError('not_found', 'error.not_found');
    const page = await listReadings(deps.db, principal.workspaceId, m.id, { limit: q.limit, after: decodeCursor(q.cursor, isAfter) });
    const readings = page.readings.map((r) => ({ id: r.id, value: r.value, measured_at: r.measuredAt.toISOString(), source: r.source, source_id: r.sourceId, external_id: r.externalId, recorded_at: r.createdAt.toISOString() }));
    return c.json({ metric_id: m.id, readings, next_cursor: page.next ? encodeCursor(page.next) : null }, 200);
  });

  return app;
}
