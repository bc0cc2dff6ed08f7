import { Hono, type Context } from 'hono';
import { kickOutbox } from '../../delivery/kick.ts';
import { DomainError } from '../../domain/errors.ts';
import { parseDecimal } from '../../domain/metrics.ts';
import { loadReviewDueView } from '../../views/followup-view.ts';
import { kitOf, page } from '../context/render.ts';
import type { WebEnv } from '../env.ts';
import { actRecordReview } from './act-verbs.ts';
import { messagesOf, one } from './form-bits.ts';
import { reviewFormBody } from './review-form.ts';

/** The review as its form shows it, after the rules recordReview applies (the owner, while open), said before the form opens. */
async function recordable(c: Context<WebEnv>, scheduleId: string) {
  const { deps, viewer: v } = c.var;
  const review = await deps.repos.reviews.get(v.workspace.id, scheduleId);
  if (!review) throw new DomainError('not_found', 'error.not_found');
  if (review.ownerId !== v.person.id) throw new DomainError('forbidden', 'error.review_owner_only');
  if (review.status === 'done' || review.status === 'cancelled') throw new DomainError('closed', 'error.review_already_recorded');
  const view = await loadReviewDueView(deps.db, v.workspace.id, scheduleId, { locale: c.var.locale, timeZone: v.timeZone, publicUrl: deps.config.publicUrl }, deps.clock.now());
  if (!view) throw new DomainError('not_found', 'error.not_found');
  return view;
}

function formPage(c: Context<WebEnv>, view: Awaited<ReturnType<typeof recordable>>, typed: Record<string, string>, err: DomainError | null) {
  const kit = kitOf(c);
  const body = reviewFormBody(kit, view, typed, messagesOf(kit, err?.fields ?? []));
  return page(c, { title: kit.t('webact.review_title'), active: 'approvals', body }, err ? 400 : 200);
}

/** GET/POST /app/reviews/:id/record: the owner records the follow-up review through recordReview, as from the chat card. */
export function reviewRoutes() {
  const app = new Hono<WebEnv>();
  app.get('/:id/record', async (c) => formPage(c, await recordable(c, c.req.param('id')), {}, null));
  app.post('/:id/record', async (c) => {
    const id = c.req.param('id');
    const view = await recordable(c, id);
    const body = await c.req.parseBody();
    const typed: Record<string, string> = { evidenceUrl: one(body.evidenceUrl), comment: one(body.comment) };
    const values: Record<string, number | null> = {};
    for (const m of view.metrics) {
      typed[`values.${m.id}`] = one(body[`values.${m.id}`]);
      values[m.id] = parseDecimal(typed[`values.${m.id}`]);
    }
    try {
      await actRecordReview(c.var.deps, c.var.viewer, id, { values, evidenceUrl: typed.evidenceUrl || null, comment: typed.comment || null });
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
      return formPage(c, view, typed, err);
    }
    kickOutbox(c.var.deps, c.var.defer);
    return c.redirect('/app/approvals?done=reviewed', 303);
  });
  return app;
}
