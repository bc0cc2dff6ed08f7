import { assertAdmin, type AuditedActor } from './admin-rights.ts';
import { assertNoFieldErrors, type FieldError } from './errors.ts';
import type { AuditEntry, ManagerChange, PeopleDirectory, VerbContext, WorkspaceContext } from './ports.ts';

export interface SetManagerInput {
  workspace: WorkspaceContext;
  installedBy: string | null;
  actor: AuditedActor;
  /** One or more people (person ids) and their new manager; null clears a manual mapping. */
  changes: ManagerChange[];
}

/** A chain longer than this is treated as a loop (no org chart is that deep; a bad row must not spin). */
const MAX_CHAIN = 1000;

/**
 * Field problems of manager changes, checked against the workspace as it will be after all
 * of them: both people exist here, nobody manages themselves, and no chain of managers loops
 * back to the person (A → B → A, or longer). Fields are `managers.<personId>`.
 */
export async function validateManagerChanges(people: Pick<PeopleDirectory, 'person'>, workspaceId: string, changes: ManagerChange[]): Promise<FieldError[]> {
  const next = new Map(changes.map((c) => [c.personId, c.managerId]));
  const managerOf = async (id: string): Promise<string | null> => (next.has(id) ? next.get(id)! : ((await people.person(workspaceId, id))?.managerId ?? null));
  const problems: FieldError[] = [];
  for (const { personId, managerId } of changes) {
    const field = `managers.${personId}`;
    if (!(await people.person(workspaceId, personId)) || (managerId !== null && !(await people.person(workspaceId, managerId)))) {
      problems.push({ field, key: 'manager.unknown' });
    } else if (managerId === personId) {
      problems.push({ field, key: 'manager.self' });
    } else {
      let steps = 0;
      for (let m = managerId; m; m = await managerOf(m)) {
        if (m === personId || ++steps > MAX_CHAIN) {
          problems.push({ field, key: 'manager.cycle' });
          break;
        }
      }
    }
  }
  return problems;
}

/**
 * An admin maps people to their managers (a manual mapping wins over the org chart). The
 * verb checks the admin itself, then every change; a refused change writes nothing. Each
 * change is stored with an audit entry naming the actor, atomically.
 */
export async function setManager({ ctx, input }: { ctx: VerbContext; input: SetManagerInput }): Promise<void> {
  const { workspace, actor } = input;
  assertAdmin(workspace.settings, input.installedBy, actor);
  assertNoFieldErrors(await validateManagerChanges(ctx.people, workspace.id, input.changes));
  if (input.changes.length === 0) return;
  const at = ctx.clock.now();
  const audit: AuditEntry[] = input.changes.map((c) => ({ entity: 'person', entityId: c.personId, action: 'set_manager', actorId: actor.id, fromStatus: null, toStatus: null, comment: c.managerId, at, via: ctx.via }));
  await ctx.people.saveManagers(workspace.id, input.changes, audit);
}
