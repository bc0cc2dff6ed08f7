import type { FormAction } from '../../../../cards/feishu/form-action.ts';
import { FORM_FIELDS, formCard, type FormCardProps, type FormError } from '../../../../cards/feishu/form-card.ts';
import { summaryCard } from '../../../../cards/feishu/notice-cards.ts';
import { keyResultExists } from '../../../db/queries/key-result-options.ts';
import { listMetricTemplates } from '../../../db/queries/metric-templates.ts';
import { kickOutbox } from '../../../delivery/kick.ts';
import { templateKeyFor } from '../../../domain/metric-templates.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { PersonRef } from '../../../domain/ports.ts';
import { resubmitOutcome } from '../../../domain/resubmit-outcome.ts';
import { checkSmart } from '../../../domain/smart.ts';
import { validateReviewer } from '../../../domain/validate-outcome.ts';
import { submitOutcome } from '../../../domain/submit-outcome.ts';
import type { Locale } from '../../../domain/types.ts';
import { feishuPerson, isOpenId, timeZoneOf, type FeishuCtx } from '../../context.ts';
import { feishuOutcomeView } from '../../adapter/outcome-data.ts';
import { ensureProject, projectExists } from '../../projects.ts';
import { renderCard, renderFitted, toastOf } from '../../render.ts';
import type { CardResponse } from '../../inbound/card-response.ts';
import { similarOutcomesHint } from '../../../views/similar-hint.ts';
import { formProps } from './form-props.ts';
import { parseForm, toFormErrors, type ParsedForm } from './parse-form.ts';

/** The submitting person, the clicked card and the form they sent. */
export interface FormSubmission {
  member: PersonRef;
  locale: Locale;
  action: FormAction;
  formValue: unknown;
  openMessageId: string;
}

/** Every problem with the form, found without writing anything. */
async function problemsOf(ctx: FeishuCtx, s: FormSubmission, parsed: ParsedForm): Promise<FormError[]> {
  const problems = [...parsed.errors];
  if (parsed.project?.kind === 'existing' && !(await projectExists(ctx.deps, ctx.workspace.id, parsed.project.id)))
    problems.push({ name: FORM_FIELDS.project, key: 'smart.project_required' });
  const kr = parsed.draft.keyResultId;
  if (kr && !(await keyResultExists(ctx.deps.db, ctx.workspace.id, kr))) problems.push({ name: FORM_FIELDS.keyResult, key: 'template.key_result_unknown' });
  const reviewer = parsed.reviewerOpenId;
  for (const f of validateReviewer(s.member.address, isOpenId(reviewer) ? reviewer : null)) problems.push({ name: FORM_FIELDS.reviewer, key: f.key });
  const smart = checkSmart({ ...parsed.draft, projectId: parsed.project ? 'chosen' : null, ownerId: s.member.id });
  return [...problems, ...toFormErrors(smart, parsed.metricSlots)];
}

/** The form again with the member's values: with a note beside each problem, or (`toast`) after a template filled a metric. */
export async function formAgain(ctx: FeishuCtx, s: FormSubmission, values: Record<string, string>, errors: FormError[], toast?: CardResponse['toast']): Promise<CardResponse> {
  const a = s.action;
  let mode: FormCardProps['mode'] = { kind: 'new' };
  if (a.a === 'resubmit') {
    const view = await feishuOutcomeView(ctx.deps, ctx.workspace.id, a.o, timeZoneOf(s.member, ctx.workspace));
    const asked = view ? [...view.reviews].reverse().find((r) => r.decision === 'request_changes') : undefined;
    mode = { kind: 'edit', outcomeId: a.o, round: a.r, comment: asked?.comment ?? null };
  }
  const props = await formProps(ctx.deps, ctx.workspace, s.member, { mode, nonce: a.n, values, errors });
  // Shown again (a template filled in, or problems to fix): how similar outcomes did, for the title typed.
  const text = `${values[FORM_FIELDS.title] ?? ''} ${values[FORM_FIELDS.description] ?? ''}`.trim();
  const hint = text ? await similarOutcomesHint(ctx.deps.db, ctx.workspace.id, text, s.locale) : null;
  if (hint) props.similarHint = hint.text;
  return {
    toast: toast ?? toastOf('error', 'error.validation_failed', {}, s.locale),
    card: { type: 'raw', data: renderCard((c) => formCard(props, c), s.locale, ctx.deps.config.publicUrl) },
  };
}

/**
 * A submitted form: invalid → the form again with a note next to each field and nothing
 * stored; valid → the outcome is stored (submit, or resubmit after changes were asked),
 * its approval request goes out through the outbox, and the card becomes a summary.
 * The card message id, the form nonce and the clicker make a double submit store once.
 */
export async function submitForm(ctx: FeishuCtx, s: FormSubmission): Promise<CardResponse> {
  const { deps, workspace } = ctx;
  const parsed = parseForm(s.formValue, timeZoneOf(s.member, workspace));
  const problems = await problemsOf(ctx, s, parsed);
  if (problems.length) return formAgain(ctx, s, parsed.values, problems);

  const project = parsed.project!;
  const projectId = project.kind === 'existing' ? project.id : await ensureProject(deps, workspace.id, project.name, project.goLive, s.member.id);
  const reviewer = await feishuPerson(deps, workspace.id, parsed.reviewerOpenId!);
  // A metric still named and measured as a template records that template (the form has no place to remember the pick).
  const templates = await listMetricTemplates(deps.db, workspace.id);
  const metrics = parsed.draft.metrics.map((m) => ({ ...m, templateKey: templateKeyFor(templates, m) }));
  const draft = { ...parsed.draft, metrics, projectId, ownerId: s.member.id };
  let outcomeId: string;
  try {
    if (s.action.a === 'submit') {
      // The click is the clicker's own: a form card several people can see (one posted to a
      // group before forms went to the asker alone) stores one outcome per person.
      outcomeId = (await submitOutcome({ ctx: deps.verbs, input: { workspace, submitter: s.member, reviewer, draft, clientKey: `${s.openMessageId}:${s.action.n}:${s.member.id}` } })).outcomeId;
    } else {
      const current = await deps.verbs.outcomes.get(workspace.id, s.action.o);
      // A double-clicked resubmit finds its own next round already stored: show the summary again.
      const again = current && current.round === s.action.r + 1 && current.submitterId === s.member.id;
      if (current && current.round !== s.action.r && !again) throw new DomainError('already_decided', 'error.already_decided');
      outcomeId = again ? current.id : (await resubmitOutcome({ ctx: deps.verbs, input: { workspace, outcomeId: s.action.o, actor: s.member, reviewer, draft } })).outcomeId;
    }
  } catch (err) {
    if (err instanceof DomainError && err.code === 'validation_failed') return formAgain(ctx, s, parsed.values, toFormErrors(err.fields, parsed.metricSlots));
    throw err;
  }
  kickOutbox(deps, ctx.defer);
  const view = await feishuOutcomeView(deps, workspace.id, outcomeId, timeZoneOf(s.member, workspace));
  const card = view ? renderFitted((c, trim) => summaryCard(view, c, trim), s.locale, deps.config.publicUrl) : null;
  return { toast: toastOf('success', 'feishu.toast.submitted', {}, s.locale), ...(card ? { card: { type: 'raw', data: card } } : {}) };
}
