import { Hono } from 'hono';
import { DomainError } from '../../domain/errors.ts';
import { kitOf, page } from '../context/render.ts';
import type { WebEnv } from '../env.ts';
import { assertAdmin, listPeople, saveSettings } from '../queries/settings.ts';
import { parseSettingsForm } from '../queries/settings-input.ts';
import { managerBody } from './settings.ts';

/**
 * One person's manager, for workspaces too big for a picker on every row of the settings page
 * (INLINE_MANAGER_PICKERS): the form and its save, through the same save (and setManager verb,
 * with its checks and audit entry) as the settings form. Admins only.
 */
export function managerRoutes() {
  const app = new Hono<WebEnv>();
  const personOr404 = async (db: WebEnv['Variables']['deps']['db'], v: WebEnv['Variables']['viewer'], id: string) => {
    const people = await listPeople(db, v);
    const person = people.find((p) => p.id === id);
    if (!person) throw new DomainError('not_found', 'error.not_found');
    return { person, people };
  };
  app.get('/:id', async (c) => {
    assertAdmin(c.var.viewer);
    const { person, people } = await personOr404(c.var.deps.db, c.var.viewer, c.req.param('id'));
    const kit = kitOf(c);
    return page(c, { title: kit.t('web.settings.manager_of', { name: person.name }), active: 'settings', body: managerBody(kit, person, people) });
  });
  app.post('/:id', async (c) => {
    const v = c.var.viewer;
    assertAdmin(v);
    const { person, people } = await personOr404(c.var.deps.db, v, c.req.param('id'));
    // Only this person's row: any other field of the form is ignored.
    const managers = new Map([...parseSettingsForm(await c.req.parseBody({ all: true })).managers].filter(([id]) => id === person.id));
    try {
      await saveSettings(c.var.deps, v, {}, managers);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
      const kit = kitOf(c);
      return page(c, { title: kit.t('web.settings.manager_of', { name: person.name }), active: 'settings', body: managerBody(kit, person, people, err.fields) }, 400);
    }
    return c.redirect('/app/settings?saved=1', 303);
  });
  return app;
}
