import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { kickOutbox } from '../../delivery/kick.ts';
import { listMetricTemplates } from '../../db/queries/metric-templates.ts';
import { DomainError } from '../../domain/errors.ts';
import type { MetricTemplate } from '../../domain/metric-templates.ts';
import { offeredKey } from '../../web/act/form-templates.ts';
import { actDecide, actRecordReview, actResubmit, actSubmit, type OutcomeInput } from '../../web/act/act-verbs.ts';
import type { Viewer } from '../../web/env.ts';
import type { ApiEnv, Principal } from '../env.ts';
import { ERRORS } from '../schemas/common.ts';
import { CONFLICT, Decided, DecisionIn, OutcomeIn, PERSON, Reviewed, ReviewIn, Submitted } from '../schemas/outcome-actions.ts';
import { validationHook } from '../validation.ts';

const json = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const answer = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.string().min(1).max(100) });
const PERSON_ONLY = 'Acts as the signed-in person (the web session), with the roles and errors chat has; a workspace token gets 403.';

const submit = createRoute({
  method: 'post', path: '/outcomes', summary: 'Submit an outcome', security: PERSON,
  description: `${PERSON_ONLY} The SMART check reports every problem with its field. An \`Idempotency-Key\` header makes a repeated request store once (\`duplicate: true\`).`,
  request: { ...json(OutcomeIn), headers: z.object({ 'idempotency-key': z.string().max(200).optional() }) },
  responses: { 201: answer('Submitted; the reviewer is asked', Submitted), ...ERRORS },
});
const resubmit = createRoute({
  method: 'post', path: '/outcomes/{id}/resubmissions', summary: 'Edit and resubmit an outcome after changes were requested', security: PERSON,
  description: `${PERSON_ONLY} Only the submitter; the edited outcome becomes a new round at the manager.`,
  request: { params: idParam, ...json(OutcomeIn) },
  responses: { 201: answer('Resubmitted as a new round', Submitted), ...ERRORS, ...CONFLICT },
});
const decide = createRoute({
  method: 'post', path: '/outcomes/{id}/decisions', summary: 'Decide the current review stage (approve, request changes, reject)', security: PERSON,
  description: `${PERSON_ONLY} The manager decides stage 1, a PMO reviewer stage 2; approving needs the three scores, the other two a comment. The chat cards are updated.`,
  request: { params: idParam, ...json(DecisionIn) },
  responses: { 201: answer('Decided', Decided), ...ERRORS, ...CONFLICT },
});
const review = createRoute({
  method: 'post', path: '/outcomes/{id}/reviews', summary: 'Record a follow-up (90-day) review', security: PERSON,
  description: `${PERSON_ONLY} Only the outcome’s owner, while the review is open; every metric needs its actual value.`,
  request: { params: idParam, ...json(ReviewIn) },
  responses: { 201: answer('Recorded', Reviewed), ...ERRORS, ...CONFLICT },
});

/** The person behind the call; a token is refused (decisions and submissions are a person's). */
function personOf(p: Principal): Viewer {
  if (p.kind !== 'session') throw new DomainError('forbidden', 'api.person_required');
  return p.viewer;
}

/** The verb's field names as the API's body names them (`projectId` → `project_id`, `evidence.0.ref` → `links.0`). */
const apiField = (f: string) => f.replace(/^evidence\.(\d+)\.ref$/, 'links.$1').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
async function inApiTerms<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof DomainError && err.fields.length) throw new DomainError(err.code, err.messageKey, err.params, err.fields.map((f) => ({ ...f, field: apiField(f.field) })));
    throw err;
  }
}

const inputOf = (b: z.infer<typeof OutcomeIn>, templates: readonly MetricTemplate[]): OutcomeInput => ({
  title: b.title,
  description: b.description,
  indicatorClass: b.indicator_class,
  projectId: b.project_id,
  reviewerId: b.reviewer_id,
  dueDate: b.due_date,
  metrics: b.metrics.map(({ template_key, ...m }) => ({ ...m, templateKey: offeredKey(templates, template_key) })),
  links: b.links,
});

/** POST /outcomes, /outcomes/{id}/resubmissions, /outcomes/{id}/decisions and /outcomes/{id}/reviews: the web's verbs (src/web/act) as JSON. */
export function outcomeActionRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(submit, async (c) => {
    const v = personOf(c.var.principal);
    const r = await inApiTerms(actSubmit(c.var.deps, v, inputOf(c.req.valid('json'), await listMetricTemplates(c.var.deps.db, v.workspace.id)), c.req.valid('header')['idempotency-key'] ?? null));
    kickOutbox(c.var.deps, c.var.defer);
    return c.json({ id: r.outcomeId, round: 1, status: 'submitted', duplicate: r.duplicate }, 201);
  });
  app.openapi(resubmit, async (c) => {
    const v = personOf(c.var.principal);
    const r = await inApiTerms(actResubmit(c.var.deps, v, c.req.valid('param').id, inputOf(c.req.valid('json'), await listMetricTemplates(c.var.deps.db, v.workspace.id))));
    kickOutbox(c.var.deps, c.var.defer);
    return c.json({ id: r.outcomeId, round: r.round, status: 'submitted', duplicate: false }, 201);
  });
  app.openapi(decide, async (c) => {
    const v = personOf(c.var.principal);
    const b = c.req.valid('json');
    const r = await actDecide(c.var.deps, v, c.req.valid('param').id, { decision: b.decision, comment: b.comment ?? null, scores: b.scores ?? null, round: b.round, stage: b.stage });
    kickOutbox(c.var.deps, c.var.defer);
    return c.json({ status: r.status, stage: r.stage }, 201);
  });
  app.openapi(review, async (c) => {
    const v = personOf(c.var.principal);
    const b = c.req.valid('json');
    const schedule = await c.var.deps.repos.reviews.get(v.workspace.id, b.schedule_id);
    if (!schedule || schedule.outcomeId !== c.req.valid('param').id) throw new DomainError('not_found', 'error.not_found');
    const r = await inApiTerms(actRecordReview(c.var.deps, v, b.schedule_id, { values: b.values, evidenceUrl: b.evidence_url ?? null, comment: b.comment ?? null }));
    kickOutbox(c.var.deps, c.var.defer);
    return c.json({ alerts: r.alerts.length }, 201);
  });
  return app;
}
