import type { Db } from '../db/client.ts';
import { actionById, peopleIn, retrospectiveById } from '../db/queries/retro.ts';
import { markActionDone, saveConclusions } from '../db/repos/retro-repo.ts';
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
