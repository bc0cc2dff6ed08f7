import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { findMetric, sourceById, sourcesOfMetric } from '../../db/queries/api-metrics.ts';
import { deleteSource, insertSource, updateSource } from '../../db/repos/source-settings-repo.ts';
import { assertNoFieldErrors, DomainError } from '../../domain/errors.ts';
import { sealSecret, toBase64Url } from '../../security/secret-box.ts';
import { sourceInput, sourceSecretContext, splitSecret } from '../../sources/source-config.ts';
import { assertMayChange, readerOfPrincipal } from '../access.ts';
import { needs } from '../auth/authenticate.ts';
import type { ApiEnv, Principal } from '../env.ts';
import { ERRORS, security } from '../schemas/common.ts';
import { CreatedSource, metricIdParam, SourceList, sourceIdParam, SourceView } from '../schemas/sources.ts';
import { sourceView } from '../source-view.ts';
import { validationHook } from '../validation.ts';
import type { Deps } from '../../deps.ts';

const WHO = 'Workspace admins and the owner of the metric’s outcome (or a token with the scope) manage sources. Secrets are stored encrypted and never returned.';
const json = <T>(schema: T) => ({ 'application/json': { schema } });
const body = { body: { required: true, content: json(sourceInput) } };

const create = createRoute({
  method: 'post',
  path: '/metrics/{metric_id}/sources',
  summary: 'Add a source to a metric',
  description: `${WHO} A github or jira source without a secret gets a generated one, returned once in this answer with the webhook URL. A pull source is due at once.`,
  security: security('sources:write'),
  middleware: [needs('sources:write')] as const,
  request: { params: metricIdParam, ...body },
  responses: { 201: { description: 'The source (and a generated secret, once)', content: json(CreatedSource) }, ...ERRORS },
});
const list = createRoute({ method: 'get', path: '/metrics/{metric_id}/sources', summary: 'List a metric’s sources', description: WHO, security: security('sources:read'), middleware: [needs('sources:read')] as const, request: { params: metricIdParam }, responses: { 200: { description: 'The sources', content: json(SourceList) }, ...ERRORS } });
const get = createRoute({ method: 'get', path: '/sources/{id}', summary: 'Get a source', description: WHO, security: security('sources:read'), middleware: [needs('sources:read')] as const, request: { params: sourceIdParam }, responses: { 200: { description: 'The source', content: json(SourceView) }, ...ERRORS } });
const update = createRoute({
  method: 'patch',
  path: '/sources/{id}',
  summary: 'Change a source’s settings',
  description: `${WHO} The body is the source’s whole settings, as at creation, of the same kind; a secret left out keeps the stored one.`,
  security: security('sources:write'),
  middleware: [needs('sources:write')] as const,
  request: { params: sourceIdParam, ...body },
  responses: { 200: { description: 'The source', content: json(SourceView) }, ...ERRORS },
});
const remove = createRoute({ method: 'delete', path: '/sources/{id}', summary: 'Delete a source (its readings stay)', description: WHO, security: security('sources:write'), middleware: [needs('sources:write')] as const, request: { params: sourceIdParam }, responses: { 204: { description: 'Deleted' }, ...ERRORS } });

async function seal(deps: Deps, id: string, secret: string): Promise<string> {
  if (!deps.config.appSecret) throw new DomainError('bad_request', 'error.bad_request', { reason: 'this server has no APP_SECRET, so it cannot store a source’s secret' });
  return sealSecret(deps.config.appSecret, secret, sourceSecretContext(id));
}

/** A source of this workspace the caller may manage. */
async function manageable(deps: Deps, p: Principal, id: string) {
  const s = await sourceById(deps.db, p.workspaceId, id);
  if (!s) throw new DomainError('not_found', 'error.not_found');
  assertMayChange(p, await findMetric(deps.db, p.workspaceId, s.metricId, readerOfPrincipal(p)));
  return s;
}

/**
 * Where a source's secret is sent: the origin of its URL (the bearer of an HTTP JSON or CSV
 * pull) or its Feishu app (the app secret). A stored secret is kept on an update only while
 * this stays the same: otherwise an edit could send it to another server.
 */
function secretTarget(config: Record<string, unknown>): string | null {
  if (typeof config.appId === 'string') return `app:${config.appId}`;
  if (typeof config.url !== 'string') return null;
  try {
    return new URL(config.url).origin;
  } catch {
    return null;
  }
}

/**
 * A Feishu Base source without its own app reads through the workspace's Feishu app, which
 * may see tables its owner may not: only an admin (or an admin's token) may set one up.
 */
function assertMayUseWorkspaceApp(p: Principal, kind: string, config: Record<string, unknown>) {
  if (kind === 'feishu_base' && typeof config.appId !== 'string' && p.kind === 'session' && !p.viewer.roles.admin)
    assertNoFieldErrors([{ field: 'appId', key: 'api.workspace_app_admin_only' }]);
}

/** Metric sources: create and list per metric, get, update and delete by id. */
export function sourceRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(create, async (c) => {
    const { deps, principal: p } = c.var;
    const metricId = c.req.valid('param').metric_id;
    assertMayChange(p, await findMetric(deps.db, p.workspaceId, metricId, readerOfPrincipal(p)));
    const { kind, secret, ...settings } = splitSecret(c.req.valid('json'));
    assertMayUseWorkspaceApp(p, kind, settings.config);
    const id = crypto.randomUUID();
    // A webhook needs a shared secret to verify deliveries: make one when none was given.
    const generated = !secret && (kind === 'github' || kind === 'jira') ? toBase64Url(crypto.getRandomValues(new Uint8Array(24))) : undefined;
    const plain = secret ?? generated;
    const now = deps.clock.now();
    const row = await insertSource(deps.db, {
      ...settings,
      id,
      kind,
      workspaceId: p.workspaceId,
      metricId,
      secret: plain ? await seal(deps, id, plain) : null,
      nextRunAt: settings.schedule ? now : null,
      createdBy: p.kind === 'session' ? p.viewer.person.id : null,
      now,
    });
    return c.json({ source: sourceView(row, deps.config.publicUrl), ...(generated ? { secret: generated } : {}) }, 201);
  });

  app.openapi(list, async (c) => {
    const { deps, principal: p } = c.var;
    const metricId = c.req.valid('param').metric_id;
    assertMayChange(p, await findMetric(deps.db, p.workspaceId, metricId, readerOfPrincipal(p)));
    const rows = await sourcesOfMetric(deps.db, p.workspaceId, metricId);
    return c.json({ sources: rows.map((s) => sourceView(s, deps.config.publicUrl)) }, 200);
  });

  app.openapi(get, async (c) => {
    const s = await manageable(c.var.deps, c.var.principal, c.req.valid('param').id);
    return c.json(sourceView(s, c.var.deps.config.publicUrl), 200);
  });

  app.openapi(update, async (c) => {
    const { deps, principal: p } = c.var;
    const current = await manageable(deps, p, c.req.valid('param').id);
    const { kind, secret, ...settings } = splitSecret(c.req.valid('json'));
    if (kind !== current.kind) assertNoFieldErrors([{ field: 'kind', key: 'api.kind_change' }]);
    assertMayUseWorkspaceApp(p, kind, settings.config);
    if (!secret && current.secret && secretTarget(settings.config) !== secretTarget(current.config))
      assertNoFieldErrors([{ field: kind === 'feishu_base' ? 'appSecret' : 'bearer', key: 'api.secret_again' }]);
    const now = deps.clock.now();
    const row = await updateSource(deps.db, p.workspaceId, current.id, { ...settings, secret: secret ? await seal(deps, current.id, secret) : undefined, nextRunAt: settings.schedule ? now : null }, now);
    if (!row) throw new DomainError('not_found', 'error.not_found');
    return c.json(sourceView(row, deps.config.publicUrl), 200);
  });

  app.openapi(remove, async (c) => {
    const { deps, principal: p } = c.var;
    const s = await manageable(deps, p, c.req.valid('param').id);
    await deleteSource(deps.db, p.workspaceId, s.id);
    return c.body(null, 204);
  });

  return app;
}
