import { outcomeTemplateKeys } from '../../db/queries/metric-templates.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../../deps.ts';
import { loadOutcomeView } from '../../views/outcome-view.ts';
import type { Viewer } from '../env.ts';

/**
 * An outcome the viewer may edit and resubmit, with the reviewer to offer: the rules of
 * resubmitOutcome said before the form opens (only the submitter, only after "request changes").
 */
export async function loadEditable(deps: Deps, v: Viewer, outcomeId: string) {
  const record = await deps.verbs.outcomes.get(v.workspace.id, outcomeId);
  if (!record) throw new DomainError('not_found', 'error.not_found');
  if (record.submitterId !== v.person.id) throw new DomainError('forbidden', 'error.forbidden');
  if (record.status !== 'changes_requested') throw new DomainError('illegal_transition', 'error.illegal_transition', { from: record.status, action: 'resubmit' });
  const view = await loadOutcomeView(deps.db, v.workspace.id, outcomeId, { timeZone: v.timeZone, publicUrl: deps.config.publicUrl });
  if (!view) throw new DomainError('not_found', 'error.not_found');
  return { view, reviewerId: v.person.managerId ?? record.reviewerId, templateKeys: await outcomeTemplateKeys(deps.db, v.workspace.id, outcomeId) };
}
