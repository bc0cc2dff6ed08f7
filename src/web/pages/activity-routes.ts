import { Hono } from 'hono';
import { kickOutbox } from '../../delivery/kick.ts';
import { DomainError } from '../../domain/errors.ts';
import { kitOf, page } from '../context/render.ts';
import type { WebEnv } from '../env.ts';
import { loadOutcomeAudit, loadWorkspaceAudit, webAddComment } from '../queries/activity.ts';
import { loadDelivery, retryDead, stateOf } from '../queries/delivery.ts';
import { auditTable } from '../render/activity.ts';
import { h } from '../render/html.ts';
import { deliveryBody } from './delivery.ts';

const one = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Comments, audit trails and the delivery page under /app. Writes are same-origin form posts
 * (the web's CSRF rule, src/web/routes.ts); a refusal is the app's error page with its 4xx.
 */
export function activityRoutes() {
  const app = new Hono<WebEnv>();

  app.post('/outcomes/:id/comments', async (c) => {
    const { deps } = c.var;
    const form = await c.req.parseBody();
    const id = c.req.param('id');
    try {
      await webAddComment(deps, c.var.viewer, id, { body: one(form.body), key: one(form.key) || null });
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
      // The form's own problems, said in words, with the way back to the outcome.
      const kit = kitOf(c);
      const body = h`<div class="alert error" role="alert" data-testid="comment-errors">${err.fields.map((f) => h`<p>${kit.t(f.key, f.params)}</p>`)}</div><p><a href="/app/outcomes/${encodeURIComponent(id)}#comments">←</a></p>`;
      return page(c, { title: kit.t('web.comments.title'), body }, 400);
    }
    kickOutbox(deps, c.var.defer);
    return c.redirect(`/app/outcomes/${encodeURIComponent(id)}#comments`, 303);
  });

  app.get('/outcomes/:id/audit', async (c) => {
    const id = c.req.param('id');
    const trail = await loadOutcomeAudit(c.var.deps.db, c.var.viewer, id, c.req.query('cursor'));
    const kit = kitOf(c);
    const href = (cursor: string) => `/app/outcomes/${encodeURIComponent(id)}/audit?cursor=${cursor}`;
    const body = h`<p><a href="/app/outcomes/${encodeURIComponent(id)}">←</a></p><section class="card">${auditTable(kit, trail, { withSubject: false, moreHref: href })}</section>`;
    return page(c, { title: kit.t('web.audit.title'), body });
  });

  app.get('/audit', async (c) => {
    const trail = await loadWorkspaceAudit(c.var.deps.db, c.var.viewer, c.req.query('cursor'));
    const kit = kitOf(c);
    const body = h`<section class="card">${auditTable(kit, trail, { withSubject: true, moreHref: (cursor) => `/app/audit?cursor=${cursor}` })}</section>`;
    return page(c, { title: kit.t('web.audit.workspace_title'), active: 'audit', body });
  });

  app.get('/delivery', async (c) => {
    const d = await loadDelivery(c.var.deps, c.var.viewer, stateOf(c.req.query('state')), c.req.query('cursor'));
    const kit = kitOf(c);
    return page(c, { title: kit.t('web.delivery.title'), active: 'delivery', body: deliveryBody(kit, d, c.req.query('retried') === '1') });
  });

  app.post('/delivery/:id/retry', async (c) => {
    await retryDead(c.var.deps, c.var.viewer, c.req.param('id'));
    kickOutbox(c.var.deps, c.var.defer);
    return c.redirect('/app/delivery?state=pending&retried=1', 303);
  });

  return app;
}
