import { Hono, type Context } from 'hono';
import { listProjects } from '../../db/queries/projects.ts';
import { kickOutbox } from '../../delivery/kick.ts';
import { DomainError } from '../../domain/errors.ts';
import { kitOf, page } from '../context/render.ts';
import type { WebEnv } from '../env.ts';
import { listPeople } from '../queries/settings.ts';
import { actDecide, actResubmit, actSubmit, type OutcomeInput } from './act-verbs.ts';
import { decisionOf } from './decision-input.ts';
import { messagesOf, one } from './form-bits.ts';
import { applyTemplate, offeredKey } from './form-templates.ts';
import { listMetricTemplates } from '../../db/queries/metric-templates.ts';
import { inboxBody, type InboxProblem } from './inbox-page.ts';
import { loadInbox } from './inbox-query.ts';
import { similarOutcomesHint } from '../../views/similar-hint.ts';
import { outcomeFormBody, type OutcomeFormView } from './outcome-form.ts';
import { formFromView, formOf, inputOf, METRIC_ROWS, onForm, type OutcomeForm } from './outcome-form-input.ts';
import { reviewRoutes } from './review-routes.ts';
import { loadEditable } from './editable.ts';

const DONE = new Set(['approve', 'request_changes', 'reject', 'submitted', 'resubmitted', 'reviewed']);

/** A refusal the form shows beside its fields (400), rather than the error page. */
export const isFormProblem = (err: unknown): err is DomainError => err instanceof DomainError && (err.code === 'validation_failed' || err.code === 'comment_required');

async function inboxPage(c: Context<WebEnv>, problem: InboxProblem | null = null) {
  const kit = kitOf(c);
  const done = c.req.query('done') ?? '';
  const body = inboxBody(kit, await loadInbox(c.var.deps, c.var.viewer), c.var.deps.clock.now(), DONE.has(done) ? done : null, problem);
  return page(c, { title: kit.t('webact.inbox_title'), active: 'approvals', body }, problem ? 400 : 200);
}

async function formPage(c: Context<WebEnv>, mode: OutcomeFormView['mode'], form: OutcomeForm, err: DomainError | null = null, map: (e: DomainError) => DomainError['fields'] = (e) => e.fields) {
  const kit = kitOf(c);
  const ws = c.var.viewer.workspace.id;
  const [projects, people, templates] = await Promise.all([listProjects(c.var.deps.db, ws), listPeople(c.var.deps.db, c.var.viewer), listMetricTemplates(c.var.deps.db, ws)]);
  const messages = messagesOf(kit, err ? (err.fields.length ? map(err) : [{ field: 'form', key: err.messageKey, params: err.params }]) : []);
  const others = people.filter((p) => p.id !== c.var.viewer.person.id);
  const text = `${form.title ?? ''} ${form.description ?? ''}`.trim();
  const similar = text ? ((await similarOutcomesHint(c.var.deps.db, ws, text, c.var.locale))?.text ?? null) : undefined;
  const title = kit.t(mode.kind === 'edit' ? 'slack.modal.edit_title' : 'slack.modal.submit_title');
  return page(c, { title, active: 'approvals', body: outcomeFormBody(kit, { mode, form, projects, people: others, messages, templates, similar }) }, err ? 400 : 200);
}

/**
 * A posted submit / edit form: "use this template" shows it again with that metric row filled in;
 * otherwise the outcome goes to the verb (only template keys the workspace offers are kept).
 */
async function postOutcome(c: Context<WebEnv>, mode: OutcomeFormView['mode'], act: (input: OutcomeInput, form: OutcomeForm) => Promise<unknown>, done: string) {
  const body = await c.req.parseBody();
  const templates = await listMetricTemplates(c.var.deps.db, c.var.viewer.workspace.id);
  const form = formOf(body);
  const apply = Number(one(body.apply));
  if (one(body.apply) && Number.isInteger(apply) && apply >= 0 && apply < METRIC_ROWS) return formPage(c, mode, applyTemplate(form, templates, apply, c.var.locale));
  // "Show similar outcomes": the same form again, with the hint for the typed title.
  if (one(body.similar)) return formPage(c, mode, form);
  const { input, metricRows, linkInputs } = inputOf(form);
  try {
    await act({ ...input, metrics: input.metrics.map((m) => ({ ...m, templateKey: offeredKey(templates, m.templateKey) })) }, form);
  } catch (err) {
    if (!isFormProblem(err)) throw err;
    return formPage(c, mode, form, err, (e) => onForm(e.fields, metricRows, linkInputs));
  }
  kickOutbox(c.var.deps, c.var.defer);
  return c.redirect(`/app/approvals?done=${done}`, 303);
}

/**
 * Acting on the web (design.md §12): the approvals inbox and its decisions, submitting, editing
 * and resubmitting an outcome, and recording a follow-up review. Every write calls the verb chat
 * calls (act-verbs.ts), then kicks the outbox so the chat cards follow; a refused form comes back
 * with each problem beside its field and nothing stored. Cross-site posts are refused before
 * this (the Origin check of src/web/routes.ts).
 */
export function actRoutes() {
  const app = new Hono<WebEnv>();

  app.get('/approvals', (c) => inboxPage(c));

  app.post('/approvals/:id/decide', async (c) => {
    const id = c.req.param('id');
    const decision = decisionOf(await c.req.parseBody());
    try {
      await actDecide(c.var.deps, c.var.viewer, id, decision);
    } catch (err) {
      if (!isFormProblem(err)) throw err;
      const kit = kitOf(c);
      const messages = err.fields.length ? [...messagesOf(kit, err.fields).values()] : [kit.t(err.messageKey, err.params)];
      return inboxPage(c, { outcomeId: id, messages });
    }
    kickOutbox(c.var.deps, c.var.defer);
    return c.redirect(`/app/approvals?done=${decision.decision}`, 303);
  });

  app.get('/outcomes/new', (c) => formPage(c, { kind: 'submit' }, { reviewerId: c.var.viewer.person.managerId ?? '', nonce: crypto.randomUUID(), 'metrics.0.direction': 'increase' }));
  app.post('/outcomes/new', (c) => postOutcome(c, { kind: 'submit' }, (input, form) => actSubmit(c.var.deps, c.var.viewer, input, form.nonce || null), 'submitted'));

  app.get('/outcomes/:id/edit', async (c) => {
    const { view, reviewerId, templateKeys } = await loadEditable(c.var.deps, c.var.viewer, c.req.param('id'));
    return formPage(c, { kind: 'edit', outcomeId: view.id }, formFromView(view, view.dueText, reviewerId, templateKeys));
  });
  app.post('/outcomes/:id/edit', (c) => postOutcome(c, { kind: 'edit', outcomeId: c.req.param('id') }, (input) => actResubmit(c.var.deps, c.var.viewer, c.req.param('id'), input), 'resubmitted'));

  app.route('/reviews', reviewRoutes());
  return app;
}
