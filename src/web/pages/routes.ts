import { Hono, type Context } from 'hono';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import { DEFAULT_INSIGHT_MONTHS, INSIGHT_MONTH_CHOICES } from '../../domain/insights.ts';
import { webError } from '../context/errors.ts';
import { exportCsv, exportXlsx } from '../context/export-csv.ts';
import { kitOf, page } from '../context/render.ts';
import { h } from '../render/html.ts';
import { seesAll } from '../context/viewer.ts';
import type { WebEnv } from '../env.ts';
import { parseFilters, type Filters } from '../queries/filters.ts';
import { loadMy } from '../queries/my.ts';
import { loadNps } from '../queries/nps.ts';
import { loadOutcomePage } from '../queries/outcome.ts';
import { loadPortfolio } from '../queries/portfolio.ts';
import { loadDueReviews } from '../queries/reviews.ts';
import { assertAdmin, listPeople, saveSettings } from '../queries/settings.ts';
import { baseSettings, parseSettingsForm } from '../queries/settings-input.ts';
import { loadFailingSources } from '../queries/source-health.ts';
import { loadValue } from '../queries/value.ts';
import { failingSourcesSection } from '../render/source-health.ts';
import { myBody } from './my.ts';
import { myApprovalsBody } from './my-approvals.ts';
import { approvalRoutes } from './approval-routes.ts';
import { managerRoutes } from './manager-routes.ts';
import { activityRoutes } from './activity-routes.ts';
import { loadApprovalsPanel } from '../queries/my-approvals.ts';
import { npsBody } from './nps.ts';
import { outcomeBody } from './outcome.ts';
import { evidenceRoutes } from './evidence-routes.ts';
import { uploadOffer } from '../render/evidence-upload.ts';
import { portfolioBody } from './portfolio.ts';
import { reviewsBody } from './reviews.ts';
import { settingsBody } from './settings.ts';
import { tokensSection, type TokensView } from './api-tokens.ts';
import { createTokenFromForm, revokeToken, tokensOf } from '../queries/api-tokens.ts';
import { valueBody } from './value.ts';
import { actRoutes } from '../act/act-routes.ts';
import { outcomeActions } from '../act/outcome-actions.ts';
import { templateRoutes } from './template-routes.ts';
import { templatesLink } from './templates.ts';
import { knowledgeRoutes } from './knowledge-routes.ts';
import { retroRoutes } from './retro-routes.ts';
import { okrRoutes } from './okr-routes.ts';

const NO_FILTERS = { project: null, status: null, from: null, to: null, fromAt: null, toAt: null };

/** Filters from the query string; on a bad value, the problems and no filtering (the page shows both). */
function filtersOf(c: Context<WebEnv>): { f: Filters & { fromAt: Date | null; toAt: Date | null }; problems: FieldError[] } {
  try {
    return { f: parseFilters((n) => c.req.query(n), c.var.viewer.timeZone), problems: [] };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'validation_failed') return { f: { ...NO_FILTERS, project: c.req.query('project') || null }, problems: err.fields };
    throw err;
  }
}

/** The insights' look-back the value page was asked for (?months=), one of the offered choices. */
function insightsAsked(c: Context<WebEnv>) {
  const months = Number(c.req.query('months'));
  return { now: c.var.deps.clock.now(), months: (INSIGHT_MONTH_CHOICES as readonly number[]).includes(months) ? months : DEFAULT_INSIGHT_MONTHS };
}

/** The mini-app's pages under /app (the viewer is already signed in: see routes.ts). */
export function pageRoutes() {
  const app = new Hono<WebEnv>();

  app.get('/', (c) => {
    const v = c.var.viewer;
    return c.redirect(seesAll(v) || v.roles.manager ? '/app/portfolio' : '/app/my');
  });

  // Before /outcomes/:id, which would take /outcomes/new for an outcome id.
  app.route('/', actRoutes());

  app.get('/portfolio', async (c) => {
    const { f, problems } = filtersOf(c);
    const data = await loadPortfolio(c.var.deps.db, c.var.viewer, f, c.var.deps.clock.now());
    const kit = kitOf(c);
    return page(c, { title: kit.t('web.nav.portfolio'), active: 'portfolio', body: portfolioBody(kit, data, f, problems) }, problems.length ? 400 : 200);
  });

  app.get('/outcomes/:id', async (c) => {
    const { deps } = c.var;
    const loaded = await loadOutcomePage(deps.db, c.var.viewer, c.req.param('id'), deps.config.publicUrl, deps.clock.now());
    const data = { ...loaded, upload: uploadOffer(c.var.viewer, loaded.view, Boolean(deps.blobs), c.req.query('file') === 'added') };
    const kit = kitOf(c);
    const chat = { platform: c.var.viewer.workspace.platform, externalId: c.var.viewer.workspace.externalId, feishu: deps.config.feishu };
    const actions = await outcomeActions(deps, kit, c.var.viewer, data.view.id);
    return page(c, { title: data.view.title, charts: true, body: h`${actions}${outcomeBody(kit, data, chat, deps.clock.now())}` });
  });

  app.route('/outcomes', evidenceRoutes());

  app.get('/value', async (c) => {
    const kit = kitOf(c);
    return page(c, { title: kit.t('web.nav.value'), active: 'value', charts: true, body: valueBody(kit, await loadValue(c.var.deps.db, c.var.viewer, undefined, insightsAsked(c))) });
  });

  app.get('/nps', async (c) => {
    const kit = kitOf(c);
    return page(c, { title: kit.t('web.nav.nps'), active: 'nps', charts: true, body: npsBody(kit, await loadNps(c.var.deps.db, c.var.viewer)) });
  });

  app.get('/reviews', async (c) => {
    const kit = kitOf(c);
    return page(c, { title: kit.t('web.nav.reviews'), active: 'reviews', body: reviewsBody(kit, await loadDueReviews(c.var.deps.db, c.var.viewer, c.var.deps.clock.now())) });
  });

  app.get('/my', async (c) => {
    const kit = kitOf(c);
    const [my, approvals] = await Promise.all([loadMy(c.var.deps.db, c.var.viewer, c.var.deps.clock.now()), loadApprovalsPanel(c.var.deps, c.var.viewer, c.req.query('done'))]);
    return page(c, { title: kit.t('web.nav.my'), active: 'my', body: h`${myBody(kit, my)}${myApprovalsBody(kit, approvals)}` });
  });
  app.route('/my', approvalRoutes());
  app.route('/knowledge', knowledgeRoutes());

  /** The settings page with its API tokens part; `tokens` carries a just-created token or the form's problems. */
  const settingsPage = async (c: Context<WebEnv>, tokens: Omit<TokensView, 'tokens'> = {}, status: 200 | 400 = 200) => {
    assertAdmin(c.var.viewer);
    const kit = kitOf(c);
    const [people, failing, list] = await Promise.all([listPeople(c.var.deps.db, c.var.viewer), loadFailingSources(c.var.deps.db, c.var.viewer), tokensOf(c.var.deps, c.var.viewer)]);
    const settings = settingsBody(kit, { settings: c.var.viewer.workspace.settings, people, problems: [], saved: c.req.query('saved') === '1', now: c.var.deps.clock.now() });
    const body = h`${settings}${templatesLink(kit)}${failingSourcesSection(kit, failing)}${tokensSection(kit, { ...tokens, tokens: list })}`;
    return page(c, { title: kit.t('web.nav.settings'), active: 'settings', body }, status);
  };

  app.get('/settings', (c) => settingsPage(c));
  app.route('/settings/templates', templateRoutes());
  app.route('/settings/managers', managerRoutes());

  // A new token is shown in this answer, once (a redirect would have to carry it).
  app.post('/settings/tokens', async (c) => {
    try {
      return await settingsPage(c, { created: await createTokenFromForm(c.var.deps, c.var.viewer, await c.req.parseBody({ all: true })) });
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
      return settingsPage(c, { problems: err.fields }, 400);
    }
  });

  app.post('/settings/tokens/:id/revoke', async (c) => {
    await revokeToken(c.var.deps, c.var.viewer, c.req.param('id'));
    return c.redirect('/app/settings', 303);
  });

  app.post('/settings', async (c) => {
    const v = c.var.viewer;
    assertAdmin(v);
    const form = await c.req.parseBody({ all: true });
    const { patch, managers } = parseSettingsForm(form);
    try {
      await saveSettings(c.var.deps, v, patch, managers);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
      const kit = kitOf(c);
      const people = await listPeople(c.var.deps.db, v);
      // Show what was typed where it is valid; a field that is not a number keeps the stored value.
      const typed = Object.fromEntries(Object.entries(patch).filter(([, x]) => !(typeof x === 'number' && Number.isNaN(x))));
      return page(c, { title: kit.t('web.nav.settings'), active: 'settings', body: settingsBody(kit, { settings: { ...v.workspace.settings, ...typed }, base: baseSettings(form), people, problems: err.fields, saved: false, now: c.var.deps.clock.now() }) }, 400);
    }
    return c.redirect('/app/settings?saved=1', 303);
  });

  app.route('/', okrRoutes());

  app.get('/export.csv', exportCsv);
  app.route('/', activityRoutes());
  app.route('/', retroRoutes());
  app.get('/export.xlsx', exportXlsx);

  app.onError(webError);

  return app;
}
