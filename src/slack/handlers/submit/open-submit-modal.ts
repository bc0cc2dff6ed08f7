import { renderSubmitModal, type SubmitModalProps } from '../../../../cards/slack/submit-modal.ts';
import { personById } from '../../../db/queries/people.ts';
import { listProjects } from '../../../db/queries/projects.ts';
import { loadOutcomeView } from '../../../views/outcome-view.ts';
import { asModal } from '../../reply.ts';
import type { Member, SlackScope } from '../../context.ts';

/** What the submit handler needs back from the modal (private_metadata). */
export type SubmitMeta = { mode: 'submit' } | { mode: 'edit'; o: string; r: number };

/** Parses private_metadata; anything unexpected means a plain new submission. */
export function readSubmitMeta(raw: string | undefined): SubmitMeta {
  try {
    const m = JSON.parse(raw ?? '') as Record<string, unknown>;
    if (m.mode === 'edit' && typeof m.o === 'string' && Number.isInteger(m.r)) return { mode: 'edit', o: m.o, r: m.r as number };
  } catch {
    /* not ours: treat as new */
  }
  return { mode: 'submit' };
}

async function addressOf(scope: SlackScope, personId: string | null): Promise<string | null> {
  return personId ? ((await personById(scope.deps.db, scope.workspace.id, personId))?.platformUserId ?? null) : null;
}

/** The modal's contents: projects, the mapped manager as reviewer, and when editing the outcome as it is. */
async function modalProps(scope: SlackScope, member: Member, edit: { outcomeId: string; round: number } | null): Promise<SubmitModalProps> {
  const projects = await listProjects(scope.deps.db, scope.workspace.id);
  const manager = await addressOf(scope, member.row.managerId);
  if (!edit) return { privateMetadata: JSON.stringify({ mode: 'submit' } satisfies SubmitMeta), editing: false, projects, reviewerId: manager };
  const view = await loadOutcomeView(scope.deps.db, scope.workspace.id, edit.outcomeId, { timeZone: member.timeZone, publicUrl: scope.deps.config.publicUrl });
  const lastManager = view?.reviews.filter((r) => r.stage === 'manager').at(-1)?.reviewer.address ?? null;
  return {
    privateMetadata: JSON.stringify({ mode: 'edit', o: edit.outcomeId, r: edit.round } satisfies SubmitMeta),
    editing: true,
    projects,
    reviewerId: manager ?? lastManager,
    initial: view
      ? {
          title: view.title,
          description: view.description,
          indicatorClass: view.indicatorClass,
          projectId: view.project?.id ?? null,
          dueDate: view.dueText,
          metrics: view.metrics,
          links: view.evidence.filter((e) => e.kind === 'link' && e.url).map((e) => e.url!),
          filesKept: view.evidence.filter((e) => e.kind !== 'link').length,
        }
      : undefined,
  };
}

/** Opens the submit (or edit) modal; must run inside the 3-second trigger_id window. */
export async function openSubmitModal(scope: SlackScope, member: Member, triggerId: string, edit: { outcomeId: string; round: number } | null = null): Promise<void> {
  const props = await modalProps(scope, member, edit);
  await scope.client.views.open({ trigger_id: triggerId, view: asModal(renderSubmitModal(member.cards, props)) });
}
