import { assertAdmin, type AuditedActor } from './admin-rights.ts';
import { assertAwayPeriod } from './approval-rules.ts';
import type { ApprovalStore } from './approval-store.ts';
import { DomainError } from './errors.ts';
import type { VerbContext, WorkspaceContext } from './ports.ts';

export interface SetAwayInput {
  workspace: WorkspaceContext;
  installedBy: string | null;
  actor: AuditedActor;
  /** Whose period it is: the actor's own, or anyone's for an admin. */
  personId: string;
  /** From/until are calendar days `YYYY-MM-DD`, inclusive; null clears the period. */
  away: { delegateId: string | null; awayFrom: string; awayUntil: string } | null;
}

/**
 * Out of office: while away, the stand-in receives the person's new approvals and the
 * reminders of those waiting for them. Set by the person or an admin; the stand-in must be
 * another person of the workspace.
 */
export async function setAway({ ctx, store, input }: { ctx: VerbContext; store: ApprovalStore; input: SetAwayInput }) {
  const { workspace, actor, away } = input;
  if (input.personId !== actor.id) assertAdmin(workspace.settings, input.installedBy, actor);
  const person = await ctx.people.person(workspace.id, input.personId);
  if (!person) throw new DomainError('not_found', 'error.not_found');
  if (away) {
    assertAwayPeriod(person.id, away);
    if (!(await ctx.people.person(workspace.id, away.delegateId!)))
      throw new DomainError('validation_failed', 'approval.delegate_unknown_person', {}, [{ field: 'delegate', key: 'approval.delegate_unknown_person' }]);
  }
  const at = ctx.clock.now();
  await store.setAway(workspace.id, person.id, away, {
    entity: 'person',
    entityId: person.id,
    action: away ? 'away_set' : 'away_cleared',
    actorId: actor.id,
    fromStatus: null,
    toStatus: null,
    comment: away ? `${away.awayFrom}..${away.awayUntil} → ${away.delegateId}` : null,
    at,
    via: ctx.via,
  });
  return { personId: person.id, away };
}
