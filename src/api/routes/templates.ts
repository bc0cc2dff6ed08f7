import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { listMetricTemplates } from '../../db/queries/metric-templates.ts';
import { DomainError } from '../../domain/errors.ts';
import type { MetricTemplate } from '../../domain/metric-templates.ts';
import { addWorkspaceTemplate, removeWorkspaceTemplate } from '../../templates/manage-templates.ts';
import { needs } from '../auth/authenticate.ts';
import type { ApiEnv, Principal } from '../env.ts';
import { ERRORS, security } from '../schemas/common.ts';
import { TemplateInput, templateKeyParam, TemplateList, TemplateView } from '../schemas/templates.ts';
import { validationHook } from '../validation.ts';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const WHO = 'Workspace admins (or a token with templates:write).';

const list = createRoute({ method: 'get', path: '/templates', summary: 'List the outcome templates', description: 'The built-in library, then the workspace’s own (removed ones are not listed).', security: security('outcomes:read'), middleware: [needs('outcomes:read')] as const, responses: { 200: { description: 'The templates', content: json(TemplateList) }, ...ERRORS } });
const create = createRoute({
  method: 'post',
  path: '/templates',
  summary: 'Add a template of the workspace’s own',
  description: `${WHO} Every problem is reported with its field (\`name.en\`, \`unit\`, …).`,
  security: security('templates:write'),
  middleware: [needs('templates:write')] as const,
  request: { body: { required: true, content: json(TemplateInput) } },
  responses: { 201: { description: 'The template', content: json(TemplateView) }, ...ERRORS },
});
const remove = createRoute({ method: 'delete', path: '/templates/{key}', summary: 'Remove one of the workspace’s own templates', description: `${WHO} It is no longer offered; metrics that came from it keep its key. A built-in template cannot be removed (400).`, security: security('templates:write'), middleware: [needs('templates:write')] as const, request: { params: templateKeyParam }, responses: { 204: { description: 'Removed' }, ...ERRORS } });

/** A template as the API shows it. */
export const templateView = (t: MetricTemplate) => ({ key: t.key, indicator_class: t.indicatorClass, unit: t.unit, direction: t.direction, name: t.name, description: t.description, built_in: t.builtIn });

/** A person changes templates only as a workspace admin; a token needs its scope (checked by `needs`). */
function assertAdmin(p: Principal): string | null {
  if (p.kind === 'session' && !p.viewer.roles.admin) throw new DomainError('forbidden', 'error.admin_only');
  return p.kind === 'session' ? p.viewer.person.id : null;
}

/** GET/POST /templates, DELETE /templates/{key}. */
export function templateRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(list, async (c) => c.json({ templates: (await listMetricTemplates(c.var.deps.db, c.var.principal.workspaceId)).map(templateView) }, 200));

  app.openapi(create, async (c) => {
    const { deps, principal: p } = c.var;
    const actor = assertAdmin(p);
    const b = c.req.valid('json');
    const t = await addWorkspaceTemplate(deps, p.workspaceId, actor, { indicatorClass: b.indicator_class, unit: b.unit, direction: b.direction, name: b.name, description: b.description ?? {} });
    return c.json(templateView(t), 201);
  });

  app.openapi(remove, async (c) => {
    const { deps, principal: p } = c.var;
    await removeWorkspaceTemplate(deps, p.workspaceId, assertAdmin(p), c.req.valid('param').key);
    return c.body(null, 204);
  });

  return app;
}
