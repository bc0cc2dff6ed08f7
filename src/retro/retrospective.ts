import type { Db } from '../db/client.ts';
import { actionById, peopleIn, retrospectiveById } from '../db/queries/retro.ts';
import { markActionDone, saveConclusions, setProjectKinds } from '../db/repos/retro-repo.ts';
import { cleanText } from '../domain/clean-text.ts';
import { DomainError, assertNoFieldErrors } from '../domain/errors.ts';
import type { Clock } from '../domain/ports.ts';
import { checkConclusions, type ActionInput } from '../domain/retro-conclusions.ts';

/** Who acts on a retrospective: their person id (null for an API token) and whether they are PMO or admin. */
export interface RetroActor {
  personId: string | null;
  pmo: boolean;
}

/**
 * The PMO (or an admin) records a retrospective's conclusions and new actions after the
 * meeting. Anyone else: forbidden; a bad field: validation_failed; nothing stored either way.
 */
export async function recordConclusions(deps: { db: Db; clock: Clock }, workspaceId: string, retrospectiveId: string, actor: RetroActor, input: { conclusions?: unknown; actions?: readonly ActionInput[] }): Promise<void> {
  if (!actor.pmo) throw new DomainError('forbidden', 'retro.pmo_only');
  const retro = await retrospectiveById(deps.db, workspaceId, retrospectiveId);
  if (!retro) throw new DomainError('not_found', 'error.not_found');
  const owners = (input.actions ?? []).map((a) => a.ownerId).filter((id): id is string => typeof id === 'string');
  const { conclusions, actions, problems } = checkConclusions(input, await peopleIn(deps.db, workspaceId, owners));
  assertNoFieldErrors(problems);
  await saveConclusions(deps.db, workspaceId, retro.id, { conclusions, actions, by: actor.personId, at: deps.clock.now() });
}

/**
 * An action's owner (or the PMO) marks it done; its reminders stop. Done already: nothing
 * changes and it says so (`changed: false`), so a double click is harmless.
 */
export async function completeAction(deps: { db: Db; clock: Clock }, workspaceId: string, actionId: string, actor: RetroActor) {
  const a = await actionById(deps.db, workspaceId, actionId);
  if (!a) throw new DomainError('not_found', 'error.not_found');
  if (!actor.pmo && a.ownerId !== actor.personId) throw new DomainError('forbidden', 'retro.action.owner_only');
  const changed = await markActionDone(deps.db, workspaceId, actionId, actor.personId, deps.clock.now());
  return { action: { ...a, status: 'done' as const }, changed };
}

/** A project type as stored: trimmed, lower-cased Latin letters, at most 40 characters; empty clears it. */
export const PROJECT_KIND_MAX = 40;

/**
 * The PMO (or an admin) names the type of projects (e.g. growth, platform), what the insights
 * group projects by. Anyone else: forbidden; a type too long: validation_failed; nothing changes either way.
 */
export async function nameProjectKinds(deps: { db: Db }, workspaceId: string, actor: RetroActor, kinds: { id: string; kind: string }[]): Promise<void> {
  if (!actor.pmo) throw new DomainError('forbidden', 'retro.pmo_only');
  const clean = kinds.map((k) => ({ id: k.id, kind: cleanText(k.kind).trim().toLowerCase() || null }));
  assertNoFieldErrors(clean.flatMap((k, i) => (k.kind && k.kind.length > PROJECT_KIND_MAX ? [{ field: `projects.${i}.kind`, key: 'retro.project_kind_too_long', params: { max: PROJECT_KIND_MAX } }] : [])));
  await setProjectKinds(deps.db, workspaceId, clean.slice(0, 200));
}
