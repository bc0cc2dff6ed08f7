import { Hono, type Context } from 'hono';
import { listMetricTemplates } from '../../db/queries/metric-templates.ts';
import { DomainError } from '../../domain/errors.ts';
import { addWorkspaceTemplate, removeWorkspaceTemplate } from '../../templates/manage-templates.ts';
import { kitOf, page } from '../context/render.ts';
import type { WebEnv } from '../env.ts';
import { assertAdmin } from '../queries/settings.ts';
import { templatesBody, type TemplatesView } from './templates.ts';

const FORM_FIELDS = ['indicatorClass', 'direction', 'unit', 'name.en', 'name.zh-CN', 'description.en', 'description.zh-CN'] as const;

async function templatesPage(c: Context<WebEnv>, v: Partial<TemplatesView> = {}, status: 200 | 400 = 200) {
  assertAdmin(c.var.viewer);
  const kit = kitOf(c);
  const templates = await listMetricTemplates(c.var.deps.db, c.var.viewer.workspace.id);
  return page(c, { title: kit.t('web.templates.title'), active: 'settings', body: templatesBody(kit, { templates, problems: [], typed: {}, saved: c.req.query('saved') === '1', ...v }) }, status);
}

/** /app/settings/templates: admins list, add and remove the workspace's own outcome templates (form posts, same-origin checked like every /app post). */
export function templateRoutes() {
  const app = new Hono<WebEnv>();

  app.get('/', (c) => templatesPage(c));

  app.post('/', async (c) => {
    const v = c.var.viewer;
    assertAdmin(v);
    const form = await c.req.parseBody();
    const typed = Object.fromEntries(FORM_FIELDS.map((f) => [f, typeof form[f] === 'string' ? (form[f] as string) : '']));
    try {
      await addWorkspaceTemplate(c.var.deps, v.workspace.id, v.person.id, {
        indicatorClass: typed.indicatorClass,
        direction: typed.direction,
        unit: typed.unit,
        name: { en: typed['name.en'], 'zh-CN': typed['name.zh-CN'] },
        description: { en: typed['description.en'], 'zh-CN': typed['description.zh-CN'] },
      });
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
      return templatesPage(c, { problems: err.fields, typed }, 400);
    }
    return c.redirect('/app/settings/templates?saved=1', 303);
  });

  app.post('/:key/remove', async (c) => {
    const v = c.var.viewer;
    assertAdmin(v);
    await removeWorkspaceTemplate(c.var.deps, v.workspace.id, v.person.id, c.req.param('key'));
    return c.redirect('/app/settings/templates?saved=1', 303);
  });

  return app;
}
