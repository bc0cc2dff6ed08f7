import { Hono } from 'hono';
import { exportCsv, exportXlsx } from '../context/export-csv.ts';
import type { WebEnv } from '../env.ts';
import { parseFilters } from '../queries/filters.ts';
import { loadMy } from '../queries/my.ts';
import { loadNps } from '../queries/nps.ts';
import { loadOutcomePage } from '../queries/outcome.ts';
import { loadPortfolio } from '../queries/portfolio.ts';
import { loadDueReviews } from '../queries/reviews.ts';
import { assertAdmin, listPeople, managerOf, saveSettings } from '../queries/settings.ts';
import { parseSettingsJson } from '../queries/settings-input.ts';
import { loadValue } from '../queries/value.ts';

/**
 * The REST API under /api: the same data as the pages, as JSON, under the same access
 * rules (the viewer is signed in: see routes.ts). Errors are JSON through the app's one
 * error mapper (src/errors.ts).
 */
export function apiRoutes() {
  const app = new Hono<WebEnv>();
  const filters = (c: { req: { query(n: string): string | undefined }; var: WebEnv['Variables'] }) => parseFilters((n) => c.req.query(n), c.var.viewer.timeZone);

  app.get('/me', (c) => {
    const v = c.var.viewer;
    return c.json({
      workspace: { id: v.workspace.id, name: v.workspace.name, platform: v.workspace.platform },
      person: { id: v.person.id, name: v.person.name, platformUserId: v.person.platformUserId },
      roles: v.roles,
      locale: c.var.locale,
      timeZone: v.timeZone,
    });
  });

  app.get('/portfolio', async (c) => c.json(await loadPortfolio(c.var.deps.db, c.var.viewer, filters(c), c.var.deps.clock.now())));

  app.get('/outcomes', async (c) => {
    const { outcomes } = await loadPortfolio(c.var.deps.db, c.var.viewer, filters(c), c.var.deps.clock.now());
    return c.json({ outcomes });
  });

  app.get('/outcomes/:id', async (c) => {
    const d = await loadOutcomePage(c.var.deps.db, c.var.viewer, c.req.param('id'), c.var.deps.config.publicUrl, c.var.deps.clock.now());
    const { workspacePlatform: _p, workspaceExternalId: _e, ...rest } = d;
    return c.json(rest);
  });

  app.get('/value', async (c) => c.json(await loadValue(c.var.deps.db, c.var.viewer)));
  app.get('/nps', async (c) => c.json({ projects: await loadNps(c.var.deps.db, c.var.viewer) }));
  app.get('/reviews', async (c) => c.json(await loadDueReviews(c.var.deps.db, c.var.viewer, c.var.deps.clock.now())));
  app.get('/my', async (c) => c.json(await loadMy(c.var.deps.db, c.var.viewer, c.var.deps.clock.now())));

  app.get('/settings', async (c) => {
    assertAdmin(c.var.viewer);
    return c.json({ settings: c.var.viewer.workspace.settings, people: await listPeople(c.var.deps.db, c.var.viewer) });
  });

  app.patch('/settings', async (c) => {
    assertAdmin(c.var.viewer);
    const { patch, managers } = parseSettingsJson(await c.req.json());
    const settings = await saveSettings(c.var.deps, c.var.viewer, patch, managers);
    return c.json({ settings });
  });

  app.put('/people/:id/manager', async (c) => {
    assertAdmin(c.var.viewer);
    const body = (await c.req.json()) as unknown;
    const managerId = body && typeof body === 'object' && 'managerId' in body ? (body as { managerId: unknown }).managerId : undefined;
    const { managers } = parseSettingsJson({ managers: { [c.req.param('id')]: managerId === undefined ? 0 : managerId } });
    await saveSettings(c.var.deps, c.var.viewer, {}, managers);
    return c.json({ personId: c.req.param('id'), managerId: await managerOf(c.var.deps.db, c.var.viewer, c.req.param('id')) });
  });

  app.get('/export.csv', exportCsv);
  app.get('/export.xlsx', exportXlsx);

  return app;
}
