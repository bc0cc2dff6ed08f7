import { renderSubmitModal, type SubmitModalProps } from '../../../../cards/slack/submit-modal.ts';
import { listKeyResultOptions, outcomeKeyResultId } from '../../../db/queries/key-result-options.ts';
import { listMetricTemplates, outcomeTemplateKeys } from '../../../db/queries/metric-templates.ts';
import { personById } from '../../../db/queries/people.ts';
import { listProjects } from '../../../db/queries/projects.ts';
import type { MetricTemplate } from '../../../domain/metric-templates.ts';
import { webSubmitUrl } from '../../../views/web-links.ts';
import { loadOutcomeView } from '../../../views/outcome-view.ts';
import { asModal } from '../../reply.ts';
import type { Member, SlackScope } from '../../context.ts';
import { newSubmitMeta, type SubmitMeta, type SubmitTarget } from './submit-meta.ts';

export { readSubmitMeta, type SubmitMeta } from './submit-meta.ts';

async function addressOf(scope: SlackScope, personId: string | null): Promise<string | null> {
  return personId ? ((await personById(scope.deps.db, scope.workspace.id, personId))?.platformUserId ?? null) : null;
}

/** What every drawing of the modal lists: projects, key results, templates, and the web form link. */
export async function modalLists(scope: SlackScope, meta: SubmitMeta): Promise<Pick<SubmitModalProps, 'projects' | 'keyResults' | 'templates' | 'webFormUrl'> & { all: MetricTemplate[] }> {
  const { db } = scope.deps;
  const [projects, keyResults, all] = await Promise.all([listProjects(db, scope.workspace.id), listKeyResultOptions(db, scope.workspace.id), listMetricTemplates(db, scope.workspace.id)]);
  return { projects, keyResults, all, templates: all, webFormUrl: meta.mode === 'submit' ? webSubmitUrl(scope.deps.config.publicUrl) : null };
}

/** The modal as it opens: the mapped manager as reviewer, and when editing the outcome as it is. */
async function modalProps(scope: SlackScope, member: Member, edit: { outcomeId: string; round: number } | null): Promise<SubmitModalProps> {
  const manager = await addressOf(scope, member.row.managerId);
  const target: SubmitTarget = edit ? { mode: 'edit', o: edit.outcomeId, r: edit.round } : { mode: 'submit' };
  if (!edit) {
    const meta = newSubmitMeta(target);
    const { all: _all, ...lists } = await modalLists(scope, meta);
    return { ...lists, privateMetadata: JSON.stringify(meta), editing: false, reviewerId: manager, rows: meta.n };
  }
  const view = await loadOutcomeView(scope.deps.db, scope.workspace.id, edit.outcomeId, { timeZone: member.timeZone, publicUrl: scope.deps.config.publicUrl });
  const lastManager = view?.reviews.filter((r) => r.stage === 'manager').at(-1)?.reviewer.address ?? null;
  const filesKept = view?.evidence.filter((e) => e.kind !== 'link').length ?? 0;
  const keys = await outcomeTemplateKeys(scope.deps.db, scope.workspace.id, edit.outcomeId);
  const meta = { ...newSubmitMeta(target, view?.metrics.length ?? 1, filesKept) };
  meta.t = meta.t.map((_, i) => keys[i] ?? null);
  const { all: _all, ...lists } = await modalLists(scope, meta);
  return {
    ...lists,
    privateMetadata: JSON.stringify(meta),
    editing: true,
    rows: meta.n,
    templateKeys: meta.t,
    reviewerId: manager ?? lastManager,
    initial: view
      ? {
          title: view.title,
          description: view.description,
          indicatorClass: view.indicatorClass,
          projectId: view.project?.id ?? null,
          keyResultId: await outcomeKeyResultId(scope.deps.db, scope.workspace.id, edit.outcomeId),
          dueDate: view.dueText,
          metrics: view.metrics,
          links: view.evidence.filter((e) => e.kind === 'link' && e.url).map((e) => e.url!),
          filesKept,
        }
      : undefined,
  };
}

/** Opens the submit (or edit) modal; must run inside the 3-second trigger_id window. */
export async function openSubmitModal(scope: SlackScope, member: Member, triggerId: string, edit: { outcomeId: string; round: number } | null = null): Promise<void> {
  const props = await modalProps(scope, member, edit);
  await scope.client.views.open({ trigger_id: triggerId, view: asModal(renderSubmitModal(member.cards, props)) });
}
