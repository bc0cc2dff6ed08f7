import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors.ts';
import { recordLesson } from '../../retro/record-lesson.ts';
import { completeAction, recordConclusions } from '../../retro/retrospective.ts';
import { kitOf, page } from '../context/render.ts';
import { readerOf } from '../context/viewer.ts';
import type { WebEnv } from '../env.ts';
import { loadOutcomePage } from '../queries/outcome.ts';
import { loadRetroList, loadRetroPage, runsRetros } from '../queries/retro.ts';
import { outcomeBody } from './outcome.ts';
import { NEW_ACTION_ROWS, retroBody, retroListBody } from './retros.ts';

type Form = Record<string, string | File | (string | File)[]>;
const one = (form: Form, name: string): string => {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
};

/** The rows of new actions the PMO filled in (a wholly empty row is no action). */
function actionRows(form: Form) {
  return Array.from({ length: NEW_ACTION_ROWS }, (_, i) => ({ title: one(form, `action.title.${i}`), ownerId: one(form, `action.owner.${i}`), dueOn: one(form, `action.due.${i}`) })).filter(
    (a) => a.title.trim() || a.ownerId || a.dueOn.trim(),
  );
}

const actorOf = (c: Context<WebEnv>) => ({ personId: c.var.viewer.person.id, pmo: runsRetros(c.var.viewer) });

/**
 * Retrospectives (复盘) on the web: lessons on the outcome page, the retrospective list and
 * page, the PMO's conclusions and actions, and "mark done". Refusals are the app's error page
 * with the service's message and 4xx, and change nothing.
 */
export function retroRoutes() {
  const app = new Hono<WebEnv>();

  app.post('/outcomes/:id/lessons', async (c) => {
    const { deps, viewer } = c.var;
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const values = { whatWorked: one(form, 'whatWorked'), whatDidnt: one(form, 'whatDidnt'), whatToRepeat: one(form, 'whatToRepeat'), tags: one(form, 'tags') };
    const key = one(form, 'clientKey');
    try {
      await recordLesson(deps, { workspaceId: viewer.workspace.id, outcomeId: id, author: readerOf(viewer), source: 'web', clientKey: /^[\w-]{8,64}$/.test(key) ? `web:${key}` : null, answers: values });
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
      const data = await loadOutcomePage(deps.db, viewer, id, deps.config.publicUrl, deps.clock.now());
      const chat = { platform: viewer.workspace.platform, externalId: viewer.workspace.externalId, feishu: deps.config.feishu };
      return page(c, { title: data.view.title, charts: true, body: outcomeBody(kitOf(c), { ...data, lessonForm: { values, problems: err.fields } }, chat, deps.clock.now()) }, 400);
    }
    return c.redirect(`/app/outcomes/${encodeURIComponent(id)}#lessons`, 303);
  });

  app.get('/retros', async (c) => {
    const kit = kitOf(c);
    return page(c, { title: kit.t('web.retro.title'), active: 'retros', body: retroListBody(kit, await loadRetroList(c.var.deps, c.var.viewer)) });
  });

  app.get('/retros/:id', async (c) => {
    const kit = kitOf(c);
    const d = await loadRetroPage(c.var.deps, c.var.viewer, c.req.param('id'));
    return page(c, { title: `${kit.t('web.retro.title')} ${d.retro.periodKey}`, active: 'retros', body: retroBody(kit, d, c.var.viewer.person.id, { saved: c.req.query('saved') === '1' }) });
  });

  app.post('/retros/:id', async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const input = { conclusions: one(form, 'conclusions'), actions: actionRows(form) };
    try {
      await recordConclusions(c.var.deps, c.var.viewer.workspace.id, id, actorOf(c), input);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
      const kit = kitOf(c);
      const d = await loadRetroPage(c.var.deps, c.var.viewer, id);
      return page(c, { title: `${kit.t('web.retro.title')} ${d.retro.periodKey}`, active: 'retros', body: retroBody(kit, d, c.var.viewer.person.id, { problems: err.fields, typed: input }) }, 400);
    }
    return c.redirect(`/app/retros/${encodeURIComponent(id)}?saved=1`, 303);
  });

  app.post('/retros/actions/:id/done', async (c) => {
    const { action } = await completeAction(c.var.deps, c.var.viewer.workspace.id, c.req.param('id'), actorOf(c));
    return c.redirect(`/app/retros/${encodeURIComponent(action.retrospectiveId)}`, 303);
  });

  return app;
}
