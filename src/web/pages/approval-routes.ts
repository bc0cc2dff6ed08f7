import { Hono } from 'hono';
import type { WebEnv } from '../env.ts';
import { findVisibleOutcome } from '../../db/queries/outcome-page.ts';
import { DomainError } from '../../domain/errors.ts';
import { kitOf, page } from '../context/render.ts';
import { readerOf } from '../context/viewer.ts';
import { listPeople } from '../queries/settings.ts';
import { webHandOver, webNudge, webSetAway } from '../queries/my-approvals.ts';
import { handOverBody } from './my-approvals.ts';

const one = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/**
 * My page's approval actions (POST, same-origin forms): nudge a reviewer, hand over a review,
 * set or clear out of office. Each calls the verb chat uses; a refusal is the app's error page
 * with the verb's message and its 4xx, and changes nothing.
 */
export function approvalRoutes() {
  const app = new Hono<WebEnv>();
  app.post('/nudge/:id', async (c) => {
    await webNudge(c.var.deps, c.var.viewer, c.req.param('id'));
    return c.redirect('/app/my?done=nudged', 303);
  });
  // The form for one review; the verb behind the POST checks who may hand it over.
  app.get('/handover/:id', async (c) => {
    const v = c.var.viewer;
    const [outcome, people] = await Promise.all([findVisibleOutcome(c.var.deps.db, v.workspace.id, readerOf(v), c.req.param('id')), listPeople(c.var.deps.db, v)]);
    if (!outcome) throw new DomainError('not_found', 'error.not_found');
    const kit = kitOf(c);
    const round = Number(c.req.query('round')) || 1;
    return page(c, { title: kit.t('approval.web.handover_title'), active: 'my', body: handOverBody(kit, { id: outcome.id, title: outcome.title, round }, people.filter((p) => p.id !== v.person.id)) });
  });
  app.post('/handover/:id', async (c) => {
    const form = await c.req.parseBody();
    const round = Number(one(form.round)) || undefined;
    await webHandOver(c.var.deps, c.var.viewer, c.req.param('id'), { to: one(form.to), reason: one(form.reason), round });
    return c.redirect('/app/my?done=handed_over', 303);
  });
  app.post('/away', async (c) => {
    const form = await c.req.parseBody();
    const away = one(form.clear) ? null : { delegateId: one(form.delegate) || null, awayFrom: one(form.awayFrom), awayUntil: one(form.awayUntil) };
    await webSetAway(c.var.deps, c.var.viewer, away);
    return c.redirect('/app/my?done=away', 303);
  });
  return app;
}
