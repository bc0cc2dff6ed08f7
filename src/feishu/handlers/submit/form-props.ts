import { FORM_FIELDS, metricField, type FormCardProps, type FormError } from '../../../../cards/feishu/form-card.ts';
import type { OutcomeView } from '../../../../cards/view.ts';
import type { Deps, DepsCore } from '../../../deps.ts';
import type { PersonRef, WorkspaceContext } from '../../../domain/ports.ts';
import { listKeyResultOptions, outcomeKeyResultId } from '../../../db/queries/key-result-options.ts';
import { listMetricTemplates } from '../../../db/queries/metric-templates.ts';
import { webSubmitUrl } from '../../../views/web-links.ts';
import { directManager, reviewerChoices } from '../../adapter/contact.ts';
import { listProjects } from '../../projects.ts';

type AnyDeps = Deps | DepsCore;

/** A fresh nonce per form card, carried by its submit button (see form-action.ts). */
export const newNonce = () => crypto.randomUUID().replace(/-/g, '').slice(0, 16);

/** Props of a form with the given values and errors (projects, key results, templates and reviewer choices read fresh). */
export async function formProps(deps: AnyDeps, workspace: WorkspaceContext, member: PersonRef, p: Pick<FormCardProps, 'mode' | 'nonce' | 'values' | 'errors'>): Promise<FormCardProps> {
  const [projects, reviewers, keyResults, templates] = await Promise.all([
    listProjects(deps, workspace.id),
    reviewerChoices(deps, workspace.id, member, p.values[FORM_FIELDS.reviewer] ?? null),
    listKeyResultOptions(deps.db, workspace.id),
    listMetricTemplates(deps.db, workspace.id),
  ]);
  return { ...p, projects, reviewers, keyResults, templates, webFormUrl: p.mode.kind === 'new' ? webSubmitUrl(deps.config.publicUrl) : null };
}

/**
 * A new, empty form with the reviewer prefilled: the manual mapping, else the org chart's
 * direct manager. `lookup` asks the contact API (only outside the 3-second callback).
 */
export async function newFormProps(deps: AnyDeps, workspace: WorkspaceContext, member: PersonRef, opts: { lookup: boolean }): Promise<FormCardProps> {
  const manager = await directManager(deps, workspace, member, opts);
  const values: Record<string, string> = manager ? { [FORM_FIELDS.reviewer]: manager.address } : {};
  return formProps(deps, workspace, member, { mode: { kind: 'new' }, nonce: newNonce(), values, errors: [] });
}

/** The values of a stored outcome, to edit and resubmit. */
export function valuesOf(o: OutcomeView, reviewer: string | null, keyResultId: string | null = null): Record<string, string> {
  const v: Record<string, string> = { [FORM_FIELDS.title]: o.title, [FORM_FIELDS.description]: o.description };
  if (keyResultId) v[FORM_FIELDS.keyResult] = keyResultId;
  if (o.indicatorClass) v[FORM_FIELDS.indicator] = o.indicatorClass;
  if (o.project) v[FORM_FIELDS.project] = o.project.id;
  if (o.dueText) v[FORM_FIELDS.due] = o.dueText;
  o.metrics.slice(0, 3).forEach((m, slot) => {
    v[metricField(slot, 'name')] = m.name;
    v[metricField(slot, 'unit')] = m.unit;
    v[metricField(slot, 'direction')] = m.direction;
    v[metricField(slot, 'baseline')] = String(m.baseline);
    v[metricField(slot, 'target')] = String(m.target);
    if (m.actual !== null) v[metricField(slot, 'actual')] = String(m.actual);
  });
  const links = o.evidence.filter((e) => e.kind === 'link' && e.url).map((e) => e.url);
  if (links.length) v[FORM_FIELDS.evidence] = links.join('\n');
  if (reviewer) v[FORM_FIELDS.reviewer] = reviewer;
  return v;
}

/** The edit form for an outcome whose reviewer asked for changes, with their comment on top. */
export async function editFormProps(deps: AnyDeps, workspace: WorkspaceContext, member: PersonRef, o: OutcomeView, errors: FormError[] = []): Promise<FormCardProps> {
  const asked = [...o.reviews].reverse().find((r) => r.decision === 'request_changes') ?? null;
  const manager = await directManager(deps, workspace, member, { lookup: false });
  const firstReviewer = o.reviews.find((r) => r.stage === 'manager')?.reviewer.address ?? null;
  return formProps(deps, workspace, member, {
    mode: { kind: 'edit', outcomeId: o.id, round: o.round, comment: asked?.comment ?? null },
    nonce: newNonce(),
    values: valuesOf(o, manager?.address ?? firstReviewer, await outcomeKeyResultId(deps.db, workspace.id, o.id)),
    errors,
  });
}
